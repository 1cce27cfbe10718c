/**
 * The pod metrics pipeline between a service and its autoscaler: what the autoscaler sees at a
 * sync is a window average ending `delayMs` ago (metrics-server's scrape and the HPA's read), per
 * pod as Kubernetes groups them (pending, starting, ready, deleting; a pod without a full sample
 * window since it started is missing). A replica's CPU usage is its request times its busy
 * fraction, the same model that drives latency; a replica uses nothing before it is ready.
 */
import type { ReplicaStatus, ServiceMetricsView } from '../framework/index.js'
import type { Cluster, PodId } from '../model/index.js'
import { Hist, ReplicaState, type ServiceState } from './service-state.js'

export interface PipelineSpec {
  readonly windowMs: number
  readonly delayMs: number
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The view of one service, reused from sync to sync: its pod entries are objects kept in a pool
 * and overwritten in place. perf: a day of 50 HPA services makes 288,000 views; allocating them
 * cost about a second of garbage collection (bench/services.bench.ts). Autoscalers must not keep
 * the view or its pods past `decide` (framework/autoscaler.ts says so).
 */
export class ServiceViewBuffer {
  private readonly pool: Mutable<ReplicaStatus>[] = []
  private readonly pods: Mutable<ReplicaStatus>[] = []
  private readonly view: Mutable<ServiceMetricsView>

  constructor(s: ServiceState, pipe: PipelineSpec) {
    this.view = {
      service: s.name, specReplicas: 0, minReplicas: s.spec.minReplicas, maxReplicas: s.spec.maxReplicas, startupMs: s.spec.startupMs,
      serviceRatePerS: s.spec.serviceRatePerS, sampleMs: 0, windowMs: pipe.windowMs, pods: this.pods, offeredRps: NaN, latencyMeanMs: NaN, busyFraction: NaN,
    }
  }

  /** The view of service `s` at `nowMs` (its counters must be up to date). */
  fill(s: ServiceState, cluster: Cluster, pipe: PipelineSpec, nowMs: number): ServiceMetricsView {
    const end = nowMs - pipe.delayMs
    const start = end - pipe.windowMs
    const full = start >= 0
    const pods = this.pods
    let n = 0
    // Service-wide growth over the whole window, shared by every pod ready before it began.
    const winReady = full ? s.delta(Hist.ReadyMs, start, end) : 0
    const winBusy = full ? s.delta(Hist.BusyMs, start, end) : 0
    const winOffered = full ? s.delta(Hist.Offered, start, end) : 0
    for (let r = 0; r < s.replicaCount; r++) {
      const st = s.state[r]!
      if (st === ReplicaState.Free) continue
      const p = this.entry(n)
      // perf: written by index and truncated once at the end, so the array keeps its storage.
      if (n < pods.length) pods[n] = p
      else pods.push(p)
      n++
      const pod = s.pod[r]! as PodId
      p.cpuRequestMilli = cluster.pods.cpuMilli[pod]!
      p.deleting = st === ReplicaState.Draining
      p.cpuUsageMilli = undefined
      p.rps = undefined
      if (st === ReplicaState.Pending) {
        p.phase = 'Pending'
        p.startMs = NaN
        p.readyMs = NaN
        continue
      }
      p.phase = 'Running'
      const startMs = s.startMs[r]!
      const readyMs = st === ReplicaState.Starting ? NaN : s.readyMs[r]!
      p.startMs = startMs
      p.readyMs = readyMs
      // A sample exists once the pod has run through a whole window before the sample's end.
      if (!(full && startMs <= start)) continue
      const from = Number.isNaN(readyMs) ? end : Math.max(start, readyMs)
      if (from >= end) {
        p.cpuUsageMilli = 0
        p.rps = 0
      } else {
        const whole = from === start
        const readyRepMs = whole ? winReady : s.delta(Hist.ReadyMs, from, end)
        const busyFrac = readyRepMs > 0 ? (whole ? winBusy : s.delta(Hist.BusyMs, from, end)) / readyRepMs : 0
        const perReplicaRps = readyRepMs > 0 ? ((whole ? winOffered : s.delta(Hist.Offered, from, end)) * 1000) / readyRepMs : 0
        const share = (end - from) / pipe.windowMs
        p.cpuUsageMilli = p.cpuRequestMilli * busyFrac * share
        p.rps = perReplicaRps * share
      }
    }
    if (pods.length !== n) pods.length = n
    const v = this.view
    const served = full ? s.delta(Hist.Served, start, end) : 0
    v.specReplicas = s.desired
    v.sampleMs = end
    v.windowMs = pipe.windowMs
    v.offeredRps = full ? (winOffered * 1000) / pipe.windowMs : NaN
    v.latencyMeanMs = full && served > 0 ? s.delta(Hist.LatencySumMs, start, end) / served : NaN
    v.busyFraction = full && winReady > 0 ? winBusy / winReady : NaN
    return v
  }

  private entry(i: number): Mutable<ReplicaStatus> {
    while (this.pool.length <= i) {
      this.pool.push({ phase: 'Pending', deleting: false, startMs: NaN, readyMs: NaN, cpuRequestMilli: 0, cpuUsageMilli: undefined, rps: undefined })
    }
    return this.pool[i]!
  }
}

/** The view of service `s` at `nowMs`, freshly allocated (for tests and one-off use). */
export function serviceView(s: ServiceState, cluster: Cluster, pipe: PipelineSpec, nowMs: number): ServiceMetricsView {
  return new ServiceViewBuffer(s, pipe).fill(s, cluster, pipe, nowMs)
}
