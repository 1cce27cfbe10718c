/** The control plane: event handlers where engine, model, workloads, policies and metrics meet. */
export { Run } from './run.js'
export type { RunOptions } from './run.js'
export { RunCore } from './run-core.js'
export { Scheduler } from './scheduler.js'
export type { PodOwner } from './pod-owner.js'
export { Ev } from './event-kinds.js'
