/** Rejects cordoned nodes (Kubernetes `spec.unschedulable`, the NodeUnschedulable filter). */
import type { PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec } from '../../src/model/index.js'

export const nodeUnschedulable: PlacementModule<Record<string, never>> = {
  name: 'node-unschedulable',
  description: 'rejects cordoned nodes',
  defaults: {},
  check: () => [],
  create: () => {
    // One node's verdict: `filter` itself, and `filterAll`'s loop over a chunk of nodes (inlined there).
    const filterNode = (_pod: PodSpec, n: NodeId, v: ClusterView): string | null => (v.isUnschedulable(n) ? 'node-cordoned' : null)
    return {
      name: 'node-unschedulable',
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
