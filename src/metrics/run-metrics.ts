/**
 * The metrics of one run: time-weighted allocation and pending-pod means (updated before every
 * change, O(1), no allocation), per-interval samples for cluster.csv, and at the end the three
 * tables summary.csv, cluster.csv and pods.csv.
 *
 * Allocation fractions are requests / capacity over Ready nodes (0 when no node is ready).
 */
import { Cluster, PodPhase, POD_END_NAMES, POD_PHASE_NAMES, type PodId } from '../model/index.js'
import { quantiles } from './percentiles.js'
import { Series } from './series.js'
import { seconds, type Cell, type Table } from './table.js'
import { TimeAverage } from './time-average.js'

/** What the metrics need to know of the run besides the cluster. */
export interface RunInfo {
  readonly name: string
  readonly placementName: string
  readonly seed: string | number
  readonly durationMs: number
  readonly metricsIntervalMs: number
}

const CLUSTER_COLUMNS = ['time_s', 'nodes_ready', 'pods_pending', 'pods_running', 'pods_succeeded', 'pods_failed', 'cpu_alloc', 'mem_alloc', 'gpu_alloc'] as const
const [T, NODES, PENDING, RUNNING, SUCCEEDED, FAILED, CPU, MEM, GPU] = CLUSTER_COLUMNS.map((_, i) => i) as number[] as [number, number, number, number, number, number, number, number, number]
const SIG_CPU = 0
const SIG_MEM = 1
const SIG_GPU = 2
const SIG_PENDING = 3
const SIG_NODES = 4

const MIB = 2 ** 20
const frac = (req: number, cap: number): number => (cap > 0 ? req / cap : 0)

export interface RunTables {
  readonly summary: Table
  readonly cluster: Table
  readonly pods: Table
  /** Nodes rejected during placement, by `plugin: reason` (why pods waited). */
  readonly rejections: Table
  /** Tables of the collectors (e.g. `nodes` for nodes.csv), by file stem, in the order they were added. */
  readonly extra: Readonly<Record<string, Table>>
}

/**
 * A metrics collector a controller adds to the run (nodes and cost, services, ...): its own
 * cluster.csv columns (appended after the built-in ones), summary.csv columns and tables. Add
 * collectors before the first sample.
 */
export interface MetricsCollector {
  readonly clusterColumns: readonly string[]
  /** Writes this sample's values of `clusterColumns` into `out[0..clusterColumns.length)`; no allocation. */
  sample(nowMs: number, out: Float64Array): void
  /** Called once at the end of the run, before `summary` and `tables`. */
  close(endMs: number): void
  /** Extra summary.csv cells, in column order. */
  summary(): readonly (readonly [string, Cell])[]
  /** Extra tables by file stem (`nodes` becomes nodes.csv). */
  tables(): Readonly<Record<string, Table>>
}

export class RunMetrics {
  private readonly cluster: Cluster
  private readonly info: RunInfo
  private readonly avg: TimeAverage
  private readonly series: Series<typeof CLUSTER_COLUMNS>
  private events = 0
  private rejections: ReadonlyMap<string, number> = new Map()
  private readonly collectors: MetricsCollector[] = []
  /** Extra cluster.csv columns of the collectors, one Series with a column per collector column. */
  private extraSeries: Series<readonly string[]> | undefined
  private extraRow = new Float64Array(0)

  constructor(cluster: Cluster, info: RunInfo) {
    this.cluster = cluster
    this.info = info
    this.avg = new TimeAverage(5, 0)
    this.series = new Series(CLUSTER_COLUMNS, Math.ceil(info.durationMs / info.metricsIntervalMs) + 2)
  }

  /** Adds a collector; its columns follow the built-in ones. Throws after the first sample. */
  addCollector(c: MetricsCollector): void {
    if (this.series.rows > 0) throw new Error('addCollector: the run has already sampled')
    this.collectors.push(c)
    const columns = this.collectors.flatMap((k) => k.clusterColumns)
    this.extraSeries = new Series(columns, this.series.rowCapacity)
    this.extraRow = new Float64Array(Math.max(0, ...this.collectors.map((k) => k.clusterColumns.length)))
  }

  /** Call before requests on nodes change (bind, finish). */
  allocationChanged(nowMs: number): void {
    this.avg.advance(nowMs)
  }

  /** Call after pods were created, bound or finished. */
  podsChanged(nowMs: number): void {
    this.avg.advance(nowMs)
    this.refresh()
  }

  /** Call after nodes were added, removed, failed or repaired. */
  nodesChanged(nowMs: number): void {
    this.avg.advance(nowMs)
    this.refresh()
  }

  private refresh(): void {
    const c = this.cluster
    this.avg.set(SIG_CPU, frac(c.readyCpuReqMilli, c.readyCpuCapMilli))
    this.avg.set(SIG_MEM, frac(c.readyMemReqBytes, c.readyMemCapBytes))
    this.avg.set(SIG_GPU, frac(c.readyGpuReq, c.readyGpuCap))
    this.avg.set(SIG_PENDING, c.phaseCount[PodPhase.Pending]!)
    this.avg.set(SIG_NODES, c.readyNodes)
  }

