/**
 * Rejects nodes without room for the pod's requests: cpu, memory, gpu, extended resources, pod
 * count. A GPU request must fit device by device (a share below 1 on ONE device with that much
 * free, whole GPUs on fully free devices), when the view knows the devices.
 */
import type { PlacementModule } from '../../src/framework/index.js'
import { fitsOnDevices, type ClusterView, type NodeId, type PodSpec } from '../../src/model/index.js'

export const resourceFit: PlacementModule<Record<string, never>> = {
  name: 'resource-fit',
  description: 'rejects nodes without room for the requests (cpu, memory, gpu, extended, pod count)',
  defaults: {},
  check: () => [],
  create: () => {
    // One node's verdict: `filter` itself, and `filterAll`'s loop over a chunk of nodes (inlined there).
    const filterNode = (pod: PodSpec, n: NodeId, v: ClusterView): string | null => {
      if (v.podCount(n) + 1 > v.podsCap(n)) return 'too-many-pods'
      if (pod.cpuMilli > v.cpuFreeMilli(n)) return 'insufficient-cpu'
      if (pod.memBytes > v.memFreeBytes(n)) return 'insufficient-memory'
      if (pod.gpu > 0 && (pod.gpu > v.gpuFree(n) || (v.gpus && !fitsOnDevices(pod.gpu, n, v.gpus)))) return 'insufficient-gpu'
      for (let r = 0; r < pod.ext.length; r++) {
        if (pod.ext[r]! > v.extCap(n, r) - v.extReq(n, r)) return 'insufficient-extended-resource'
      }
      return null
    }
    return {
      name: 'resource-fit',
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
    }
  },
}
