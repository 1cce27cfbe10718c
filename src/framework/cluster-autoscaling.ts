/**
 * The cluster-autoscaling contract: a policy looks at the cluster every `intervalMs` through a
 * context the controller provides (pending pods, pool sizes, placement simulations on template
 * and real nodes) and acts through it (request nodes, remove nodes). The controller owns timing,
 * provisioning delays and actuation; the policy owns the decisions. Pod autoscaling has its own
 * contract (autoscaler.ts).
 */
import type { ClusterView, NodeId, PodId, PoolId } from '../model/index.js'
import type { Issue } from './issue.js'

/** What a fresh node of a pool already holds in a simulation (requests and pod count). */
export interface TemplateUse {
  cpuMilli: number
  memBytes: number
  gpu: number
  pods: number
}

export interface ClusterAutoscalerContext {
  readonly view: ClusterView
  readonly nowMs: number
  /** Uniform in [0, 1): the run's `autoscaling` stream (random expander, ties). */
  readonly random: () => number
  /** Pending pods the scheduler could not place, oldest first. */
  unschedulable(): readonly PodId[]
  /** Nodes of the pool present or provisioning, and those provisioning. */
  poolSize(pool: PoolId): number
  upcoming(pool: PoolId): number
  /** Does the pod fit on a fresh node of the pool already holding `use`? Runs the placement filters. */
  fitsTemplate(pod: PodId, pool: PoolId, use: TemplateUse): boolean
  /**
   * Would every pod of `n` fit on other ready, schedulable nodes? The destinations found are kept
   * for the rest of this loop, so two nodes are not emptied into the same room.
   */
  podsFitElsewhere(n: NodeId): boolean
  /** Requests `count` nodes of the pool (ready after the pool's provisioning delay). */
  scaleUp(pool: PoolId, count: number): void
  /** Removes a node: an empty one at once; a busy one is drained (its pods evicted) first. */
  removeNode(n: NodeId): void
}

export interface ClusterAutoscalerPolicy {
  readonly intervalMs: number
  loop(ctx: ClusterAutoscalerContext): void
}

export interface ClusterAutoscalerModule<Args extends object> {
  readonly name: string
  readonly description: string
  readonly defaults: Args
  check(args: Args, at: string): Issue[]
  create(args: Args): ClusterAutoscalerPolicy
}
