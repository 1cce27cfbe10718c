/**
 * Services: the replica set of each Service workload (a Deployment behind a load balancer) and
 * its pod autoscaler. Replicas are ordinary pods: created Pending and placed by the scheduler (a
 * full cluster delays them), Starting once bound until `startup` has passed, then Serving. A
 * scale-down deletes, as a ReplicaSet does, pending replicas first, then starting ones, then the
 * newest serving ones, which drain (no new requests) up to the termination grace period. A
 * replica lost to a fault is replaced at once.
 *
 * Each service's latency model (analytic or request-level) turns load and serving replicas into
 * counters and latencies; this controller brings them up to date at every change, writes a
 * services.csv row per metrics interval, and at every autoscaler sync hands the autoscaler a view
 * through the metrics pipeline (service-pipeline.ts) and applies its decision.
 */
import { makeSampler, rngStream, type EventId, type Sim } from '../engine/index.js'
import { podAutoscalersOf, type PodAutoscaler, type Registry } from '../framework/index.js'
import { invertSurvival, ServiceMetrics, type ServiceSummary, type ServiceTotals } from '../metrics/index.js'
import { PodEnd, PodPhase, RequestValues, type AppId, type NodeId, type PodId } from '../model/index.js'
import type { Scenario } from '../scenario/index.js'
import { LoadCurveArrivals, makeLoadCurve, RequestSampler, type ServiceWorkload } from '../workload/index.js'
import { Ev } from './event-kinds.js'
import type { PodOwner } from './pod-owner.js'
import type { RunCore } from './run-core.js'
import { AnalyticServiceModel } from './service-analytic.js'
import type { ServiceModel } from './service-model.js'
import { ServiceViewBuffer, type PipelineSpec } from './service-pipeline.js'
import { RequestServiceModel } from './service-requests.js'
import { Hist, ReplicaState, ServiceState } from './service-state.js'

/** Steps of the analytic model: load is re-read and latency recomputed at least this often. */
const TICK_MS = 15_000
/** Initial replicas have run for this long before the run starts (warm, past the HPA's CPU initialization period). */
const WARM_MS = 3_600_000
const NO_EVENT = -1

interface Service {
  readonly state: ServiceState
  readonly model: ServiceModel
  readonly requests: RequestSampler
  readonly autoscaler: PodAutoscaler | undefined
  readonly policyName: string
  /** The autoscaler's view, reused at every sync. */
  readonly view: ServiceViewBuffer
  /** Counter values at the start of the current metrics interval. */
  intervalStartMs: number
  offered0: number
  served0: number
  dropped0: number
  busy0: number
  ready0: number
  intervalsSloMet: number
  intervalsWithSlo: number
}

export class ServiceController implements PodOwner {
  readonly metrics: ServiceMetrics
  private readonly core: RunCore
  private readonly sim: Sim
  private readonly services: Service[] = []
  private readonly byApp: (Service | undefined)[]
  private readonly pipeline: PipelineSpec
  private readonly req: RequestValues
  /** Per pod: its replica slot (services own pods through byApp). */
  private podReplica = new Int32Array(256).fill(-1)
  /** Pods created for the initial replicas: warm when bound at time 0. */
  private readonly warm = new Set<number>()

