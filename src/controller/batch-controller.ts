/**
 * Batch and Pod workloads: creates their pods at the arrival times (each workload's next arrival
 * is the only one in the event heap, a k-way merge of sorted streams) with requests and run times
 * from the workload's own seeded streams, and completes them when their run time is over.
 */
import { makeSampler, rngStream, type EventId, type Rng, type Sampler, type Sim } from '../engine/index.js'
import { PodPhase, RequestValues, type AppId, type NodeId, type PodId } from '../model/index.js'
import type { Scenario } from '../scenario/index.js'
import { ArrivalProcess, RequestSampler, type BatchWorkload, type PodWorkload } from '../workload/index.js'
import { Ev } from './event-kinds.js'
import type { PodOwner } from './pod-owner.js'
import type { RunCore } from './run-core.js'

interface Source {
  readonly workload: BatchWorkload | PodWorkload
  readonly arrivals: ArrivalProcess | null
  readonly requests: RequestSampler
  readonly duration: Sampler | null
  readonly durationRng: Rng
}

const NO_EVENT = -1

export class BatchController implements PodOwner {
  private readonly core: RunCore
  private readonly sim: Sim
  private readonly sources: (Source | undefined)[]
  private readonly req: RequestValues
  /** The pending PodCompleted event of each pod (by pod id), or -1. */
  private completion = new Float64Array(1024).fill(NO_EVENT)

  constructor(core: RunCore, scenario: Scenario) {
    this.core = core
    this.sim = core.sim
    const seed = scenario.seed
    this.req = new RequestValues(scenario.extNames.length)
    this.sources = scenario.workloads.map((w) => {
      if (w.kind !== 'Batch' && w.kind !== 'Pod') return undefined
      const name = scenario.apps[w.app]!.name
      const arrivals = w.kind === 'Batch' ? new ArrivalProcess(w.arrivals, rngStream(seed, 'arrivals', name), w.startMs, w.stopMs, w.maxPods) : null
      const duration = w.kind === 'Batch' ? makeSampler(w.durationMs) : w.durationMs ? makeSampler(w.durationMs) : null
      core.setOwner(w.app, this)
      return { workload: w, arrivals, requests: new RequestSampler(w.requests, rngStream(seed, 'requests', name)), duration, durationRng: rngStream(seed, 'durations', name) }
    })
    this.sim.on(Ev.PodArrived, (app) => this.onPodArrived(app))
    this.sim.on(Ev.PodCompleted, (pod) => this.onPodCompleted(pod as PodId))
  }

  /** Schedules each workload's first arrival. */
  start(): void {
    for (let i = 0; i < this.sources.length; i++) if (this.sources[i]) this.scheduleNextArrival(i)
  }

  private scheduleNextArrival(i: number): void {
    const s = this.sources[i]!
    const w = s.workload
    const t = s.arrivals ? s.arrivals.next() : w.kind === 'Pod' && this.core.cluster.appPodCount[i] === 0 ? w.atMs : Infinity
    if (t < this.core.endMs) this.sim.scheduleAt(t, Ev.PodArrived, i)
  }

  private onPodArrived(app: number): void {
    const s = this.sources[app]!
    s.requests.fill(this.req)
    const durationMs = s.duration ? Math.max(0, Math.round(s.duration.sample(s.durationRng))) : Infinity
    const p = this.core.createPod(app as AppId, this.req, durationMs)
    const w = s.workload
    if (w.kind === 'Pod' && w.nodeName !== undefined) this.core.preBind(p, w.nodeName)
    else this.core.scheduler.enqueue(p)
    this.scheduleNextArrival(app)
  }

  podBound(p: PodId, _n: NodeId): void {
    const d = this.core.cluster.pods.durationMs[p]!
    if (!Number.isFinite(d)) return
    if (p >= this.completion.length) {
      const grown = new Float64Array(Math.max(p + 1, this.completion.length * 2)).fill(NO_EVENT)
      grown.set(this.completion)
      this.completion = grown
    }
    this.completion[p] = this.sim.schedule(d, Ev.PodCompleted, p)
  }

  podStopped(p: PodId): void {
    const id = p < this.completion.length ? this.completion[p]! : NO_EVENT
    if (id !== NO_EVENT) {
      this.sim.cancel(id as EventId)
      this.completion[p] = NO_EVENT
    }
  }

  private onPodCompleted(p: PodId): void {
    this.completion[p] = NO_EVENT
    this.core.endPod(p, PodPhase.Succeeded)
  }
}
