/**
 * Node lifecycle: the one way nodes join, crash, come back and leave, and the control plane's
 * reaction to a dead node with the delays of its profile (failures/control-plane-profiles.ts):
 *
 * - `crash(n)`: the machine stops at once (`serving` = 0, its pods stop working), but the control
 *   plane still sees the node Ready, so the scheduler may even bind new pods there. The node's last
 *   heartbeat precedes the crash by up to one heartbeat period (each node heartbeats on its own
 *   phase); `grace` after it, seen at the next monitor tick, the node becomes NotReady (nodes.csv
 *   `not_ready`) and the scheduler stops using it.
 * - Kubernetes then taints it NoExecute, rate limited per zone, and evicts its pods when their 300 s
 *   toleration runs out; swarm and mesos evict at once. Evicted pods end `Evicted`; their owners
 *   create replacements, which join the queue after the profile's replacement delay.
 * - `repair(n)`: the machine is back. A node the control plane had not yet given up on keeps its
 *   pods, which restart in place (a restart each); a NotReady node becomes Ready again.
 *
 * Crashes nest: two faults may hold one node down, and it serves again when both have repaired it.
 * Every node change is written to nodes.csv through the ledger and reaches the scheduler.
 */
import { rngStream, type EventId, type Sim } from '../engine/index.js'
import { zoneOf, type ControlPlaneSpec } from '../failures/index.js'
import { NodeEvent, type NodeLedger } from '../metrics/index.js'
import { NodeState, PodEnd, type Cluster, type NodeId, type PodId, type PoolId } from '../model/index.js'
import { Ev } from './event-kinds.js'
import type { RunCore } from './run-core.js'

const NO_EVENT = -1

export type NodeListener = (n: NodeId, event: NodeEvent) => void

export class NodeLifecycle {
  readonly spec: ControlPlaneSpec
  readonly ledger: NodeLedger
  /** Called after a node was added, became ready, not ready, or was removed. */
  readonly listeners: NodeListener[] = []
  private readonly core: RunCore
  private readonly sim: Sim
  private readonly cluster: Cluster
  /** How many faults hold each node down (0 = up). */
  private readonly downCount: Int32Array
  /** Heartbeat phase and period of each slot (ms). */
  private readonly hbPhaseMs: Float64Array
  private readonly hbPeriodMs: Float64Array
  private readonly deadlineEvent: Float64Array
  private readonly evictionEvent: Float64Array
  private readonly provisionEvent: Float64Array
  /** 1 once the control plane gave the node up (NotReady because of a crash). */
  private readonly givenUp: Uint8Array
  /** Zone index of each slot, zone names, and when each zone may taint its next node. */
  private readonly zone: Int32Array
  private readonly zoneNames: string[] = []
  private readonly zoneNextTaintMs: Float64Array

  constructor(core: RunCore, ledger: NodeLedger, spec: ControlPlaneSpec, seed: string | number) {
    this.core = core
    this.sim = core.sim
    this.cluster = core.cluster
    this.ledger = ledger
    this.spec = spec
    const slots = this.cluster.nodeSlots
    this.downCount = new Int32Array(slots)
    this.hbPhaseMs = new Float64Array(slots)
    this.hbPeriodMs = new Float64Array(slots)
    this.deadlineEvent = new Float64Array(slots).fill(NO_EVENT)
    this.evictionEvent = new Float64Array(slots).fill(NO_EVENT)
    this.provisionEvent = new Float64Array(slots).fill(NO_EVENT)
    this.givenUp = new Uint8Array(slots)
    this.zone = new Int32Array(slots)
    // Heartbeat phases: their own stream, so enabling faults shifts nothing else.
    const rng = rngStream(seed, 'failures', 'heartbeats')
    const zones = new Map<string, number>()
    for (let n = 0; n < slots; n++) {
      const period = spec.heartbeatMs + (2 * rng() - 1) * spec.heartbeatJitterMs
      this.hbPeriodMs[n] = period
      this.hbPhaseMs[n] = rng() * period
      const z = zoneOf(this.cluster.nodes.labels[n]!)
      let zi = zones.get(z)
      if (zi === undefined) {
        zi = zones.size
        zones.set(z, zi)
        this.zoneNames.push(z)
      }
      this.zone[n] = zi
    }
    this.zoneNextTaintMs = new Float64Array(zones.size)
    const sim = this.sim
    sim.on(Ev.NodeDeadlinePassed, (n) => this.onDeadline(n as NodeId))
    sim.on(Ev.NodePodsEvictionDue, (n) => this.onEvictionDue(n as NodeId))
    sim.on(Ev.NodeProvisioned, (n) => this.onProvisioned(n as NodeId))
    sim.on(Ev.ReplacementDue, (p) => core.scheduler.enqueue(p as PodId))
    if (spec.replacementDelayMs > 0 || spec.replacementAlignMs > 0) core.enqueueReplacement = (p) => this.enqueueReplacement(p)
  }

