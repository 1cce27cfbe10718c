/**
 * `compare` on worker threads: a 20-run comparison (batch-day: 200 nodes, 24 simulated hours,
 * about 1/2 s per run; first-fit and best-fit × seeds 1..10) with 1 worker and with 2, measured
 * side by side in the same process. Runs must be long against a worker's start (about 0.4 s to
 * load the simulator), as they are in real comparisons; quick mode simulates 4 hours.
 * The acceptance figure is the speedup, wall time(1 worker) / wall time(2 workers), which should
 * reach 1.7 on 2 idle cores (runs are independent; the main thread only collects results).
 *
 * Rounds alternate which pool size goes first; the ratio is taken per round and the median
 * reported. Needs the compiled worker (run from dist/ via `npm run bench`). Quick mode: 1 round.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { planRuns, policyCombinations, runTasks, taskOf } from '../src/compare/index.js'
import { type BenchOptions, type BenchResult, matches, median } from './harness.js'

const RUNS_SEEDS = 10
const HOUR_MS = 3_600_000

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const name1 = 'compare/20-runs/1-worker'
  const name2 = 'compare/20-runs/2-workers'
  if (!matches(opts, name1) && !matches(opts, name2)) return []
  const file = resolve(import.meta.dirname, '../../scenarios/batch-day.yaml')
  const src = { scenarioText: readFileSync(file, 'utf8'), scenarioFile: file, overrides: { durationMs: (opts.quick ? 4 : 24) * HOUR_MS } }
  const tasks = planRuns(1, policyCombinations({ placement: ['first-fit', 'best-fit'] }), Array.from({ length: RUNS_SEEDS }, (_, i) => i + 1)).map((r) => taskOf(r, src))
  const time = async (jobs: number): Promise<number> => {
    const t0 = performance.now()
    await runTasks(tasks, { jobs })
    return performance.now() - t0
  }
  await time(2) // warm-up: file cache, JIT of the main thread
  const rounds = opts.quick ? 1 : 3
  const t1: number[] = []
  const t2: number[] = []
  const ratios: number[] = []
  for (let r = 0; r < rounds; r++) {
    let one: number
    let two: number
    if (r % 2 === 0) {
      one = await time(1)
      two = await time(2)
    } else {
      two = await time(2)
      one = await time(1)
    }
    t1.push(one)
    t2.push(two)
    ratios.push(one / two)
  }
  const row = (task: string, ms: number[], ratio?: number[]): BenchResult => ({
    task, hz: 1000 / median(ms), mean_ns: median(ms) * 1e6, samples: ms.length,
    ...(ratio ? { ratio_to_reference: median(ratio), ratio_min: Math.min(...ratio), ratio_max: Math.max(...ratio) } : {}),
  })
  return [row(name1, t1), row(name2, t2, ratios)]
}
