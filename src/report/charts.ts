/**
 * The charts of a report, each one function from the result tables to Vega-Lite specs (none when
 * its data are absent), and the lists that say which charts a page has and in what order. Adding
 * a chart is one function plus one line in RUN_CHARTS or COMPARISON_CHARTS; the charts of services
 * and of cost live in service-charts.ts and cost-charts.ts. Data are reduced here (quantiles, long
 * form) so specs stay small and the SVG stays light for long runs.
 */
import type { TopLevelSpec } from 'vega-lite'
import { base, lines, longForm, type ChartDef } from './chart-spec.js'
import { COST_CHARTS } from './cost-charts.js'
import { hasColumns, numbers } from './csv-table.js'
import { SERVICE_CHARTS } from './service-charts.js'

export type { Chart, ChartDef, ReportTables } from './chart-spec.js'

const allocation: ChartDef = {
  charts: ({ cluster }) => {
    if (!hasColumns(cluster, 'time_s', 'cpu_alloc', 'mem_alloc')) return []
    const gpu = cluster.columns.includes('gpu_alloc') && numbers(cluster, 'gpu_alloc').some((v) => v > 0)
    const series: [string, string][] = [['cpu_alloc', 'cpu'], ['mem_alloc', 'memory'], ...(gpu ? [['gpu_alloc', 'gpu'] as [string, string]] : [])]
    return [{ id: 'cluster-allocation', title: 'Cluster allocation over time (requests / capacity of ready nodes)', spec: lines(longForm(cluster, series), 'allocated', '.0%') }]
  },
}

const RESOURCES = [['cpu', 'cpu'], ['mem', 'memory'], ['gpu', 'gpu']] as const

/** Allocated (requests) next to used (what runs actually use) for each resource cluster.csv has a `<r>_used` column of. */
const usage: ChartDef = {
  charts: ({ cluster }) => {
    const measured = RESOURCES.filter(([r]) => hasColumns(cluster, 'time_s', `${r}_alloc`, `${r}_used`))
    if (measured.length === 0) return []
    const series = measured.flatMap(([r, name]) => [[`${r}_alloc`, `${name} allocated`], [`${r}_used`, `${name} used`]] as const)
    const names = measured.map(([, name]) => name).join(' and ')
    return [{ id: 'cluster-usage', title: `Cluster ${names} allocated (requests) and used (busy) over time, as a share of ready nodes' capacity`, spec: lines(longForm(cluster!, series), 'share of capacity', '.0%') }]
  },
}

const podPhases: ChartDef = {
  charts: ({ cluster }) =>
    hasColumns(cluster, 'time_s', 'pods_pending', 'pods_running')
      ? [{ id: 'pods-over-time', title: 'Pending and running pods over time', spec: lines(longForm(cluster, [['pods_pending', 'pending'], ['pods_running', 'running']]), 'pods') }]
      : [],
}

/** Empirical CDF of pod wait, at most 201 points (the quantiles at 0, 0.5%, ..., 100%). */
const podWait: ChartDef = {
  charts: ({ pods }) => {
    if (!hasColumns(pods, 'wait_s')) return []
    const w = numbers(pods, 'wait_s').filter(Number.isFinite).sort((a, b) => a - b)
    if (w.length === 0) return []
    const values = Array.from({ length: 201 }, (_, k) => ({ share: k / 200, wait_s: w[Math.min(w.length - 1, Math.floor((k / 200) * (w.length - 1)))]! }))
    // With every wait 0 the data's domain is [0, 0] and Vega's ticks read "0.000000"; show 0-1 s.
    const scale = w[w.length - 1]! > 0 ? { domainMin: 0 } : { domain: [0, 1] }
    return [{ id: 'pod-wait', title: 'Pod wait from creation to binding: share of scheduled pods that waited at most x', spec: {
      ...base,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'wait_s', type: 'quantitative', title: 'wait (s)', scale },
        y: { field: 'share', type: 'quantitative', title: 'share of pods', axis: { format: '.0%' } },
      },
    } }]
  },
}

