/**
 * A run's time series as OpenMetrics text with timestamps, for `promtool tsdb create-blocks-from
 * openmetrics`, so a simulated run can be backfilled into Prometheus and viewed in Grafana next to
 * production: cluster.csv, services.csv (with each service's SLO threshold from
 * services_summary.csv) and the nodes billed per pool from nodes.csv. Labels name the run
 * (scenario, placement, pod_autoscaler, seed, from summary.csv) and the service or pool.
 *
 * Text in, text out: cli/ reads and writes the files. A sample's timestamp is its simulated time
 * plus a start epoch the caller gives, never the wall clock, so the output is deterministic.
 * Values are the CSV's text unchanged, except milliseconds, which become seconds (base units).
 * It does not export pods.csv (one row per pod, not a time series) or autoscaler.csv (decisions).
 */
import type { TextTable } from '../compare/index.js'
import { billedNodes, billedNodesAt } from './billed-nodes.js'
import { hasColumns, numbers, parseCsv, rowsBy } from './csv-table.js'

/**
 * 2024-01-01T00:00:00Z, a Monday at midnight UTC: simulated hour h of day d reads as h:00 UTC on
 * January 1 + d, and day 0 is a Monday as the `weekly` load curve counts days.
 */
export const DEFAULT_START_EPOCH_S = 1_704_067_200

export interface OpenMetricsInput {
  /** CSV text by file name without `.csv`: cluster, services, services_summary, nodes, and summary for the run's labels. */
  readonly csv: Readonly<Record<string, string>>
  /** Unix time in seconds of simulated time 0 (>= 0; milliseconds are kept, finer is rounded). */
  readonly startEpochS: number
}

type Labels = readonly (readonly [name: string, value: string])[]
/** Samples as [simulated ms, value as OpenMetrics text]. */
type Samples = (readonly [timeMs: number, value: string])[]
interface Series { readonly labels: Labels; readonly samples: Samples }
interface Family {
  readonly name: string
  readonly type: 'gauge' | 'counter'
  /** '' for none; otherwise the name ends with `_<unit>`, as OpenMetrics requires. */
  readonly unit: string
  readonly help: string
}
/** A family read from columns of one table: one series per column (and per service in services.csv). */
interface ColumnFamily extends Family {
  readonly columns: readonly { readonly column: string; readonly labels?: Labels; readonly scale?: number }[]
}