  /** Records one cluster.csv row (state at `nowMs`). */
  sample(nowMs: number): void {
    const c = this.cluster
    const s = this.series
    const r = s.addRow()
    s.set(r, T, seconds(nowMs))
    s.set(r, NODES, c.readyNodes)
    s.set(r, PENDING, c.phaseCount[PodPhase.Pending]!)
    s.set(r, RUNNING, c.phaseCount[PodPhase.Running]!)
    s.set(r, SUCCEEDED, c.phaseCount[PodPhase.Succeeded]!)
    s.set(r, FAILED, c.phaseCount[PodPhase.Failed]!)
    s.set(r, CPU, frac(c.readyCpuReqMilli, c.readyCpuCapMilli))
    s.set(r, MEM, frac(c.readyMemReqBytes, c.readyMemCapBytes))
    s.set(r, GPU, frac(c.readyGpuReq, c.readyGpuCap))
    const x = this.extraSeries
    if (x) {
      const xr = x.addRow()
      let col = 0
      for (let k = 0; k < this.collectors.length; k++) {
        const coll = this.collectors[k]!
        coll.sample(nowMs, this.extraRow)
        for (let i = 0; i < coll.clusterColumns.length; i++) x.set(xr, col++, this.extraRow[i]!)
      }
    }
  }

  /** Closes the time averages at the end of the run and takes the last cluster.csv row. */
  close(endMs: number, events: number, rejections: ReadonlyMap<string, number>): void {
    this.avg.advance(endMs)
    this.sample(endMs)
    this.events = events
    this.rejections = rejections
    for (const k of this.collectors) k.close(endMs)
  }

  tables(): RunTables {
    const extra: Record<string, Table> = {}
    for (const k of this.collectors) Object.assign(extra, k.tables())
    return { summary: this.summaryTable(), cluster: this.clusterTable(), pods: this.podsTable(), rejections: this.rejectionsTable(), extra }
  }

  private clusterTable(): Table {
    const rows: Cell[][] = []
    const x = this.extraSeries
    for (let r = 0; r < this.series.rows; r++) {
      const row: Cell[] = CLUSTER_COLUMNS.map((_, c) => this.series.get(r, c))
      if (x) for (let c = 0; c < x.columns.length; c++) row.push(x.get(r, c))
      rows.push(row)
    }
    return { columns: x ? [...CLUSTER_COLUMNS, ...x.columns] : CLUSTER_COLUMNS, rows }
  }

  private podsTable(): Table {
    const c = this.cluster
    const t = c.pods
    const rows: Cell[][] = []
    for (let p = 0; p < t.count; p++) {
      const id = p as PodId
      const scheduled = t.scheduledMs[p]!
      const node = t.node[p]!
      rows.push([
        c.podName(id), c.apps[t.app[p]!]!.name, t.priority[p], seconds(t.createdMs[p]!), seconds(scheduled), seconds(t.finishedMs[p]!),
        node >= 0 ? c.nodes.names[node] : undefined, t.end[p] ? POD_END_NAMES[t.end[p]!] : POD_PHASE_NAMES[t.phase[p]!], seconds(scheduled - t.createdMs[p]!),
        t.cpuMilli[p], t.memBytes[p]! / MIB, t.gpu[p], Number.isFinite(t.durationMs[p]!) ? seconds(t.durationMs[p]!) : undefined,
        t.restarts[p], t.replaces[p]! >= 0 ? c.podName(t.replaces[p]! as PodId) : undefined,
      ])
    }
    return {
      columns: ['pod', 'workload', 'priority', 'created_s', 'scheduled_s', 'finished_s', 'node', 'outcome', 'wait_s', 'cpu_request_milli', 'memory_request_mib', 'gpu_request', 'run_duration_s', 'restarts', 'replaces'],
      rows,
    }
  }

  /** summary.csv alone, for runs of a comparison that keep nothing else (no per-pod rows built). */
  summaryTable(): Table {
    const c = this.cluster
    const t = c.pods
    const waits = new Float64Array(t.count)
    let scheduled = 0
    let waitSum = 0
    for (let p = 0; p < t.count; p++) {
      const s = t.scheduledMs[p]!
      if (!Number.isNaN(s)) {
        const w = (s - t.createdMs[p]!) / 1000
        waits[scheduled++] = w
        waitSum += w
      }
    }
    const [p50, p95, p99, max] = quantiles(waits, scheduled, [0.5, 0.95, 0.99, 1])
    const hours = this.info.durationMs / 3_600_000
    const completed = c.phaseCount[PodPhase.Succeeded]!
    const row: [string, Cell][] = [
      ['scenario', this.info.name],
      ['placement', this.info.placementName],
      ['seed', this.info.seed],
      ['sim_duration_s', seconds(this.info.durationMs)],
      ['events', this.events],
      ['pods_submitted', t.count],
      ['pods_scheduled', scheduled],
      ['pods_completed', completed],
      ['pods_failed', c.phaseCount[PodPhase.Failed]],
      ['pods_running_end', c.phaseCount[PodPhase.Running]],
      ['pods_pending_end', c.phaseCount[PodPhase.Pending]],
      ['pods_pending_mean', this.avg.mean(SIG_PENDING)],
      ['pod_wait_mean_s', scheduled ? waitSum / scheduled : NaN],
      ['pod_wait_p50_s', p50],
      ['pod_wait_p95_s', p95],
      ['pod_wait_p99_s', p99],
      ['pod_wait_max_s', max],
      ['throughput_pods_per_h', hours > 0 ? completed / hours : NaN],
      ['nodes_ready_mean', this.avg.mean(SIG_NODES)],
      ['cpu_alloc_mean', this.avg.mean(SIG_CPU)],
      ['mem_alloc_mean', this.avg.mean(SIG_MEM)],
      ['gpu_alloc_mean', this.avg.mean(SIG_GPU)],
    ]
    for (const k of this.collectors) for (const [name, value] of k.summary()) row.push([name, value])
    return { columns: row.map(([k]) => k), rows: [row.map(([, v]) => v)] }
  }

  private rejectionsTable(): Table {
    const rows = [...this.rejections.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    return { columns: ['filter_reason', 'nodes_rejected'], rows }
  }
}
