/**
 * The charts of a run's services (services.csv, services_summary.csv): replicas desired and ready
 * over time, and one latency chart per service with its SLO threshold drawn as a rule. At most
 * MAX_SERVICES services are drawn, so a 50-service run stays readable; the caption says which.
 */
import type { TopLevelSpec } from 'vega-lite'
import type { TextTable } from '../compare/index.js'
import { base, HOURS_AXIS, hours, type ChartDef } from './chart-spec.js'
import { hasColumns, numbers, rowsBy } from './csv-table.js'

/** Ten: the colours of Vega's default category scale, so no two services share one. */
export const MAX_SERVICES = 10

/**
 * The services to draw: all of them up to MAX_SERVICES, else the MAX_SERVICES ranked highest
 * (`rank` compared key by key; ties to the earlier service), kept in table order.
 */
function pick(names: readonly string[], rank: (name: string) => readonly number[]): string[] {
  if (names.length <= MAX_SERVICES) return [...names]
  const higher = (a: readonly number[], b: readonly number[]): number => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return b[k]! - a[k]!
    return 0
  }
  const order = names.map((n, i) => ({ n, i, r: rank(n) })).sort((a, b) => higher(a.r, b.r) || a.i - b.i)
  const kept = new Set(order.slice(0, MAX_SERVICES).map((o) => o.n))
  return names.filter((n) => kept.has(n))
}

const shown = (picked: number, all: number, why: string): string => (picked < all ? ` (${picked} of ${all} services: ${why})` : '')

const replicas: ChartDef = {
  charts: ({ services }) => {
    if (!hasColumns(services, 'time_s', 'service', 'replicas_desired', 'replicas_ready')) return []
    const byService = rowsBy(services, 'service')
    const x = hours(services)
    const desired = numbers(services, 'replicas_desired')
    const ready = numbers(services, 'replicas_ready')
    // Sum of desired replicas over the service's intervals: proportional to its replica-time.
    const replicaTime = (name: string) => byService.get(name)!.reduce((sum, i) => sum + (Number.isFinite(desired[i]!) ? desired[i]! : 0), 0)
    const names = pick([...byService.keys()], (n) => [replicaTime(n)])
    const values: { hours: number; service: string; kind: string; value: number }[] = []
    for (const name of names) {
      for (const [kind, ys] of [['desired', desired], ['ready', ready]] as const) {
        for (const i of byService.get(name)!) if (Number.isFinite(ys[i]!)) values.push({ hours: x[i]!, service: name, kind, value: ys[i]! })
      }
    }
    const spec: TopLevelSpec = {
      ...base,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: HOURS_AXIS,
        y: { field: 'value', type: 'quantitative', title: 'replicas' },
        color: { field: 'service', type: 'nominal', title: 'service', sort: null, legend: { orient: 'top' } },
        strokeDash: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['ready', 'desired'], range: [[1, 0], [6, 3]] }, legend: { orient: 'top' } },
      },
    }
    return [{
      id: 'service-replicas',
      title: `Replicas per service over time: desired (dashed, what the service is set to) and ready (solid, serving)${shown(names.length, byService.size, 'those with the most replica-time')}`,
      spec,
    }]
  },
}

const PERCENTILES = [['latency_p50_ms', 'p50'], ['latency_p95_ms', 'p95'], ['latency_p99_ms', 'p99']] as const

/** The SLO threshold (ms) of each service from services_summary.csv `slo_ms`; absent without an SLO. */
function sloThresholds(summary: TextTable | undefined): Map<string, number> {
  const out = new Map<string, number>()
  if (!hasColumns(summary, 'service', 'slo_ms')) return out
  const slo = numbers(summary, 'slo_ms')
  const col = summary.columns.indexOf('service')
  summary.rows.forEach((r, i) => { if (slo[i]! > 0) out.set(r[col]!, slo[i]!) })
  return out
}

/**
 * Ticks of a log axis from `lo` to `hi` without clutter: 1, 2 and 5 times powers of ten, from the
 * largest at or below `lo` to the smallest at or above `hi` (both > 0). They are the axis domain too.
 */
export function logTicks(lo: number, hi: number): number[] {
  const all: number[] = []
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) all.push(Number((m * 10 ** e).toPrecision(1)))
  const first = all.findLastIndex((t) => t <= lo)
  const last = all.findIndex((t) => t >= hi)
  return all.slice(Math.max(0, first), last + 1)
}

function latencySpec(values: readonly { value: number }[], sloMs: number | undefined): TopLevelSpec {
  let [lo, hi] = sloMs === undefined ? [Infinity, -Infinity] : [sloMs, sloMs]
  for (const v of values) [lo, hi] = [Math.min(lo, v.value), Math.max(hi, v.value)]
  const ticks = logTicks(lo, hi)
  const line = {
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: HOURS_AXIS,
      // Log scale: an overload reaches the request timeout (seconds) while normal latency is a few ms.
      y: { field: 'value', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log', domain: [ticks[0]!, ticks[ticks.length - 1]!], nice: false }, axis: { values: ticks } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['p50', 'p95', 'p99'] }, legend: { orient: 'top' } },
    },
  }
  const slo = sloMs === undefined ? [] : [
    { data: { values: [{ slo: sloMs }] }, mark: { type: 'rule', color: '#333', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'slo', type: 'quantitative' } } },
    { data: { values: [{ slo: sloMs, label: `SLO ${sloMs} ms` }] }, mark: { type: 'text', color: '#333', align: 'right', baseline: 'bottom', dy: -2, x: 'width' }, encoding: { y: { field: 'slo', type: 'quantitative' }, text: { field: 'label' } } },
  ]
  return { ...base, data: { values: values as object[] }, layer: [line, ...slo] } as TopLevelSpec
}

/** One chart per service: p50/p95/p99 per interval on a log scale, the SLO threshold as a dashed rule. */
const latency: ChartDef = {
  charts: ({ services, services_summary }) => {
    if (!hasColumns(services, 'time_s', 'service', ...PERCENTILES.map(([c]) => c))) return []
    const byService = rowsBy(services, 'service')
    const x = hours(services)
    const ys = PERCENTILES.map(([column, name]) => [name, numbers(services, column)] as const)
    const sloMet = services.columns.includes('slo_met') ? numbers(services, 'slo_met') : []
    const p99 = ys[2]![1]
    // Most intervals with the SLO missed first, then the highest p99.
    const missed = (name: string) => byService.get(name)!.reduce((n, i) => n + (sloMet[i] === 0 ? 1 : 0), 0)
    const worstP99 = (name: string) => byService.get(name)!.reduce((m, i) => (Number.isFinite(p99[i]!) ? Math.max(m, p99[i]!) : m), 0)
    const names = pick([...byService.keys()], (n) => [missed(n), worstP99(n)])
    const slo = sloThresholds(services_summary)
    const note = shown(names.length, byService.size, 'those that missed their SLO most often')
    return names.flatMap((name) => {
      const values: { hours: number; series: string; value: number }[] = []
      for (const [series, v] of ys) for (const i of byService.get(name)!) if (v[i]! > 0 && Number.isFinite(v[i]!)) values.push({ hours: x[i]!, series, value: v[i]! })
      if (values.length === 0) return []
      const sloMs = slo.get(name)
      const against = sloMs === undefined ? '; no SLO set' : `, and its SLO threshold of ${sloMs} ms (dashed)`
      return [{ id: `service-latency-${name}`, title: `${name}: response time per metrics interval (p50, p95, p99)${against}${note}`, spec: latencySpec(values, sloMs) }]
    })
  },
}

export const SERVICE_CHARTS: readonly ChartDef[] = [replicas, latency]
