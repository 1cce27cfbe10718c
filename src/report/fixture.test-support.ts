/**
 * For report and export tests: the CSV text of a real comparison (quickstart, 3 policies × 3 seeds,
 * 2 h) and of one of its runs, and of any bundled scenario run on its own, produced in-process.
 */
import { compareRuns, executeRun, planRuns, policyCombinations, runsTable, taskOf } from '../compare/index.js'
import { loadScenario, simulate, toCsv, type LoadOptions } from '../index.js'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export function comparisonCsv(): Record<string, string> {
  const file = resolve(import.meta.dirname, '../../scenarios/quickstart.yaml')
  const src = { scenarioText: readFileSync(file, 'utf8'), scenarioFile: file, overrides: { durationMs: 2 * 3600_000 }, tables: 'all' as const }
  const plan = planRuns(1, policyCombinations({ placement: ['first-fit', 'best-fit', 'worst-fit'] }), [1, 2, 3])
  const outcomes = plan.map((r) => executeRun(taskOf(r, src)))
  const runs = runsTable(outcomes.map((o) => ({ lead: [], summary: o.tables.summary! })))
  const first = outcomes[0]!.tables
  return {
    runs: toCsv(runs), comparison: toCsv(compareRuns(runs).table),
    summary: toCsv(first.summary!), cluster: toCsv(first.cluster!), pods: toCsv(first.pods!),
  }
}

/**
 * Every table `fleetsim run` writes for `scenarios/<name>.yaml`, as CSV text by file name without
 * `.csv` (summary, cluster, pods, rejections, and services, services_summary, autoscaler, nodes
 * where the scenario has them).
 */
export function runCsv(name: string, options: LoadOptions = {}): Record<string, string> {
  const r = simulate(loadScenario(resolve(import.meta.dirname, `../../scenarios/${name}.yaml`), options))
  const tables = { summary: r.summary, cluster: r.cluster, pods: r.pods, rejections: r.rejections, ...r.extra }
  return Object.fromEntries(Object.entries(tables).map(([n, t]) => [n, toCsv(t)]))
}