  constructor(core: RunCore, scenario: Scenario, reg: Registry) {
    this.core = core
    this.sim = core.sim
    this.pipeline = scenario.podMetrics ?? { windowMs: 30_000, delayMs: 15_000 }
    this.req = new RequestValues(scenario.extNames.length)
    this.byApp = new Array<Service | undefined>(scenario.apps.length)
    const seed = scenario.seed
    const modules = podAutoscalersOf(reg)
    for (const w of scenario.workloads) {
      if (w.kind !== 'Service') continue
      const name = scenario.apps[w.app]!.name
      const state = new ServiceState(this.services.length, name, w)
      const curve = makeLoadCurve(w.load, scenario.durationMs, rngStream(seed, 'load', `${name}/noise`))
      const model = this.makeModel(state, w, curve, seed, scenario.durationMs)
      const module = w.autoscaler ? modules.get(w.autoscaler.name) : undefined
      if (w.autoscaler && !module) throw new Error(`service ${name}: unknown pod autoscaler "${w.autoscaler.name}" (the scenario was not checked)`)
      const autoscaler = module && w.autoscaler ? module.create(w.autoscaler.args) : undefined
      const svc: Service = {
        state, model, requests: new RequestSampler(w.requests, rngStream(seed, 'requests', name)), autoscaler,
        policyName: w.autoscaler?.name ?? 'none', view: new ServiceViewBuffer(state, this.pipeline),
        intervalStartMs: 0, offered0: 0, served0: 0, dropped0: 0, busy0: 0, ready0: 0, intervalsSloMet: 0, intervalsWithSlo: 0,
      }
      this.services.push(svc)
      this.byApp[w.app] = svc
      core.setOwner(w.app, this)
    }
    this.metrics = new ServiceMetrics(core.cluster, (now) => this.sampleIntervals(now), () => this.totals())
    this.sim.on(Ev.ServiceTick, () => this.onTick())
    this.sim.on(Ev.ReplicaReady, (p) => this.onReplicaReady(p as PodId))
    this.sim.on(Ev.ReplicaDrained, (p) => this.onReplicaDrained(p as PodId))
    this.sim.on(Ev.AutoscalerSync, (i) => this.onSync(i))
    this.sim.on(Ev.RequestArrived, (i) => (this.services[i]!.model as RequestServiceModel).onArrival())
    this.sim.on(Ev.RequestCompleted, (i, slot) => (this.services[i]!.model as RequestServiceModel).onCompletion(slot))
  }

  get serviceCount(): number {
    return this.services.length
  }

  private makeModel(state: ServiceState, w: ServiceWorkload, curve: ReturnType<typeof makeLoadCurve>, seed: string | number, endMs: number): ServiceModel {
    if (w.latencyModel === 'analytic') return new AnalyticServiceModel(state, curve)
    const name = state.name
    return new RequestServiceModel(
      state, this.sim, new LoadCurveArrivals(curve, rngStream(seed, 'load', name), 0, endMs), makeSampler(w.serviceTimeMs),
      rngStream(seed, 'service', name), rngStream(seed, 'routing', name), (r) => this.drained(state, r),
    )
  }

  /** Creates the initial replicas, the first arrivals, ticks and syncs. */
  start(): void {
    if (this.services.length === 0) return
    for (const svc of this.services) {
      for (let i = 0; i < svc.state.spec.initialReplicas; i++) this.warm.add(this.createReplica(svc))
      if (svc.model instanceof RequestServiceModel) svc.model.start()
      if (svc.autoscaler && svc.autoscaler.syncPeriodMs < this.core.endMs) this.sim.scheduleAt(svc.autoscaler.syncPeriodMs, Ev.AutoscalerSync, svc.state.index)
    }
    if (TICK_MS < this.core.endMs) this.sim.scheduleAt(TICK_MS, Ev.ServiceTick)
  }

  // --- replicas ---

  private createReplica(svc: Service): PodId {
    const s = svc.state
    const r = s.allocReplica()
    svc.requests.fill(this.req)
    const p = this.core.createPod(s.spec.app as AppId, this.req, Infinity)
    s.pod[r] = p
    s.state[r] = ReplicaState.Pending
    s.startMs[r] = NaN
    s.readyMs[r] = NaN
    this.setPodReplica(p, r)
    this.core.scheduler.enqueue(p)
    return p
  }

  private setPodReplica(p: PodId, r: number): void {
    if (p >= this.podReplica.length) {
      const g = new Int32Array(Math.max(p + 1, this.podReplica.length * 2)).fill(-1)
      g.set(this.podReplica)
      this.podReplica = g
    }
    this.podReplica[p] = r
  }

  private serviceOf(p: PodId): Service {
    return this.byApp[this.core.cluster.pods.app[p]!]!
  }

  podBound(p: PodId, _n: NodeId): void {
    const svc = this.serviceOf(p)
    const s = svc.state
    const r = this.podReplica[p]!
    const now = this.sim.nowMs
    if (this.warm.delete(p) && now === 0) {
      s.startMs[r] = -WARM_MS
      s.state[r] = ReplicaState.Starting
      this.becomeServing(svc, r, -WARM_MS)
      return
    }
    s.startMs[r] = now
    s.state[r] = ReplicaState.Starting
    s.timer[r] = this.sim.schedule(s.spec.startupMs, Ev.ReplicaReady, p)
  }

