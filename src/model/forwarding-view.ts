/**
 * A ClusterView that reads everything through to another view. Views that change a few answers
 * (a what-if view with some pods removed, one Mesos offer) extend it and override only those, so
 * the long list of accessors is written once. Forwarding allocates nothing.
 */
import type { AppSpec } from './app.js'
import type { GpuDevicesView } from './gpu-share.js'
import type { AppId, NodeId, PodId, PoolId } from './ids.js'
import type { PoolSpec, Taint } from './pool.js'
import type { ClusterView } from './view.js'

export class ForwardingView implements ClusterView {
  readonly base: ClusterView

  constructor(base: ClusterView) {
    this.base = base
  }

  get nodeSlots(): number { return this.base.nodeSlots }
  get extNames(): readonly string[] { return this.base.extNames }
  get pools(): readonly PoolSpec[] { return this.base.pools }
  get apps(): readonly AppSpec[] { return this.base.apps }
  get gpus(): GpuDevicesView | undefined { return this.base.gpus }
  get readyNodes(): number { return this.base.readyNodes }
  get cordonedNodes(): number { return this.base.cordonedNodes }
  isReady(n: NodeId): boolean { return this.base.isReady(n) }
  isUnschedulable(n: NodeId): boolean { return this.base.isUnschedulable(n) }
  poolOf(n: NodeId): PoolId { return this.base.poolOf(n) }
  nodeName(n: NodeId): string { return this.base.nodeName(n) }
  labels(n: NodeId): Readonly<Record<string, string>> { return this.base.labels(n) }
  taints(n: NodeId): readonly Taint[] { return this.base.taints(n) }
  cpuCapMilli(n: NodeId): number { return this.base.cpuCapMilli(n) }
  cpuReqMilli(n: NodeId): number { return this.base.cpuReqMilli(n) }
  cpuFreeMilli(n: NodeId): number { return this.base.cpuFreeMilli(n) }
  cpuNonZeroReqMilli(n: NodeId): number { return this.base.cpuNonZeroReqMilli(n) }
  memCapBytes(n: NodeId): number { return this.base.memCapBytes(n) }
  memReqBytes(n: NodeId): number { return this.base.memReqBytes(n) }
  memFreeBytes(n: NodeId): number { return this.base.memFreeBytes(n) }
  memNonZeroReqBytes(n: NodeId): number { return this.base.memNonZeroReqBytes(n) }
  gpuCap(n: NodeId): number { return this.base.gpuCap(n) }
  gpuReq(n: NodeId): number { return this.base.gpuReq(n) }
  gpuFree(n: NodeId): number { return this.base.gpuFree(n) }
  extCap(n: NodeId, r: number): number { return this.base.extCap(n, r) }
  extReq(n: NodeId, r: number): number { return this.base.extReq(n, r) }
  podCount(n: NodeId): number { return this.base.podCount(n) }
  podsCap(n: NodeId): number { return this.base.podsCap(n) }
  podsOfApp(app: AppId, n: NodeId): number { return this.base.podsOfApp(app, n) }
  firstPodOnNode(n: NodeId): number { return this.base.firstPodOnNode(n) }
  nextPodOnNode(p: PodId): number { return this.base.nextPodOnNode(p) }
  podApp(p: PodId): AppId { return this.base.podApp(p) }
  podPriority(p: PodId): number { return this.base.podPriority(p) }
  podScheduledMs(p: PodId): number { return this.base.podScheduledMs(p) }
  podCpuMilli(p: PodId): number { return this.base.podCpuMilli(p) }
  podCpuNonZeroMilli(p: PodId): number { return this.base.podCpuNonZeroMilli(p) }
  podMemBytes(p: PodId): number { return this.base.podMemBytes(p) }
  podMemNonZeroBytes(p: PodId): number { return this.base.podMemNonZeroBytes(p) }
  podGpu(p: PodId): number { return this.base.podGpu(p) }
  podExt(p: PodId, r: number): number { return this.base.podExt(p, r) }
}
