/**
 * From runs to a comparison: runs.csv (one row per run, the summary columns) and comparison.csv
 * (one row per sweep point, policy combination and metric: n, mean, sd, 95% CI, and the paired
 * difference to the baseline policy on the same seeds with its CI and a significance flag).
 *
 * Cells are first brought to their CSV text form (`textCell`), and every statistic is computed
 * from that text. A comparison computed right after the runs and one computed from runs.csv files
 * read back (merge) therefore see the same numbers, in the same order, and give the same bytes.
 *
 * Every column whose cells are all numbers (or empty) is a metric, except the ones that identify
 * the run (RUN_COLUMNS and the sweep parameters), so new summary columns become metrics as they
 * appear.
 */
import type { Cell, Table } from '../metrics/index.js'
import { betterOf, type Better } from './metric-direction.js'
import { POLICY_AXES, type PolicyAxis } from './plan.js'
import { estimate, isSignificant, pairedDifference, type Estimate } from './stats.js'

/** Columns that describe a run rather than measure it. */
export const RUN_COLUMNS: readonly string[] = ['run', 'point', 'scenario', 'seed', 'sim_duration_s', ...POLICY_AXES.map((a) => a.column)]

/** A cell as written to CSV: empty for missing (undefined, NaN), else JavaScript's number/string form. */
export const textCell = (v: Cell): string => (v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v))