  private onReplicaReady(p: PodId): void {
    const svc = this.serviceOf(p)
    const r = this.podReplica[p]!
    svc.state.timer[r] = NO_EVENT
    if (svc.state.state[r] === ReplicaState.Starting) this.becomeServing(svc, r, this.sim.nowMs)
  }

  private becomeServing(svc: Service, r: number, readyMs: number): void {
    const s = svc.state
    svc.model.advance(this.sim.nowMs)
    s.state[r] = ReplicaState.Serving
    s.readyMs[r] = readyMs
    s.markAvailability(Math.max(0, this.sim.nowMs))
    s.serving++
    svc.model.replicaServing(r)
  }

  /** A replica's pod stopped for a reason of its own (eviction, node loss): replace it. */
  podStopped(p: PodId): void {
    const svc = this.serviceOf(p)
    this.dropReplica(svc, this.podReplica[p]!)
    this.reconcile(svc)
  }

  /** The pod is bound but not working (its node or container crashed): it serves nothing until resumed. */
  podInterrupted(p: PodId): void {
    const svc = this.serviceOf(p)
    const s = svc.state
    const r = this.podReplica[p]!
    const st = s.state[r]!
    this.stopServing(svc, r)
    if (st === ReplicaState.Draining) this.finishDrain(svc, r)
    else s.state[r] = ReplicaState.Starting
  }

  /** The interrupted pod runs again: it starts afresh. */
  podResumed(p: PodId): void {
    const svc = this.serviceOf(p)
    const r = this.podReplica[p]!
    if (svc.state.state[r] !== ReplicaState.Starting) return
    this.cancelTimer(svc.state, r)
    svc.state.startMs[r] = this.sim.nowMs
    svc.state.timer[r] = this.sim.schedule(svc.state.spec.startupMs, Ev.ReplicaReady, p)
  }

  // Replica r stops taking requests (crash, interruption, removal): its timer is cancelled and,
  // if it was serving or draining, the load model and availability see it leave now.
  private stopServing(svc: Service, r: number): void {
    const s = svc.state
    const st = s.state[r]!
    this.cancelTimer(s, r)
    if (st === ReplicaState.Serving || st === ReplicaState.Draining) {
      svc.model.advance(this.sim.nowMs)
      s.markAvailability(this.sim.nowMs)
      if (st === ReplicaState.Serving) s.serving--
      svc.model.replicaGone(r, st === ReplicaState.Serving)
    }
  }

  private cancelTimer(s: ServiceState, r: number): void {
    if (s.timer[r] !== NO_EVENT) {
      this.sim.cancel(s.timer[r]! as EventId)
      s.timer[r] = NO_EVENT
    }
  }

  /** Forgets replica r (its pod is already out of Running); drops what it held. */
  private dropReplica(svc: Service, r: number): void {
    const s = svc.state
    this.stopServing(svc, r)
    s.state[r] = ReplicaState.Free
    s.pod[r] = -1
  }

  /** Sets the wanted count and creates or deletes replicas to match. */
  setReplicas(svc: Service, n: number): void {
    svc.state.markAvailability(this.sim.nowMs)
    svc.state.desired = n
    this.reconcile(svc)
  }

  private reconcile(svc: Service): void {
    const s = svc.state
    let active = s.activeReplicas()
    while (active < s.desired) {
      this.createReplica(svc)
      active++
    }
    while (active > s.desired) {
      this.deleteOne(svc)
      active--
    }
  }

