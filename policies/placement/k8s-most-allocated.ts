/**
 * kube-scheduler's bin-packing profile as the upstream docs configure it
 * (kubernetes.io "Resource Bin Packing"): the default profile with NodeResourcesFit's scoring
 * strategy set to MostAllocated (cpu 1, memory 1). Packs pods onto the fullest nodes that fit.
 */
import type { PlacementPolicy } from '../../src/framework/index.js'
import { K8S_DEFAULT_PLUGINS } from './k8s-default.js'

export const k8sMostAllocated: PlacementPolicy = {
  name: 'k8s-most-allocated',
  description: 'kube-scheduler default profile with NodeResourcesFit MostAllocated (bin packing)',
  argsTo: 'NodeResourcesFit',
  profile: {
    tieBreak: 'random',
    percentageOfNodesToScore: 0,
    plugins: K8S_DEFAULT_PLUGINS.map((p) =>
      p.name === 'NodeResourcesFit' ? { ...p, args: { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } } } : p,
    ),
  },
}
