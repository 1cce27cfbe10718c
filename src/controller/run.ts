/**
 * One simulation run: builds the engine, the cluster, the placement profile, the scheduler, the
 * metrics and the controllers of each kind of workload, then runs to the end. The controllers
 * share a RunCore (run-core.ts), the one way pods are created, bound and ended.
 *
 * Semantics worth knowing are written down in docs/model.md (instantaneous binding, retries on
 * node changes, pre-bound pods).
 */
import { rngStream, Sim } from '../engine/index.js'
import { buildProfile, type Registry } from '../framework/index.js'
import { NodeLedger, RunMetrics } from '../metrics/index.js'
import { Cluster, PodEnd, type PoolId } from '../model/index.js'
import type { Scenario } from '../scenario/index.js'
import { requestMix } from '../workload/index.js'
import { BatchController } from './batch-controller.js'
import { Ev } from './event-kinds.js'
import { ClusterAutoscalerController } from './cluster-autoscaler.js'
import { FaultController } from './fault-controller.js'
import { NodeLifecycle } from './node-lifecycle.js'
import { RunCore } from './run-core.js'
import { makeScheduler } from './make-scheduler.js'
import type { PodScheduler } from './pod-scheduler.js'
import { ServiceController } from './service-controller.js'

export interface RunOptions {
  /** Called every `progressEveryMs` of simulated time with (simulated ms, events so far). */
  readonly onProgress?: ((simMs: number, events: number) => void) | undefined
  readonly progressEveryMs?: number | undefined
  /** Record the placement trace of this pod (by name), or of the first pod placed (true), for `explain`. */
  readonly explainPod?: string | true | undefined
}

export class Run {
  readonly scenario: Scenario
  readonly sim = new Sim()
  readonly cluster: Cluster
  readonly metrics: RunMetrics
  readonly core: RunCore
  readonly scheduler: PodScheduler
  private readonly batch: BatchController
  readonly services: ServiceController
  readonly lifecycle: NodeLifecycle
  private readonly faults: FaultController
  private readonly clusterAutoscaler: ClusterAutoscalerController | undefined

  constructor(scenario: Scenario, reg: Registry, options: RunOptions = {}) {
    this.scenario = scenario
    this.cluster = new Cluster(scenario.pools, scenario.apps, scenario.extNames)
    this.metrics = new RunMetrics(this.cluster, {
      name: scenario.name, placementName: scenario.placementName, seed: scenario.seed,
      durationMs: scenario.durationMs, metricsIntervalMs: scenario.metricsIntervalMs,
    })
    this.core = new RunCore(this.sim, this.cluster, this.metrics, scenario.durationMs)
    const profile = buildProfile(scenario.placement, reg, rngStream(scenario.seed, 'placement'), this.cluster.nodeSlots, requestMix(scenario.workloads, scenario.durationMs))
    this.scheduler = makeScheduler(this.sim, this.cluster, profile, (p, n) => this.core.bind(p, n), options.explainPod, scenario.placement.queueOrder,
      (p) => this.core.stopPod(p, PodEnd.Preempted))
    this.core.scheduler = this.scheduler
    this.batch = new BatchController(this.core, scenario)
    this.services = new ServiceController(this.core, scenario, reg)
    if (this.services.serviceCount > 0) this.metrics.addCollector(this.services.metrics)
    const ledger = new NodeLedger(this.cluster)
    this.metrics.addCollector(ledger)
    this.batch.workLost = (ms) => ledger.workLost(ms)
    this.lifecycle = new NodeLifecycle(this.core, ledger, scenario.controlPlane, scenario.seed)
    this.faults = new FaultController(this.core, this.lifecycle, scenario)
    const ca = scenario.clusterAutoscaler
    this.clusterAutoscaler = ca && new ClusterAutoscalerController(this.core, this.lifecycle, ca.module.create(ca.args), scenario)
    this.sim.on(Ev.MetricsTick, () => this.onMetricsTick())
  }

  /** Runs to the scenario's end and closes the metrics. */
  run(options: RunOptions = {}): void {
    const end = this.scenario.durationMs
    for (let p = 0; p < this.scenario.pools.length; p++) {
      for (let i = 0; i < this.scenario.pools[p]!.initial; i++) this.lifecycle.addNode(p as PoolId)
    }
    this.metrics.nodesChanged(0)
    this.sim.scheduleAt(0, Ev.MetricsTick)
    this.batch.start()
    this.services.start()
    this.faults.start()
    this.clusterAutoscaler?.start()
    const every = options.progressEveryMs ?? end
    for (let t = Math.min(every, end); ; t = Math.min(t + every, end)) {
      this.sim.run(t)
      options.onProgress?.(t, this.sim.eventsProcessed)
      if (t >= end) break
    }
    this.metrics.close(end, this.sim.eventsProcessed, this.scheduler.profile.rejections)
  }

  private onMetricsTick(): void {
    const now = this.sim.nowMs
    this.metrics.sample(now)
    const next = now + this.scenario.metricsIntervalMs
    if (next < this.scenario.durationMs) this.sim.scheduleAt(next, Ev.MetricsTick)
  }
}
