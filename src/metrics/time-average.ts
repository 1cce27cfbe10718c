/**
 * Time-weighted means of piecewise-constant signals (allocation fractions, pending pods): the
 * owner calls `advance(nowMs)` before every change, so each value is weighted by how long it held.
 * O(1) per call, no allocation.
 */
export class TimeAverage {
  private readonly integral: Float64Array
  private readonly current: Float64Array
  private lastMs: number
  private readonly startMs: number

  constructor(signals: number, startMs: number) {
    this.integral = new Float64Array(signals)
    this.current = new Float64Array(signals)
    this.lastMs = startMs
    this.startMs = startMs
  }

  /** Accumulates the current values up to `nowMs`. */
  advance(nowMs: number): void {
    const dt = nowMs - this.lastMs
    if (dt <= 0) return
    for (let i = 0; i < this.current.length; i++) this.integral[i]! += this.current[i]! * dt
    this.lastMs = nowMs
  }

  /** Sets a signal's value from now on (call `advance` first). */
  set(signal: number, value: number): void {
    this.current[signal] = value
  }

  /** Mean of a signal over [start, last advance]; NaN for an empty interval. */
  mean(signal: number): number {
    const span = this.lastMs - this.startMs
    return span > 0 ? this.integral[signal]! / span : NaN
  }
}
