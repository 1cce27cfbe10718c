/**
 * The cluster: node and pod tables and the only mutators that change them. Every mutator keeps
 * the invariants and throws in plain words when a caller would break one (that is a bug, not user
 * error):
 * - a node's requests never exceed its capacity, for every resource and for the pod count;
 * - a pod is in exactly one phase; a Running pod is on exactly one Ready or NotReady node's list
 *   (never a Provisioning or Absent one),
 *   and a pod in any other phase is on none;
 * - running totals (per phase, per app and node, ready capacity) equal the sums they cache.
 *
 * It does not decide anything: placement, timing and outcomes belong to the controller.
 */
import type { AppSpec } from './app.js'
import { fitsOnDevices, GpuShare, normalizeGpu } from './gpu-share.js'
import { NO_NODE, type AppId, type NodeId, type PodId, type PoolId } from './ids.js'
import { NodeTable } from './nodes.js'
import { NodeState, PodEnd, PodPhase, POD_PHASE_NAMES } from './phases.js'
import type { PodSpec } from './pod-spec.js'
import { PodTable } from './pods.js'
import type { PoolSpec, Taint } from './pool.js'
import type { RequestValues } from './resources.js'
import type { ClusterView } from './view.js'

export class Cluster implements ClusterView {
  readonly nodes: NodeTable
  readonly pods: PodTable
  readonly apps: readonly AppSpec[]
  readonly nodeSlots: number
  readonly extNames: readonly string[]
  readonly pools: readonly PoolSpec[]
  /** Pods per phase, indexed by PodPhase. */
  readonly phaseCount = new Int32Array(4)
  /** Pods created per app (the next pod's ordinal). */
  readonly appPodCount: Int32Array
  /** Running pods per (app, node): app * nodeSlots + node. */
  private readonly appNode: Int32Array
  /** Requests of each app's running pods (for DRF's dominant shares). */
  readonly appCpuReqMilli: Float64Array
  readonly appMemReqBytes: Float64Array
  readonly appGpuReq: Float64Array
  /** GPU devices one by one (GPU-sharing pods hold a share of one device). */
  readonly gpus: GpuShare
  /** First pod on each node's list, or -1. */
  private readonly head: Int32Array
  /** Totals over Ready nodes, for utilisation metrics. */
  readyNodes = 0
  /** Present nodes with the unschedulable flag, Ready or not (removeNode clears the flag). */
  cordonedNodes = 0
  readyCpuCapMilli = 0
  readyCpuReqMilli = 0
  readyMemCapBytes = 0
  readyMemReqBytes = 0
  readyGpuCap = 0
  readyGpuReq = 0

  constructor(pools: readonly PoolSpec[], apps: readonly AppSpec[], extNames: readonly string[]) {
    this.nodes = new NodeTable(pools, extNames)
    this.pods = new PodTable(extNames.length)
    this.apps = apps
    this.pools = pools
    this.extNames = extNames
    this.nodeSlots = this.nodes.slotCount
    this.appPodCount = new Int32Array(apps.length)
    this.appNode = new Int32Array(apps.length * this.nodeSlots)
    this.appCpuReqMilli = new Float64Array(apps.length)
    this.appMemReqBytes = new Float64Array(apps.length)
    this.appGpuReq = new Float64Array(apps.length)
    this.head = new Int32Array(this.nodeSlots).fill(-1)
    this.gpus = new GpuShare(this.nodes.gpuCap, this.nodes.names)
  }

  // ---- nodes -------------------------------------------------------------------------------

  /** Adds a node in the lowest free slot of the pool, Ready at once; undefined when the pool is full. */
  addNode(pool: PoolId, nowMs: number): NodeId | undefined {
    const n = this.freeSlot(pool)
    if (n !== undefined) this.claim(n, NodeState.Ready, nowMs)
    return n
  }

