/** The cluster model: state and the mutators that keep it consistent. Imports nothing from the project. */
export type { AppId, NodeId, PodId, PoolId } from './ids.js'
export { NO_NODE } from './ids.js'
export type { AppSpec, MarathonConstraint, MarathonOperator, SwarmConstraint, SwarmPlacement, Toleration } from './app.js'
export { MARATHON_OPERATORS } from './app.js'
export type { Affinity, LabelSelector, LabelSelectorRequirement, NodeAffinity, NodeSelectorRequirement, NodeSelectorTerm, PodAffinity, PodAffinityTerm, PreferredSchedulingTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from './affinity.js'
export { Cluster } from './cluster.js'
export { ForwardingView } from './forwarding-view.js'
export { invariantViolations } from './invariants.js'
export { defaultDevices, fitsOnDevices, gpuDevicesOf, gpuMilliOf, GpuShare, MAX_GPUS_PER_NODE, MILLI_PER_GPU, normalizeGpu } from './gpu-share.js'
export type { GpuDevicesView } from './gpu-share.js'
export { NodeState, PodEnd, PodPhase, POD_END_NAMES, POD_PHASE_NAMES } from './phases.js'
export { PodSpec } from './pod-spec.js'
export type { PoolSpec, Taint } from './pool.js'
export { nodeLabels } from './pool.js'
export type { ContainerRequests, PodRequest, Resources } from './resources.js'
export { RequestValues } from './resources.js'
export {
  addResources,
  DEFAULT_CPU_REQUEST_MILLI,
  DEFAULT_MEMORY_REQUEST_BYTES,
  podRequest,
  ZERO_RESOURCES,
} from './resources.js'
export type { ClusterView } from './view.js'
