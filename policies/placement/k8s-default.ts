/**
 * kube-scheduler's default profile (`pkg/scheduler/apis/config/v1/default_plugins.go`, current
 * release): the default plugin set in upstream order with its score weights, TaintToleration 3,
 * NodeAffinity 2, NodeResourcesFit 1 (LeastAllocated, cpu 1, memory 1), PodTopologySpread 2,
 * InterPodAffinity 2, NodeResourcesBalancedAllocation 1; DefaultPreemption as the PostFilter;
 * percentageOfNodesToScore adaptive; ties drawn uniformly. Spreads pods. Args given with the
 * policy name go to NodeResourcesFit.
 *
 * Left out because fleetsim does not model what they score or check: SchedulingGates,
 * PrioritySort (the scheduling queue orders by priority), NodeName (pre-bound pods skip the
 * scheduler), NodePorts, the volume plugins, ImageLocality (weight 1 upstream; no images here, so
 * upstream it would add the same constant to every node), DefaultBinder.
 */
import type { PlacementPolicy, PluginRef } from '../../src/framework/index.js'

/** The default plugins, in upstream's multiPoint order, with their score weights. */
export const K8S_DEFAULT_PLUGINS: readonly PluginRef[] = [
  { name: 'NodeUnschedulable' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
]

export const k8sDefault: PlacementPolicy = {
  name: 'k8s-default',
  description: "kube-scheduler's default profile (spreads: LeastAllocated + BalancedAllocation, taints, affinity, topology spread; adaptive percentageOfNodesToScore)",
  argsTo: 'NodeResourcesFit',
  profile: { tieBreak: 'random', plugins: K8S_DEFAULT_PLUGINS, percentageOfNodesToScore: 0 },
}