const NOTES = ['baseline', 'significant', 'not significant', 'n < 2']
const NOTE_COLOURS = ['#4c78a8', '#e45756', '#9d9d9d', '#9d9d9d']
// Headline metrics first (what a platform engineer asks about), then the rest in column order.
const HEADLINE = [/latency/, /cost/, /wait_p95|wait_mean/, /pending_mean/, /throughput/, /alloc|util/]
const headlineRank = (metric: string): number => {
  const i = HEADLINE.findIndex((re) => re.test(metric))
  return i < 0 ? HEADLINE.length : i
}

/** One chart per metric with a better direction: mean and 95% CI per policy (first sweep point). */
const metricIntervals: ChartDef = {
  charts: ({ comparison }) => {
    if (!hasColumns(comparison, 'metric', 'better', 'mean', 'ci95_low', 'ci95_high')) return []
    const c = comparison
    const col = (name: string) => c.columns.indexOf(name)
    const policyCols = ['placement', 'pod_autoscaler', 'cluster_autoscaler'].map(col).filter((i) => i >= 0)
    const pointCol = col('point')
    const firstPoint = pointCol >= 0 ? c.rows[0]![pointCol] : undefined
    const byMetric = new Map<string, { policy: string; mean: number; lo: number; hi: number; note: string; better: string }[]>()
    for (const r of c.rows) {
      if (r[col('better')] === '' || (pointCol >= 0 && r[pointCol] !== firstPoint)) continue
      const metric = r[col('metric')]!
      const mean = Number(r[col('mean')])
      if (r[col('mean')] === '') continue
      const lo = r[col('ci95_low')] === '' ? mean : Number(r[col('ci95_low')])
      const hi = r[col('ci95_high')] === '' ? mean : Number(r[col('ci95_high')])
      const sig = r[col('significant')]
      const policy = policyCols.map((i) => r[i]).filter((v) => v !== '').join('+')
      const note = r[col('baseline')] === '1' ? 'baseline' : sig === '0' ? 'not significant' : sig === '1' ? 'significant' : 'n < 2'
      if (!byMetric.has(metric)) byMetric.set(metric, [])
      byMetric.get(metric)!.push({ policy, mean, lo, hi, note, better: r[col('better')]! })
    }
    const informative = [...byMetric.entries()].filter(([, vs]) => new Set(vs.map((v) => JSON.stringify([v.mean, v.lo, v.hi]))).size > 1)
    informative.sort((a, b) => headlineRank(a[0]) - headlineRank(b[0]))
    return informative.map(([metric, values]) => ({ id: `metric-${metric}`, title: `${metric} (${values[0]!.better} is better)`, spec: {
      ...base,
      height: Math.max(60, 28 * values.length),
      width: 420,
      data: { values },
      encoding: { y: { field: 'policy', type: 'nominal', title: null, sort: null } },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative', title: `${metric} (mean, 95% CI)`, scale: { zero: false } }, x2: { field: 'hi' } } },
        { mark: { type: 'point', filled: true, size: 70 }, encoding: { x: { field: 'mean', type: 'quantitative' }, color: { field: 'note', type: 'nominal', title: 'vs baseline', legend: { orient: 'bottom' }, scale: { domain: NOTES, range: NOTE_COLOURS } } } },
      ],
    } as TopLevelSpec }))
  },
}

/** Charts of a single run (summary, cluster, pods, services, services_summary, nodes CSV). Add a ChartDef here to add a chart. */
// What a service owner asks first (replicas, latency against the SLO), then what the cluster holds
// and costs, then how long pods waited.
export const RUN_CHARTS: readonly ChartDef[] = [...SERVICE_CHARTS, allocation, usage, ...COST_CHARTS, podPhases, podWait]
/** Charts of a comparison or sweep (runs/comparison CSV). */
export const COMPARISON_CHARTS: readonly ChartDef[] = [metricIntervals]
