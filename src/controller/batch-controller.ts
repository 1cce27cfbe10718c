/**
 * Batch and Pod workloads: creates their pods at the arrival times (each workload's next arrival
 * is the only one in the event heap, a k-way merge of sorted streams) with requests and run times
 * from the workload's own seeded streams, and completes them when their run time is over.
 *
 * A pod makes progress only while it works (bound, on a serving node, its container up). When it
 * is interrupted (node or container crash) it keeps the progress of its last checkpoint (none
 * without `checkpoint`) and the rest is lost work. An evicted or preempted Batch pod is replaced,
 * as a Job controller does, by a new pod (its `replaces` names the old one) that resumes from the
 * old pod's last checkpoint. Bare Pod workloads have no controller and are not replaced.
 */
import { makeSampler, rngStream, type EventId, type Rng, type Sampler, type Sim } from '../engine/index.js'
import { PodEnd, PodPhase, RequestValues, type AppId, type NodeId, type PodId } from '../model/index.js'
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
  /** Progress saved (checkpointed or carried from the pod it replaces), ms. */
  private doneMs = new Float64Array(1024)
  /** When the pod's current stretch of work began; NaN while it is not working. */
  private workingSinceMs = new Float64Array(1024).fill(NaN)
  /** Told how much batch work was lost (progress since the last checkpoint) at each interruption. */
  workLost: (ms: number) => void = () => {}

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

  podBound(p: PodId, n: NodeId): void {
    if (!Number.isFinite(this.core.cluster.pods.durationMs[p]!)) return
    this.ensure(p)
    if (this.core.cluster.isServing(n)) this.startWork(p)
  }

  podInterrupted(p: PodId): void {
    this.stopWork(p)
  }

  podResumed(p: PodId): void {
    const c = this.core.cluster
    if (!Number.isFinite(c.pods.durationMs[p]!) || !Number.isNaN(this.workingSinceMs[p]!)) return
    if (c.isPodServing(p)) this.startWork(p)
  }

  podStopped(p: PodId, end: PodEnd): void {
    if (p < this.completion.length) this.stopWork(p)
    const c = this.core.cluster
    const s = this.sources[c.pods.app[p]!]!
    if ((end !== PodEnd.Evicted && end !== PodEnd.Preempted) || s.workload.kind !== 'Batch') return
    const t = c.pods
    const r = this.req
    r.cpuMilli = t.cpuMilli[p]!
    r.cpuNonZeroMilli = t.cpuNonZeroMilli[p]!
    r.memBytes = t.memBytes[p]!
    r.memNonZeroBytes = t.memNonZeroBytes[p]!
    r.gpu = t.gpu[p]!
    for (let k = 0; k < r.ext.length; k++) r.ext[k] = t.ext[p * r.ext.length + k]!
    const q = this.core.createPod(t.app[p]! as AppId, r, t.durationMs[p]!)
    c.setReplaces(q, p)
    this.ensure(q)
    this.doneMs[q] = p < this.doneMs.length ? this.doneMs[p]! : 0
    this.core.enqueueReplacement(q)
  }

  private startWork(p: PodId): void {
    const now = this.sim.nowMs
    this.workingSinceMs[p] = now
    const left = Math.max(0, this.core.cluster.pods.durationMs[p]! - this.doneMs[p]!)
    this.completion[p] = this.sim.schedule(left, Ev.PodCompleted, p)
  }

  /** Ends the pod's current stretch of work: keeps whole checkpoints, reports the rest as lost. */
  private stopWork(p: PodId): void {
    const since = this.workingSinceMs[p]!
    if (Number.isNaN(since)) return
    const ran = this.sim.nowMs - since
    const cp = this.checkpointMs(p)
    const kept = cp > 0 ? Math.floor(ran / cp) * cp : 0
    this.doneMs[p]! += kept
    if (ran > kept) this.workLost(ran - kept)
    this.workingSinceMs[p] = NaN
    const id = this.completion[p]!
    if (id !== NO_EVENT) {
      this.sim.cancel(id as EventId)
      this.completion[p] = NO_EVENT
    }
  }

  private checkpointMs(p: PodId): number {
    const w = this.sources[this.core.cluster.pods.app[p]!]!.workload
    return w.kind === 'Batch' ? (w.checkpointMs ?? 0) : 0
  }

  private ensure(p: PodId): void {
    if (p < this.completion.length) return
    const size = Math.max(p + 1, this.completion.length * 2)
    this.completion = grown(this.completion, size, NO_EVENT)
    this.doneMs = grown(this.doneMs, size, 0)
    this.workingSinceMs = grown(this.workingSinceMs, size, NaN)
  }

  private onPodCompleted(p: PodId): void {
    this.completion[p] = NO_EVENT
    this.workingSinceMs[p] = NaN
    this.core.endPod(p, PodPhase.Succeeded)
  }
}

function grown(a: Float64Array, size: number, fill: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size).fill(fill)
  b.set(a)
  return b
}
