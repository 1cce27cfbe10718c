/**
 * kube-scheduler's PodTopologySpread (`plugins/podtopologyspread/{filtering,scoring}.go`).
 *
 * Filter, for each `DoNotSchedule` constraint: matching pods are counted per domain of
 * `topologyKey` over the ready nodes that pass the pod's nodeSelector and required node affinity
 * (NodeAffinityPolicy Honor; taints ignored, NodeTaintsPolicy Ignore) and carry every hard
 * constraint's key. A node lacking the key is rejected (unresolvable); otherwise it is rejected
 * when count[domain] + (1 if the pod matches the selector) - globalMin > maxSkew, globalMin being
 * the lowest count among those domains (0 when fewer than `minDomains` exist).
 *
 * Score, for the `ScheduleAnyway` constraints (or, for a pod without constraints, the system
 * defaults: hostname maxSkew 3 and zone maxSkew 5): per feasible node,
 * round(sum_c cnt_c x ln(domains_c + 2) + maxSkew_c - 1), where domains_c counts the distinct
 * values among the feasible nodes (the feasible node count for hostname), and cnt_c is the number
 * of matching pods in the node's domain (counted over all ready nodes in domains that feasible nodes
 * occupy). Nodes lacking a key (with the pod's own constraints) score 0. NormalizeScore:
 * 100 x (max + min - s) / max, integer; all 100 when max is 0. PreScore skips when there is no
 * soft constraint.
 *
 * System defaults apply, as upstream, only to pods selected by a Service, ReplicaSet or
 * StatefulSet: in fleetsim, pods of replicated workloads (kind Service). Batch (Job) pods and bare
 * Pods get none. `defaultingType: List` uses `defaultConstraints` instead (selector: the app's labels).
 */
import { describeValue, oneOf, type Issue, type PlacementModule } from '../../src/framework/index.js'
import type { AppSpec, ClusterView, NodeId, PodSpec, TopologySpreadConstraint } from '../../src/model/index.js'
import { matchesLabelSelector } from './k8s-labels.js'
import { HOSTNAME_KEY, matchesRequiredNodeAffinity, podsOf, TopologyIndex, ZONE_KEY, type Domains } from './k8s-topology.js'

export const SPREAD_MISMATCH = "node(s) didn't match pod topology spread constraints"
export const SPREAD_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)"

export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { maxSkew: 3, topologyKey: HOSTNAME_KEY, whenUnsatisfiable: 'ScheduleAnyway' },
  { maxSkew: 5, topologyKey: ZONE_KEY, whenUnsatisfiable: 'ScheduleAnyway' },
]

const NONE: readonly TopologySpreadConstraint[] = []

/** Workload kinds whose pods a Service/ReplicaSet/StatefulSet selects (system defaults apply). */
const CONTROLLED_KINDS: readonly string[] = ['Service']

export interface PodTopologySpreadArgs {
  defaultingType: 'System' | 'List'
  defaultConstraints: readonly TopologySpreadConstraint[]
}

/** One constraint resolved for the current pod. */
interface Resolved {
  maxSkew: number
  key: string
  domains: Domains
  apps: Int32Array
  self: number
  minDomains: number
  hostname: boolean
}

const blank = (): Resolved => ({ maxSkew: 1, key: '', domains: { of: new Int32Array(0), count: 0 }, apps: new Int32Array(0), self: 0, minDomains: 1, hostname: false })

