/**
 * One simulation run: wires the engine, the cluster model, the workloads, the placement profile
 * and the metrics together through event handlers. This is the one place where events, model and
 * policies meet. Handlers allocate nothing per event: pods live in the model's typed arrays, the
 * placement scratch is owned by the profile, and requests are drawn into one reusable buffer.
 *
 * Semantics worth knowing (also in docs/model.md):
 * - Binding is instantaneous: a pod's wait is the time until some node had room for it.
 * - A scheduling cycle runs at most once per millisecond with arrivals or completions, after all
 *   events already scheduled for that millisecond, and tries every active pod in queue order.
 * - A pre-bound pod (`nodeName`) skips the scheduler; if it does not fit there it fails, as the
 *   kubelet rejects such a pod.
 */
import { makeSampler, rngStream, Sim, type Rng, type Sampler } from '../engine/index.js'
import { buildProfile, type PlacementTrace, type Profile, type Registry } from '../framework/index.js'
import { Cluster, NO_NODE, PodPhase, PodSpec, RequestValues, type AppId, type NodeId, type PodId, type PoolId } from '../model/index.js'
import type { Scenario } from '../scenario/index.js'
import { ArrivalProcess, RequestSampler, type Workload } from '../workload/index.js'
import { RunMetrics } from '../metrics/index.js'
import { Ev } from './event-kinds.js'
import { SchedulingQueue } from './scheduling-queue.js'

export interface RunOptions {
  /** Called every `progressEveryMs` of simulated time with (simulated ms, events so far). */
  readonly onProgress?: ((simMs: number, events: number) => void) | undefined
  readonly progressEveryMs?: number | undefined
  /** Record the placement trace of this pod (by name), or of the first pod placed (true), for `explain`. */
  readonly explainPod?: string | true | undefined
}

interface Source {
  readonly workload: Workload
  readonly arrivals: ArrivalProcess | null
  readonly requests: RequestSampler
  readonly duration: Sampler | null
}

export class Run {
  readonly scenario: Scenario
  readonly sim = new Sim()
  readonly cluster: Cluster
  readonly profile: Profile
  readonly queue: SchedulingQueue
  readonly metrics: RunMetrics
  /** The trace of the explained pod's last placement attempt, when asked for. */
  explained: PlacementTrace | undefined
  /** The pod `explained` is about. */
  explainedPod: PodId | undefined
  private readonly sources: Source[]
  private readonly spec: PodSpec
  private readonly req: RequestValues
  private readonly dirty: Int32Array
  private readonly isDirty: Uint8Array
  private dirtyCount = 0
  private cyclePending = false
  private readonly explainPod: string | true | undefined
  private readonly durationRngs: Rng[]

  constructor(scenario: Scenario, reg: Registry, options: RunOptions = {}) {
    this.scenario = scenario
    const seed = scenario.seed
    this.cluster = new Cluster(scenario.pools, scenario.apps, scenario.extNames)
    this.profile = buildProfile(scenario.placement, reg, rngStream(seed, 'placement'), this.cluster.nodeSlots)
    this.queue = new SchedulingQueue(this.cluster)
    this.metrics = new RunMetrics(this.cluster, { name: scenario.name, placementName: scenario.placementName, seed: scenario.seed, durationMs: scenario.durationMs, metricsIntervalMs: scenario.metricsIntervalMs })
    this.spec = new PodSpec(scenario.apps[0] ?? placeholderApp, scenario.extNames.length)
    this.req = new RequestValues(scenario.extNames.length)
    this.dirty = new Int32Array(this.cluster.nodeSlots)
    this.isDirty = new Uint8Array(this.cluster.nodeSlots)
    this.explainPod = options.explainPod
    this.sources = scenario.workloads.map((w) => {
      const name = scenario.apps[w.app]!.name
      const arrivals = w.kind === 'Batch'
        ? new ArrivalProcess(w.arrivals, rngStream(seed, 'arrivals', name), w.startMs, w.stopMs, w.maxPods)
        : null
      const duration = w.kind === 'Batch' ? makeSampler(w.durationMs) : w.durationMs ? makeSampler(w.durationMs) : null
      return { workload: w, arrivals, requests: new RequestSampler(w.requests, rngStream(seed, 'requests', name)), duration }
    })
    this.durationRngs = scenario.apps.map((a) => rngStream(seed, 'durations', a.name))
    this.sim.on(Ev.PodArrived, (app) => this.onPodArrived(app))
    this.sim.on(Ev.PodCompleted, (pod) => this.onPodCompleted(pod as PodId))
    this.sim.on(Ev.SchedulingCycle, () => this.onSchedulingCycle())
    this.sim.on(Ev.MetricsTick, () => this.onMetricsTick())
  }