  /**
   * Claims the lowest free slot of the pool for a node being provisioned (booting, not ready, takes
   * no pods); `setNodeReady(n, true)` brings it in. Undefined when the pool is full.
   */
  provisionNode(pool: PoolId, nowMs: number): NodeId | undefined {
    const n = this.freeSlot(pool)
    if (n !== undefined) this.claim(n, NodeState.Provisioning, nowMs)
    return n
  }

  private freeSlot(pool: PoolId): NodeId | undefined {
    const base = this.nodes.poolBase[pool]!
    const max = this.pools[pool]!.max
    for (let i = 0; i < max; i++) {
      const n = (base + i) as NodeId
      if (this.nodes.state[n] === NodeState.Absent) return n
    }
    return undefined
  }

  private claim(n: NodeId, state: NodeState, nowMs: number): void {
    this.setUnschedulable(n, false)
    this.nodes.serving[n] = state === NodeState.Ready ? 1 : 0
    this.setState(n, state, nowMs)
  }

  /** Ready or NotReady as the control plane sees it; a Provisioning node that becomes ready starts serving. */
  setNodeReady(n: NodeId, ready: boolean, nowMs: number): void {
    const s = this.nodes.state[n]
    if (s === NodeState.Absent) throw new Error(`setNodeReady: node ${n} is absent`)
    if (s === NodeState.Provisioning) {
      if (!ready) throw new Error(`setNodeReady: node ${n} is still provisioning`)
      this.nodes.serving[n] = 1
    }
    this.setState(n, ready ? NodeState.Ready : NodeState.NotReady, nowMs)
  }

  /**
   * Whether the machine is up and its pods work (a crash stops it at once; the control plane
   * notices later through `setNodeReady`). Only present, non-provisioning nodes can serve.
   */
  setServing(n: NodeId, serving: boolean): void {
    const s = this.nodes.state[n]
    if (serving && (s === NodeState.Absent || s === NodeState.Provisioning)) throw new Error(`setServing: node ${n} is not present`)
    this.nodes.serving[n] = serving ? 1 : 0
  }

  isServing(n: NodeId): boolean {
    return this.nodes.serving[n] === 1
  }

  /** A bound pod that does its work now: Running, on a serving node, its container up. */
  isPodServing(p: PodId): boolean {
    const t = this.pods
    return t.phase[p] === PodPhase.Running && this.nodes.serving[t.node[p]!] === 1 && t.containerDown[p] === 0
  }

  /** Removes an empty node (or cancels a provisioning one); its slot may be reused by a later addNode. */
  removeNode(n: NodeId, nowMs: number): void {
    if (this.nodes.podCount[n] !== 0) throw new Error(`removeNode: node ${n} still runs ${this.nodes.podCount[n]} pods`)
    if (this.nodes.state[n] === NodeState.Absent) throw new Error(`removeNode: node ${n} is absent`)
    this.nodes.serving[n] = 0
    this.setUnschedulable(n, false) // a removed node is no longer cordoned (cordonedNodes counts present ones)
    this.setState(n, NodeState.Absent, nowMs)
  }

  setUnschedulable(n: NodeId, cordoned: boolean): void {
    const flag = cordoned ? 1 : 0
    this.cordonedNodes += flag - this.nodes.unschedulable[n]!
    this.nodes.unschedulable[n] = flag
  }

  private setState(n: NodeId, state: NodeState, nowMs: number): void {
    const t = this.nodes
    const wasReady = t.state[n] === NodeState.Ready
    const isReady = state === NodeState.Ready
    if (wasReady !== isReady) {
      const sign = isReady ? 1 : -1
      this.readyNodes += sign
      this.readyCpuCapMilli += sign * t.cpuCapMilli[n]!
      this.readyCpuReqMilli += sign * t.cpuReqMilli[n]!
      this.readyMemCapBytes += sign * t.memCapBytes[n]!
      this.readyMemReqBytes += sign * t.memReqBytes[n]!
      this.readyGpuCap += sign * t.gpuCap[n]!
      this.readyGpuReq += sign * t.gpuReq[n]!
    }
    t.state[n] = state
    t.stateSinceMs[n] = nowMs
  }