/** A table whose cells are all in CSV text form. */
export interface TextTable extends Table {
  readonly columns: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

/**
 * One row per run: `lead` cells (run index, sweep parameters) then the run's summary row. Columns
 * are the union in order of first appearance, so later runs may add columns (empty before).
 */
export function runsTable(entries: readonly { lead: readonly (readonly [string, Cell])[]; summary: Table }[]): TextTable {
  const columns: string[] = []
  const seen = new Map<string, number>()
  const add = (c: string) => { if (!seen.has(c)) { seen.set(c, columns.length); columns.push(c) } }
  for (const e of entries) {
    for (const [c] of e.lead) add(c)
    for (const c of e.summary.columns) add(c)
  }
  const rows = entries.map((e) => {
    const row = new Array<string>(columns.length).fill('')
    for (const [c, v] of e.lead) row[seen.get(c)!] = textCell(v)
    const s = e.summary.rows[0] ?? []
    e.summary.columns.forEach((c, i) => { row[seen.get(c)!] = textCell(s[i]) })
    return row
  })
  return { columns, rows }
}

/**
 * The policy kinds that name a run: the given ones, else those whose column varies over the runs
 * (a service scenario compared on placement keeps one pod autoscaler, which stays out of the
 * label), else the first present. `policyLabel` of the plan names the same kinds.
 */
export function labelAxes(runs: TextTable, axes?: readonly PolicyAxis[]): (typeof POLICY_AXES)[number][] {
  const present = POLICY_AXES.filter((a) => runs.columns.includes(a.column))
  if (axes !== undefined) return present.filter((a) => axes.includes(a.axis))
  const varying = present.filter((a) => {
    const i = runs.columns.indexOf(a.column)
    return new Set(runs.rows.map((r) => r[i])).size > 1
  })
  return varying.length > 0 ? varying : present.slice(0, 1)
}

/** The policy combination of a run row, as `policyLabel` writes it. */
export function labelOf(runs: TextTable, row: readonly string[], axes: readonly (typeof POLICY_AXES)[number][] = labelAxes(runs)): string {
  return axes.map(({ column }) => runs.columns.indexOf(column)).filter((i) => i >= 0 && row[i] !== '').map((i) => row[i]).join('+')
}

/** Numeric columns that are not run identity or sweep context. */
export function metricColumns(runs: TextTable, context: readonly string[] = []): string[] {
  return runs.columns.filter((c, i) => !RUN_COLUMNS.includes(c) && !context.includes(c) && runs.rows.length > 0 &&
    runs.rows.every((r) => r[i] === '' || Number.isFinite(Number(r[i]))) && runs.rows.some((r) => r[i] !== ''))
}

export interface ComparisonOptions {
  /** Columns identifying a sweep point (`point` and the parameters); [] for `compare`. */
  readonly context?: readonly string[]
  /** Baseline policy label; default: the first policy in run order. */
  readonly baseline?: string | undefined
  /** The policy kinds compared (default: those that vary, see labelAxes). */
  readonly axes?: readonly PolicyAxis[] | undefined
}

export interface MetricResult {
  readonly context: readonly string[]
  readonly label: string
  readonly isBaseline: boolean
  readonly metric: string
  readonly better: Better | undefined
  readonly estimate: Estimate
  /** Paired difference to the baseline (this minus baseline); undefined for the baseline itself. */
  readonly diff: Estimate | undefined
  readonly significant: boolean | undefined
}

export interface Comparison {
  readonly baseline: string
  readonly labels: readonly string[]
  readonly metrics: readonly string[]
  readonly results: readonly MetricResult[]
  readonly table: Table
}

const num = (s: string | undefined): number => (s === undefined || s === '' ? NaN : Number(s))

export function compareRuns(runs: TextTable, options: ComparisonOptions = {}): Comparison {
  const context = options.context ?? []
  const ctxIdx = context.map((c) => runs.columns.indexOf(c))
  const seedIdx = runs.columns.indexOf('seed')
  const metrics = metricColumns(runs, context)
  const metricIdx = metrics.map((m) => runs.columns.indexOf(m))
  // Group rows: sweep point -> policy label -> rows, each in first-seen (plan) order.
  const points = new Map<string, Map<string, (readonly string[])[]>>()
  const labels: string[] = []
  const axes = labelAxes(runs, options.axes)
  for (const row of runs.rows) {
    const key = JSON.stringify(ctxIdx.map((i) => row[i]))
    const label = labelOf(runs, row, axes)
    if (!labels.includes(label)) labels.push(label)
    let byLabel = points.get(key)
    if (!byLabel) points.set(key, (byLabel = new Map()))
    let rows = byLabel.get(label)
    if (!rows) byLabel.set(label, (rows = []))
    rows.push(row)
  }
  const baseline = options.baseline ?? labels[0] ?? ''
  const results: MetricResult[] = []
  for (const [key, byLabel] of points) {
    const ctx = JSON.parse(key) as string[]
    const base = byLabel.get(baseline) ?? []
    const baseBySeed = new Map(base.map((r) => [r[seedIdx], r]))
    for (const [label, rows] of byLabel) {
      const isBaseline = label === baseline
      metrics.forEach((metric, m) => {
        const col = metricIdx[m]!
        const values = rows.map((r) => num(r[col]))
        const est = estimate(values)
        let diff: Estimate | undefined
        if (!isBaseline && base.length > 0) diff = pairedDifference(values, rows.map((r) => num(baseBySeed.get(r[seedIdx])?.[col])))
        results.push({ context: ctx, label, isBaseline, metric, better: betterOf(metric), estimate: est, diff, significant: diff && isSignificant(diff) })
      })
    }
  }
  return { baseline, labels, metrics, results, table: comparisonTable(axes, context, results) }
}

function comparisonTable(axes: readonly (typeof POLICY_AXES)[number][], context: readonly string[], results: readonly MetricResult[]): Table {
  const columns = [...context, ...axes.map((a) => a.column), 'metric', 'better', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high',
    'baseline', 'diff_vs_baseline', 'diff_ci95_low', 'diff_ci95_high', 'significant']
  const rows = results.map((r) => {
    const parts = r.label.split('+')
    return [...r.context, ...axes.map((_, i) => parts[i]), r.metric, r.better, r.estimate.n, r.estimate.mean, r.estimate.sd,
      r.estimate.ci95Low, r.estimate.ci95High, r.isBaseline ? 1 : 0, r.diff?.mean, r.diff?.ci95Low, r.diff?.ci95High,
      r.significant === undefined ? undefined : r.significant ? 1 : 0] as Cell[]
  })
  return { columns, rows }
}
