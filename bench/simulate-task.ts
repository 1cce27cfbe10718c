/**
 * Times whole runs of one scenario with tinybench: the figure behind the scenario, services and
 * cluster suites. Each iteration is `simulate(scenario)` plus the suite's own `after` work (such
 * as writing the CSV text); the result carries events/s and simulated pods/s from the run's
 * summary.csv.
 */
import { Bench } from 'tinybench'
import { simulate, type Scenario, type SimulateResult } from '../src/index.js'
import { taskStats, type BenchResult } from './harness.js'

export interface SimulateTaskOptions {
  /** tinybench's options for this task (time budget, iterations, warm-up). */
  readonly bench: ConstructorParameters<typeof Bench>[0]
  /** Extra work per iteration on the run's result, timed with it. */
  readonly after?: (r: SimulateResult) => void
}

export async function simulateTask(task: string, scenario: Scenario, options: SimulateTaskOptions): Promise<BenchResult> {
  let events = 0
  let pods = 0
  const bench = new Bench(options.bench)
  bench.add(task, () => {
    const r = simulate(scenario)
    options.after?.(r)
    const row = r.summary.rows[0]!
    events = Number(row[r.summary.columns.indexOf('events')])
    pods = Number(row[r.summary.columns.indexOf('pods_submitted')])
  })
  await bench.run()
  const { meanMs, samples } = taskStats(bench.tasks[0]!)
  return {
    task, hz: 1000 / meanMs, mean_ns: meanMs * 1e6, samples,
    events_per_s: (events * 1000) / meanMs, pods_per_s: (pods * 1000) / meanMs,
  }
}