  // ---- pods --------------------------------------------------------------------------------

  /** Creates a Pending pod of `app` at `nowMs`. */
  createPod(app: AppId, req: RequestValues, durationMs: number, nowMs: number): PodId {
    const t = this.pods
    const p = t.append()
    const spec = this.apps[app]!
    t.app[p] = app
    t.ordinal[p] = this.appPodCount[app]!++
    t.priority[p] = spec.priority
    t.cpuMilli[p] = req.cpuMilli
    t.cpuNonZeroMilli[p] = req.cpuNonZeroMilli
    t.memBytes[p] = req.memBytes
    t.memNonZeroBytes[p] = req.memNonZeroBytes
    t.gpu[p] = normalizeGpu(req.gpu)
    for (let r = 0; r < this.extNames.length; r++) t.ext[p * this.extNames.length + r] = req.ext[r]!
    t.durationMs[p] = durationMs
    t.createdMs[p] = nowMs
    this.phaseCount[PodPhase.Pending]!++
    return p
  }

  /** Records that pending pod `p` replaces `old` (an evicted pod of the same owner), for pods.csv. */
  setReplaces(p: PodId, old: PodId): void {
    if (this.pods.phase[p] !== PodPhase.Pending) throw new Error(`setReplaces: pod ${p} is not Pending`)
    this.pods.replaces[p] = old
  }

  /** Marks a running pod's container down (crashed) or up again; going down counts nothing, coming back up counts a restart. */
  setContainerDown(p: PodId, down: boolean): void {
    const t = this.pods
    if (t.phase[p] !== PodPhase.Running) throw new Error(`setContainerDown: pod ${p} is not Running`)
    if (!down && t.containerDown[p] === 1) t.restarts[p]!++
    t.containerDown[p] = down ? 1 : 0
  }

  /** Counts a container restart in place (e.g. the node rebooted under a running pod). */
  countRestart(p: PodId): void {
    if (this.pods.phase[p] !== PodPhase.Running) throw new Error(`countRestart: pod ${p} is not Running`)
    this.pods.restarts[p]!++
  }

  /** True when the pod's requests fit in what the node has free, pod count included. */
  canFit(p: PodId, n: NodeId): boolean {
    const t = this.pods
    const nt = this.nodes
    if (nt.podCount[n]! + 1 > nt.podsCap[n]!) return false
    if (t.cpuMilli[p]! > nt.cpuCapMilli[n]! - nt.cpuReqMilli[n]!) return false
    if (t.memBytes[p]! > nt.memCapBytes[n]! - nt.memReqBytes[n]!) return false
    if (t.gpu[p]! > nt.gpuCap[n]! - nt.gpuReq[n]!) return false
    if (t.gpu[p]! > 0 && !fitsOnDevices(t.gpu[p]!, n, this.gpus)) return false
    const k = this.extNames.length
    for (let r = 0; r < k; r++) {
      if (t.ext[p * k + r]! > nt.extCap[n * k + r]! - nt.extReq[n * k + r]!) return false
    }
    return true
  }

  /** Binds a Pending pod to a Ready node with room for it; the pod becomes Running. */
  bind(p: PodId, n: NodeId, nowMs: number): void {
    const t = this.pods
    const nt = this.nodes
    if (t.phase[p] !== PodPhase.Pending) throw new Error(`bind: pod ${p} is ${POD_PHASE_NAMES[t.phase[p]!]}, not Pending`)
    if (nt.state[n] !== NodeState.Ready) throw new Error(`bind: node ${n} (${nt.names[n]}) is not ready`)
    if (!this.canFit(p, n)) throw new Error(`bind: pod ${p} does not fit on node ${n} (${nt.names[n]})`)
    this.addRequests(p, n, 1)
    this.gpus.bind(p, n, t.gpu[p]!)
    t.node[p] = n
    const h = this.head[n]!
    t.prevOnNode[p] = -1
    t.nextOnNode[p] = h
    if (h >= 0) t.prevOnNode[h] = p
    this.head[n] = p
    this.move(p, PodPhase.Running)
    t.scheduledMs[p] = nowMs
  }

