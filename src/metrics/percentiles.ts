/**
 * Exact percentiles of a sample, by linear interpolation between order statistics: the definition
 * numpy and pandas use by default (`quantile(q)`, method 'linear'), so a notebook recomputing a
 * percentile from pods.csv gets the same number as summary.csv.
 */

/** Sorts `values[0..count)` in place (ascending) and returns the q-quantile, q in [0, 1]; NaN if empty. */
export function quantileSorted(sorted: Float64Array, count: number, q: number): number {
  if (count === 0) return NaN
  const h = (count - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, count - 1)
  const a = sorted[lo]!
  return a + (h - lo) * (sorted[hi]! - a)
}

/** The q-quantiles of the first `count` values (copied and sorted; the input is left alone). */
export function quantiles(values: Float64Array, count: number, qs: readonly number[]): number[] {
  const sorted = values.slice(0, count).sort()
  return qs.map((q) => quantileSorted(sorted, count, q))
}
