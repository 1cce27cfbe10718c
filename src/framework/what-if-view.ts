/**
 * A ClusterView of "the same cluster, with some pods gone from one node": what preemption asks
 * before evicting anything (kube-scheduler's SelectVictimsOnNode runs the filters on a copy of the
 * node without the victims). Every accessor delegates to the real view, except the requests and
 * pod counts of the one node, which have the removed pods' requests taken off.
 *
 * Nothing is copied or allocated per question: `without` sums the removed pods into a few
 * numbers and a reused per-app and per-resource scratch.
 */
import { ForwardingView, gpuMilliOf, MAX_GPUS_PER_NODE, type AppId, type ClusterView, type GpuDevicesView, type NodeId, type PodId } from '../model/index.js'

export class WhatIfView extends ForwardingView {
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
  private readonly gpuView: GpuDevicesView | undefined

  constructor(base: ClusterView) {
    super(base)
    this.ext = new Float64Array(base.extNames.length)
    this.appPods = new Int32Array(base.apps.length)
    const devices = base.gpus
    this.gpuView = devices && {
      deviceCount: (n) => devices.deviceCount(n),
      freeMilli: (n, d) => devices.freeMilli(n, d) + (n === this.node ? this.gpuMilli[d]! : 0),
      podDevices: (p) => devices.podDevices(p),
    }
  }

  /** The base view's devices, with the removed pods' shares given back (undefined if the base has none). */
  override get gpus(): GpuDevicesView | undefined { return this.gpuView }

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

  override cpuReqMilli(n: NodeId): number { return this.base.cpuReqMilli(n) - (n === this.node ? this.cpu : 0) }
  override cpuFreeMilli(n: NodeId): number { return this.base.cpuFreeMilli(n) + (n === this.node ? this.cpu : 0) }
  override cpuNonZeroReqMilli(n: NodeId): number { return this.base.cpuNonZeroReqMilli(n) - (n === this.node ? this.cpuNonZero : 0) }
  override memReqBytes(n: NodeId): number { return this.base.memReqBytes(n) - (n === this.node ? this.mem : 0) }
  override memFreeBytes(n: NodeId): number { return this.base.memFreeBytes(n) + (n === this.node ? this.mem : 0) }
  override memNonZeroReqBytes(n: NodeId): number { return this.base.memNonZeroReqBytes(n) - (n === this.node ? this.memNonZero : 0) }
  override gpuReq(n: NodeId): number { return this.base.gpuReq(n) - (n === this.node ? this.gpu : 0) }
  override gpuFree(n: NodeId): number { return this.base.gpuFree(n) + (n === this.node ? this.gpu : 0) }
  override extReq(n: NodeId, r: number): number { return this.base.extReq(n, r) - (n === this.node ? this.ext[r]! : 0) }
  override podCount(n: NodeId): number { return this.base.podCount(n) - (n === this.node ? this.pods : 0) }
  override podsOfApp(app: AppId, n: NodeId): number { return this.base.podsOfApp(app, n) - (n === this.node ? this.appPods[app]! : 0) }
}
