/**
 * Pod phases (as Kubernetes names them) and node states, as small integers for typed arrays.
 * `as const` objects rather than enums (erasableSyntaxOnly); names are for output only.
 */
export const PodPhase = {
  /** Created (arrived), not yet bound to a node. */
  Pending: 0,
  /** Bound to a node and holding its requests there. */
  Running: 1,
  /** Ran to completion. */
  Succeeded: 2,
  /** Will not run again (e.g. rejected by the node it was pre-bound to). */
  Failed: 3,
} as const
export type PodPhase = (typeof PodPhase)[keyof typeof PodPhase]
export const POD_PHASE_NAMES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const

export const NodeState = {
  /** A slot of a pool that holds no node (not yet added, or removed). */
  Absent: 0,
  Ready: 1,
  /** Present but not accepting or running pods (failed, or not yet ready). */
  NotReady: 2,
} as const
export type NodeState = (typeof NodeState)[keyof typeof NodeState]
