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
  /** Requested from the cloud (by an autoscaler or a replacement) and booting: holds its slot, takes no pods. */
  Provisioning: 3,
} as const
export type NodeState = (typeof NodeState)[keyof typeof NodeState]

/**
 * Why a pod left Running or Pending, beyond its phase: pods.csv shows it as the outcome
 * (`Evicted`, `Preempted`, ...) when it is not `None`. The model stores it; controllers set it.
 */
export const PodEnd = {
  None: 0,
  /** Evicted by the control plane (node failure, drain). */
  Evicted: 1,
  /** Evicted to make room for a higher-priority pod. */
  Preempted: 2,
  /** Deleted by its owner (e.g. a scale-down). */
  Deleted: 3,
  /** Its node was removed or crashed and the pod was not evicted before the run ended. */
  NodeLost: 4,
  /** Rejected by the node it was pre-bound to (does not fit). */
  Rejected: 5,
} as const
export type PodEnd = (typeof PodEnd)[keyof typeof PodEnd]
export const POD_END_NAMES = ['', 'Evicted', 'Preempted', 'Deleted', 'NodeLost', 'Rejected'] as const
