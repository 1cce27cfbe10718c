/**
 * Mesos two-level scheduling (apache/mesos `src/master/allocator/mesos/hierarchical.cpp`, the
 * allocator's stage 2 without quota; Marathon-style frameworks). Chosen instead of the scheduling
 * queue when the placement profile has a plugin with an `offerCycle` (policy `mesos-drf`).
 *
 * Frameworks are the workloads' tenants (`tenant`, default the workload's name; Mesos roles, one
 * framework each) with their `weight`. Every allocation interval (default 1 s), one pass:
 * 1. The agents (Ready, not cordoned) are walked in a random order from the `placement` stream
 *    (upstream shuffles them each pass), skipping agents whose free resources are below
 *    `--min_allocatable_resources` (cpus 0.01 or mem 32 MB).
 * 2. Each agent goes, whole (everything still free on it), to the first framework in DRF order
 *    (DrfSorter: weighted dominant share of running tasks plus offers made in this pass, over the
 *    Ready capacity; then allocations ever made; then name) that has pending tasks and has no
 *    active refuse filter for that agent. Shares are updated at once, so the next agent may go to
 *    another framework.
 * 3. Each framework answers its offers in the order they were made: it walks its pending tasks
 *    in queue order (priority, then creation) and launches each task that passes the profile's
 *    filters on the offered agent (first fit within the offer; resource fit, Marathon
 *    constraints), at most `maxTasksPerOffer` per offer. An offer on which it launches nothing is
 *    declined with a refuse filter of max(refuse_seconds, allocation interval) (default 5 s) for
 *    that framework and agent: the agent is not offered to the framework again while the filter
 *    lasts and the agent's free resources are no more than what was refused (a task finishing
 *    there lifts it early, as upstream's RefusedOfferFilter). What is left of an offer the
 *    framework used is not filtered (as if it accepted with refuse_seconds 0, or revived for its
 *    next tasks as Marathon does); upstream's default accept filter would hold it back 5 s too.
 *
 * So a pod waits at least until the next pass (its wait includes the offer cycle delay), and a
 * declined agent comes back to the framework 5 s later. Not modelled: quota (stage 1), role
 * hierarchies, revive/suppress calls (a framework with no pending task is simply not offered),
 * offer rescinds, and the immediate allocation upstream runs when an agent or framework is added.
 *
 * Binding is the run's (so the pod's owner hears of it); this class only decides.
 */
import { tenantsOf } from './tenants.js'
import type { Sim } from '../engine/index.js'
import type { OfferCycle, PlacementTrace, Profile } from '../framework/index.js'
import { NO_NODE, PodPhase, PodSpec, type AppSpec, type Cluster, type NodeId, type PodId } from '../model/index.js'
import { DeviceChoice } from './device-choice.js'
import { DrfSorter } from './drf-sorter.js'
import { Ev } from './event-kinds.js'
import { OfferView } from './offer-view.js'
import type { PodScheduler } from './pod-scheduler.js'
import { SchedulingQueue } from './scheduling-queue.js'

/** Upstream's default `--min_allocatable_resources`: cpus 0.01 or mem 32 MB (MiB in Mesos). */
const MIN_ALLOCATABLE_CPU_MILLI = 10
const MIN_ALLOCATABLE_MEM_BYTES = 32 * 1024 * 1024
const CPU = 0
const MEM = 1
const GPU = 2

export class OfferScheduler implements PodScheduler {
  readonly profile: Profile
  readonly cycle: OfferCycle
  explained: PlacementTrace | undefined
  explainedPod: PodId | undefined
  /** Framework (tenant) names in scenario order. */
  readonly frameworks: readonly string[]
  readonly sorter: DrfSorter
  /** Offers made over the run, and how many were declined outright (nothing launched). */
  offersMade = 0
  offersDeclined = 0
  private readonly sim: Sim
  private readonly cluster: Cluster
  private readonly bind: (p: PodId, n: NodeId) => void
  private readonly explainPod: string | true | undefined
  private readonly queues: SchedulingQueue[]
  private readonly frameworkOf: Int32Array
  private readonly spec: PodSpec
  private readonly view: OfferView
  private readonly devices: DeviceChoice
  /** Refuse filters per (framework, agent): until when, and the free resources refused. */
  private readonly refusedUntilMs: Float64Array
  private readonly refused: Float64Array
  private readonly agents: Int32Array
  private readonly offerFramework: Int32Array
  private readonly offerAgent: Int32Array
  private readonly amounts = new Float64Array(3)
  private cyclePending = false
  private lastCycleMs = -1

