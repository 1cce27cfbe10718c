/**
 * Runs the scenario's faults: crashes and repairs nodes (through NodeLifecycle, which brings the
 * control plane's reaction), reclaims spot nodes, drains nodes for maintenance, and crashes
 * containers with CrashLoopBackOff. Each fault draws from its own `failures`/`repairs` streams, keyed
 * by fault and unit (node slot, group, pod), so enabling one fault shifts no other draw.
 *
 * Decisions worth knowing (docs/faults.md):
 * - a failure process runs per node slot (or per group with `groupBy`) for the whole run; a crash
 *   hits only present nodes, so nodes added later by an autoscaler fail at the same rate;
 * - fixed-time crashes (`at:`) and zone outages repair every node of one firing together;
 * - a reclaimed spot node is replaced by its instance group after the pool's provisioning delay.
 */
import { makeSampler, rngStream, type Rng, type Sampler, type Sim } from '../engine/index.js'
import {
  CrashLoopBackOff, FailureClock, groupOf, matchesNode,
  type DrainFault, type FaultSpec, type NodeCrashFault, type SpotReclaimFault, type ZoneOutageFault,
} from '../failures/index.js'
import { NodeState, PodEnd, PodPhase, type Cluster, type NodeId, type PodId, type PoolId } from '../model/index.js'
import type { Scenario } from '../scenario/index.js'
import { Ev } from './event-kinds.js'
import type { NodeLifecycle } from './node-lifecycle.js'
import type { RunCore } from './run-core.js'

/** kubectl drain retries a refused eviction every 5 s. */
const DRAIN_RETRY_MS = 5_000

interface Unit {
  readonly nodes: readonly NodeId[]
  readonly clock: FailureClock
  down: boolean
}

export class FaultController {
  private readonly core: RunCore
  private readonly sim: Sim
  private readonly cluster: Cluster
  private readonly lifecycle: NodeLifecycle
  private readonly faults: readonly FaultSpec[]
  private readonly seed: string | number
  /** Per fault: failure units (NodeCrash with ttf, SpotReclaim with ttf), else empty. */
  private readonly units: Unit[][]
  /** Per fault: the nodes each fixed-time firing crashed, by firing index. */
  private readonly fired: NodeId[][][]
  private readonly repairRng: Rng[]
  private readonly provisionDelays: readonly Sampler[]
  private readonly provisionRng: Rng
  /** ContainerCrash: app of each fault (-1 otherwise), per-pod backoff and start times. */
  private readonly crashApp: Int32Array
  private readonly crashSampler: (Sampler | undefined)[]
  private readonly crashRng: Rng[]
  private readonly backoff = new Map<PodId, CrashLoopBackOff>()
  private readonly startedMs = new Map<PodId, number>()
  /** Drain: first pod id created after the drain began (replacements are at or above it). */
  private readonly drainFirstPod: number[]
  /** Drained nodes waiting out their maintenance before they are uncordoned. */
  private readonly inMaintenance = new Set<NodeId>()

  constructor(core: RunCore, lifecycle: NodeLifecycle, scenario: Scenario) {
    this.core = core
    this.sim = core.sim
    this.cluster = core.cluster
    this.lifecycle = lifecycle
    this.faults = scenario.faults
    this.seed = scenario.seed
    this.provisionDelays = scenario.provisionDelaysMs.map((d) => makeSampler(d))
    this.provisionRng = rngStream(scenario.seed, 'failures', 'spot-replacement')
    this.units = this.faults.map((f, i) => this.unitsOf(f, i))
    this.fired = this.faults.map(() => [])
    this.repairRng = this.faults.map((_, i) => rngStream(scenario.seed, 'repairs', `fault${i}`))
    this.crashApp = new Int32Array(this.faults.length).fill(-1)
    this.crashSampler = this.faults.map((f) => (f.kind === 'ContainerCrash' ? makeSampler(f.ttf) : undefined))
    this.crashRng = this.faults.map((_, i) => rngStream(scenario.seed, 'failures', `fault${i}/containers`))
    this.drainFirstPod = this.faults.map(() => 0)
    this.faults.forEach((f, i) => {
      if (f.kind === 'ContainerCrash') this.crashApp[i] = scenario.apps.findIndex((a) => a.name === f.workload)
    })
    this.sim.on(Ev.FaultTimer, (fault, b) => this.onTimer(fault, b))
    this.sim.on(Ev.DrainStep, (fault, n) => this.drainStep(fault, n as NodeId))
    this.sim.on(Ev.ContainerCrashed, (p, fault) => this.onContainerCrashed(p as PodId, fault))
    this.sim.on(Ev.ContainerRestarted, (p, fault) => this.onContainerRestarted(p as PodId, fault))
    if (this.crashApp.some((a) => a >= 0)) core.boundHooks.push((p) => this.armContainerCrash(p))
  }

