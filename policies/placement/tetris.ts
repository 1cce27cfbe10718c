/**
 * Tetris (Grandl et al., SIGCOMM 2014): prefer the node whose free resources align best with the
 * pod's demand. Alignment = sum over resources r of (request_r / capacity_r) x (free_r / capacity_r),
 * over cpu, memory and (on nodes with GPUs) gpu, with free measured before placing. Only nodes where
 * the pod fits are scored (resource-fit filters first), as Tetris never over-allocates.
 *
 * Score = 100 x alignment / dims (each term is at most 1). The paper's remaining-work and fairness
 * terms are not modelled: fleetsim pods have no job structure. The FGD artifact's "dot-product"
 * baseline is the opposite preference (least free along the demand) and is not this policy.
 */
import type { PlacementModule, PlacementPolicy } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec } from '../../src/model/index.js'

const term = (req: number, free: number, cap: number): number => (cap > 0 ? (req / cap) * (Math.max(0, free) / cap) : 0)

/** The Tetris alignment of `pod` with node `n` (0..dims). */
export function tetrisAlignment(pod: PodSpec, n: NodeId, view: ClusterView): number {
  let a = term(pod.cpuMilli, view.cpuFreeMilli(n), view.cpuCapMilli(n)) + term(pod.memBytes, view.memFreeBytes(n), view.memCapBytes(n))
  if (view.gpuCap(n) > 0) a += term(pod.gpu, view.gpuFree(n), view.gpuCap(n))
  return a
}

export const tetrisAlignmentPlugin: PlacementModule<Record<string, never>> = {
  name: 'tetris-alignment',
  description: "Tetris: prefers the node whose free resources align best with the request (dot product, normalised by capacity)",
  defaults: {},
  check: () => [],
  create: () => ({
    name: 'tetris-alignment',
    score: (pod, n, view) => (100 * tetrisAlignment(pod, n, view)) / (view.gpuCap(n) > 0 ? 3 : 2),
  }),
}

export const tetris: PlacementPolicy = {
  name: 'tetris',
  description: 'Tetris: the node whose free resources align best with the request (dot product normalised by capacity)',
  profile: { tieBreak: 'lowest-node-id', plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'tetris-alignment' }] },
}
