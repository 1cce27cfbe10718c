/**
 * kube-scheduler's NodeAffinity (`plugins/nodeaffinity/node_affinity.go`).
 *
 * Filter: the node must match the pod's `nodeSelector` (every label equal) and, when set, one of
 * the terms of `requiredDuringSchedulingIgnoredDuringExecution` (terms ORed, expressions ANDed);
 * otherwise `node(s) didn't match Pod's node affinity/selector` (unresolvable). The plugin arg
 * `addedAffinity` is ANDed with every pod's own, as upstream.
 * Score: the sum of the weights of the preferred terms the node matches; DefaultNormalizeScore
 * (highest sum 100). PreScore returns Skip when there are no preferred terms.
 */
import { defaultNormalizeScore, describeValue, type Issue, type PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeAffinity, NodeId, PodSpec, PreferredSchedulingTerm } from '../../src/model/index.js'
import { matchesAnyNodeSelectorTerm, matchesNodeSelectorTerm } from './k8s-labels.js'

export const NODE_AFFINITY_MISMATCH = "node(s) didn't match Pod's node affinity/selector"

export interface NodeAffinityArgs {
  addedAffinity: NodeAffinity | null
}

export const k8sNodeAffinity: PlacementModule<NodeAffinityArgs> = {
  name: 'NodeAffinity',
  description: "kube-scheduler NodeAffinity: rejects nodes outside the pod's nodeSelector and required node affinity; prefers nodes matching heavier preferred terms",
  defaults: { addedAffinity: null },
  check: (a, at): Issue[] => (a.addedAffinity === null || typeof a.addedAffinity === 'object' ? [] : [{ path: `${at}.addedAffinity`, message: `expected a node affinity, got ${describeValue(a.addedAffinity)}` }]),
  create: ({ addedAffinity }) => {
    const addedRequired = addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
    const addedPreferred = addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    let preferred: readonly PreferredSchedulingTerm[] = []
    let forApp: unknown = null
    return {
      name: 'NodeAffinity',
      // PreFilter: Skip (no filter calls) for a pod with neither a nodeSelector nor required terms.
      prepare: (pod: PodSpec) => {
        const app = pod.template
        for (const _key in app.nodeSelector) return true
        return app.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined || addedRequired !== undefined
      },
      filter: (pod: PodSpec, n: NodeId, v: ClusterView) => {
        const app = pod.template
        const labels = v.labels(n)
        const selector = app.nodeSelector
        for (const key in selector) if (labels[key] !== selector[key]) return NODE_AFFINITY_MISMATCH
        const terms = app.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
        if (terms !== undefined && !matchesAnyNodeSelectorTerm(terms, labels, v.nodeName(n))) return NODE_AFFINITY_MISMATCH
        if (addedRequired !== undefined && !matchesAnyNodeSelectorTerm(addedRequired, labels, v.nodeName(n))) return NODE_AFFINITY_MISMATCH
        return null
      },
      preScore: (pod: PodSpec) => {
        if (forApp !== pod.template) {
          forApp = pod.template
          const own = pod.template.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
          preferred = addedPreferred.length === 0 ? own : [...addedPreferred, ...own]
        }
        return preferred.length > 0
      },
      score: (_pod: PodSpec, n: NodeId, v: ClusterView) => {
        const labels = v.labels(n)
        let sum = 0
        for (let i = 0; i < preferred.length; i++) {
          const t = preferred[i]!
          if (t.weight !== 0 && matchesNodeSelectorTerm(t.preference, labels, v.nodeName(n))) sum += t.weight
        }
        return sum
      },
      normalize: (scores: Float64Array, count: number) => defaultNormalizeScore(scores, count, false),
    }
  },
}
