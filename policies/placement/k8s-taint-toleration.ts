/**
 * kube-scheduler's TaintToleration (`plugins/tainttoleration/taint_toleration.go`).
 *
 * Filter: a node with a NoSchedule or NoExecute taint the pod does not tolerate is rejected
 * (`node(s) had untolerated taint(s)`, unresolvable: preemption cannot help).
 * Score: the raw score is the number of the node's PreferNoSchedule taints not tolerated by the
 * pod's tolerations whose effect is PreferNoSchedule or empty; DefaultNormalizeScore reversed, so
 * the node with the most such taints scores 0 and a node with none 100.
 */
import { defaultNormalizeScore, type PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec, Taint, Toleration } from '../../src/model/index.js'
import { toleratesAny } from './k8s-labels.js'

export const UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)'

/** The first NoSchedule/NoExecute taint of `taints` not tolerated, or undefined. */
export function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i]!
    if (t.effect !== 'PreferNoSchedule' && !toleratesAny(tolerations, t)) return t
  }
  return undefined
}

export const k8sTaintToleration: PlacementModule<Record<string, never>> = {
  name: 'TaintToleration',
  description: 'kube-scheduler TaintToleration: rejects untolerated NoSchedule/NoExecute taints; prefers nodes with fewer untolerated PreferNoSchedule taints',
  defaults: {},
  check: () => [],
  create: () => {
    // Per pod: the tolerations that count for scoring (effect PreferNoSchedule or empty).
    let preferTolerations: Toleration[] = []
    let forTemplate: readonly Toleration[] | null = null
    // One node's score: `score` for a node, `scoreAll` for each feasible node (its loop inlines this).
    const scoreNode = (n: NodeId, v: ClusterView): number => {
      const taints = v.taints(n)
      let count = 0
      for (let i = 0; i < taints.length; i++) {
        const t = taints[i]!
        if (t.effect === 'PreferNoSchedule' && !toleratesAny(preferTolerations, t)) count++
      }
      return count
    }

    // One node's verdict: `filter` itself, and `filterAll`'s loop over a chunk of nodes (inlined there).
    const filterNode = (pod: PodSpec, n: NodeId, v: ClusterView): string | null => {
      const taints = v.taints(n)
      if (taints.length === 0) return null
      return untoleratedTaint(taints, pod.template.tolerations) === undefined ? null : UNTOLERATED_TAINT
    }

    return {
      name: 'TaintToleration',
      filter: filterNode,
      filterAll: (pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, reject: (node: NodeId, reason: string) => void) => {
        let kept = 0
        for (let i = 0; i < count; i++) {
          const n = nodes[i]! as NodeId
          const reason = filterNode(pod, n, v)
          if (reason === null) nodes[kept++] = n
          else reject(n, reason)
        }
        return kept
      },
      preScore: (pod: PodSpec) => {
        // perf: recomputed only when the app changes (pods of one app share tolerations).
        if (forTemplate !== pod.template.tolerations) {
          forTemplate = pod.template.tolerations
          preferTolerations = forTemplate.filter((t) => t.effect === undefined || t.effect === 'PreferNoSchedule')
        }
      },
      score: (_pod: PodSpec, n: NodeId, v: ClusterView) => scoreNode(n, v),
      scoreAll: (_pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, out: Float64Array) => {
        for (let i = 0; i < count; i++) out[i] = scoreNode(nodes[i]! as NodeId, v)
      },
      normalize: (scores: Float64Array, count: number) => defaultNormalizeScore(scores, count, true),
    }
  },
}
