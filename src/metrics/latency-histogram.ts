/**
 * A mergeable log-bucketed histogram of latencies (ms) for the request-level model: bucket i
 * holds [MIN_MS * G^i, MIN_MS * G^(i+1)) with G = 1.02, and a quantile reports the geometric
 * middle of its bucket, so its relative error is at most sqrt(1.02) - 1 < 1 %. Two histograms
 * merge by adding counts, so run-long percentiles come from the per-interval ones exactly as if
 * every request had been kept. Recording allocates nothing.
 */

const G = 1.02
const LN_G = Math.log(G)
/** Latencies below 1 µs land in the first bucket; above ~3 years, in the last. */
export const MIN_MS = 1e-3
const BUCKETS = Math.ceil(Math.log(1e11) / LN_G)

export class LatencyHistogram {
  readonly counts = new Float64Array(BUCKETS)
  total = 0
  /** Lowest and highest bucket touched since the last reset (for cheap resets and scans). */
  private lo = BUCKETS
  private hi = -1

  record(ms: number, weight = 1): void {
    const i = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(ms / MIN_MS) / LN_G))
    this.counts[i]! += weight
    this.total += weight
    if (i < this.lo) this.lo = i
    if (i > this.hi) this.hi = i
  }

  /** Adds another histogram's counts to this one. */
  merge(o: LatencyHistogram): void {
    for (let i = o.lo; i <= o.hi; i++) this.counts[i]! += o.counts[i]!
    this.total += o.total
    if (o.lo < this.lo) this.lo = o.lo
    if (o.hi > this.hi) this.hi = o.hi
  }

  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1)
    this.total = 0
    this.lo = BUCKETS
    this.hi = -1
  }

  /** The q-quantile (0 <= q <= 1) in ms, within 1 %; NaN when empty. */
  quantile(q: number): number {
    if (this.total <= 0) return NaN
    const rank = q * this.total
    let acc = 0
    for (let i = this.lo; i <= this.hi; i++) {
      acc += this.counts[i]!
      if (acc >= rank && this.counts[i]! > 0) return bucketMiddle(i)
    }
    return bucketMiddle(this.hi)
  }

  /** Recorded values above `ms` (by bucket: values in the bucket holding `ms` count as above when its middle is). */
  countAbove(ms: number): number {
    let n = 0
    for (let i = this.hi; i >= this.lo; i--) {
      if (bucketMiddle(i) <= ms) break
      n += this.counts[i]!
    }
    return n
  }
}

const bucketMiddle = (i: number): number => MIN_MS * Math.pow(G, i + 0.5)
