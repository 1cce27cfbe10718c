/**
 * The shared shape of bench suites, so `bench/main.ts` can run, filter and print any of them.
 *
 * A suite is a module exporting `suite(opts)`; adding one is the file plus one line in main.ts.
 * This file does no timing itself beyond turning a tinybench task into a `BenchResult`.
 */
import { Worker } from 'node:worker_threads'
import type { Task } from 'tinybench'

export interface BenchOptions {
  /** Short runs (smoke test of the bench, not figures to quote). */
  readonly quick: boolean
  /** Run only tasks whose name contains this; undefined runs everything. */
  readonly filter: string | undefined
}

export interface BenchResult {
  readonly task: string
  /** Task iterations per second. */
  readonly hz: number
  /** Mean time of one task iteration, in ns. */
  readonly mean_ns: number
  /** Timed iterations behind the figures. */
  readonly samples: number
  /** Simulated events per second, for tasks that run events. */
  readonly events_per_s?: number
  /** events_per_s over the paired reference task's, measured in the same run (median of rounds). */
  readonly ratio_to_reference?: number
  readonly ratio_min?: number
  readonly ratio_max?: number
  /** Suite-specific rates, snake_case with their unit (`pods_per_s`); printed in --json only. */
  readonly [extra: `${string}_per_s`]: number | undefined
}

export type Suite = (opts: BenchOptions) => Promise<BenchResult[]>

export function matches(opts: BenchOptions, taskName: string): boolean {
  return opts.filter === undefined || taskName.includes(opts.filter)
}

/** Latency mean (ms) and sample count of a finished task; throws if it failed. */
export function taskStats(task: Task): { meanMs: number; samples: number } {
  const r = task.result
  if (r.state !== 'completed') {
    throw new Error(`bench task ${task.name} ended as ${r.state}${'error' in r ? `: ${r.error.message}` : ''}`)
  }
  return { meanMs: r.latency.mean, samples: r.latency.samplesCount }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/**
 * Runs `job` in a fresh worker thread (a new V8 isolate) of the bench module at `url`, which
 * answers with one message. A task measured in its own isolate sees only its own code's type
 * feedback, as one simulation runs per process; in a shared isolate, the tasks before it leave
 * call sites polymorphic and change its figure.
 */
export function inWorker<Job extends { readonly job: string }, Result>(url: URL, job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: job })
    let answered = false
    worker.once('message', (m: Result) => {
      answered = true
      resolve(m)
    })
    worker.once('error', reject)
    // An exit before the answer (a crash, or a module that did not recognise the job) fails the
    // bench instead of leaving it waiting.
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`bench worker for ${JSON.stringify(job)} exited with ${code} before answering`))
    })
  })
}
