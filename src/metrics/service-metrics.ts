/**
 * The service tables of a run: services.csv (one row per service and metrics interval),
 * autoscaler.csv (one row per autoscaler decision, with why it did or did not scale),
 * services_summary.csv (one row per service), the summary.csv columns over all services, and
 * cluster.csv's `cpu_used` (requests x busy fraction for service replicas, requests for other
 * pods). A MetricsCollector: the service controller fills it; it computes nothing about queues.
 */
import type { Cluster } from '../model/index.js'
import type { MetricsCollector } from './run-metrics.js'
import { Series } from './series.js'
import { seconds, type Cell, type Table } from './table.js'

export const SERVICE_COLUMNS = ['time_s', 'service', 'offered_rps', 'served_rps', 'dropped_rps', 'replicas_desired', 'replicas_ready', 'cpu_used_frac', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'slo_met'] as const
export const AUTOSCALER_COLUMNS = ['time_s', 'service', 'policy', 'replicas_current', 'metric', 'metric_value', 'target', 'replicas_proposed', 'replicas_final', 'limited_by'] as const

/** One service's figures over the run, for services_summary.csv and the summary. */
export interface ServiceSummary {
  readonly service: string
  readonly policy: string
  readonly latencyModel: string
  readonly routing: string
  readonly offered: number
  readonly served: number
  readonly dropped: number
  readonly latencyMeanMs: number
  readonly p50Ms: number
  readonly p95Ms: number
  readonly p99Ms: number
  /** The SLO threshold counted in `overSlo` (NaN when the service has none). */
  readonly sloMs: number
  readonly overSlo: number
  readonly intervalsSloMet: number
  readonly intervalsWithSlo: number
  readonly replicaSeconds: number
  readonly readyReplicaSeconds: number
  /** Time with at least the desired replicas ready (serving), and the time the service existed. */
  readonly availableSeconds: number
  readonly serviceSeconds: number
}

/** What the controller provides at the end: per service and all-service percentiles. */
export interface ServiceTotals {
  readonly services: readonly ServiceSummary[]
  /** Percentiles over every request of every service (ms). */
  readonly p50Ms: number
  readonly p95Ms: number
  readonly p99Ms: number
}

const r6 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x)

/** Strings of a text column as small integer codes, so rows live in typed arrays until the end. */
class Interned {
  private readonly codes = new Map<string, number>()
  readonly names: string[] = []
  code(s: string): number {
    let c = this.codes.get(s)
    if (c === undefined) {
      c = this.names.length
      this.codes.set(s, c)
      this.names.push(s)
    }
    return c
  }
}

export class ServiceMetrics implements MetricsCollector {
  readonly clusterColumns = ['cpu_used'] as const
  // perf: rows are typed-array columns (text as interned codes) built into CSV rows once, in
  // tables(); a day of 50 HPA services writes 288,000 decisions (bench/services.bench.ts).
  private readonly rows = new Series(SERVICE_COLUMNS, 1024)
  private readonly decisions = new Series(AUTOSCALER_COLUMNS, 1024)
  private readonly text = new Interned()
  private readonly cluster: Cluster
  /** Brings the services up to `nowMs`, writes their rows, and returns the CPU (millicores) service replicas hold but do not use. */
  private readonly beforeSample: (nowMs: number) => number
  private readonly totals: () => ServiceTotals
  private closed: ServiceTotals | undefined

  constructor(cluster: Cluster, beforeSample: (nowMs: number) => number, totals: () => ServiceTotals) {
    this.cluster = cluster
    this.beforeSample = beforeSample
    this.totals = totals
  }

  sample(nowMs: number, out: Float64Array): void {
    const unused = this.beforeSample(nowMs)
    const c = this.cluster
    out[0] = c.readyCpuCapMilli > 0 ? Math.max(0, c.readyCpuReqMilli - unused) / c.readyCpuCapMilli : 0
  }

  addRow(timeMs: number, service: string, offeredRps: number, servedRps: number, droppedRps: number, desired: number, ready: number, cpuUsedFrac: number, p50: number, p95: number, p99: number, sloMet: number): void {
    const t = this.rows
    const r = t.addRow()
    t.set(r, 0, seconds(timeMs))
    t.set(r, 1, this.text.code(service))
    t.set(r, 2, r6(offeredRps))
    t.set(r, 3, r6(servedRps))
    t.set(r, 4, r6(droppedRps))
    t.set(r, 5, desired)
    t.set(r, 6, ready)
    t.set(r, 7, r6(cpuUsedFrac))
    t.set(r, 8, r6(p50))
    t.set(r, 9, r6(p95))
    t.set(r, 10, r6(p99))
    t.set(r, 11, sloMet)
  }

