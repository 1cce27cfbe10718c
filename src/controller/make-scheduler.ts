/**
 * Picks the run's scheduling mechanism from the placement profile: Mesos two-level offers when a
 * plugin of the profile asks for an offer cycle (`mesos-offers`), otherwise the Kubernetes-style
 * scheduling queue (in priority or DRF order).
 */
import type { Sim } from '../engine/index.js'
import type { OfferCycle, Profile, QueueOrder } from '../framework/index.js'
import type { Cluster, NodeId, PodId } from '../model/index.js'
import { OfferScheduler } from './offer-scheduler.js'
import type { PodScheduler } from './pod-scheduler.js'
import { Scheduler } from './scheduler.js'

/** The offer cycle a profile's plugins ask for, or undefined. */
export function offerCycleOf(profile: Profile): OfferCycle | undefined {
  for (const e of profile.entries) if (e.plugin.offerCycle) return e.plugin.offerCycle
  return undefined
}

export function makeScheduler(sim: Sim, cluster: Cluster, profile: Profile, bind: (p: PodId, n: NodeId) => void, explainPod: string | true | undefined, queueOrder?: QueueOrder, evict?: (p: PodId) => void): PodScheduler {
  const cycle = offerCycleOf(profile)
  return cycle ? new OfferScheduler(sim, cluster, profile, cycle, bind, explainPod) : new Scheduler(sim, cluster, profile, bind, explainPod, queueOrder, evict)
}
