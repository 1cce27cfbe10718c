/**
 * kube-scheduler's NodeUnschedulable (`plugins/nodeunschedulable/node_unschedulable.go`): rejects a
 * cordoned node (`spec.unschedulable`) unless the pod tolerates the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint that cordoning implies. Filter only.
 */
import type { PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec, Taint } from '../../src/model/index.js'
import { toleratesAny } from './k8s-labels.js'

export const NODE_UNSCHEDULABLE = 'node(s) were unschedulable'
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }

export const k8sNodeUnschedulable: PlacementModule<Record<string, never>> = {
  name: 'NodeUnschedulable',
  description: 'kube-scheduler NodeUnschedulable: rejects cordoned nodes unless the pod tolerates node.kubernetes.io/unschedulable',
  defaults: {},
  check: () => [],
  create: () => {
    // One node's verdict: `filter` itself, and `filterAll`'s loop over a chunk of nodes (inlined there).
    const filterNode = (pod: PodSpec, n: NodeId, v: ClusterView): string | null =>
      v.isUnschedulable(n) && !toleratesAny(pod.template.tolerations, UNSCHEDULABLE_TAINT) ? NODE_UNSCHEDULABLE : null
    return {
      name: 'NodeUnschedulable',
      filter: filterNode,
      filterAll: (pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, reject: (node: NodeId, reason: string) => void) => {
        if (v.cordonedNodes === 0) return count // nothing cordoned: every node passes
        let kept = 0
        for (let i = 0; i < count; i++) {
          const n = nodes[i]! as NodeId
          const reason = filterNode(pod, n, v)
          if (reason === null) nodes[kept++] = n
          else reject(n, reason)
        }
        return kept
      },
    }
  },
}
