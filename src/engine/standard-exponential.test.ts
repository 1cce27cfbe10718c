import { describe, expect, it } from 'vitest'
import { type Rng, rngStream } from './rng.js'
import { standardExponential } from './standard-exponential.js'

// 10^6 draws from a fixed seed per check, so the tests are deterministic; tolerances are 5
// standard errors (a correct sampler misses by that much with probability ~6e-7). Off the tests,
// 2 * 10^8 draws into 4,096 equiprobable bins gave chi-square 4,058 on 4,095 df (z = -0.41).
const N = 1_000_000
/** Start of the ziggurat's tail (Marsaglia and Tsang 2000, 256 layers). */
const R = 7.69711747013104972

function draws(seed: string): Float64Array {
  const rng = rngStream(seed, 'durations', 'ziggurat-test')
  const xs = new Float64Array(N)
  for (let i = 0; i < N; i++) xs[i] = standardExponential(rng)
  return xs
}

describe('standardExponential (256-layer ziggurat)', () => {
  const xs = draws('zig')

  it('has mean 1 and variance 1', () => {
    let sum = 0
    for (const x of xs) sum += x
    const mean = sum / N
    let sq = 0
    for (const x of xs) sq += (x - mean) ** 2
    // SE of the mean: 1 / sqrt(N) = 0.001. SE of the variance: sqrt((mu4 - 1) / N) = sqrt(8 / N).
    expect(Math.abs(mean - 1)).toBeLessThan(5 * 0.001)
    expect(Math.abs(sq / (N - 1) - 1)).toBeLessThan(5 * Math.sqrt(8 / N))
  })

  it('follows the CDF 1 - e^-x: chi-square over 256 equiprobable bins, and the tail beyond each layer edge', () => {
    const BINS = 256
    const counts = new Float64Array(BINS)
    for (const x of xs) counts[Math.min(BINS - 1, Math.floor(-Math.expm1(-x) * BINS))]!++
    const expected = N / BINS
    let chi2 = 0
    for (const c of counts) chi2 += (c - expected) ** 2 / expected
    // 99.9 % point of chi-square on 255 df (Wilson-Hilferty): 330.5.
    const df = BINS - 1
    const crit = df * (1 - 2 / (9 * df) + 3.0902 * Math.sqrt(2 / (9 * df))) ** 3
    expect(crit).toBeCloseTo(330.5, 0)
    expect(chi2).toBeLessThan(crit)
    // A sampler without the wedge test (rectangles only) or without the tail fails these.
    for (const edge of [0.5, 2, 5, R, 9, 12]) {
      let above = 0
      for (const x of xs) if (x > edge) above++
      const p = Math.exp(-edge)
      expect(Math.abs(above / N - p), `P(X > ${edge})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N))
    }
  })

  it('takes one uniform for most draws: 1.034 on average', () => {
    const base = rngStream('count', 'durations')
    let calls = 0
    const counted: Rng = () => {
      calls++
      return base()
    }
    for (let i = 0; i < N; i++) standardExponential(counted)
    expect(calls / N).toBeGreaterThan(1.02)
    expect(calls / N).toBeLessThan(1.05)
  })

  it('is deterministic for a seed, and the tail starts at r = 7.697 (first uniform 0 gives 0)', () => {
    expect(Array.from(draws('zig').subarray(0, 5))).toEqual(Array.from(xs.subarray(0, 5)))
    expect(standardExponential(() => 0)).toBe(0)
    // Layer 0 with the largest 24-bit value is past the base rectangle: the tail, R + Exp(1).
    const tailStart: number[] = [(0xffffff * 256) / 2 ** 32, 0]
    expect(standardExponential(() => tailStart.shift()!)).toBe(R)
  })
})
