import { describe, expect, it } from 'vitest'
import { STREAMS, rngStream } from './rng.js'

const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng())

describe('rngStream', () => {
  it('the same seed and purpose give the same sequence', () => {
    expect(draw(rngStream(42, 'arrivals'), 100)).toEqual(draw(rngStream(42, 'arrivals'), 100))
    expect(draw(rngStream('42', 'arrivals', 'web'), 10)).toEqual(draw(rngStream(42, 'arrivals', 'web'), 10))
  })

  it('different seeds, purposes and keys give different sequences', () => {
    const base = draw(rngStream(42, 'arrivals'), 10)
    expect(draw(rngStream(43, 'arrivals'), 10)).not.toEqual(base)
    expect(draw(rngStream(42, 'failures'), 10)).not.toEqual(base)
    expect(draw(rngStream(42, 'arrivals', 'web'), 10)).not.toEqual(base)
    expect(draw(rngStream(42, 'arrivals', 'web'), 10)).not.toEqual(draw(rngStream(42, 'arrivals', 'batch'), 10))
  })

  it('drawing from one stream does not move another (failures do not shift arrivals)', () => {
    const alone = draw(rngStream(1, 'arrivals'), 20)
    const arrivals = rngStream(1, 'arrivals')
    const failures = rngStream(1, 'failures')
    const interleaved = Array.from({ length: 20 }, () => (failures(), failures(), arrivals()))
    expect(interleaved).toEqual(alone)
  })

  it.each(STREAMS)('the %s stream stays in [0, 1) with mean near 1/2', (purpose) => {
    const xs = draw(rngStream(9, purpose), 100_000)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    // SE of the mean of 10^5 uniforms is sqrt(1/12 / 1e5) ≈ 0.00091; 5 SE ≈ 0.0046.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.0046)
  })
})