  /** Schedules every fault's first firing. */
  start(): void {
    const end = this.core.endMs
    this.faults.forEach((f, i) => {
      const units = this.units[i]!
      for (let u = 0; u < units.length; u++) this.at(units[u]!.clock.nextFailureInMs(), i, u)
      const times = f.kind === 'NodeCrash' || f.kind === 'SpotReclaim' ? (f.atMs ?? []) : f.kind === 'ZoneOutage' || f.kind === 'Drain' ? [f.atMs] : []
      // Fixed firings are numbered after the units: b = units.length + k.
      times.forEach((t, k) => { if (t < end) this.sim.scheduleAt(t, Ev.FaultTimer, i, units.length + 2 * k) })
    })
  }

  private at(delayMs: number, fault: number, b: number): void {
    if (this.sim.nowMs + delayMs < this.core.endMs) this.sim.schedule(delayMs, Ev.FaultTimer, fault, b)
  }

  private unitsOf(f: FaultSpec, i: number): Unit[] {
    if ((f.kind !== 'NodeCrash' && f.kind !== 'SpotReclaim') || f.ttf === undefined) return []
    const groups = new Map<string, NodeId[]>()
    const c = this.cluster
    for (let n = 0; n < c.nodeSlots; n++) {
      const id = n as NodeId
      const pool = c.pools[c.poolOf(id)]!.name
      const sel = f.kind === 'NodeCrash' ? f.select : { pool: f.pool }
      if (!matchesNode(sel, c.nodeName(id), pool, c.labels(id))) continue
      const g = groupOf(f.kind === 'NodeCrash' ? f.groupBy : undefined, c.nodeName(id), c.labels(id))
      const list = groups.get(g)
      if (list) list.push(id)
      else groups.set(g, [id])
    }
    const repair = f.kind === 'NodeCrash' ? f.repair : undefined
    return [...groups.entries()].map(([g, nodes]) => ({
      nodes,
      clock: new FailureClock(f.ttf, repair, rngStream(this.seed, 'failures', `fault${i}/${g}`), rngStream(this.seed, 'repairs', `fault${i}/${g}`)),
      down: false,
    }))
  }

  private onTimer(fault: number, b: number): void {
    const f = this.faults[fault]!
    const units = this.units[fault]!
    if (b < units.length) return this.onUnit(f, fault, units[b]!, b)
    const k = (b - units.length) >> 1
    const repairing = ((b - units.length) & 1) === 1
    switch (f.kind) {
      case 'NodeCrash': return repairing ? this.repairFiring(fault, k) : this.crashFiring(f, fault, k)
      case 'ZoneOutage': return repairing ? this.repairFiring(fault, k) : this.zoneDown(f, fault, b)
      case 'SpotReclaim': return repairing ? this.reclaimEnd(fault, k) : this.reclaimNotice(f, fault, this.selected({ pool: f.pool }))
      case 'Drain': return this.drainStart(f, fault)
      case 'ContainerCrash': return
    }
  }

  // ---- failure processes -------------------------------------------------------------------

  private onUnit(f: FaultSpec, fault: number, u: Unit, b: number): void {
    if (f.kind === 'SpotReclaim') {
      // One reclaim per unit (node slot); the slot's next reclaim is drawn when this one fires.
      const present = u.nodes.filter((n) => this.isPresent(n))
      if (present.length) this.reclaimNotice(f, fault, present)
      this.at(u.clock.nextFailureInMs(), fault, b)
      return
    }
    if (!u.down) {
      u.down = true
      for (const n of u.nodes) this.lifecycle.crash(n)
      this.at(u.clock.nextRepairInMs(), fault, b)
    } else {
      u.down = false
      for (const n of u.nodes) this.lifecycle.repair(n)
      this.at(u.clock.nextFailureInMs(), fault, b)
    }
  }

  private crashFiring(f: NodeCrashFault, fault: number, k: number): void {
    const nodes = this.selected(f.select)
    this.fired[fault]![k] = nodes
    for (const n of nodes) this.lifecycle.crash(n)
    const repairIn = new FailureClock(undefined, f.repair, this.repairRng[fault]!, this.repairRng[fault]!).nextRepairInMs()
    this.at(repairIn, fault, this.units[fault]!.length + 2 * k + 1)
  }

  private zoneDown(f: ZoneOutageFault, fault: number, b: number): void {
    const nodes = this.selected({ labels: { [f.label]: f.zone } })
    this.fired[fault]![0] = nodes
    for (const n of nodes) this.lifecycle.crash(n)
    this.at(f.durationMs, fault, b + 1)
  }

  private repairFiring(fault: number, k: number): void {
    for (const n of this.fired[fault]![k] ?? []) this.lifecycle.repair(n)
  }

  // ---- spot reclaim ------------------------------------------------------------------------

  private reclaimNotice(f: SpotReclaimFault, fault: number, nodes: readonly NodeId[]): void {
    const k = this.fired[fault]!.length
    this.fired[fault]![k] = [...nodes]
    for (const n of nodes) {
      this.lifecycle.cordon(n, true)
      this.lifecycle.evictAll(n)
    }
    // The reclaim ends `notice` later; its end is a firing numbered like a fixed time's repair.
    this.sim.schedule(f.noticeMs, Ev.FaultTimer, fault, this.units[fault]!.length + 2 * k + 1)
  }