const MS = 0.001
const CLUSTER: readonly ColumnFamily[] = [
  { name: 'fleetsim_cluster_nodes_ready', type: 'gauge', unit: '', help: 'Nodes in state Ready', columns: [{ column: 'nodes_ready' }] },
  { name: 'fleetsim_cluster_nodes_not_ready', type: 'gauge', unit: '', help: 'Nodes that exist but are not Ready (provisioning, failed or not ready)', columns: [{ column: 'nodes_not_ready' }] },
  { name: 'fleetsim_cluster_pods', type: 'gauge', unit: '', help: 'Pods by phase', columns: [
    { column: 'pods_pending', labels: [['phase', 'Pending']] }, { column: 'pods_running', labels: [['phase', 'Running']] },
    { column: 'pods_succeeded', labels: [['phase', 'Succeeded']] }, { column: 'pods_failed', labels: [['phase', 'Failed']] }] },
  { name: 'fleetsim_cluster_allocated_ratio', type: 'gauge', unit: 'ratio', help: 'Requests of bound pods over the capacity of Ready nodes', columns: [
    { column: 'cpu_alloc', labels: [['resource', 'cpu']] }, { column: 'mem_alloc', labels: [['resource', 'memory']] }, { column: 'gpu_alloc', labels: [['resource', 'gpu']] }] },
  { name: 'fleetsim_cluster_used_ratio', type: 'gauge', unit: 'ratio', help: 'Resource in use (a service replica uses its request times its busy fraction, other pods their request) over the capacity of Ready nodes', columns: [
    { column: 'cpu_used', labels: [['resource', 'cpu']] }, { column: 'mem_used', labels: [['resource', 'memory']] }, { column: 'gpu_used', labels: [['resource', 'gpu']] }] },
  { name: 'fleetsim_cluster_cost_dollars', type: 'counter', unit: 'dollars', help: 'Cost so far: node-hours times the price per hour of each pool', columns: [{ column: 'cost_so_far' }] },
]
const SERVICES: readonly ColumnFamily[] = [
  { name: 'fleetsim_service_offered_requests_per_second', type: 'gauge', unit: 'requests_per_second', help: 'Requests per second that arrived over the metrics interval', columns: [{ column: 'offered_rps' }] },
  { name: 'fleetsim_service_served_requests_per_second', type: 'gauge', unit: 'requests_per_second', help: 'Requests per second completed over the metrics interval', columns: [{ column: 'served_rps' }] },
  { name: 'fleetsim_service_dropped_requests_per_second', type: 'gauge', unit: 'requests_per_second', help: 'Requests per second dropped (timeout, no endpoint, lost with a replica) over the metrics interval', columns: [{ column: 'dropped_rps' }] },
  { name: 'fleetsim_service_replicas_desired', type: 'gauge', unit: '', help: 'Replicas the service is set to (spec.replicas)', columns: [{ column: 'replicas_desired' }] },
  { name: 'fleetsim_service_replicas_ready', type: 'gauge', unit: '', help: 'Replicas serving', columns: [{ column: 'replicas_ready' }] },
  { name: 'fleetsim_service_cpu_busy_ratio', type: 'gauge', unit: 'ratio', help: 'Busy replica-time over serving replica-time in the metrics interval', columns: [{ column: 'cpu_used_frac' }] },
  { name: 'fleetsim_service_latency_p50_seconds', type: 'gauge', unit: 'seconds', help: 'Median response time of the requests served in the metrics interval', columns: [{ column: 'latency_p50_ms', scale: MS }] },
  { name: 'fleetsim_service_latency_p95_seconds', type: 'gauge', unit: 'seconds', help: '95th percentile response time of the requests served in the metrics interval', columns: [{ column: 'latency_p95_ms', scale: MS }] },
  { name: 'fleetsim_service_latency_p99_seconds', type: 'gauge', unit: 'seconds', help: '99th percentile response time of the requests served in the metrics interval', columns: [{ column: 'latency_p99_ms', scale: MS }] },
  { name: 'fleetsim_service_slo_met', type: 'gauge', unit: '', help: '1 when every SLO percentile of the interval is within its threshold (dropped requests count as infinitely slow), else 0', columns: [{ column: 'slo_met' }] },
]
const SLO: Family = { name: 'fleetsim_service_slo_threshold_seconds', type: 'gauge', unit: 'seconds', help: 'The SLO threshold of the highest percentile the service\'s SLO sets (services_summary.csv slo_ms)' }
const POOL_NODES: Family = { name: 'fleetsim_pool_nodes', type: 'gauge', unit: '', help: 'Nodes billed in the pool (added and not yet removed), at each cluster.csv sample time' }

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const SPECIAL: Readonly<Record<string, string>> = { Infinity: '+Inf', '-Infinity': '-Inf', NaN: 'NaN' }

/** A CSV cell as an OpenMetrics number: the same text when no scale applies; undefined when empty or not a number. */
function valueText(cell: string | undefined, scale = 1): string | undefined {
  if (cell === undefined || cell === '') return undefined
  // 15 significant digits drop the binary noise of the product (0.040985795, not 0.040985795000000004).
  if (NUMBER.test(cell)) return scale === 1 ? cell : String(Number((Number(cell) * scale).toPrecision(15)))
  return SPECIAL[cell] // infinities and NaN mean the same in any unit
}

/** Sorted by time (stable); of samples at the same time, the last row wins: timestamps must increase. */
function inTimeOrder(samples: Samples): Samples {
  const sorted = samples.map((s, i) => [s, i] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]).map(([s]) => s)
  return sorted.filter((s, i) => i + 1 === sorted.length || sorted[i + 1]![0] !== s[0])
}

const timesMs = (t: TextTable): number[] => numbers(t, 'time_s').map((s) => Math.round(s * 1000))

function columnSeries(t: TextTable, f: ColumnFamily, run: Labels, groupBy?: string): Series[] {
  const time = timesMs(t)
  const grouped = rowsBy(t, groupBy)
  const out: Series[] = []
  for (const { column, labels = [], scale } of f.columns) {
    const col = t.columns.indexOf(column)
    if (col < 0) continue
    for (const [key, rows] of grouped) {
      const samples: Samples = []
      for (const i of rows) {
        const v = valueText(t.rows[i]![col], scale)
        if (v !== undefined && Number.isFinite(time[i]!)) samples.push([time[i]!, v])
      }
      if (samples.length > 0) out.push({ labels: [...run, ...(groupBy ? [[groupBy, key] as const] : []), ...labels], samples: inTimeOrder(samples) })
    }
  }
  return out
}

/** Columns no family maps: exported as they are, named after table and column, so nothing is lost silently. */
function unmapped(t: TextTable, mapped: readonly ColumnFamily[], prefix: string, keys: readonly string[]): ColumnFamily[] {
  const known = new Set([...keys, ...mapped.flatMap((f) => f.columns.map((c) => c.column))])
  return t.columns.filter((c) => !known.has(c)).map((column) => ({ name: `${prefix}_${column}`, type: 'gauge', unit: '', help: `Column ${column}, as written`, columns: [{ column }] }))
}

