/**
 * A ClusterView of "the same cluster, with some pods gone from one node": what preemption asks
 * before evicting anything (kube-scheduler's SelectVictimsOnNode runs the filters on a copy of the
 * node without the victims). Every accessor delegates to the real view, except the requests and
 * pod counts of the one node, which have the removed pods' requests taken off.
 *
 * Nothing is copied or allocated per question: `without` sums the removed pods into a few
 * numbers and a reused per-app and per-resource scratch.
 */
import { gpuMilliOf, MAX_GPUS_PER_NODE, type AppId, type AppSpec, type ClusterView, type GpuDevicesView, type NodeId, type PodId, type PoolId, type PoolSpec, type Taint } from '../model/index.js'

export class WhatIfView implements ClusterView {
  readonly base: ClusterView
  private node = -1
  private cpu = 0
  private cpuNonZero = 0
  private mem = 0
  private memNonZero = 0
  private gpu = 0
  private pods = 0
  private readonly ext: Float64Array
  private readonly appPods: Int32Array
  /** Milli-GPU the removed pods free on each device of the node. */
  private readonly gpuMilli = new Int32Array(MAX_GPUS_PER_NODE)
  /** The base view's devices, with the removed pods' shares given back (undefined if the base has none). */
  readonly gpus: GpuDevicesView | undefined

  constructor(base: ClusterView) {
    this.base = base
    this.ext = new Float64Array(base.extNames.length)
    this.appPods = new Int32Array(base.apps.length)
    const devices = base.gpus
    this.gpus = devices && {
      deviceCount: (n) => devices.deviceCount(n),
      freeMilli: (n, d) => devices.freeMilli(n, d) + (n === this.node ? this.gpuMilli[d]! : 0),
      podDevices: (p) => devices.podDevices(p),
    }
  }

  /** This view with pods `removed[0..count)` (all running on `n`) gone; count 0 resets it. */
  without(n: NodeId, removed: Int32Array, count: number): ClusterView {
    const b = this.base
    this.node = count === 0 ? -1 : n
    this.cpu = this.cpuNonZero = this.mem = this.memNonZero = this.gpu = 0
    this.pods = count
    this.ext.fill(0)
    this.appPods.fill(0)
    this.gpuMilli.fill(0)
    for (let i = 0; i < count; i++) {
      const p = removed[i]! as PodId
      this.cpu += b.podCpuMilli(p)
      this.cpuNonZero += b.podCpuNonZeroMilli(p)
      this.mem += b.podMemBytes(p)
      this.memNonZero += b.podMemNonZeroBytes(p)
      this.gpu += b.podGpu(p)
      for (let r = 0; r < this.ext.length; r++) this.ext[r]! += b.podExt(p, r)
      this.appPods[b.podApp(p)]!++
      const mask = b.gpus ? b.gpus.podDevices(p) : 0
      for (let d = 0; mask !== 0 && d < MAX_GPUS_PER_NODE; d++) if (mask & (1 << d)) this.gpuMilli[d]! += gpuMilliOf(b.podGpu(p))
    }
    return this
  }

  get nodeSlots(): number { return this.base.nodeSlots }
  get extNames(): readonly string[] { return this.base.extNames }
  get pools(): readonly PoolSpec[] { return this.base.pools }
  get apps(): readonly AppSpec[] { return this.base.apps }
  get readyNodes(): number { return this.base.readyNodes }
  isReady(n: NodeId): boolean { return this.base.isReady(n) }
  isUnschedulable(n: NodeId): boolean { return this.base.isUnschedulable(n) }
  poolOf(n: NodeId): PoolId { return this.base.poolOf(n) }
  nodeName(n: NodeId): string { return this.base.nodeName(n) }
  labels(n: NodeId): Readonly<Record<string, string>> { return this.base.labels(n) }
  taints(n: NodeId): readonly Taint[] { return this.base.taints(n) }
  cpuCapMilli(n: NodeId): number { return this.base.cpuCapMilli(n) }
  cpuReqMilli(n: NodeId): number { return this.base.cpuReqMilli(n) - (n === this.node ? this.cpu : 0) }
  cpuFreeMilli(n: NodeId): number { return this.base.cpuFreeMilli(n) + (n === this.node ? this.cpu : 0) }
  cpuNonZeroReqMilli(n: NodeId): number { return this.base.cpuNonZeroReqMilli(n) - (n === this.node ? this.cpuNonZero : 0) }
  memCapBytes(n: NodeId): number { return this.base.memCapBytes(n) }
  memReqBytes(n: NodeId): number { return this.base.memReqBytes(n) - (n === this.node ? this.mem : 0) }
  memFreeBytes(n: NodeId): number { return this.base.memFreeBytes(n) + (n === this.node ? this.mem : 0) }
  memNonZeroReqBytes(n: NodeId): number { return this.base.memNonZeroReqBytes(n) - (n === this.node ? this.memNonZero : 0) }
  gpuCap(n: NodeId): number { return this.base.gpuCap(n) }
  gpuReq(n: NodeId): number { return this.base.gpuReq(n) - (n === this.node ? this.gpu : 0) }
  gpuFree(n: NodeId): number { return this.base.gpuFree(n) + (n === this.node ? this.gpu : 0) }
  extCap(n: NodeId, r: number): number { return this.base.extCap(n, r) }
  extReq(n: NodeId, r: number): number { return this.base.extReq(n, r) - (n === this.node ? this.ext[r]! : 0) }
  podCount(n: NodeId): number { return this.base.podCount(n) - (n === this.node ? this.pods : 0) }
  podsCap(n: NodeId): number { return this.base.podsCap(n) }
  podsOfApp(app: AppId, n: NodeId): number { return this.base.podsOfApp(app, n) - (n === this.node ? this.appPods[app]! : 0) }
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
