/**
 * Arrival processes: the time of each next arrival of a workload, drawn from its own `arrivals`
 * stream so that arrivals never depend on anything else in the run (common random numbers).
 * Times are kept exact internally and rounded to whole milliseconds only when returned, so
 * rounding never accumulates.
 */
import { type Rng, standardExponential } from '../engine/index.js'
import type { Arrivals } from './types.js'

export class ArrivalProcess {
  private readonly spec: Arrivals
  private readonly rng: Rng
  private readonly stopMs: number
  private readonly maxCount: number
  private exactMs: number
  private index = 0
  private emitted = 0

  constructor(spec: Arrivals, rng: Rng, startMs: number, stopMs: number, maxCount: number) {
    this.spec = spec
    this.rng = rng
    this.exactMs = startMs
    this.stopMs = stopMs
    this.maxCount = maxCount
  }

  /** The next arrival time in ms (>= the previous one), or Infinity when the process is done. */
  next(): number {
    if (this.emitted >= this.maxCount) return Infinity
    let t: number
    const s = this.spec
    if (s.process === 'poisson') {
      if (s.ratePerS <= 0) return Infinity
      this.exactMs += (standardExponential(this.rng) * 1000) / s.ratePerS
      t = Math.round(this.exactMs)
    } else if (s.process === 'interval') {
      t = this.exactMs + this.index * s.everyMs
      this.index++
    } else {
      if (this.index >= s.atMs.length) return Infinity
      t = s.atMs[this.index++]!
    }
    if (t >= this.stopMs) return Infinity
    this.emitted++
    return t
  }
}