  addDecision(timeMs: number, service: string, policy: string, current: number, metric: string, value: number, target: number, proposed: number, final: number, limitedBy: string): void {
    const t = this.decisions
    const r = t.addRow()
    t.set(r, 0, seconds(timeMs))
    t.set(r, 1, this.text.code(service))
    t.set(r, 2, this.text.code(policy))
    t.set(r, 3, current)
    t.set(r, 4, this.text.code(metric))
    t.set(r, 5, r6(value))
    t.set(r, 6, r6(target))
    t.set(r, 7, proposed)
    t.set(r, 8, final)
    t.set(r, 9, this.text.code(limitedBy))
  }

  /** The rows of a series, with the columns at `textColumns` turned back into their strings. */
  private rowsOf(t: Series<readonly string[]>, textColumns: readonly number[]): Cell[][] {
    const out = new Array<Cell[]>(t.rows)
    const width = t.columns.length
    const names = this.text.names
    for (let r = 0; r < t.rows; r++) {
      const row = new Array<Cell>(width)
      for (let c = 0; c < width; c++) row[c] = t.get(r, c)
      for (const c of textColumns) row[c] = names[row[c] as number]
      out[r] = row
    }
    return out
  }

  close(): void {
    this.closed = this.totals()
  }

  summary(): readonly (readonly [string, Cell])[] {
    const t = this.closed ?? this.totals()
    if (t.services.length === 0) return []
    let offered = 0
    let dropped = 0
    let over = 0
    let replicaS = 0
    let availableS = 0
    let serviceS = 0
    for (const s of t.services) {
      offered += s.offered
      dropped += s.dropped
      over += Number.isNaN(s.sloMs) ? 0 : s.overSlo + s.dropped
      replicaS += s.replicaSeconds
      availableS += s.availableSeconds
      serviceS += s.serviceSeconds
    }
    const policies = [...new Set(t.services.map((s) => s.policy))]
    return [
      ['pod_autoscaler', policies.length === 1 ? policies[0]! : policies.join('+')],
      ['requests_offered', r6(offered)],
      ['latency_p50_ms', r6(t.p50Ms)],
      ['latency_p95_ms', r6(t.p95Ms)],
      ['latency_p99_ms', r6(t.p99Ms)],
      ['slo_violation_frac', offered > 0 ? r6(over / offered) : NaN],
      ['requests_dropped_frac', offered > 0 ? r6(dropped / offered) : NaN],
      ['replica_seconds', r6(replicaS)],
      // Issue 7: the share of service-time with at least the desired replicas ready, time-weighted over services.
      ['availability', serviceS > 0 ? r6(availableS / serviceS) : NaN],
    ]
  }

  tables(): Readonly<Record<string, Table>> {
    const t = this.closed ?? this.totals()
    if (t.services.length === 0) return {}
    const summaryRows = t.services.map((s): Cell[] => [
      s.service, s.policy, s.latencyModel, s.routing, r6(s.offered), r6(s.served), s.offered > 0 ? r6(s.dropped / s.offered) : NaN,
      r6(s.latencyMeanMs), r6(s.p50Ms), r6(s.p95Ms), r6(s.p99Ms), s.sloMs,
      Number.isNaN(s.sloMs) || s.offered <= 0 ? NaN : r6((s.overSlo + s.dropped) / s.offered),
      s.intervalsWithSlo > 0 ? r6(s.intervalsSloMet / s.intervalsWithSlo) : NaN,
      r6(s.replicaSeconds), r6(s.readyReplicaSeconds), s.serviceSeconds > 0 ? r6(s.availableSeconds / s.serviceSeconds) : NaN,
    ])
    return {
      services: { columns: SERVICE_COLUMNS, rows: this.rowsOf(this.rows, [1]) },
      autoscaler: { columns: AUTOSCALER_COLUMNS, rows: this.rowsOf(this.decisions, [1, 2, 4, 9]) },
      services_summary: {
        columns: ['service', 'pod_autoscaler', 'latency_model', 'routing', 'requests_offered', 'requests_served', 'requests_dropped_frac', 'latency_mean_ms',
          'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'slo_ms', 'slo_violation_frac', 'slo_met_frac', 'replica_seconds', 'ready_replica_seconds', 'availability'],
        rows: summaryRows,
      },
    }
  }
}