  private reclaimEnd(fault: number, k: number): void {
    for (const n of this.fired[fault]![k] ?? []) {
      if (!this.isPresent(n) && this.cluster.nodes.state[n] !== NodeState.Provisioning) continue
      const pool = this.cluster.poolOf(n)
      this.lifecycle.remove(n)
      this.lifecycle.provision(pool as PoolId, this.provisionDelays[pool]!.sample(this.provisionRng))
    }
  }

  // ---- drain -------------------------------------------------------------------------------

  private drainStart(f: DrainFault, fault: number): void {
    this.drainFirstPod[fault] = this.cluster.pods.count
    for (const n of this.selected(f.select)) {
      this.lifecycle.cordon(n, true)
      this.drainStep(fault, n)
    }
  }

  /** Evicts what the budget allows; retries in 5 s while pods remain; uncordons `duration` after the node is empty. */
  private drainStep(fault: number, n: NodeId): void {
    const f = this.faults[fault] as DrainFault
    const c = this.cluster
    if (!this.isPresent(n)) return
    if (this.inMaintenance.has(n)) {
      this.inMaintenance.delete(n)
      this.lifecycle.cordon(n, false)
      return
    }
    if (c.podCount(n) === 0) {
      this.inMaintenance.add(n)
      this.sim.schedule(f.durationMs, Ev.DrainStep, fault, n)
      return
    }
    const unavailable = this.unavailableReplacements(fault)
    for (let p = c.firstPodOnNode(n); p >= 0; ) {
      const next = c.nextPodOnNode(p as PodId)
      const app = c.pods.app[p]!
      if ((unavailable.get(app) ?? 0) < f.maxUnavailable) {
        unavailable.set(app, (unavailable.get(app) ?? 0) + 1)
        this.core.stopPod(p as PodId, PodEnd.Evicted)
      }
      p = next
    }
    this.sim.schedule(c.podCount(n) === 0 ? 0 : DRAIN_RETRY_MS, Ev.DrainStep, fault, n)
  }

  /** Replacements created since the drain began that do not run yet, per app: the budget they use. */
  private unavailableReplacements(fault: number): Map<number, number> {
    const t = this.cluster.pods
    const out = new Map<number, number>()
    for (let p = this.drainFirstPod[fault]!; p < t.count; p++) {
      if (t.replaces[p]! >= 0 && t.phase[p] === PodPhase.Pending) out.set(t.app[p]!, (out.get(t.app[p]!) ?? 0) + 1)
    }
    return out
  }

  // ---- container crashes -------------------------------------------------------------------

  private armContainerCrash(p: PodId): void {
    const app = this.cluster.pods.app[p]!
    for (let i = 0; i < this.crashApp.length; i++) {
      if (this.crashApp[i] !== app) continue
      this.startedMs.set(p, this.sim.nowMs)
      this.sim.schedule(Math.max(1, Math.round(this.crashSampler[i]!.sample(this.crashRng[i]!))), Ev.ContainerCrashed, p, i)
    }
  }

  private onContainerCrashed(p: PodId, fault: number): void {
    const c = this.cluster
    if (c.pods.phase[p] !== PodPhase.Running || c.pods.containerDown[p] === 1) return
    let b = this.backoff.get(p)
    if (!b) this.backoff.set(p, (b = new CrashLoopBackOff()))
    const delay = b.crashed(this.sim.nowMs, this.startedMs.get(p) ?? this.sim.nowMs)
    c.setContainerDown(p, true)
    this.core.interruptPod(p)
    this.sim.schedule(delay, Ev.ContainerRestarted, p, fault)
  }

  private onContainerRestarted(p: PodId, fault: number): void {
    const c = this.cluster
    if (c.pods.phase[p] !== PodPhase.Running) {
      this.backoff.delete(p)
      this.startedMs.delete(p)
      return
    }
    c.setContainerDown(p, false)
    this.startedMs.set(p, this.sim.nowMs)
    this.core.resumePod(p)
    const next = Math.max(1, Math.round(this.crashSampler[fault]!.sample(this.crashRng[fault]!)))
    this.sim.schedule(next, Ev.ContainerCrashed, p, fault)
  }

  // ---- helpers -----------------------------------------------------------------------------

  private isPresent(n: NodeId): boolean {
    const st = this.cluster.nodes.state[n]
    return st === NodeState.Ready || st === NodeState.NotReady
  }

  /** Present nodes matching a selector now, in id order. */
  private selected(sel: { node?: string | undefined; pool?: string | undefined; labels?: Readonly<Record<string, string>> | undefined }): NodeId[] {
    const c = this.cluster
    const out: NodeId[] = []
    for (let n = 0; n < c.nodeSlots; n++) {
      const id = n as NodeId
      if (this.isPresent(id) && matchesNode(sel, c.nodeName(id), c.pools[c.poolOf(id)]!.name, c.labels(id))) out.push(id)
    }
    return out
  }
}
