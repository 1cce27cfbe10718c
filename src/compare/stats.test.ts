import { describe, expect, it } from 'vitest'
import { estimate, isSignificant, pairedDifference } from './stats.js'

describe('estimate', () => {
  it('gives mean 5, sd 2.138 and the t-based 95% interval for 2,4,4,4,5,5,7,9', () => {
    // Sample sd of this classic set is sqrt(32/7) = 2.13809; t(0.975, 7) = 2.364624 (R: qt(0.975, 7)).
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9])
    expect(e.n).toBe(8)
    expect(e.mean).toBe(5)
    expect(e.sd).toBeCloseTo(Math.sqrt(32 / 7), 12)
    const half = (2.364624251592785 * Math.sqrt(32 / 7)) / Math.sqrt(8)
    expect(e.ci95Low).toBeCloseTo(5 - half, 9)
    expect(e.ci95High).toBeCloseTo(5 + half, 9)
  })

  it('gives sd 0 exactly for equal values that do not sum exactly', () => {
    const e = estimate(Array.from({ length: 10 }, () => 19.68))
    expect(e.sd).toBe(0)
    expect(e.ci95High).toBe(e.ci95Low)
  })

  it('skips missing values and reports no interval for a single value', () => {
    const e = estimate([NaN, 3])
    expect(e).toMatchObject({ n: 1, mean: 3 })
    expect(e.sd).toBeNaN()
    expect(e.ci95Low).toBeNaN()
  })
})

describe('paired difference', () => {
  it('removes shared seed noise: a constant shift is exact and significant', () => {
    const base = [10, 50, 30, 90]
    const d = pairedDifference(base.map((v) => v + 2), base)
    expect(d).toMatchObject({ n: 4, mean: 2, sd: 0 })
    expect(isSignificant(d)).toBe(true)
  })

  it('calls a difference whose interval contains 0 not significant', () => {
    const d = pairedDifference([1, 3, 2, 4], [2, 2, 2, 2])
    expect(d.mean).toBe(0.5)
    expect(isSignificant(d)).toBe(false)
  })

  it('calls identical results not significant and a single pair unknown', () => {
    expect(isSignificant(pairedDifference([1, 2], [1, 2]))).toBe(false)
    expect(isSignificant(pairedDifference([1], [3]))).toBeUndefined()
  })
})
