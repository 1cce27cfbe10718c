/** Workloads: arrival processes and request draws, pure functions of time and an Rng. */
export { ArrivalProcess } from './arrivals.js'
export { RequestSampler } from './requests.js'
export type { Arrivals, BatchWorkload, PodWorkload, RequestSpec, Workload } from './types.js'
