import { describe, expect, it } from 'vitest'
import { toCsv } from '../metrics/index.js'
import { compareRuns, labelAxes, metricColumns, runsTable, type TextTable } from './comparison.js'

const summary = (placement: string, seed: number, wait: number, alloc: number) => ({
  columns: ['scenario', 'placement', 'seed', 'sim_duration_s', 'pod_wait_p95_s', 'cpu_alloc_mean', 'note'],
  rows: [['q', placement, seed, 3600, wait, alloc, 'x']],
})

const runs = runsTable([
  { lead: [], summary: summary('first-fit', 1, 10, 0.5) },
  { lead: [], summary: summary('first-fit', 2, 20, 0.6) },
  { lead: [], summary: summary('first-fit', 3, 30, 0.7) },
  { lead: [], summary: summary('best-fit', 1, 8, 0.5) },
  { lead: [], summary: summary('best-fit', 2, 19, 0.61) },
  { lead: [], summary: summary('best-fit', 3, 27, 0.7) },
])

describe('runs table', () => {
  it('keeps every summary column, in CSV text form, one row per run', () => {
    expect(runs.columns).toEqual(['scenario', 'placement', 'seed', 'sim_duration_s', 'pod_wait_p95_s', 'cpu_alloc_mean', 'note'])
    expect(runs.rows[4]).toEqual(['q', 'best-fit', '2', '3600', '19', '0.61', 'x'])
  })

  it('adds columns that appear in later runs, empty before', () => {
    const t = runsTable([{ lead: [['run', 0]], summary: { columns: ['a'], rows: [[1]] } }, { lead: [['run', 1]], summary: { columns: ['a', 'b'], rows: [[2, NaN]] } }])
    expect(t).toEqual({ columns: ['run', 'a', 'b'], rows: [['0', '1', ''], ['1', '2', '']] })
  })

  it('treats numeric columns other than run identity as metrics', () => {
    expect(metricColumns(runs)).toEqual(['pod_wait_p95_s', 'cpu_alloc_mean'])
  })
})

describe('comparison', () => {
  const c = compareRuns(runs)

  it('takes the first policy as baseline and gives mean, sd and the t interval per policy and metric', () => {
    expect(c.baseline).toBe('first-fit')
    const ff = c.results.find((r) => r.label === 'first-fit' && r.metric === 'pod_wait_p95_s')!
    expect(ff.estimate).toMatchObject({ n: 3, mean: 20, sd: 10 })
    // t(0.975, 2) = 4.302653; half width 4.302653 * 10 / sqrt(3) = 24.8414
    expect(ff.estimate.ci95High).toBeCloseTo(44.8414, 3)
    expect(ff.diff).toBeUndefined()
  })

  it('pairs seeds for the difference to the baseline and flags it significant when the CI excludes 0', () => {
    const bf = c.results.find((r) => r.label === 'best-fit' && r.metric === 'pod_wait_p95_s')!
    // differences -2, -1, -3: mean -2, sd 1, half width 4.302653 / sqrt(3) = 2.4841 -> CI (-4.48, 0.48)
    expect(bf.diff!.mean).toBe(-2)
    expect(bf.diff!.ci95High).toBeCloseTo(0.4841, 3)
    expect(bf.significant).toBe(false)
  })

  it('writes comparison.csv with one row per policy and metric', () => {
    const csv = toCsv(c.table).split('\n')
    expect(csv[0]).toBe('placement,metric,better,n,mean,sd,ci95_low,ci95_high,baseline,diff_vs_baseline,diff_ci95_low,diff_ci95_high,significant')
    expect(csv).toHaveLength(1 + 4 + 1)
    expect(csv[3]).toMatch(/^best-fit,pod_wait_p95_s,lower,3,18,/)
  })

  it('gives the same bytes from runs read back from CSV text', () => {
    const back: TextTable = { columns: runs.columns, rows: runs.rows.map((r) => [...r]) }
    expect(toCsv(compareRuns(back).table)).toBe(toCsv(c.table))
  })

  it('accepts another baseline', () => {
    const other = compareRuns(runs, { baseline: 'best-fit' })
    expect(other.results.find((r) => r.label === 'first-fit' && r.metric === 'pod_wait_p95_s')!.diff!.mean).toBe(2)
  })
})

describe('policy labels', () => {
  const service = (placement: string, podAutoscaler: string, seed: number) => ({
    columns: ['scenario', 'placement', 'seed', 'pod_autoscaler', 'latency_p99_ms'], rows: [['w', placement, seed, podAutoscaler, 40 + seed]],
  })
  it('names runs by the policy kinds that vary: a placement comparison of a service scenario leaves the one pod autoscaler out', () => {
    const byPlacement = runsTable([service('first-fit', 'hpa', 1), service('best-fit', 'hpa', 1)].map((s) => ({ lead: [], summary: s })))
    expect(compareRuns(byPlacement).labels).toEqual(['first-fit', 'best-fit'])
    const byAutoscaler = runsTable([service('k8s-default', 'hpa', 1), service('k8s-default', 'predictive', 1)].map((s) => ({ lead: [], summary: s })))
    expect(compareRuns(byAutoscaler).labels).toEqual(['hpa', 'predictive'])
    expect(compareRuns(byAutoscaler).table.columns.slice(0, 2)).toEqual(['pod_autoscaler', 'metric'])
    expect(compareRuns(byAutoscaler, { axes: ['placement', 'podAutoscaler'] }).labels).toEqual(['k8s-default+hpa', 'k8s-default+predictive'])
    expect(labelAxes(runsTable([{ lead: [], summary: service('a', 'hpa', 1) }])).map((a) => a.axis)).toEqual(['placement'])
  })
})
