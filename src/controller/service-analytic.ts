/**
 * The analytic latency model of a service: between two changes (a replica turning ready or
 * leaving, a metrics tick, an autoscaler sync, a 15 s step) the load and the serving replicas
 * are steady, and the segment is one M/M/c queue with c = replicas x concurrency servers:
 *
 * - load below capacity and no backlog: the steady-state M/M/c answer (Erlang C and the sojourn
 *   distribution), with the queueing delay scaled by (1 + cs^2) / 2 (Allen-Cunneen) when the
 *   service time is not exponential;
 * - load at or above capacity, or a backlog left by an earlier overload: a fluid queue, drained at
 *   capacity; the backlog is bounded by what the timeout lets wait (timeout x capacity) and the
 *   rest is dropped; served requests wait the mean backlog / capacity plus their service time;
 * - no serving replica: every request is dropped (the load balancer has no endpoint).
 *
 * Counts are expected values (no sampling noise). Assumptions are written down in docs/services.md.
 */
import { gamma, makeSampler, type DistSpec } from '../engine/index.js'
import { LatencyMixture, erlangC } from '../metrics/index.js'
import { expectedRequests, type LoadCurve } from '../workload/index.js'
import type { ServiceModel } from './service-model.js'
import type { ServiceState } from './service-state.js'

export class AnalyticServiceModel implements ServiceModel {
  private readonly s: ServiceState
  private readonly curve: LoadCurve
  private readonly mix = new LatencyMixture()
  private intervalFrom = 0
  /** Requests waiting beyond the servers (fluid backlog). */
  private backlog = 0
  /** Mean service time (ms) and the Allen-Cunneen factor (1 + cs^2) / 2. */
  private readonly meanServiceMs: number
  private readonly waitFactor: number

  constructor(s: ServiceState, curve: LoadCurve) {
    this.s = s
    this.curve = curve
    const d = s.spec.serviceTimeMs
    this.meanServiceMs = Math.max(1e-6, makeSampler(d).mean)
    this.waitFactor = (1 + squaredCv(d)) / 2
  }

  advance(nowMs: number): void {
    const s = this.s
    const dt = nowMs - s.lastMs
    if (dt <= 0) return
    const A = expectedRequests(this.curve, s.lastMs, nowMs)
    s.offered += A
    const c = s.serving
    if (c === 0) {
      s.dropped += A + this.backlog
      this.backlog = 0
    } else {
      const k = s.spec.concurrency
      const servers = c * k
      const muPerMs = 1 / this.meanServiceMs
      const capPerMs = servers * muPerMs
      const lambdaPerMs = A / dt
      let served: number
      if (this.backlog === 0 && lambdaPerMs < capPerMs) {
        served = A
        const C = erlangC(servers, lambdaPerMs / muPerMs)
        const theta = (capPerMs - lambdaPerMs) / this.waitFactor
        this.mix.add(A, C, muPerMs, theta, 0)
        s.latencySumMs += A * (this.meanServiceMs + (C > 0 ? C / theta : 0))
        if (A > 0) this.countOverSlo()
      } else {
        const capacity = capPerMs * dt
        const q0 = this.backlog
        let q1 = q0 + A - capacity
        if (q1 < 0) {
          served = q0 + A
          q1 = 0
        } else {
          served = capacity
          const qMax = s.spec.timeoutMs * capPerMs
          if (q1 > qMax) {
            s.dropped += q1 - qMax
            q1 = qMax
          }
        }
        this.backlog = q1
        const waitMs = (q0 + q1) / 2 / capPerMs
        this.mix.add(served, 0, muPerMs, muPerMs, waitMs)
        s.latencySumMs += served * (waitMs + this.meanServiceMs)
        if (served > 0) this.countOverSlo()
      }
      s.served += served
      s.busyMs += Math.min(c * dt, (served * this.meanServiceMs) / k)
      s.readyReplicaMs += c * dt
    }
    s.lastMs = nowMs
    s.record(nowMs)
  }

  /** Adds the last segment's requests slower than the SLO threshold (call right after a positive add). */
  private countOverSlo(): void {
    const t = this.s.sloThresholdMs
    if (Number.isNaN(t)) return
    const i = this.mix.count - 1
    this.s.overSlo += this.mix.countAbove(t, i, i + 1)
  }

  replicaServing(): void {}

  replicaDraining(): number {
    // Its in-flight requests finish in about one service time.
    return Math.min(this.s.spec.terminationGraceMs, Math.ceil(this.meanServiceMs))
  }

  replicaGone(): void {}

  startInterval(): void {
    this.intervalFrom = this.mix.count
  }

  intervalQuantile(q: number): number {
    return this.mix.quantile(q, this.intervalFrom, this.mix.count)
  }

  runQuantile(q: number): number {
    return this.mix.quantile(q)
  }

  runCountAbove(ms: number): number {
    return this.mix.countAbove(ms)
  }

  runServed(): number {
    return this.mix.total()
  }

  /** The mixture itself, for merged (all-service) percentiles. */
  get mixture(): LatencyMixture {
    return this.mix
  }
}

/** Squared coefficient of variation of a service-time distribution (1 for exponential). */
function squaredCv(d: DistSpec): number {
  switch (d.dist) {
    case 'exponential': return 1
    case 'constant': return 0
    case 'uniform': { const m = (d.min + d.max) / 2; const w = d.max - d.min; return m > 0 ? (w * w) / 12 / (m * m) : 0 }
    case 'normal': return d.mean > 0 ? (d.sd * d.sd) / (d.mean * d.mean) : 0
    case 'lognormal': return Math.exp(d.sigma * d.sigma) - 1
    case 'weibull': { const g1 = gamma(1 + 1 / d.shape); return gamma(1 + 2 / d.shape) / (g1 * g1) - 1 }
    case 'choice': {
      const w = d.weights ?? d.values.map(() => 1)
      const tw = w.reduce((a, b) => a + b, 0)
      let m = 0
      let m2 = 0
      for (let i = 0; i < d.values.length; i++) { m += (w[i]! / tw) * d.values[i]!; m2 += (w[i]! / tw) * d.values[i]! ** 2 }
      return m > 0 ? m2 / (m * m) - 1 : 0
    }
  }
}