  // ---- joining and leaving -----------------------------------------------------------------

  /** Adds a Ready node to the pool now (initial nodes); undefined when the pool is full. */
  addNode(pool: PoolId): NodeId | undefined {
    const now = this.sim.nowMs
    const n = this.cluster.addNode(pool, now)
    if (n === undefined) return undefined
    this.ledger.record(now, n, NodeEvent.Added)
    this.ledger.record(now, n, NodeEvent.Ready)
    this.nodeUp(n, NodeEvent.Ready)
    return n
  }

  /** Requests a node of the pool: it is billed from now and ready `delayMs` later. */
  provision(pool: PoolId, delayMs: number): NodeId | undefined {
    const now = this.sim.nowMs
    const n = this.cluster.provisionNode(pool, now)
    if (n === undefined) return undefined
    this.ledger.record(now, n, NodeEvent.Added)
    this.provisionEvent[n] = this.sim.schedule(Math.max(0, Math.round(delayMs)), Ev.NodeProvisioned, n)
    this.notify(n, NodeEvent.Added)
    return n
  }

  private onProvisioned(n: NodeId): void {
    this.provisionEvent[n] = NO_EVENT
    this.cluster.setNodeReady(n, true, this.sim.nowMs)
    this.ledger.record(this.sim.nowMs, n, NodeEvent.Ready)
    this.nodeUp(n, NodeEvent.Ready)
  }

  private nodeUp(n: NodeId, event: NodeEvent): void {
    this.core.metrics.nodesChanged(this.sim.nowMs)
    this.core.scheduler.nodeChanged(n)
    this.notify(n, event)
  }

  /**
   * Removes a node (scale-down, spot reclaim): pods still on it are evicted first, a provisioning
   * node is cancelled. Its timers are dropped.
   */
  remove(n: NodeId): void {
    const c = this.cluster
    if (c.nodes.state[n] === NodeState.Absent) throw new Error(`remove: node ${n} is absent`)
    this.evictAll(n)
    this.cancel(this.deadlineEvent, n)
    this.cancel(this.evictionEvent, n)
    this.cancel(this.provisionEvent, n)
    this.downCount[n] = 0
    this.givenUp[n] = 0
    const now = this.sim.nowMs
    c.removeNode(n, now)
    this.ledger.record(now, n, NodeEvent.Removed)
    this.core.metrics.nodesChanged(now)
    this.notify(n, NodeEvent.Removed)
  }

  /** Cordons (no new pods) or uncordons a node. */
  cordon(n: NodeId, cordoned: boolean): void {
    if (this.cluster.isUnschedulable(n) === cordoned) return
    this.cluster.setUnschedulable(n, cordoned)
    this.ledger.record(this.sim.nowMs, n, cordoned ? NodeEvent.Cordoned : NodeEvent.Uncordoned)
    if (!cordoned) this.core.scheduler.nodeChanged(n)
  }

  /** Evicts every pod on the node now (outcome Evicted; owners replace them). */
  evictAll(n: NodeId): void {
    const c = this.cluster
    for (let p = c.firstPodOnNode(n); p >= 0; ) {
      const next = c.nextPodOnNode(p as PodId)
      this.core.stopPod(p as PodId, PodEnd.Evicted)
      p = next
    }
  }

  // ---- crash and repair --------------------------------------------------------------------

  isDown(n: NodeId): boolean {
    return this.downCount[n]! > 0
  }

  /** The machine behind node `n` stops (a fault holds it down). Ignored for absent or provisioning slots. */
  crash(n: NodeId): void {
    const c = this.cluster
    const st = c.nodes.state[n]
    if (st !== NodeState.Ready && st !== NodeState.NotReady) return
    if (this.downCount[n]!++ > 0) return
    const now = this.sim.nowMs
    c.setServing(n, false)
    this.ledger.record(now, n, NodeEvent.Failed)
    for (let p = c.firstPodOnNode(n); p >= 0; p = c.nextPodOnNode(p as PodId)) this.core.interruptPod(p as PodId)
    this.deadlineEvent[n] = this.sim.scheduleAt(this.noticeAtMs(n, now), Ev.NodeDeadlinePassed, n)
  }

  /** When the control plane will notice a crash at `crashMs`: the first monitor tick after last heartbeat + grace. */
  noticeAtMs(n: NodeId, crashMs: number): number {
    const s = this.spec
    const period = this.hbPeriodMs[n]!
    const phase = this.hbPhaseMs[n]!
    const sinceBeat = (((crashMs - phase) % period) + period) % period
    const lastBeat = crashMs - sinceBeat
    const grace = s.gracePeriodMs > 0 ? s.gracePeriodMs : s.missedHeartbeats * period
    const deadline = lastBeat + grace
    // Upstream compares "now - last heartbeat > grace", so the tick must be strictly after.
    const at = s.monitorPeriodMs > 0 ? (Math.floor(deadline / s.monitorPeriodMs) + 1) * s.monitorPeriodMs : Math.ceil(deadline)
    return Math.max(crashMs, at)
  }

