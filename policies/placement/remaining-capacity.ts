/**
 * Scores nodes by the capacity that would remain after placing the pod: `prefer: least` packs
 * (best fit), `prefer: most` spreads (worst fit).
 *
 * Remaining fraction per resource d: r_d = (free_d - request_d) / capacity_d, over cpu, memory
 * and (on nodes that have GPUs) gpu. The norm folds them into one number in 0..1: `l1` their mean,
 * `l2` their root mean square, `max` the largest, `cpu` or `memory` that resource alone.
 * Score = 100 x (1 - norm) for least, 100 x norm for most.
 */
import { oneOf, type PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec } from '../../src/model/index.js'

const PREFER = ['least', 'most'] as const
const NORMS = ['l1', 'l2', 'max', 'cpu', 'memory'] as const
type Args = { prefer: (typeof PREFER)[number]; norm: (typeof NORMS)[number] }

// Fraction of capacity left after placing `req`; clamped to 0..1 because the filter may be absent.
const left = (free: number, req: number, cap: number): number => (cap <= 0 ? 0 : Math.min(1, Math.max(0, (free - req) / cap)))

export const remainingCapacity: PlacementModule<Args> = {
  name: 'remaining-capacity',
  description: 'prefers the node with the least (best fit) or most (worst fit) capacity left, by a norm',
  defaults: { prefer: 'least', norm: 'l1' },
  check: (a, at) => [...oneOf(a.prefer, PREFER, `${at}.prefer`), ...oneOf(a.norm, NORMS, `${at}.norm`)],
  create: ({ prefer, norm }) => {
    // One node's score: `score` for a node, `scoreAll` for each feasible node (its loop inlines this).
    const scoreNode = (pod: PodSpec, n: NodeId, v: ClusterView): number => {
      const cpu = left(v.cpuFreeMilli(n), pod.cpuMilli, v.cpuCapMilli(n))
      const mem = left(v.memFreeBytes(n), pod.memBytes, v.memCapBytes(n))
      const hasGpu = v.gpuCap(n) > 0
      const gpu = hasGpu ? left(v.gpuFree(n), pod.gpu, v.gpuCap(n)) : 0
      const dims = hasGpu ? 3 : 2
      let r: number
      if (norm === 'l1') r = (cpu + mem + gpu) / dims
      else if (norm === 'l2') r = Math.sqrt((cpu * cpu + mem * mem + gpu * gpu) / dims)
      else if (norm === 'max') r = Math.max(cpu, mem, gpu)
      else r = norm === 'cpu' ? cpu : mem
      return prefer === 'least' ? 100 * (1 - r) : 100 * r
    }
    return {
      name: 'remaining-capacity',
      score: (pod: PodSpec, n: NodeId, v: ClusterView) => scoreNode(pod, n, v),
      scoreAll: (pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, out: Float64Array) => {
        for (let i = 0; i < count; i++) out[i] = scoreNode(pod, nodes[i]! as NodeId, v)
      },
    }
  },
}