  /** Runs to the scenario's end and closes the metrics. */
  run(options: RunOptions = {}): void {
    const end = this.scenario.durationMs
    for (let p = 0; p < this.scenario.pools.length; p++) {
      for (let i = 0; i < this.scenario.pools[p]!.initial; i++) this.cluster.addNode(p as PoolId, 0)
    }
    this.metrics.nodesChanged(0)
    this.sim.scheduleAt(0, Ev.MetricsTick)
    for (let i = 0; i < this.sources.length; i++) this.scheduleNextArrival(i)
    const every = options.progressEveryMs ?? end
    for (let t = Math.min(every, end); ; t = Math.min(t + every, end)) {
      this.sim.run(t)
      options.onProgress?.(t, this.sim.eventsProcessed)
      if (t >= end) break
    }
    this.metrics.close(end, this.sim.eventsProcessed, this.profile.rejections)
  }

  private scheduleNextArrival(i: number): void {
    const s = this.sources[i]!
    const t = s.arrivals ? s.arrivals.next() : s.workload.kind === 'Pod' && this.cluster.appPodCount[i] === 0 ? s.workload.atMs : Infinity
    if (t < this.scenario.durationMs) this.sim.scheduleAt(t, Ev.PodArrived, i)
  }

  private onPodArrived(app: number): void {
    const s = this.sources[app]!
    const now = this.sim.nowMs
    s.requests.fill(this.req)
    const durationMs = s.duration ? Math.max(0, Math.round(s.duration.sample(this.durationRngs[app]!))) : Infinity
    const p = this.cluster.createPod(app as AppId, this.req, durationMs, now)
    this.metrics.podsChanged(now)
    const w = s.workload
    if (w.kind === 'Pod' && w.nodeName !== undefined) this.bindPreBound(p, w.nodeName)
    else {
      this.queue.push(p)
      this.requestCycle()
    }
    this.scheduleNextArrival(app)
  }

  private bindPreBound(p: PodId, nodeName: string): void {
    const n = this.cluster.nodes.findByName(nodeName)
    const now = this.sim.nowMs
    if (n !== undefined && this.cluster.isReady(n) && this.cluster.canFit(p, n)) this.bind(p, n)
    else this.cluster.finishPod(p, PodPhase.Failed, now)
    this.metrics.podsChanged(now)
  }

  private bind(p: PodId, n: NodeId): void {
    const now = this.sim.nowMs
    this.metrics.allocationChanged(now)
    this.cluster.bind(p, n, now)
    const d = this.cluster.pods.durationMs[p]!
    if (Number.isFinite(d)) this.sim.schedule(d, Ev.PodCompleted, p)
  }

  private onPodCompleted(p: PodId): void {
    const now = this.sim.nowMs
    const n = this.cluster.pods.nodeOf(p)
    this.metrics.allocationChanged(now)
    this.cluster.finishPod(p, PodPhase.Succeeded, now)
    this.metrics.podsChanged(now)
    this.markDirty(n)
  }

  private markDirty(n: NodeId): void {
    if (this.isDirty[n] === 0) {
      this.isDirty[n] = 1
      this.dirty[this.dirtyCount++] = n
    }
    if (this.queue.waitingCount > 0) this.requestCycle()
  }

  private requestCycle(): void {
    if (this.cyclePending) return
    this.cyclePending = true
    this.sim.schedule(0, Ev.SchedulingCycle)
  }

  private onSchedulingCycle(): void {
    this.cyclePending = false
    const c = this.cluster
    const q = this.queue
    const recheck = this.dirtyCount > 0
    q.startCycle()
    for (let p = q.next(); p >= 0; p = q.next()) {
      const pod = p as PodId
      // A waiting pod failed on every node before; only the nodes changed since can take it now.
      if (q.lastWasWaiting && !(recheck && this.profile.anyFeasible(c.fillPodSpec(pod, this.spec), c, this.dirty, this.dirtyCount))) {
        q.keepWaiting(pod)
        continue
      }
      if (!this.tryPlace(pod)) q.keepWaiting(pod)
    }
    q.endCycle()
    for (let i = 0; i < this.dirtyCount; i++) this.isDirty[this.dirty[i]!] = 0
    this.dirtyCount = 0
  }

  /** Runs the placement profile for one pod and binds it; false when no node is feasible. */
  private tryPlace(pod: PodId): boolean {
    const c = this.cluster
    const trace = this.explainPod !== undefined && this.isExplained(pod) ? { chosen: NO_NODE, nodes: [] } : undefined
    const n = this.profile.place(c.fillPodSpec(pod, this.spec), c, trace)
    if (trace) {
      this.explained = trace
      this.explainedPod = pod
    }
    if (n === NO_NODE) return false
    this.bind(pod, n)
    this.metrics.podsChanged(this.sim.nowMs)
    return true
  }

  private isExplained(p: PodId): boolean {
    if (this.explainPod === true) return this.explained === undefined || this.explainedPod === p
    return this.cluster.podName(p) === this.explainPod
  }

  private onMetricsTick(): void {
    const now = this.sim.nowMs
    this.metrics.sample(now)
    const next = now + this.scenario.metricsIntervalMs
    if (next < this.scenario.durationMs) this.sim.scheduleAt(next, Ev.MetricsTick)
  }
}

const placeholderApp = { id: 0 as AppId, name: '', kind: 'Pod' as const, labels: {}, priority: 0, nodeSelector: {}, tolerations: [] }