  constructor(sim: Sim, cluster: Cluster, profile: Profile, cycle: OfferCycle, bind: (p: PodId, n: NodeId) => void, explainPod: string | true | undefined) {
    this.sim = sim
    this.cluster = cluster
    this.profile = profile
    this.cycle = cycle
    this.bind = bind
    this.explainPod = explainPod
    const { names, weights, tenantOf } = tenantsOf(cluster.apps)
    this.frameworkOf = tenantOf
    this.frameworks = names
    this.sorter = new DrfSorter(3)
    names.forEach((n, f) => this.sorter.add(n, weights[f]))
    this.queues = names.map(() => new SchedulingQueue(cluster))
    this.spec = new PodSpec(cluster.apps[0] ?? PLACEHOLDER_APP, cluster.extNames.length)
    this.view = new OfferView(cluster)
    this.devices = new DeviceChoice(profile)
    const slots = cluster.nodeSlots
    this.refusedUntilMs = new Float64Array(names.length * slots)
    this.refused = new Float64Array(names.length * slots * 3)
    this.agents = new Int32Array(slots)
    this.offerFramework = new Int32Array(slots)
    this.offerAgent = new Int32Array(slots)
    sim.on(Ev.SchedulingCycle, () => this.onAllocationPass())
  }

  enqueue(p: PodId): void {
    this.queues[this.frameworkOf[this.cluster.pods.app[p]!]!]!.push(p)
    this.requestPass()
  }

  /** Freed resources are offered at the next pass anyway; only make sure one is coming. */
  nodeChanged(_n: NodeId): void {
    if (this.pendingCount() > 0) this.requestPass()
  }

  /** Pending tasks over all frameworks. */
  pendingCount(): number {
    let n = 0
    for (let f = 0; f < this.queues.length; f++) n += this.queues[f]!.activeCount + this.queues[f]!.waitingCount
    return n
  }

  /** True while framework `f` refuses agent `n` (for tests and explain). */
  isRefused(f: number, n: NodeId): boolean {
    return this.filtered(f, n)
  }

  /** Passes run on the interval grid (0, 1 s, 2 s, ...): the next one at or after now. */
  private requestPass(): void {
    if (this.cyclePending) return
    const now = this.sim.nowMs
    const every = this.cycle.allocationIntervalMs
    let at = Math.ceil(now / every) * every
    if (at <= this.lastCycleMs) at = this.lastCycleMs + every
    this.cyclePending = true
    this.sim.schedule(at - now, Ev.SchedulingCycle)
  }

  private onAllocationPass(): void {
    this.cyclePending = false
    this.lastCycleMs = this.sim.nowMs
    const offers = this.makeOffers()
    for (let i = 0; i < offers; i++) this.answerOffer(this.offerFramework[i]!, this.offerAgent[i]! as NodeId)
    if (this.pendingCount() > 0) this.requestPass()
  }

  /** Stage 2 of the allocator: each agent, whole, to the first framework in DRF order that takes it. */
  private makeOffers(): number {
    const c = this.cluster
    const s = this.sorter
    s.total[CPU] = c.readyCpuCapMilli
    s.total[MEM] = c.readyMemCapBytes
    s.total[GPU] = c.readyGpuCap
    this.sumAllocations()
    let any = false
    for (let f = 0; f < this.queues.length; f++) {
      const has = this.queues[f]!.activeCount + this.queues[f]!.waitingCount > 0
      if (has) s.activate(f)
      else s.deactivate(f)
      any ||= has
    }
    if (!any) return 0
    const agentCount = this.agentOrder()
    let offers = 0
    for (let i = 0; i < agentCount; i++) {
      const n = this.agents[i]! as NodeId
      const a = this.amounts
      a[CPU] = c.cpuFreeMilli(n)
      a[MEM] = c.memFreeBytes(n)
      a[GPU] = c.gpuFree(n)
      if (a[CPU]! < MIN_ALLOCATABLE_CPU_MILLI && a[MEM]! < MIN_ALLOCATABLE_MEM_BYTES) continue
      const order = s.sort()
      for (let k = 0; k < order.length; k++) {
        const f = order[k]!
        if (this.filtered(f, n)) continue
        s.allocated(f, a)
        this.offerFramework[offers] = f
        this.offerAgent[offers++] = n
        this.offersMade++
        break
      }
    }
    return offers
  }

