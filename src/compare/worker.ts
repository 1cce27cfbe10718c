/**
 * Worker-thread entry: runs the tasks it is sent, one at a time, and posts each outcome back.
 * Loaded from compiled JavaScript (dist/) by pool.ts.
 */
import { parentPort } from 'node:worker_threads'
import { executeRun, type RunTask } from './execute.js'

export type WorkerReply =
  | { readonly ok: true; readonly outcome: ReturnType<typeof executeRun> }
  | { readonly ok: false; readonly index: number; readonly message: string }

const port = parentPort
if (port) {
  port.on('message', (task: RunTask | null) => {
    // null: no more work; closing the port lets the thread end on its own (see pool.ts).
    if (task === null) return port.close()
    let reply: WorkerReply
    try {
      reply = { ok: true, outcome: executeRun(task) }
    } catch (e) {
      reply = { ok: false, index: task.index, message: e instanceof Error ? (e.name === 'ScenarioError' ? e.message : e.stack ?? e.message) : String(e) }
    }
    port.postMessage(reply)
  })
}
