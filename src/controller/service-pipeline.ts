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

/** The view of service `s` at `nowMs` (its counters must be up to date). */
export function serviceView(s: ServiceState, cluster: Cluster, pipe: PipelineSpec, nowMs: number): ServiceMetricsView {
  const end = nowMs - pipe.delayMs
  const start = end - pipe.windowMs
  const full = start >= 0
  const pods: ReplicaStatus[] = []
  for (let r = 0; r < s.replicaCount; r++) {
    const st = s.state[r]!
    if (st === ReplicaState.Free) continue
    const pod = s.pod[r]! as PodId
    const req = cluster.pods.cpuMilli[pod]!
    if (st === ReplicaState.Pending) {
      pods.push({ phase: 'Pending', deleting: false, startMs: NaN, readyMs: NaN, cpuRequestMilli: req, cpuUsageMilli: undefined, rps: undefined })
      continue
    }
    const startMs = s.startMs[r]!
    const readyMs = st === ReplicaState.Starting ? NaN : s.readyMs[r]!
    // A sample exists once the pod has run through a whole window before the sample's end.
    const sampled = full && startMs <= start
    let cpu: number | undefined
    let rps: number | undefined
    if (sampled) {
      const from = Number.isNaN(readyMs) ? end : Math.max(start, readyMs)
      if (from >= end) {
        cpu = 0
        rps = 0
      } else {
        const readyRepMs = s.delta(Hist.ReadyMs, from, end)
        const busyFrac = readyRepMs > 0 ? s.delta(Hist.BusyMs, from, end) / readyRepMs : 0
        const perReplicaRps = readyRepMs > 0 ? (s.delta(Hist.Offered, from, end) * 1000) / readyRepMs : 0
        const share = (end - from) / pipe.windowMs
        cpu = req * busyFrac * share
        rps = perReplicaRps * share
      }
    }
    pods.push({ phase: 'Running', deleting: st === ReplicaState.Draining, startMs, readyMs, cpuRequestMilli: req, cpuUsageMilli: cpu, rps })
  }
  const readyRepMs = full ? s.delta(Hist.ReadyMs, start, end) : 0
  const served = full ? s.delta(Hist.Served, start, end) : 0
  return {
    service: s.name,
    specReplicas: s.desired,
    minReplicas: s.spec.minReplicas,
    maxReplicas: s.spec.maxReplicas,
    startupMs: s.spec.startupMs,
    serviceRatePerS: s.spec.serviceRatePerS,
    sampleMs: end,
    windowMs: pipe.windowMs,
    pods,
    offeredRps: full ? (s.delta(Hist.Offered, start, end) * 1000) / pipe.windowMs : NaN,
    latencyMeanMs: full && served > 0 ? s.delta(Hist.LatencySumMs, start, end) / served : NaN,
    busyFraction: full && readyRepMs > 0 ? s.delta(Hist.BusyMs, start, end) / readyRepMs : NaN,
  }
}
