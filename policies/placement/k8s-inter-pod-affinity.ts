/**
 * kube-scheduler's InterPodAffinity (`plugins/interpodaffinity/{filtering,scoring}.go`), for the
 * terms fleetsim models: pods are selected by their app's labels, and the domain of a term is the
 * value of its `topologyKey` on the node.
 *
 * Filter, in upstream's order of reasons:
 * 1. existing pods' required anti-affinity: a node is rejected when its domain holds a pod whose
 *    app has a required anti-affinity term matching this pod
 *    (`node(s) didn't satisfy existing pods anti-affinity rules`);
 * 2. the pod's required affinity: every term needs a matching pod in the node's domain, unless no
 *    pod in the cluster matches the terms and the pod matches them itself (the first pod of a
 *    group) (`node(s) didn't match pod affinity rules`);
 * 3. the pod's required anti-affinity: no matching pod in the node's domain
 *    (`node(s) didn't match pod anti-affinity rules`). A node lacking the key matches no domain.
 * Score: per node, sum over the pod's preferred terms of weight x matching pods in the node's
 * domain (affinity adds, anti-affinity subtracts); NormalizeScore maps min..max to 0..100
 * (truncated; all 0 when equal). Not modelled: existing pods' preferred terms and
 * hardPodAffinityWeight (symmetric scoring). PreScore skips a pod without preferred terms.
 */
import { type PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodAffinityTerm, PodSpec, WeightedPodAffinityTerm } from '../../src/model/index.js'
import { matchesLabelSelector } from './k8s-labels.js'
import { podsOf, TopologyIndex, type Domains } from './k8s-topology.js'

export const EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules"
export const AFFINITY_MISMATCH = "node(s) didn't match pod affinity rules"
export const ANTI_AFFINITY_MISMATCH = "node(s) didn't match pod anti-affinity rules"

export interface InterPodAffinityArgs {
  /** Accepted for KubeSchedulerConfiguration compatibility; symmetric scoring is not modelled. */
  hardPodAffinityWeight: number
  ignorePreferredTermsOfExistingPods: boolean
}

// perf: shared empty lists, so pods without terms allocate nothing.
const NO_TERMS: readonly PodAffinityTerm[] = []
const NO_WEIGHTED: readonly WeightedPodAffinityTerm[] = []

interface TermState {
  domains: Domains
  /** Matching pods per domain. */
  counts: Float64Array
  weight: number
}

export const k8sInterPodAffinity: PlacementModule<InterPodAffinityArgs> = {
  name: 'InterPodAffinity',
  description: 'kube-scheduler InterPodAffinity: required pod affinity and anti-affinity (both directions), preferred terms scored',
  defaults: { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false },
  check: () => [],
  create: () => {
    const index = new TopologyIndex()
    const states: TermState[] = []
    let used = 0
    // Per pod: which states are which.
    // Reused across pods (cleared, not reallocated).
    const existingAnti: TermState[] = []
    const affinity: TermState[] = []
    let affinityWaived = false
    const anti: TermState[] = []
    const preferred: TermState[] = []
    const preferredSign: number[] = []
    const singleApp: Int32Array[] = []
    let antiAppsOf: ClusterView | null = null
    let antiApps: number[] = []

    /** Counts pods of `apps` per domain of `topologyKey` over all ready nodes. */
    const countPods = (topologyKey: string, apps: Int32Array, weight: number, v: ClusterView): TermState => {
      if (used === states.length) states.push({ domains: { of: new Int32Array(0), count: 0 }, counts: new Float64Array(0), weight: 0 })
      const s = states[used++]!
      s.domains = index.domains(v, topologyKey)
      if (s.counts.length < s.domains.count) s.counts = new Float64Array(v.nodeSlots)
      s.counts.fill(0, 0, s.domains.count)
      s.weight = weight
      for (let n = 0 as NodeId; n < v.nodeSlots; n++) {
        const d = s.domains.of[n]!
        if (d >= 0 && v.isReady(n)) s.counts[d]! += podsOf(v, apps, n)
      }
      return s
    }
    const countTerm = (term: PodAffinityTerm, weight: number, v: ClusterView): TermState =>
      countPods(term.topologyKey, index.appsMatching(v, term.labelSelector), weight, v)
    const inDomain = (s: TermState, n: NodeId): number => {
      const d = s.domains.of[n]!
      return d < 0 ? 0 : s.counts[d]!
    }

    return {
      name: 'InterPodAffinity',
      prepare: (pod: PodSpec, v: ClusterView) => {
        used = 0
        existingAnti.length = 0
        affinity.length = 0
        anti.length = 0
        const labels = pod.template.labels
        if (antiAppsOf !== v) {
          // perf: the apps carrying required anti-affinity, found once per run, not per pod.
          antiAppsOf = v
          antiApps = v.apps.filter((a) => (a.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0).map((a) => a.id)
        }
        for (let i = 0; i < antiApps.length; i++) {
          const a = antiApps[i]!
          const terms = v.apps[a]!.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution!
          for (const t of terms) {
            if (!matchesLabelSelector(t.labelSelector, labels)) continue
            // Only pods of app `a` carry this term.
            singleApp[a] ??= Int32Array.of(a)
            existingAnti.push(countPods(t.topologyKey, singleApp[a]!, 1, v))
          }
        }
        const own = pod.template.affinity
        for (const t of own?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS) affinity.push(countTerm(t, 1, v))
        for (const t of own?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS) anti.push(countTerm(t, 1, v))
        if (affinity.length > 0) {
          let anyMatch = false
          for (const s of affinity) for (let d = 0; d < s.domains.count && !anyMatch; d++) anyMatch = s.counts[d]! > 0
          const terms = own?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS
          affinityWaived = !anyMatch && terms.every((t) => matchesLabelSelector(t.labelSelector, labels))
        }
        return existingAnti.length + affinity.length + anti.length > 0
      },
      filter: (_pod: PodSpec, n: NodeId) => {
        for (const s of existingAnti) if (inDomain(s, n) > 0) return EXISTING_ANTI_AFFINITY
        if (!affinityWaived) for (const s of affinity) if (inDomain(s, n) === 0) return AFFINITY_MISMATCH
        for (const s of anti) if (inDomain(s, n) > 0) return ANTI_AFFINITY_MISMATCH
        return null
      },
      preScore: (pod: PodSpec, _feasible: Int32Array, _count: number, v: ClusterView) => {
        const own = pod.template.affinity
        const pa = own?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? NO_WEIGHTED
        const paa = own?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? NO_WEIGHTED
        if (pa.length + paa.length === 0) return false
        preferred.length = 0
        preferredSign.length = 0
        for (const t of pa) {
          preferred.push(countTerm(t.podAffinityTerm, t.weight, v))
          preferredSign.push(1)
        }
        for (const t of paa) {
          preferred.push(countTerm(t.podAffinityTerm, t.weight, v))
          preferredSign.push(-1)
        }
        return true
      },
      score: (_pod: PodSpec, n: NodeId) => {
        let sum = 0
        for (let i = 0; i < preferred.length; i++) sum += preferredSign[i]! * preferred[i]!.weight * inDomain(preferred[i]!, n)
        return sum
      },
      normalize: (scores: Float64Array, count: number) => {
        let min = Infinity
        let max = -Infinity
        for (let i = 0; i < count; i++) {
          if (scores[i]! < min) min = scores[i]!
          if (scores[i]! > max) max = scores[i]!
        }
        const diff = max - min
        for (let i = 0; i < count; i++) scores[i] = diff > 0 ? Math.trunc((100 * (scores[i]! - min)) / diff) : 0
      },
    }
  },
}
