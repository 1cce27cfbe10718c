/**
 * Whole runs, end to end: scenarios/batch-day.yaml (24 h, 200 nodes, about 85,000 pods) and the
 * quickstart, reported as simulated pods per wall second and events per second.
 */
import { readFileSync } from 'node:fs'
import { Bench } from 'tinybench'
import { parseScenario, simulate } from '../src/index.js'
import { matches, taskStats, type BenchOptions, type BenchResult } from './harness.js'

const SCENARIOS = ['batch-day', 'quickstart'] as const

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  for (const name of SCENARIOS) {
    const task = `scenario/${name}`
    if (!matches(opts, task)) continue
    const text = readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8')
    const scenario = parseScenario(text, `${name}.yaml`, opts.quick ? { durationMs: 3_600_000 } : {})
    let pods = 0
    let events = 0
    const bench = new Bench({ time: opts.quick ? 200 : 3000, iterations: 3, warmup: true, warmupIterations: 1 })
    bench.add(task, () => {
      const r = simulate(scenario)
      const row = r.summary.rows[0]!
      pods = Number(row[r.summary.columns.indexOf('pods_submitted')])
      events = Number(row[r.summary.columns.indexOf('events')])
    })
    await bench.run()
    const { meanMs, samples } = taskStats(bench.tasks[0]!)
    out.push({ task, hz: 1000 / meanMs, mean_ns: meanMs * 1e6, samples, events_per_s: (events * 1000) / meanMs, pods_per_s: (pods * 1000) / meanMs })
  }
  return out
}
