/**
 * Request arrivals of a service: a non-homogeneous Poisson process with the load curve's rate, by
 * thinning (Lewis and Shedler): candidates at the rate bound of the current window, each kept
 * with probability rate(t) / bound. Windows are short (`windowMs`), so a curve with a tall spike
 * costs extra candidates only near the spike. Times are exact (fractional ms); the caller rounds
 * them up to schedule events. Draws come only from the Rng given (the service's `load` stream).
 */
import { type Rng, standardExponential } from '../engine/index.js'
import type { LoadCurve } from './load-curve.js'

export class LoadCurveArrivals {
  private readonly curve: LoadCurve
  private readonly rng: Rng
  private readonly windowMs: number
  private readonly stopMs: number
  private t: number
  private windowEnd: number
  private bound: number

  constructor(curve: LoadCurve, rng: Rng, startMs: number, stopMs: number, windowMs = 10_000) {
    this.curve = curve
    this.rng = rng
    this.windowMs = windowMs
    this.stopMs = stopMs
    this.t = startMs
    this.windowEnd = startMs + windowMs
    this.bound = curve.maxIn(startMs, this.windowEnd)
  }

  /** The next arrival time in exact ms, or Infinity at or after `stopMs`. */
  next(): number {
    for (;;) {
      if (this.t >= this.stopMs) return Infinity
      if (this.bound > 0) {
        const cand = this.t + (standardExponential(this.rng) * 1000) / this.bound
        if (cand < this.windowEnd) {
          this.t = cand
          if (this.rng() * this.bound < this.curve.rateAt(cand)) return cand < this.stopMs ? cand : Infinity
          continue
        }
      }
      // Memoryless: restart at the window's end with the next window's bound.
      this.t = this.windowEnd
      this.windowEnd += this.windowMs
      this.bound = this.curve.maxIn(this.t, this.windowEnd)
    }
  }
}
