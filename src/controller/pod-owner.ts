/**
 * The contract between the run and the controllers that own pods (one owner per workload): the
 * batch controller today; services and their replica sets later. The run binds and ends pods and
 * tells the owner, so each owner keeps its own bookkeeping (completion events, replica counts).
 */
import type { NodeId, PodEnd, PodId } from '../model/index.js'

export interface PodOwner {
  /** Called once when `p` has been bound to `n` (by the scheduler or a pre-bind). */
  podBound(p: PodId, n: NodeId): void
  /**
   * Called once when a bound pod stops for a reason other than finishing its work (`end` says
   * which: evicted, preempted, deleted, node lost); the pod is already out of Running.
   */
  podStopped(p: PodId, end: PodEnd): void
  /**
   * Optional: the bound pod stopped doing its work but stays bound (its node crashed, its
   * container crashed and backs off). A batch owner pauses the pod's progress here.
   */
  podInterrupted?(p: PodId): void
  /** Optional: an interrupted pod works again; its container started afresh (progress from its last checkpoint). */
  podResumed?(p: PodId): void
}