  /** Deletes one replica, as a ReplicaSet ranks them: pending, then starting, then the newest serving. */
  private deleteOne(svc: Service): void {
    const s = svc.state
    for (const want of [ReplicaState.Pending, ReplicaState.Starting, ReplicaState.Serving]) {
      let pick = -1
      for (let r = 0; r < s.replicaCount; r++) {
        if (s.state[r] !== want) continue
        const key = want === ReplicaState.Pending ? s.pod[r]! : want === ReplicaState.Starting ? s.startMs[r]! : s.readyMs[r]!
        const best = pick < 0 ? -Infinity : want === ReplicaState.Pending ? s.pod[pick]! : want === ReplicaState.Starting ? s.startMs[pick]! : s.readyMs[pick]!
        if (pick < 0 || key > best || (key === best && s.pod[r]! > s.pod[pick]!)) pick = r
      }
      if (pick < 0) continue
      const p = s.pod[pick]! as PodId
      if (want === ReplicaState.Serving) {
        svc.model.advance(this.sim.nowMs)
        s.state[pick] = ReplicaState.Draining
        s.markAvailability(this.sim.nowMs)
        s.serving--
        const needMs = svc.model.replicaDraining(pick)
        if (needMs <= 0) this.finishDrain(svc, pick)
        else s.timer[pick] = this.sim.schedule(needMs, Ev.ReplicaDrained, p)
      } else {
        this.dropReplica(svc, pick)
        this.core.endPod(p, PodPhase.Failed, PodEnd.Deleted)
      }
      return
    }
  }

  /** The request-level model says draining replica r holds nothing more. */
  private drained(s: ServiceState, r: number): void {
    this.cancelTimer(s, r)
    this.finishDrain(this.services[s.index]!, r)
  }

  private onReplicaDrained(p: PodId): void {
    const svc = this.serviceOf(p)
    const r = this.podReplica[p]!
    svc.state.timer[r] = NO_EVENT
    if (svc.state.state[r] !== ReplicaState.Draining) return
    svc.model.advance(this.sim.nowMs)
    svc.model.replicaGone(r, false)
    this.finishDrain(svc, r)
  }

  private finishDrain(svc: Service, r: number): void {
    const s = svc.state
    const p = s.pod[r]! as PodId
    this.cancelTimer(s, r)
    s.state[r] = ReplicaState.Free
    s.pod[r] = -1
    if (this.core.cluster.pods.phase[p] === PodPhase.Running) this.core.endPod(p, PodPhase.Failed, PodEnd.Deleted)
  }

  // --- time ---

  private onTick(): void {
    const now = this.sim.nowMs
    for (const svc of this.services) svc.model.advance(now)
    if (now + TICK_MS < this.core.endMs) this.sim.scheduleAt(now + TICK_MS, Ev.ServiceTick)
  }

  private onSync(i: number): void {
    const svc = this.services[i]!
    const a = svc.autoscaler!
    const now = this.sim.nowMs
    svc.model.advance(now)
    const s = svc.state
    const view = svc.view.fill(s, this.core.cluster, this.pipeline, now)
    const d = a.decide(view, now)
    this.metrics.addDecision(now, s.name, a.name, s.desired, d.metric, d.metricValue, d.target, d.proposed, d.replicas, d.limitedBy)
    if (d.replicas !== s.desired) this.setReplicas(svc, d.replicas)
    if (now + a.syncPeriodMs < this.core.endMs) this.sim.scheduleAt(now + a.syncPeriodMs, Ev.AutoscalerSync, i)
  }

  /** Closes the metrics interval ending now: one services.csv row per service; returns the CPU held but unused. */
  private sampleIntervals(now: number): number {
    let unused = 0
    const pods = this.core.cluster.pods
    for (const svc of this.services) {
      const s = svc.state
      svc.model.advance(now)
      const dt = now - svc.intervalStartMs
      const busy = s.busyMs - svc.busy0
      const readyRep = s.readyReplicaMs - svc.ready0
      let heldMilli = 0
      let bound = 0
      for (let r = 0; r < s.replicaCount; r++) {
        const st = s.state[r]!
        if (st === ReplicaState.Starting || st === ReplicaState.Serving || st === ReplicaState.Draining) {
          heldMilli += pods.cpuMilli[s.pod[r]!]!
          bound++
        }
      }
      const usedFrac = readyRep > 0 ? busy / readyRep : 0
      if (dt > 0) {
        const usedMilli = bound > 0 ? (heldMilli / bound) * (busy / dt) : 0
        unused += Math.max(0, heldMilli - usedMilli)
        const offered = s.offered - svc.offered0
        const served = s.served - svc.served0
        const dropped = s.dropped - svc.dropped0
        const p50 = svc.model.intervalQuantile(0.5)
        const p95 = svc.model.intervalQuantile(0.95)
        const p99 = svc.model.intervalQuantile(0.99)
        const met = this.sloMet(svc, served, dropped, p50, p95, p99)
        if (!Number.isNaN(met)) {
          svc.intervalsWithSlo++
          svc.intervalsSloMet += met
        }
        this.metrics.addRow(now, s.name, (offered * 1000) / dt, (served * 1000) / dt, (dropped * 1000) / dt, s.desired, s.serving, usedFrac, p50, p95, p99, met)
      }
      svc.model.startInterval()
      svc.intervalStartMs = now
      svc.offered0 = s.offered
      svc.served0 = s.served
      svc.dropped0 = s.dropped
      svc.busy0 = s.busyMs
      svc.ready0 = s.readyReplicaMs
    }
    return unused
  }

