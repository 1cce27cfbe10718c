/**
 * The analytic latency model's record: one entry per segment of time in which a service's load
 * and ready replicas were steady, holding the expected number of requests served and their
 * response-time distribution (an M/M/c sojourn, possibly shifted by a fluid backlog wait). A
 * percentile over any range of entries (an interval, a service's whole run, or every service) is
 * the quantile of the weighted mixture, so summary percentiles are over all requests, never an
 * average of interval percentiles. Columns are typed arrays that grow by doubling.
 */
import { invertSurvival, sojournMeanMs, sojournSurvival } from './latency-mmc.js'

export class LatencyMixture {
  count = 0
  private weight = new Float64Array(256)
  private waitProb = new Float64Array(256)
  private mu = new Float64Array(256)
  private theta = new Float64Array(256)
  private shift = new Float64Array(256)

  /** Adds `requests` (expected count) with a response time shift + Exp(mu) + (Exp(theta) w.p. waitProb); rates per ms. */
  add(requests: number, waitProb: number, muPerMs: number, thetaPerMs: number, shiftMs: number): void {
    if (!(requests > 0)) return
    if (this.count === this.weight.length) this.grow()
    const i = this.count++
    this.weight[i] = requests
    this.waitProb[i] = waitProb
    this.mu[i] = muPerMs
    this.theta[i] = thetaPerMs
    this.shift[i] = shiftMs
  }

  private grow(): void {
    const g = (a: Float64Array) => { const b = new Float64Array(a.length * 2); b.set(a); return b }
    this.weight = g(this.weight)
    this.waitProb = g(this.waitProb)
    this.mu = g(this.mu)
    this.theta = g(this.theta)
    this.shift = g(this.shift)
  }

  /** Requests in entries [from, to). */
  total(from = 0, to = this.count): number {
    let s = 0
    for (let i = from; i < to; i++) s += this.weight[i]!
    return s
  }

  /** Expected requests of entries [from, to) slower than `tMs`. */
  countAbove(tMs: number, from = 0, to = this.count): number {
    let s = 0
    for (let i = from; i < to; i++) s += this.weight[i]! * sojournSurvival(tMs, this.waitProb[i]!, this.mu[i]!, this.theta[i]!, this.shift[i]!)
    return s
  }

  /** Sum of response times (ms) of entries [from, to). */
  sumMs(from = 0, to = this.count): number {
    let s = 0
    for (let i = from; i < to; i++) s += this.weight[i]! * sojournMeanMs(this.waitProb[i]!, this.mu[i]!, this.theta[i]!, this.shift[i]!)
    return s
  }

  /** A typical response time of the entries (their weighted mean), to start a search from. */
  scaleMs(from = 0, to = this.count): number {
    const n = this.total(from, to)
    return n > 0 ? this.sumMs(from, to) / n : 1
  }

  /** The q-quantile of the response time over entries [from, to), in ms; NaN when empty. */
  quantile(q: number, from = 0, to = this.count): number {
    const n = this.total(from, to)
    if (n <= 0) return NaN
    return invertSurvival(1 - q, (t) => this.countAbove(t, from, to) / n, this.scaleMs(from, to))
  }
}