  /** One fault releases the node; when none holds it down any more, the machine is back. */
  repair(n: NodeId): void {
    if (this.downCount[n]! === 0) return
    if (--this.downCount[n]! > 0) return
    const c = this.cluster
    const now = this.sim.nowMs
    c.setServing(n, true)
    this.ledger.record(now, n, NodeEvent.Repaired)
    this.cancel(this.deadlineEvent, n)
    this.cancel(this.evictionEvent, n)
    // The kubelet restarts the containers of the pods the control plane had not evicted yet.
    for (let p = c.firstPodOnNode(n); p >= 0; p = c.nextPodOnNode(p as PodId)) {
      c.countRestart(p as PodId)
      this.core.resumePod(p as PodId)
    }
    if (this.givenUp[n] === 1) {
      this.givenUp[n] = 0
      c.setNodeReady(n, true, now)
      this.ledger.record(now, n, NodeEvent.Ready)
      this.nodeUp(n, NodeEvent.Ready)
    }
  }

  private onDeadline(n: NodeId): void {
    this.deadlineEvent[n] = NO_EVENT
    const c = this.cluster
    const now = this.sim.nowMs
    if (this.givenUp[n] === 0) {
      this.givenUp[n] = 1
      c.setNodeReady(n, false, now)
      this.ledger.record(now, n, NodeEvent.NotReady)
      this.core.metrics.nodesChanged(now)
      this.notify(n, NodeEvent.NotReady)
    }
    if (!this.mayTaint(n, now)) {
      // Rate limited: the zone's queue tries again at the next monitor tick.
      this.deadlineEvent[n] = this.sim.schedule(this.spec.monitorPeriodMs || 1_000, Ev.NodeDeadlinePassed, n)
      return
    }
    if (this.spec.evictionDelayMs === 0) this.evictAll(n)
    else this.evictionEvent[n] = this.sim.schedule(this.spec.evictionDelayMs, Ev.NodePodsEvictionDue, n)
  }

  private onEvictionDue(n: NodeId): void {
    this.evictionEvent[n] = NO_EVENT
    this.evictAll(n)
  }

  /**
   * Kubernetes' per-zone rate limit on NoExecute tainting (a token bucket with a burst of 1), with
   * the zone states of ComputeZoneState: fully disrupted (no ready node), partially disrupted
   * (more than 2 and at least `unhealthyZoneThreshold` not ready) or normal.
   */
  private mayTaint(n: NodeId, now: number): boolean {
    const s = this.spec
    if (s.evictionRatePerS <= 0) return true
    const z = this.zone[n]!
    if (now < this.zoneNextTaintMs[z]!) return false
    const zones = this.zoneStates()
    if (zones.allFull) return false
    const ready = zones.ready[z]!
    const notReady = zones.notReady[z]!
    const partial = ready > 0 && notReady > 2 && notReady / (ready + notReady) >= s.unhealthyZoneThreshold
    const rate = partial ? (ready + notReady > s.largeClusterSize ? s.secondaryEvictionRatePerS : 0) : s.evictionRatePerS
    if (rate <= 0) return false
    this.zoneNextTaintMs[z] = now + 1000 / rate
    return true
  }

  private zoneStates(): { ready: Int32Array; notReady: Int32Array; allFull: boolean } {
    const c = this.cluster
    const ready = new Int32Array(this.zoneNames.length)
    const notReady = new Int32Array(this.zoneNames.length)
    for (let m = 0; m < c.nodeSlots; m++) {
      const st = c.nodes.state[m]
      if (st === NodeState.Ready) ready[this.zone[m]!]!++
      else if (st === NodeState.NotReady) notReady[this.zone[m]!]!++
    }
    // Every zone that has nodes has none ready: upstream stops tainting altogether.
    let withNodes = 0
    let full = 0
    for (let z = 0; z < ready.length; z++) {
      if (ready[z]! + notReady[z]! === 0) continue
      withNodes++
      if (ready[z] === 0) full++
    }
    return { ready, notReady, allFull: withNodes > 0 && full === withNodes }
  }

  private enqueueReplacement(p: PodId): void {
    const s = this.spec
    const now = this.sim.nowMs
    let at = now + s.replacementDelayMs
    if (s.replacementAlignMs > 0) at = (Math.floor(at / s.replacementAlignMs) + 1) * s.replacementAlignMs
    this.sim.scheduleAt(at, Ev.ReplacementDue, p)
  }

  private cancel(events: Float64Array, n: NodeId): void {
    const id = events[n]!
    if (id !== NO_EVENT) {
      this.sim.cancel(id as EventId)
      events[n] = NO_EVENT
    }
  }

  private notify(n: NodeId, event: NodeEvent): void {
    for (let i = 0; i < this.listeners.length; i++) this.listeners[i]!(n, event)
  }
}
