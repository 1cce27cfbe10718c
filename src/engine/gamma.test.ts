import { describe, expect, it } from 'vitest'
import { gamma, logGamma } from './gamma.js'

describe('gamma', () => {
  it.each([
    [1, 1], [2, 1], [5, 24], [10, 362880], [0.5, Math.sqrt(Math.PI)], [1.5, Math.sqrt(Math.PI) / 2],
    [1 / 3, 2.678938534707747], [4.5, 11.631728396567448],
  ])('Γ(%s) = %s to 12 digits', (x, expected) => {
    expect(Math.abs(gamma(x) / expected - 1)).toBeLessThan(1e-12)
  })

  it('logGamma matches ln of factorials for large arguments', () => {
    let lnFact = 0
    for (let n = 2; n < 100; n++) lnFact += Math.log(n)
    expect(Math.abs(logGamma(100) - lnFact)).toBeLessThan(1e-10)
  })

  it('rejects arguments <= 0', () => {
    expect(() => gamma(0)).toThrow('logGamma: x must be a finite number > 0, got 0')
    expect(() => gamma(-1.5)).toThrow('got -1.5')
  })
})
