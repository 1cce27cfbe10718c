import { describe, expect, it } from 'vitest'
import {
  type DistSpec, type Sampler, choice, constant, exponential, lognormal, makeSampler, normal, uniform, weibull,
} from './distributions.js'
import { gamma } from './gamma.js'
import { rngStream } from './rng.js'

// Every check draws N samples from a fixed seed, so the tests are deterministic. Tolerances are
// 5 standard errors computed from the distribution's known variance: a correct sampler misses by
// that much with probability ~6e-7, while a wrong formula (say, mean vs median) misses by far more.
const N = 200_000

function moments(s: Sampler, seed: string): { mean: number; variance: number } {
  const rng = rngStream(seed, 'durations', 'distributions-test')
  let sum = 0
  let sumSq = 0
  const xs = new Float64Array(N)
  for (let i = 0; i < N; i++) xs[i] = s.sample(rng)
  for (let i = 0; i < N; i++) sum += xs[i]!
  const mean = sum / N
  for (let i = 0; i < N; i++) sumSq += (xs[i]! - mean) ** 2
  return { mean, variance: sumSq / (N - 1) }
}

/** |sample mean - theoretical mean| < 5 SE, SE = sd / sqrt(N). */
function expectMean(s: Sampler, variance: number, seed = 'mean') {
  const { mean } = moments(s, seed)
  expect(Math.abs(mean - s.mean)).toBeLessThan(5 * Math.sqrt(variance / N))
}

describe('distribution means match their formulas', () => {
  const cases: [string, Sampler, number][] = [
    ['uniform(2, 10)', uniform(2, 10), 64 / 12],
    ['exponential(250)', exponential(250), 250 ** 2],
    ['normal(100, 15)', normal(100, 15), 225],
    ['lognormal(median 1000, sigma 0.5)', lognormal(1000, 0.5), (Math.exp(0.25) - 1) * Math.exp(2 * Math.log(1000) + 0.25)],
    ...[0.5, 1.5, 3].map((k): [string, Sampler, number] => [
      `weibull(shape ${k}, scale 60)`, weibull(k, 60), 3600 * (gamma(1 + 2 / k) - gamma(1 + 1 / k) ** 2),
    ]),
  ]
  it.each(cases)('%s', (_name, sampler, variance) => expectMean(sampler, variance))

  it('lognormal mean is median * exp(sigma^2 / 2)', () => {
    expect(lognormal(1000, 0.5).mean).toBeCloseTo(1000 * Math.exp(0.125), 9)
  })

  it('weibull mean is scale * Γ(1 + 1/shape) for shapes 0.5, 1.5 and 3', () => {
    expect(weibull(0.5, 60).mean).toBeCloseTo(120, 9) // Γ(3) = 2
    expect(weibull(1.5, 60).mean).toBeCloseTo(60 * 0.9027452929509336, 9) // Γ(5/3)
    expect(weibull(3, 60).mean).toBeCloseTo(60 * 0.8929795115692492, 9) // Γ(4/3)
    expect(weibull(1, 60).mean).toBeCloseTo(60, 9) // shape 1 is exponential
  })

  it('constant always returns its value and draws nothing', () => {
    const rng = rngStream(1, 'durations')
    const c = constant(7)
    expect([c.sample(rng), c.sample(rng)]).toEqual([7, 7])
    expect(c.mean).toBe(7)
    expect(rng()).toBe(rngStream(1, 'durations')())
  })
})

describe('distribution variances', () => {
  // SE of a sample variance is sqrt((mu4 - sigma^4) / N): exponential mu4 = 9 m^4, so
  // SE = m^2 sqrt(8 / N); normal mu4 = 3 sd^4, so SE = sd^2 sqrt(2 / N).
  it('exponential variance is mean^2', () => {
    const { variance } = moments(exponential(250), 'var')
    expect(Math.abs(variance - 250 ** 2)).toBeLessThan(5 * 250 ** 2 * Math.sqrt(8 / N))
  })

  it('normal variance is sd^2, using exactly two uniforms per draw', () => {
    const { variance } = moments(normal(100, 15), 'var')
    expect(Math.abs(variance - 225)).toBeLessThan(5 * 225 * Math.sqrt(2 / N))
    const a = rngStream(3, 'durations')
    const b = rngStream(3, 'durations')
    normal(0, 1).sample(a)
    b()
    b()
    expect(a()).toBe(b())
  })
})

describe('choice', () => {
  it('draws values with frequencies proportional to the weights', () => {
    const c = choice([1, 2, 4], [1, 2, 5])
    expect(c.mean).toBeCloseTo((1 + 4 + 20) / 8, 12)
    const rng = rngStream(5, 'requests')
    const counts = new Map<number, number>()
    for (let i = 0; i < N; i++) {
      const v = c.sample(rng)
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    // Each count is Binomial(N, p); 5 SE = 5 sqrt(N p (1 - p)).
    for (const [v, p] of [[1, 1 / 8], [2, 2 / 8], [4, 5 / 8]] as const) {
      expect(Math.abs(counts.get(v)! - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)))
    }
  })

  it('weights default to equal and zero weights are never drawn', () => {
    expect(choice([3, 5]).mean).toBe(4)
    const c = choice([1, 2, 3], [0, 1, 0])
    const rng = rngStream(5, 'requests')
    for (let i = 0; i < 1000; i++) expect(c.sample(rng)).toBe(2)
  })
})

describe('makeSampler and parameter checks', () => {
  it('builds each kind of spec', () => {
    const specs: [DistSpec, number][] = [
      [{ dist: 'constant', value: 3 }, 3],
      [{ dist: 'uniform', min: 0, max: 4 }, 2],
      [{ dist: 'exponential', mean: 9 }, 9],
      [{ dist: 'normal', mean: 5, sd: 1 }, 5],
      [{ dist: 'lognormal', median: 1, sigma: 0 }, 1],
      [{ dist: 'weibull', shape: 1, scale: 2 }, 2],
      [{ dist: 'choice', values: [1, 3] }, 2],
    ]
    for (const [spec, mean] of specs) expect(makeSampler(spec).mean).toBeCloseTo(mean, 12)
  })

  it.each([
    [() => uniform(5, 1), 'uniform: min (5) must be <= max (1)'],
    [() => normal(0, -1), 'normal: sd must be a finite number >= 0, got -1'],
    [() => exponential(0), 'exponential: mean must be a finite number > 0, got 0'],
    [() => lognormal(-1, 1), 'lognormal: median must be a finite number > 0, got -1'],
    [() => weibull(0, 1), 'weibull: shape must be a finite number > 0, got 0'],
    [() => constant(NaN), 'constant: value must be finite, got NaN'],
    [() => choice([]), 'choice: values must not be empty'],
    [() => choice([1, 2], [1]), 'choice: 2 values but 1 weights'],
    [() => choice([1], [0]), 'choice: weights must not all be 0'],
    [() => choice([1], [-1]), 'choice: weights must be finite and >= 0, got [-1]'],
  ])('rejects invalid parameters in plain words (%#)', (make, message) => {
    expect(make).toThrow(message)
  })
})
