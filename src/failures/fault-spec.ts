/**
 * The faults of a scenario, in internal units (ms, DistSpec), as the scenario layer builds them
 * and the fault controller runs them. Pure data: selectors name nodes by name, pool or labels and
 * are resolved against the cluster by `node-selector.ts`.
 */
import type { DistSpec } from '../engine/index.js'

/** Which nodes a fault applies to; every given field must match (an empty selector matches every node). */
export interface NodeSelector {
  readonly node?: string | undefined
  readonly pool?: string | undefined
  readonly labels?: Readonly<Record<string, string>> | undefined
}

/**
 * Nodes crash and are repaired. Either a failure process (`ttf`, time to failure, drawn again after
 * each repair) or fixed crash times (`atMs`). With `groupBy` (a label key, e.g. `rack`), the nodes
 * sharing a value fail together: one process per group, every node of the group crashes at once.
 */
export interface NodeCrashFault {
  readonly kind: 'NodeCrash'
  readonly select: NodeSelector
  readonly groupBy: string | undefined
  readonly ttf: DistSpec | undefined
  readonly atMs: readonly number[] | undefined
  /** Time to repair, drawn per crash. */
  readonly repair: DistSpec
}

/** Every node with `label = zone` crashes at `atMs` and comes back `durationMs` later. */
export interface ZoneOutageFault {
  readonly kind: 'ZoneOutage'
  readonly label: string
  readonly zone: string
  readonly atMs: number
  readonly durationMs: number
}

/**
 * The cloud reclaims spot nodes of a pool: a notice (`noticeMs`, 2 min on AWS, 30 s on GCP) during
 * which the node is cordoned and drained, then the node is removed. The pool's instance group
 * replaces it after its provisioning delay (as a managed instance group keeps its target size).
 */
export interface SpotReclaimFault {
  readonly kind: 'SpotReclaim'
  readonly pool: string
  readonly ttf: DistSpec | undefined
  readonly atMs: readonly number[] | undefined
  readonly noticeMs: number
}

/**
 * Maintenance: at `atMs` the selected nodes are cordoned and their pods evicted with at most
 * `maxUnavailable` pods of a workload evicted and not yet running again (a PodDisruptionBudget),
 * retried every 5 s as `kubectl drain` does; `durationMs` after the node is empty it is uncordoned.
 */
export interface DrainFault {
  readonly kind: 'Drain'
  readonly select: NodeSelector
  readonly atMs: number
  readonly maxUnavailable: number
  readonly durationMs: number
}

/** Containers of a workload crash (time to crash per running pod) and restart with CrashLoopBackOff. */
export interface ContainerCrashFault {
  readonly kind: 'ContainerCrash'
  readonly workload: string
  readonly ttf: DistSpec
}

export type FaultSpec = NodeCrashFault | ZoneOutageFault | SpotReclaimFault | DrainFault | ContainerCrashFault