function sloSeries(services: TextTable, summary: TextTable | undefined, run: Labels): Series[] {
  if (!hasColumns(summary, 'service', 'slo_ms')) return []
  const sloCol = summary.columns.indexOf('slo_ms')
  const nameCol = summary.columns.indexOf('service')
  const time = timesMs(services)
  const out: Series[] = []
  for (const [service, rows] of rowsBy(services, 'service')) {
    const v = valueText(summary.rows.find((r) => r[nameCol] === service)?.[sloCol], MS)
    if (v === undefined) continue
    out.push({ labels: [...run, ['service', service]], samples: inTimeOrder(rows.map((i) => [time[i]!, v] as const)) })
  }
  return out
}

function poolSeries(nodes: TextTable, cluster: TextTable | undefined, run: Labels): Series[] {
  const billed = billedNodes(nodes)
  const at = hasColumns(cluster, 'time_s') ? timesMs(cluster) : billed.steps.map((s) => Math.round(s.timeS * 1000))
  const counts = billedNodesAt(billed, at.map((ms) => ms / 1000))
  return billed.pools.map((pool, p) => ({ labels: [...run, ['pool', pool]], samples: inTimeOrder(at.map((ms, k) => [ms, String(counts[k]![p])] as const)) }))
}

/** The run's labels from summary.csv: scenario, placement, pod_autoscaler (when present) and seed. */
function runLabels(summary: TextTable | undefined): Labels {
  if (summary === undefined || summary.rows.length === 0) return []
  const row = summary.rows[0]!
  return ['scenario', 'placement', 'pod_autoscaler', 'seed'].flatMap((name) => {
    const v = row[summary.columns.indexOf(name)]
    return summary.columns.includes(name) && v !== undefined && v !== '' ? [[name, v] as const] : []
  })
}

/** Label values and HELP text: backslash, double quote and line feed escaped, as OpenMetrics requires. */
const escape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

/** Unix seconds with at most millisecond precision, from whole milliseconds, without float noise. */
function timestampText(ms: number): string {
  const s = Math.floor(ms / 1000)
  const rest = ms - s * 1000
  return rest === 0 ? String(s) : `${s}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`
}

function familyText(f: Family, series: readonly Series[], epochMs: number): string[] {
  if (series.length === 0) return []
  const lines = [`# TYPE ${f.name} ${f.type}`, ...(f.unit ? [`# UNIT ${f.name} ${f.unit}`] : []), `# HELP ${f.name} ${escape(f.help)}`]
  const sample = f.type === 'counter' ? `${f.name}_total` : f.name
  for (const s of series) {
    const labels = s.labels.length === 0 ? '' : `{${s.labels.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`
    for (const [ms, v] of s.samples) lines.push(`${sample}${labels} ${v} ${timestampText(epochMs + ms)}`)
  }
  return lines
}

/** Throws when none of cluster, services and nodes is given (the caller reports it as bad input). */
export function toOpenMetrics(input: OpenMetricsInput): string {
  if (!(input.startEpochS >= 0 && Number.isFinite(input.startEpochS))) throw new Error(`startEpochS: expected a number of seconds >= 0, got ${input.startEpochS}`)
  const t = (name: string): TextTable | undefined => (input.csv[name] === undefined ? undefined : parseCsv(input.csv[name]))
  const [cluster, services, nodes] = [t('cluster'), t('services'), t('nodes')]
  if (!cluster && !services && !nodes) throw new Error(`nothing to export: expected one of cluster.csv, services.csv, nodes.csv; got ${Object.keys(input.csv).map((n) => `${n}.csv`).join(', ') || 'no CSV file'}`)
  const run = runLabels(t('summary'))
  const epochMs = Math.round(input.startEpochS * 1000)
  const out: string[] = []
  const add = (f: Family, series: Series[]) => out.push(...familyText(f, series, epochMs))
  if (hasColumns(cluster, 'time_s')) for (const f of [...CLUSTER, ...unmapped(cluster, CLUSTER, 'fleetsim_cluster', ['time_s'])]) add(f, columnSeries(cluster, f, run))
  if (hasColumns(services, 'time_s', 'service')) {
    for (const f of [...SERVICES, ...unmapped(services, SERVICES, 'fleetsim_service', ['time_s', 'service'])]) add(f, columnSeries(services, f, run, 'service'))
    add(SLO, sloSeries(services, t('services_summary'), run))
  }
  if (hasColumns(nodes, 'time_s', 'pool', 'event')) add(POOL_NODES, poolSeries(nodes, cluster, run))
  return `${[...out, '# EOF'].join('\n')}\n`
}
