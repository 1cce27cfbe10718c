/**
 * Runs tasks on a pool of worker threads (node:worker_threads over the compiled dist/ JavaScript)
 * and returns the outcomes in task order, so results never depend on the number of workers or on
 * which finished first. `jobs: 'inline'` runs them on the calling thread instead (tests, tiny
 * runs, or when no compiled worker exists), yielding between runs so progress can be drawn.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { executeRun, type RunOutcome, type RunTask } from './execute.js'
import type { WorkerReply } from './worker.js'

export interface PoolOptions {
  readonly jobs: number | 'inline'
  /** Called after each run (in completion order) with the number done so far and its outcome. */
  readonly onDone?: ((done: number, total: number, outcome: RunOutcome) => void) | undefined
  readonly workerUrl?: URL | undefined
}

/** dist/src/compare/worker.js, also when this module runs from TypeScript source (tests). */
export function defaultWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../../dist/src/compare/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url)
}

export const hasCompiledWorker = (): boolean => existsSync(fileURLToPath(defaultWorkerUrl()))

export async function runTasks(tasks: readonly RunTask[], options: PoolOptions): Promise<RunOutcome[]> {
  if (options.jobs === 'inline') return runInline(tasks, options)
  const out = new Array<RunOutcome>(tasks.length)
  const position = new Map(tasks.map((t, i) => [t.index, i]))
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length))
  const workers: Worker[] = []
  let next = 0
  let done = 0
  try {
    await new Promise<void>((resolve, reject) => {
      if (tasks.length === 0) return resolve()
      const feed = (w: Worker) => { if (next < tasks.length) w.postMessage(tasks[next++]) }
      for (let i = 0; i < jobs; i++) {
        const w = new Worker(options.workerUrl ?? defaultWorkerUrl())
        workers.push(w)
        w.on('message', (reply: WorkerReply) => {
          if (!reply.ok) return reject(new RunFailed(reply.index, reply.message))
          out[position.get(reply.outcome.index)!] = reply.outcome
          done++ // not inside onDone?.(...): optional chaining would skip the increment without a callback
          options.onDone?.(done, tasks.length, reply.outcome)
          if (done === tasks.length) resolve()
          else feed(w)
        })
        w.on('error', reject)
        w.on('exit', (code) => { if (done < tasks.length) reject(new Error(`worker thread exited with code ${code} before all runs finished`)) })
        feed(w)
      }
    })
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()))
    throw e
  }
  // Idle workers are told to finish and end on their own, so their exit is orderly.
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
    w.removeAllListeners('exit')
    w.once('exit', () => resolve())
    w.postMessage(null)
  })))
  return out
}

async function runInline(tasks: readonly RunTask[], options: PoolOptions): Promise<RunOutcome[]> {
  const out: RunOutcome[] = []
  for (const t of tasks) {
    const o = executeRun(t)
    out.push(o)
    options.onDone?.(out.length, tasks.length, o)
    await new Promise((r) => setImmediate(r))
  }
  return out
}

/** A run failed inside a worker; the message is the scenario's issues or the stack of the bug. */
export class RunFailed extends Error {
  readonly index: number
  constructor(index: number, message: string) {
    super(`run ${index} failed: ${message}`)
    this.name = 'RunFailed'
    this.index = index
  }
}
