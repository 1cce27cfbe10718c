/**
 * Whole runs, end to end: scenarios/batch-day.yaml (24 h, 200 nodes, about 85,000 pods) and the
 * quickstart, reported as simulated pods per wall second and events per second.
 */
import { readFileSync } from 'node:fs'
import { parseScenario } from '../src/index.js'
import { matches, type BenchOptions, type BenchResult } from './harness.js'
import { simulateTask } from './simulate-task.js'

const SCENARIOS = ['batch-day', 'quickstart'] as const

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  for (const name of SCENARIOS) {
    const task = `scenario/${name}`
    if (!matches(opts, task)) continue
    const text = readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8')
    const scenario = parseScenario(text, `${name}.yaml`, opts.quick ? { durationMs: 3_600_000 } : {})
    out.push(await simulateTask(task, scenario, { bench: { time: opts.quick ? 200 : 3000, iterations: 3, warmup: true, warmupIterations: 1 } }))
  }
  return out
}
