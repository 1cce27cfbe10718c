/**
 * The cluster as one Mesos offer shows it to a framework: only the offered agent is a candidate
 * (ready); everything else reads through to the real cluster, so filters such as Marathon's
 * constraints still count the framework's running tasks everywhere. The offer scheduler runs the
 * placement profile on this view, so filters, scores and `explain` traces work unchanged.
 *
 * One view is reused for every offer (`offer(agent)` retargets it); nothing is allocated.
 */
import type { AppId, AppSpec, ClusterView, GpuDevicesView, NodeId, PodId, PoolId, PoolSpec, Taint } from '../model/index.js'

export class OfferView implements ClusterView {
  readonly base: ClusterView
  private agent = -1

  constructor(base: ClusterView) {
    this.base = base
  }

  /** This view, showing only `agent` as a candidate. */
  offer(agent: NodeId): ClusterView {
    this.agent = agent
    return this
  }

  get nodeSlots(): number { return this.base.nodeSlots }
  get extNames(): readonly string[] { return this.base.extNames }
  get pools(): readonly PoolSpec[] { return this.base.pools }
  get apps(): readonly AppSpec[] { return this.base.apps }
  get gpus(): GpuDevicesView | undefined { return this.base.gpus }
  get readyNodes(): number { return this.agent >= 0 && this.base.isReady(this.agent as NodeId) ? 1 : 0 }
  isReady(n: NodeId): boolean { return n === this.agent && this.base.isReady(n) }
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
