/**
 * Workloads in internal units, as the scenario layer builds them: Batch streams of pods and single
 * Pods. Distributions are engine DistSpecs in the unit their field names (ms, millicores, bytes).
 */
import type { DistSpec } from '../engine/index.js'
import type { ServiceWorkload } from './service-workload.js'

export type Arrivals =
  | { readonly process: 'poisson'; readonly ratePerS: number }
  | { readonly process: 'interval'; readonly everyMs: number }
  | { readonly process: 'times'; readonly atMs: readonly number[] }

/**
 * How a workload's pods request resources. Each pod draws cpu, memory, gpu and every extended
 * resource from its distribution (constants for fixed requests). The non-zero extras are what
 * kube-scheduler's scoring defaults add for containers that set no cpu or memory request.
 */
export interface RequestSpec {
  readonly cpuMilli: DistSpec
  readonly memBytes: DistSpec
  readonly gpu: DistSpec
  /** One per cluster extended resource, in `extNames` order. */
  readonly ext: readonly DistSpec[]
  readonly cpuNonZeroExtraMilli: number
  readonly memNonZeroExtraBytes: number
}

export interface BatchWorkload {
  readonly kind: 'Batch'
  readonly app: number
  readonly arrivals: Arrivals
  readonly startMs: number
  /** No arrival at or after this time. */
  readonly stopMs: number
  /** At most this many pods (Infinity when unbounded). */
  readonly maxPods: number
  readonly durationMs: DistSpec
  readonly requests: RequestSpec
  /** Progress is saved every this many ms of running; a restarted or replaced pod resumes from the last save (0 = from the start). */
  readonly checkpointMs?: number | undefined
}

export interface PodWorkload {
  readonly kind: 'Pod'
  readonly app: number
  readonly atMs: number
  /** Infinity: runs until the end of the simulation. */
  readonly durationMs: DistSpec | null
  readonly requests: RequestSpec
  /** Pre-bound node (Kubernetes `spec.nodeName`): bypasses the scheduler. */
  readonly nodeName: string | undefined
}

export type Workload = BatchWorkload | PodWorkload | ServiceWorkload