export const k8sPodTopologySpread: PlacementModule<PodTopologySpreadArgs> = {
  name: 'PodTopologySpread',
  description: 'kube-scheduler PodTopologySpread: enforces maxSkew across topology domains (DoNotSchedule) and prefers less crowded domains (ScheduleAnyway, system defaults)',
  defaults: { defaultingType: 'System', defaultConstraints: [] },
  check: (a, at): Issue[] => [
    ...oneOf(a.defaultingType, ['System', 'List'] as const, `${at}.defaultingType`),
    ...(Array.isArray(a.defaultConstraints) ? [] : [{ path: `${at}.defaultConstraints`, message: `expected a list of topology spread constraints, got ${describeValue(a.defaultConstraints)}` }]),
  ],
  create: (args) => {
    const index = new TopologyIndex()
    const defaults = args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints
    const systemDefaulted = args.defaultingType === 'System'
    // Scratch, grown to the largest cluster and constraint count seen (not per pod).
    const hard: Resolved[] = []
    let hardCount = 0
    let hardCounts: Float64Array[] = []
    let hardEligible: Uint8Array[] = []
    const hardMin = new Float64Array(16)
    const soft: Resolved[] = []
    let softCount = 0
    let softCounts: Float64Array[] = []
    let softPresent: Uint8Array[] = []
    const softWeight = new Float64Array(16)
    let ignoredAt = new Uint8Array(0)

    const grow = (list: Resolved[], k: number): Resolved[] => {
      while (list.length < k) list.push(blank())
      return list
    }
    const scratch = (arrs: Float64Array[], k: number, size: number): Float64Array[] => {
      while (arrs.length < k) arrs.push(new Float64Array(size))
      for (let i = 0; i < k; i++) if (arrs[i]!.length < size) arrs[i] = new Float64Array(size)
      return arrs
    }
    const marks = (arrs: Uint8Array[], k: number, size: number): Uint8Array[] => {
      while (arrs.length < k) arrs.push(new Uint8Array(size))
      for (let i = 0; i < k; i++) if (arrs[i]!.length < size) arrs[i] = new Uint8Array(size)
      return arrs
    }
    const resolve = (into: Resolved, c: TopologySpreadConstraint, self: boolean, apps: Int32Array, v: ClusterView) => {
      into.maxSkew = c.maxSkew
      into.key = c.topologyKey
      into.domains = index.domains(v, c.topologyKey)
      into.apps = apps
      into.self = self ? 1 : 0
      into.minDomains = c.minDomains ?? 1
      into.hostname = c.topologyKey === HOSTNAME_KEY
    }
    /** The pod's own constraints, or the defaults (with the app's labels as selector), or none. */
    // perf: results in two variables instead of a fresh object per pod.
    let list: readonly TopologySpreadConstraint[] = []
    let own = false
    const constraintsOf = (app: AppSpec): void => {
      const mine = app.topologySpreadConstraints ?? NONE
      own = mine.length > 0
      list = own ? mine : systemDefaulted && !CONTROLLED_KINDS.includes(app.kind) ? NONE : defaults
    }
    /** Resolves the constraints of `list` with this `when` into `into` (grown as needed); returns how many. */
    const resolveAll = (when: TopologySpreadConstraint['whenUnsatisfiable'], into: Resolved[], pod: PodSpec, v: ClusterView): number => {
      let k = 0
      for (const c of list) {
        if (c.whenUnsatisfiable !== when) continue
        // The defaults select the pod's own labels, which always match the pod itself.
        const self = own ? matchesLabelSelector(c.labelSelector, pod.template.labels) : true
        const apps = own ? index.appsMatching(v, c.labelSelector) : index.appsWithLabelsOf(v, pod.template)
        resolve(grow(into, k + 1)[k]!, c, self, apps, v)
        k++
      }
      return k
    }
    const hasAllKeys = (list: Resolved[], k: number, n: number): boolean => {
      for (let i = 0; i < k; i++) if (list[i]!.domains.of[n]! < 0) return false
      return true
    }

    return {
      name: 'PodTopologySpread',
      prepare: (pod: PodSpec, v: ClusterView) => {
        constraintsOf(pod.template)
        hardCount = resolveAll('DoNotSchedule', hard, pod, v)
        if (hardCount === 0) return false
        hardCounts = scratch(hardCounts, hardCount, v.nodeSlots)
        hardEligible = marks(hardEligible, hardCount, v.nodeSlots)
        for (let i = 0; i < hardCount; i++) {
          hardCounts[i]!.fill(0, 0, hard[i]!.domains.count)
          hardEligible[i]!.fill(0, 0, hard[i]!.domains.count)
        }
        for (let n = 0 as NodeId; n < v.nodeSlots; n++) {
          if (!v.isReady(n) || !hasAllKeys(hard, hardCount, n) || !matchesRequiredNodeAffinity(pod.template, v, n)) continue
          for (let i = 0; i < hardCount; i++) {
            const c = hard[i]!
            const d = c.domains.of[n]!
            hardEligible[i]![d] = 1
            hardCounts[i]![d]! += podsOf(v, c.apps, n)
          }
        }
        for (let i = 0; i < hardCount; i++) {
          const c = hard[i]!
          let min = Infinity
          let domains = 0
          for (let d = 0; d < c.domains.count; d++) {
            if (hardEligible[i]![d] === 0) continue
            domains++
            if (hardCounts[i]![d]! < min) min = hardCounts[i]![d]!
          }
          hardMin[i] = domains < c.minDomains || min === Infinity ? 0 : min
        }
        return true
      },
      filter: (_pod: PodSpec, n: NodeId) => {
        for (let i = 0; i < hardCount; i++) {
          const c = hard[i]!
          const d = c.domains.of[n]!
          if (d < 0) return SPREAD_MISSING_LABEL
          if (hardCounts[i]![d]! + c.self - hardMin[i]! > c.maxSkew) return SPREAD_MISMATCH
        }
        return null
      },
      preScore: (pod: PodSpec, feasible: Int32Array, count: number, v: ClusterView) => {
        constraintsOf(pod.template)
        softCount = resolveAll('ScheduleAnyway', soft, pod, v)
        if (softCount === 0) return false
        const requireAll = own || !systemDefaulted
        if (ignoredAt.length < v.nodeSlots) ignoredAt = new Uint8Array(v.nodeSlots)
        // One more slot per constraint: the "no such label" value, which upstream counts as a
        // domain ("") when nodes may lack keys (system defaults).
        softCounts = scratch(softCounts, softCount, v.nodeSlots + 1)
        softPresent = marks(softPresent, softCount, v.nodeSlots + 1)
        for (let i = 0; i < softCount; i++) {
          softCounts[i]!.fill(0, 0, soft[i]!.domains.count + 1)
          softPresent[i]!.fill(0, 0, soft[i]!.domains.count + 1)
        }
        let ignored = 0
        for (let f = 0; f < count; f++) {
          const n = feasible[f]!
          const skip = requireAll && !hasAllKeys(soft, softCount, n)
          ignoredAt[f] = skip ? 1 : 0
          if (skip) {
            ignored++
            continue
          }
          for (let i = 0; i < softCount; i++) {
            const c = soft[i]!
            const d = c.domains.of[n]!
            softPresent[i]![d < 0 ? c.domains.count : d] = 1
          }
        }
        for (let i = 0; i < softCount; i++) {
          const c = soft[i]!
          let size = 0
          if (c.hostname) size = count - ignored
          else for (let d = 0; d <= c.domains.count; d++) size += softPresent[i]![d]!
          softWeight[i] = Math.log(size + 2)
        }
        // Counts per domain over all ready nodes (not only the feasible ones).
        for (let n = 0 as NodeId; n < v.nodeSlots; n++) {
          if (!v.isReady(n) || !matchesRequiredNodeAffinity(pod.template, v, n)) continue
          if (requireAll && !hasAllKeys(soft, softCount, n)) continue
          for (let i = 0; i < softCount; i++) {
            const c = soft[i]!
            if (c.hostname) continue
            const d = c.domains.of[n]!
            const slot = d < 0 ? c.domains.count : d
            if (softPresent[i]![slot] === 1) softCounts[i]![slot]! += podsOf(v, c.apps, n)
          }
        }
        return true
      },
      score: (_pod: PodSpec, n: NodeId, v: ClusterView) => {
        // A node lacking a key gets no credit for that constraint (normalize zeroes ignored nodes).
        let score = 0
        for (let i = 0; i < softCount; i++) {
          const c = soft[i]!
          const d = c.domains.of[n]!
          if (d < 0) continue
          const cnt = c.hostname ? podsOf(v, c.apps, n) : softCounts[i]![d]!
          score += cnt * softWeight[i]! + (c.maxSkew - 1)
        }
        return Math.round(score) // math.Round; scores are >= 0
      },
      normalize: (scores: Float64Array, count: number) => {
        let min = Infinity
        let max = 0
        for (let i = 0; i < count; i++) {
          if (ignoredAt[i] === 1) continue
          const s = scores[i]!
          if (s < min) min = s
          if (s > max) max = s
        }
        for (let i = 0; i < count; i++) {
          if (ignoredAt[i] === 1) scores[i] = 0
          else if (max === 0) scores[i] = 100
          else scores[i] = Math.floor((100 * (max + min - scores[i]!)) / max)
        }
      },
    }
  },
}
