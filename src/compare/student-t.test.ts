import { describe, expect, it } from 'vitest'
import { incompleteBeta, studentTCdf, studentTQuantile } from './student-t.js'

// Reference figures: R 4.x `qt(p, df)` / scipy.stats.t.ppf (identical to 12 digits).
describe('Student t quantile', () => {
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 4, 2.7764451051977934],
    [0.975, 9, 2.262157162798205],
    [0.975, 19, 2.0930240544083087],
    [0.975, 29, 2.045229642132703],
    [0.975, 100, 1.9839715185235518],
    [0.995, 10, 3.16927267261695],
    [0.9, 5, 1.4758840488244815],
  ])('qt(%f, %i) is %f to 1e-9', (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(1e-9)
  })

  it('is antisymmetric around the median', () => {
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262157162798205, 9)
    expect(studentTQuantile(0.5, 3)).toBe(0)
  })

  it('returns NaN for zero degrees of freedom or p outside (0, 1)', () => {
    expect(studentTQuantile(0.975, 0)).toBeNaN()
    expect(studentTQuantile(1, 5)).toBeNaN()
  })

  it('inverts its CDF', () => {
    for (const df of [1, 3, 7, 30]) expect(studentTCdf(studentTQuantile(0.975, df), df)).toBeCloseTo(0.975, 12)
  })

  it('approaches the normal quantile 1.959964 for large df', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5)
  })

  it('has I_x(a, b) = x for a = b = 1 and I_0.5(a, a) = 0.5', () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14)
    expect(incompleteBeta(0.5, 4.5, 4.5)).toBeCloseTo(0.5, 14)
  })
})
