/**
 * The built-in policies. Only cli/ and the public API (src/index.ts) import this file; everything
 * else receives the registry as an argument.
 */
import { registry, type ClusterAutoscalerModule, type PlacementModule, type PodAutoscalerModule } from '../src/framework/index.js'
import { clusterAutoscaler } from './autoscaling/cluster-autoscaler.js'
import { utilizationThreshold } from './autoscaling/utilization-threshold.js'
import { hpa } from './autoscaling/hpa.js'
import { predictive } from './autoscaling/predictive.js'
import { targetTracking } from './autoscaling/target-tracking.js'
import { bestFit } from './placement/best-fit.js'
import { firstFit } from './placement/first-fit.js'
import { nodeUnschedulable } from './placement/node-unschedulable.js'
import { random } from './placement/random.js'
import { remainingCapacity } from './placement/remaining-capacity.js'
import { resourceFit } from './placement/resource-fit.js'
import { worstFit } from './placement/worst-fit.js'
import { bestFitL2 } from './placement/best-fit-l2.js'
import { nomadBinpack, nomadRank, nomadSpread } from './placement/nomad-rank.js'
import { swarmBinpack, swarmClassicWeight, swarmRandom, swarmSpreadClassic } from './placement/swarm-classic.js'
import { swarmConstraints } from './placement/swarm-constraints.js'
import { swarmSpread, swarmSpreadPlugin } from './placement/swarm-spread.js'
import { tetris, tetrisAlignmentPlugin } from './placement/tetris.js'
import { drf } from './placement/drf.js'
import { marathonConstraints } from './placement/marathon-constraints.js'
import { mesosDrf, mesosOffers } from './placement/mesos-offers.js'
import { fgd, fgdPlugin } from './placement/fgd.js'
import { k8sBalancedAllocation } from './placement/k8s-balanced-allocation.js'
import { k8sDefault } from './placement/k8s-default.js'
import { k8sDefaultPreemption } from './placement/k8s-default-preemption.js'
import { k8sInterPodAffinity } from './placement/k8s-inter-pod-affinity.js'
import { k8sMostAllocated } from './placement/k8s-most-allocated.js'
import { k8sNodeAffinity } from './placement/k8s-node-affinity.js'
import { k8sNodeResourcesFit } from './placement/k8s-node-resources-fit.js'
import { k8sNodeUnschedulable } from './placement/k8s-node-unschedulable.js'
import { k8sPodTopologySpread } from './placement/k8s-pod-topology-spread.js'
import { k8sTaintToleration } from './placement/k8s-taint-toleration.js'

const plugins = [nodeUnschedulable, resourceFit, remainingCapacity] as unknown as PlacementModule<object>[]

/** Docker Swarm, Nomad and research heuristics (issue 4). */
const orchestratorPlugins = [swarmConstraints, swarmSpreadPlugin, swarmClassicWeight, nomadRank, tetrisAlignmentPlugin, marathonConstraints, mesosOffers, fgdPlugin] as unknown as PlacementModule<object>[]
const orchestratorPolicies = [swarmSpread, swarmBinpack, swarmSpreadClassic, swarmRandom, nomadBinpack, nomadSpread, tetris, bestFitL2, drf, mesosDrf, fgd]

/** kube-scheduler plugins under their upstream names, and its profiles (issue 4). */
const k8sPlugins = [
  k8sNodeUnschedulable, k8sTaintToleration, k8sNodeAffinity, k8sNodeResourcesFit, k8sPodTopologySpread, k8sInterPodAffinity, k8sBalancedAllocation,
  k8sDefaultPreemption,
] as unknown as PlacementModule<object>[]
const k8sPolicies = [k8sDefault, k8sMostAllocated]

/** Cluster autoscalers (issue 7). */
const clusterAutoscalers = [clusterAutoscaler, utilizationThreshold] as unknown as ClusterAutoscalerModule<object>[]

/** Pod autoscalers (issue 6). */
const podAutoscalerModules = [hpa, targetTracking, predictive] as unknown as PodAutoscalerModule<object>[]

export const builtins = {
  ...registry([...plugins, ...orchestratorPlugins, ...k8sPlugins], [firstFit, bestFit, worstFit, random, ...orchestratorPolicies, ...k8sPolicies]),
  clusterAutoscalers: new Map(clusterAutoscalers.map((m) => [m.name, m])),
  /** Pod autoscalers for services (issue 6). */
  podAutoscalers: new Map(podAutoscalerModules.map((m) => [m.name, m])),
}