  /**
   * Ends a pod: Succeeded or Failed. A Running pod releases its node's requests first; a Pending
   * pod (never bound) just leaves the queue's phase.
   */
  finishPod(p: PodId, phase: typeof PodPhase.Succeeded | typeof PodPhase.Failed, nowMs: number, end: PodEnd = PodEnd.None): void {
    const t = this.pods
    const from = t.phase[p]!
    if (from === PodPhase.Running) this.unlink(p)
    else if (from !== PodPhase.Pending) throw new Error(`finishPod: pod ${p} already ${POD_PHASE_NAMES[from]}`)
    this.move(p, phase)
    t.finishedMs[p] = nowMs
    t.end[p] = end
    t.containerDown[p] = 0
  }

  /** First pod on node `n`'s list (-1 if none); follow with `nextPodOnNode`. */
  firstPodOnNode(n: NodeId): number {
    return this.head[n]!
  }

  nextPodOnNode(p: PodId): number {
    return this.pods.nextOnNode[p]!
  }

  private unlink(p: PodId): void {
    const t = this.pods
    const n = t.node[p]! as NodeId
    if (n === NO_NODE) throw new Error(`unlink: running pod ${p} has no node`)
    this.addRequests(p, n, -1)
    this.gpus.release(p, n, t.gpu[p]!)
    const prev = t.prevOnNode[p]!
    const next = t.nextOnNode[p]!
    if (prev >= 0) t.nextOnNode[prev] = next
    else this.head[n] = next
    if (next >= 0) t.prevOnNode[next] = prev
    t.nextOnNode[p] = -1
    t.prevOnNode[p] = -1
  }

  private move(p: PodId, to: PodPhase): void {
    this.phaseCount[this.pods.phase[p]!]!--
    this.pods.phase[p] = to
    this.phaseCount[to]!++
  }

  private addRequests(p: PodId, n: NodeId, sign: 1 | -1): void {
    const t = this.pods
    const nt = this.nodes
    const cpu = sign * t.cpuMilli[p]!
    const mem = sign * t.memBytes[p]!
    const gpu = sign * t.gpu[p]!
    nt.cpuReqMilli[n]! += cpu
    nt.cpuNonZeroReqMilli[n]! += sign * t.cpuNonZeroMilli[p]!
    nt.memReqBytes[n]! += mem
    nt.memNonZeroReqBytes[n]! += sign * t.memNonZeroBytes[p]!
    nt.gpuReq[n]! += gpu
    nt.podCount[n]! += sign
    const k = this.extNames.length
    for (let r = 0; r < k; r++) nt.extReq[n * k + r]! += sign * t.ext[p * k + r]!
    this.appNode[t.app[p]! * this.nodeSlots + n]! += sign
    this.appCpuReqMilli[t.app[p]!]! += cpu
    this.appMemReqBytes[t.app[p]!]! += mem
    this.appGpuReq[t.app[p]!]! += gpu
    if (nt.state[n] === NodeState.Ready) {
      this.readyCpuReqMilli += cpu
      this.readyMemReqBytes += mem
      this.readyGpuReq += gpu
    }
  }

  /** Loads pod `p` into a reusable PodSpec (no allocation). */
  fillPodSpec(p: PodId, into: PodSpec): PodSpec {
    const t = this.pods
    into.id = p
    into.app = t.app[p]! as AppId
    into.template = this.apps[into.app]!
    into.priority = t.priority[p]!
    into.cpuMilli = t.cpuMilli[p]!
    into.cpuNonZeroMilli = t.cpuNonZeroMilli[p]!
    into.memBytes = t.memBytes[p]!
    into.memNonZeroBytes = t.memNonZeroBytes[p]!
    into.gpu = t.gpu[p]!
    const k = this.extNames.length
    for (let r = 0; r < k; r++) into.ext[r] = t.ext[p * k + r]!
    return into
  }