  /** Framework `f` launches what fits on agent `n`; an offer it launches nothing on is declined with a refuse filter. */
  private answerOffer(f: number, n: NodeId): void {
    const c = this.cluster
    const q = this.queues[f]!
    const max = this.cycle.maxTasksPerOffer
    const view = this.view.offer(n)
    let launched = 0
    q.startCycle()
    for (let p = q.next(); p >= 0; p = q.next()) {
      const pod = p as PodId
      // A task that left Pending while queued (deleted, evicted) is dropped.
      if (c.pods.phase[pod] !== PodPhase.Pending) continue
      if ((max > 0 && launched >= max) || !this.roughlyFits(pod, n)) {
        q.keepWaiting(pod)
        continue
      }
      const trace = this.explainPod !== undefined && this.isExplained(pod) ? { chosen: NO_NODE, nodes: [] } : undefined
      const chosen = this.profile.place(c.fillPodSpec(pod, this.spec), view, trace)
      if (trace) {
        this.explained = trace
        this.explainedPod = pod
      }
      if (chosen === NO_NODE) q.keepWaiting(pod)
      else {
        this.devices.apply(this.spec, chosen, c)
        this.bind(pod, chosen)
        launched++
      }
    }
    q.endCycle()
    if (launched === 0) {
      this.offersDeclined++
      this.refuse(f, n)
    }
  }

  /** A cheap pre-check of the task against the agent's free cpu, memory and gpu. */
  private roughlyFits(p: PodId, n: NodeId): boolean {
    const t = this.cluster.pods
    const c = this.cluster
    return t.cpuMilli[p]! <= c.cpuFreeMilli(n) && t.memBytes[p]! <= c.memFreeBytes(n) && t.gpu[p]! <= c.gpuFree(n)
  }

  private refuse(f: number, n: NodeId): void {
    const c = this.cluster
    if (this.cycle.refuseMs <= 0) return
    const cpu = c.cpuFreeMilli(n)
    const mem = c.memFreeBytes(n)
    if (cpu < MIN_ALLOCATABLE_CPU_MILLI && mem < MIN_ALLOCATABLE_MEM_BYTES) return
    const k = f * c.nodeSlots + n
    // Upstream stretches the filter to at least one allocation interval (MESOS-4302).
    this.refusedUntilMs[k] = this.sim.nowMs + Math.max(this.cycle.refuseMs, this.cycle.allocationIntervalMs)
    this.refused[k * 3 + CPU] = cpu
    this.refused[k * 3 + MEM] = mem
    this.refused[k * 3 + GPU] = c.gpuFree(n)
  }

  /** An active filter whose refused resources still cover what the agent has free. */
  private filtered(f: number, n: NodeId): boolean {
    const c = this.cluster
    const k = f * c.nodeSlots + n
    if (this.refusedUntilMs[k]! <= this.sim.nowMs) return false
    return c.cpuFreeMilli(n) <= this.refused[k * 3 + CPU]! && c.memFreeBytes(n) <= this.refused[k * 3 + MEM]! && c.gpuFree(n) <= this.refused[k * 3 + GPU]!
  }

  /** Each framework's allocation = requests of its running tasks (offers of this pass are added as made). */
  private sumAllocations(): void {
    const c = this.cluster
    const a = this.amounts
    for (let f = 0; f < this.queues.length; f++) {
      a.fill(0)
      for (let app = 0; app < c.apps.length; app++) {
        if (this.frameworkOf[app] !== f) continue
        a[CPU]! += c.appCpuReqMilli[app]!
        a[MEM]! += c.appMemReqBytes[app]!
        a[GPU]! += c.appGpuReq[app]!
      }
      this.sorter.setAllocation(f, a)
    }
  }

  /** Ready, uncordoned agents into `agents`, shuffled (Fisher-Yates) when the cycle asks for it. */
  private agentOrder(): number {
    const c = this.cluster
    let count = 0
    for (let n = 0; n < c.nodeSlots; n++) {
      if (c.isReady(n as NodeId) && !c.isUnschedulable(n as NodeId)) this.agents[count++] = n
    }
    if (this.cycle.shuffleAgents) {
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(this.cycle.rng() * (i + 1))
        const t = this.agents[i]!
        this.agents[i] = this.agents[j]!
        this.agents[j] = t
      }
    }
    return count
  }

  private isExplained(p: PodId): boolean {
    if (this.explainPod === true) return this.explained === undefined || this.explainedPod === p
    return this.cluster.podName(p) === this.explainPod
  }
}

const PLACEHOLDER_APP: AppSpec = { id: 0 as AppSpec['id'], name: '', kind: 'Pod', labels: {}, priority: 0, nodeSelector: {}, tolerations: [] }
