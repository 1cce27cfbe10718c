/** The control plane: event handlers where engine, model, workloads, policies and metrics meet. */
export { Run } from './run.js'
export type { RunOptions } from './run.js'
export { Ev } from './event-kinds.js'
