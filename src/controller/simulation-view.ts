/**
 * The cluster as a cluster-autoscaler simulation sees it: the real cluster plus the pods moved in
 * this loop (their requests added to their destinations), nodes about to be removed (not ready),
 * and at most one template node (a free slot shown as a ready node of its pool holding `use`).
 * Only requests and pod counts change; labels, taints and per-app counts are the real ones.
 * Deltas live in typed arrays sized once; `reset` clears what was touched.
 */
import type { TemplateUse } from '../framework/index.js'
import type { AppId, AppSpec, Cluster, ClusterView, NodeId, PodId, PoolId, PoolSpec, Taint } from '../model/index.js'

// perf: the read-through accessors are written out here rather than inherited from
// ForwardingView: as a subclass (overriding only the changed answers) the 1,000-node month of
// bench/cluster.bench.ts ran 3.6 % slower (12.2-12.4 s against 11.8-11.9 s, alternating runs),
// its accessors then sharing call sites with the what-if and offer views.
export class SimulationView implements ClusterView {
  private readonly c: Cluster
  private readonly cpu: Float64Array
  private readonly mem: Float64Array
  private readonly gpu: Float64Array
  private readonly pods: Int32Array
  private readonly excluded: Uint8Array
  private readonly touched: number[] = []
  private template = -1
  private use: TemplateUse = { cpuMilli: 0, memBytes: 0, gpu: 0, pods: 0 }

  constructor(c: Cluster) {
    this.c = c
    this.cpu = new Float64Array(c.nodeSlots)
    this.mem = new Float64Array(c.nodeSlots)
    this.gpu = new Float64Array(c.nodeSlots)
    this.pods = new Int32Array(c.nodeSlots)
    this.excluded = new Uint8Array(c.nodeSlots)
  }

  reset(): void {
    for (const n of this.touched) {
      this.cpu[n] = this.mem[n] = this.gpu[n] = 0
      this.pods[n] = 0
      this.excluded[n] = 0
    }
    this.touched.length = 0
    this.template = -1
  }

  /** Adds (sign 1) or takes back (-1) pod `p`'s requests on node `n`. */
  move(p: PodId, n: NodeId, sign: 1 | -1): void {
    const t = this.c.pods
    this.cpu[n]! += sign * t.cpuMilli[p]!
    this.mem[n]! += sign * t.memBytes[p]!
    this.gpu[n]! += sign * t.gpu[p]!
    this.pods[n]! += sign
    this.touched.push(n)
  }

  /** The node will be removed: no simulation places anything there. */
  exclude(n: NodeId): void {
    this.excluded[n] = 1
    this.touched.push(n)
  }

  setTemplate(slot: NodeId, use: TemplateUse): void {
    this.template = slot
    this.use = use
  }

  clearTemplate(): void {
    this.template = -1
  }

  get nodeSlots(): number { return this.c.nodeSlots }
  get extNames(): readonly string[] { return this.c.extNames }
  get pools(): readonly PoolSpec[] { return this.c.pools }
  get apps(): readonly AppSpec[] { return this.c.apps }
  get readyNodes(): number { return this.c.readyNodes }
  get cordonedNodes(): number { return this.c.cordonedNodes }
  isReady(n: NodeId): boolean { return n === this.template || (this.excluded[n] === 0 && this.c.isReady(n)) }
  isUnschedulable(n: NodeId): boolean { return n !== this.template && this.c.isUnschedulable(n) }
  poolOf(n: NodeId): PoolId { return this.c.poolOf(n) }
  nodeName(n: NodeId): string { return this.c.nodeName(n) }
  labels(n: NodeId): Readonly<Record<string, string>> { return this.c.labels(n) }
  taints(n: NodeId): readonly Taint[] { return this.c.taints(n) }
  cpuCapMilli(n: NodeId): number { return this.c.cpuCapMilli(n) }
  cpuReqMilli(n: NodeId): number { return n === this.template ? this.use.cpuMilli : this.c.cpuReqMilli(n) + this.cpu[n]! }
  cpuFreeMilli(n: NodeId): number { return this.cpuCapMilli(n) - this.cpuReqMilli(n) }
  cpuNonZeroReqMilli(n: NodeId): number { return n === this.template ? this.use.cpuMilli : this.c.cpuNonZeroReqMilli(n) + this.cpu[n]! }
  memCapBytes(n: NodeId): number { return this.c.memCapBytes(n) }
  memReqBytes(n: NodeId): number { return n === this.template ? this.use.memBytes : this.c.memReqBytes(n) + this.mem[n]! }
  memFreeBytes(n: NodeId): number { return this.memCapBytes(n) - this.memReqBytes(n) }
  memNonZeroReqBytes(n: NodeId): number { return n === this.template ? this.use.memBytes : this.c.memNonZeroReqBytes(n) + this.mem[n]! }
  gpuCap(n: NodeId): number { return this.c.gpuCap(n) }
  gpuReq(n: NodeId): number { return n === this.template ? this.use.gpu : this.c.gpuReq(n) + this.gpu[n]! }
  gpuFree(n: NodeId): number { return this.gpuCap(n) - this.gpuReq(n) }
  extCap(n: NodeId, r: number): number { return this.c.extCap(n, r) }
  extReq(n: NodeId, r: number): number { return n === this.template ? 0 : this.c.extReq(n, r) }
  podCount(n: NodeId): number { return n === this.template ? this.use.pods : this.c.podCount(n) + this.pods[n]! }
  podsCap(n: NodeId): number { return this.c.podsCap(n) }
  podsOfApp(app: AppId, n: NodeId): number { return n === this.template ? 0 : this.c.podsOfApp(app, n) }
  firstPodOnNode(n: NodeId): number { return n === this.template ? -1 : this.c.firstPodOnNode(n) }
  nextPodOnNode(p: PodId): number { return this.c.nextPodOnNode(p) }
  podApp(p: PodId): AppId { return this.c.podApp(p) }
  podPriority(p: PodId): number { return this.c.podPriority(p) }
  podScheduledMs(p: PodId): number { return this.c.podScheduledMs(p) }
  podCpuMilli(p: PodId): number { return this.c.podCpuMilli(p) }
  podCpuNonZeroMilli(p: PodId): number { return this.c.podCpuNonZeroMilli(p) }
  podMemBytes(p: PodId): number { return this.c.podMemBytes(p) }
  podMemNonZeroBytes(p: PodId): number { return this.c.podMemNonZeroBytes(p) }
  podGpu(p: PodId): number { return this.c.podGpu(p) }
  podExt(p: PodId, r: number): number { return this.c.podExt(p, r) }
}