  podName(p: PodId): string {
    return `${this.apps[this.pods.app[p]!]!.name}-${this.pods.ordinal[p]}`
  }

  // ---- ClusterView -------------------------------------------------------------------------

  isReady(n: NodeId): boolean {
    return this.nodes.state[n] === NodeState.Ready
  }
  isUnschedulable(n: NodeId): boolean {
    return this.nodes.unschedulable[n] === 1
  }
  poolOf(n: NodeId): PoolId {
    return this.nodes.pool[n]! as PoolId
  }
  nodeName(n: NodeId): string {
    return this.nodes.names[n]!
  }
  labels(n: NodeId): Readonly<Record<string, string>> {
    return this.nodes.labels[n]!
  }
  taints(n: NodeId): readonly Taint[] {
    return this.pools[this.nodes.pool[n]!]!.taints
  }
  cpuCapMilli(n: NodeId): number {
    return this.nodes.cpuCapMilli[n]!
  }
  cpuReqMilli(n: NodeId): number {
    return this.nodes.cpuReqMilli[n]!
  }
  cpuFreeMilli(n: NodeId): number {
    return this.nodes.cpuCapMilli[n]! - this.nodes.cpuReqMilli[n]!
  }
  cpuNonZeroReqMilli(n: NodeId): number {
    return this.nodes.cpuNonZeroReqMilli[n]!
  }
  memCapBytes(n: NodeId): number {
    return this.nodes.memCapBytes[n]!
  }
  memReqBytes(n: NodeId): number {
    return this.nodes.memReqBytes[n]!
  }
  memFreeBytes(n: NodeId): number {
    return this.nodes.memCapBytes[n]! - this.nodes.memReqBytes[n]!
  }
  memNonZeroReqBytes(n: NodeId): number {
    return this.nodes.memNonZeroReqBytes[n]!
  }
  gpuCap(n: NodeId): number {
    return this.nodes.gpuCap[n]!
  }
  gpuReq(n: NodeId): number {
    return this.nodes.gpuReq[n]!
  }
  gpuFree(n: NodeId): number {
    return this.nodes.gpuCap[n]! - this.nodes.gpuReq[n]!
  }
  extCap(n: NodeId, r: number): number {
    return this.nodes.extCap[n * this.extNames.length + r]!
  }
  extReq(n: NodeId, r: number): number {
    return this.nodes.extReq[n * this.extNames.length + r]!
  }
  podCount(n: NodeId): number {
    return this.nodes.podCount[n]!
  }
  podsCap(n: NodeId): number {
    return this.nodes.podsCap[n]!
  }
  podsOfApp(app: AppId, n: NodeId): number {
    return this.appNode[app * this.nodeSlots + n]!
  }
  podApp(p: PodId): AppId {
    return this.pods.app[p]! as AppId
  }
  podPriority(p: PodId): number {
    return this.pods.priority[p]!
  }
  podScheduledMs(p: PodId): number {
    return this.pods.scheduledMs[p]!
  }
  podCpuMilli(p: PodId): number {
    return this.pods.cpuMilli[p]!
  }
  podCpuNonZeroMilli(p: PodId): number {
    return this.pods.cpuNonZeroMilli[p]!
  }
  podMemBytes(p: PodId): number {
    return this.pods.memBytes[p]!
  }
  podMemNonZeroBytes(p: PodId): number {
    return this.pods.memNonZeroBytes[p]!
  }
  podGpu(p: PodId): number {
    return this.pods.gpu[p]!
  }
  podExt(p: PodId, r: number): number {
    return this.pods.ext[p * this.extNames.length + r]!
  }
}