  /**
   * 1 when every SLO percentile of the interval is within its threshold, counting dropped
   * requests as infinitely slow; 0 otherwise; NaN for a service without an SLO or an idle interval.
   */
  private sloMet(svc: Service, served: number, dropped: number, p50: number, p95: number, p99: number): number {
    const slo = svc.state.spec.slo
    const total = served + dropped
    if (total <= 0 || (Number.isNaN(slo.p50Ms) && Number.isNaN(slo.p95Ms) && Number.isNaN(slo.p99Ms))) return NaN
    const over = (q: number, limit: number, known: number): boolean => {
      if (Number.isNaN(limit)) return false
      const rank = q * total
      if (rank > served) return true
      // perf: with nothing dropped the rank is the interval's own percentile, already computed.
      return (dropped === 0 ? known : svc.model.intervalQuantile(rank / served)) > limit
    }
    return over(0.5, slo.p50Ms, p50) || over(0.95, slo.p95Ms, p95) || over(0.99, slo.p99Ms, p99) ? 0 : 1
  }

  private totals(): ServiceTotals {
    const now = this.sim.nowMs
    const pods = this.core.cluster.pods
    const services: ServiceSummary[] = this.services.map((svc) => {
      const s = svc.state
      svc.model.advance(now)
      s.markAvailability(now)
      let replicaMs = 0
      for (let p = 0; p < pods.count; p++) {
        if (this.byApp[pods.app[p]!] !== svc) continue
        const t0 = pods.scheduledMs[p]!
        if (Number.isNaN(t0)) continue
        const t1 = Number.isNaN(pods.finishedMs[p]!) ? now : pods.finishedMs[p]!
        replicaMs += t1 - Math.max(0, t0)
      }
      return {
        service: s.name, policy: svc.policyName, latencyModel: s.spec.latencyModel, routing: s.spec.routing,
        offered: s.offered, served: s.served, dropped: s.dropped,
        latencyMeanMs: s.served > 0 ? s.latencySumMs / s.served : NaN,
        p50Ms: svc.model.runQuantile(0.5), p95Ms: svc.model.runQuantile(0.95), p99Ms: svc.model.runQuantile(0.99),
        sloMs: s.sloThresholdMs, overSlo: s.overSlo, intervalsSloMet: svc.intervalsSloMet, intervalsWithSlo: svc.intervalsWithSlo,
        replicaSeconds: replicaMs / 1000, readyReplicaSeconds: s.readyReplicaMs / 1000,
        availableSeconds: s.availableMs / 1000, serviceSeconds: now / 1000,
      }
    })
    // perf: the services' own medians start the all-service search (computed once, not per quantile).
    let scale = 1
    for (const x of services) if (x.served > 0 && Number.isFinite(x.p50Ms)) scale = Math.max(scale, x.p50Ms)
    return { services, p50Ms: this.allQuantile(0.5, scale), p95Ms: this.allQuantile(0.95, scale), p99Ms: this.allQuantile(0.99, scale) }
  }

  /** A response-time quantile over every request of every service; `scale` is a typical latency to start from. */
  private allQuantile(q: number, scale: number): number {
    if (this.services.length === 1) return this.services[0]!.model.runQuantile(q)
    let n = 0
    for (const svc of this.services) n += svc.model.runServed()
    if (n <= 0) return NaN
    return invertSurvival(1 - q, (t) => {
      let above = 0
      for (const svc of this.services) above += svc.model.runCountAbove(t)
      return above / n
    }, scale)
  }

  /** For tests: the state of service `i`. */
  stateOf(i: number): ServiceState {
    return this.services[i]!.state
  }
}

export { Hist }
