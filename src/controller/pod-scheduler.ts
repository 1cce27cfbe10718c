/**
 * What the run and its controllers ask of a scheduler, whichever mechanism it is: the
 * Kubernetes-style scheduling queue (scheduler.ts) or Mesos-style two-level offers
 * (offer-scheduler.ts). Controllers hand pending pods over and report nodes that gained room; the
 * scheduler decides when and where pods are bound, through the run's bind.
 */
import type { PlacementTrace, Profile } from '../framework/index.js'
import type { NodeId, PodId } from '../model/index.js'

export interface PodScheduler {
  /** The placement profile (its rejection counts go to the summary). */
  readonly profile: Profile
  /** The trace of the explained pod's last placement attempt, when asked for. */
  readonly explained: PlacementTrace | undefined
  /** The pod `explained` is about. */
  readonly explainedPod: PodId | undefined
  /** Queues a pending pod for placement. */
  enqueue(p: PodId): void
  /** Node `n` gained room or appeared: waiting pods may fit there now. */
  nodeChanged(n: NodeId): void
}
