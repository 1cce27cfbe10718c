/**
 * Sample statistics for comparisons: mean, standard deviation (n - 1), and the 95% confidence
 * interval of the mean from Student's t. Values are summed in the order given, so the same runs in
 * the same order give the same bits. Missing values (NaN) are left out and lower `n`.
 */
import { studentTQuantile } from './student-t.js'

export interface Estimate {
  /** Values that were finite numbers. */
  readonly n: number
  readonly mean: number
  /** Sample standard deviation (divides by n - 1); NaN when n < 2. */
  readonly sd: number
  /** mean ∓ t(0.975, n - 1) · sd / √n; NaN when n < 2. */
  readonly ci95Low: number
  readonly ci95High: number
}

export function estimate(values: readonly number[]): Estimate {
  let n = 0
  let sum = 0
  for (const v of values) if (Number.isFinite(v)) { n++; sum += v }
  const mean = n > 0 ? sum / n : NaN
  let ss = 0
  let first = NaN
  let allEqual = true
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    ss += (v - mean) * (v - mean)
    if (Number.isNaN(first)) first = v
    else if (v !== first) allEqual = false
  }
  // Equal values have sd 0 exactly; (v - mean)^2 would leave rounding noise such as 3.6e-15.
  const sd = n > 1 ? (allEqual ? 0 : Math.sqrt(ss / (n - 1))) : NaN
  const half = n > 1 ? (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : NaN
  return { n, mean, sd, ci95Low: mean - half, ci95High: mean + half }
}

/**
 * The paired difference a[i] - b[i] (same seed, same workload: common random numbers), over the
 * pairs where both are finite. Pairing removes the seed-to-seed noise both policies share.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): Estimate {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} values against ${b.length}`)
  const d: number[] = []
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) d.push(a[i]! - b[i]!)
  return estimate(d)
}

/**
 * Significant at 5% when the interval excludes 0. With zero spread (every pair differs by the same
 * amount) the difference is exact: significant unless it is 0. Unknown (undefined) when n < 2.
 */
export function isSignificant(e: Estimate): boolean | undefined {
  if (e.n < 2) return undefined
  if (e.sd === 0) return e.mean !== 0
  return e.ci95Low > 0 || e.ci95High < 0
}
