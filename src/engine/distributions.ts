/**
 * Samplers for the random quantities of a scenario (durations, sizes, times between failures).
 *
 * Owns turning uniforms from an `Rng` into draws of a named distribution, and each
 * distribution's theoretical mean. It does not validate user input into readable issues (the
 * scenario layer does that first, so a bad parameter here is a bug and throws), and it never
 * clamps or truncates draws.
 *
 * Uniforms per draw: constant 0, uniform and choice 1, normal and lognormal 2 (Box–Muller, no
 * cached second value); exponential and Weibull take one in 97.8 % of draws and a few more
 * otherwise (ziggurat, `standard-exponential.ts`), so after those the stream's position depends on
 * the values drawn. Every stream serves one purpose in a fixed order of draws, so the k-th draw of
 * a stream is still the same in every run of a seed (common random numbers).
 */
import { gamma } from './gamma.js'
import type { Rng } from './rng.js'
import { standardExponential } from './standard-exponential.js'

export interface Sampler {
  /** Theoretical mean; always finite. */
  readonly mean: number
  sample(rng: Rng): number
}

export type DistSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; median: number; sigma: number }
  | { dist: 'weibull'; shape: number; scale: number }
  | { dist: 'choice'; values: number[]; weights?: number[] }

export function makeSampler(spec: DistSpec): Sampler {
  switch (spec.dist) {
    case 'constant': return constant(spec.value)
    case 'uniform': return uniform(spec.min, spec.max)
    case 'exponential': return exponential(spec.mean)
    case 'normal': return normal(spec.mean, spec.sd)
    case 'lognormal': return lognormal(spec.median, spec.sigma)
    case 'weibull': return weibull(spec.shape, spec.scale)
    case 'choice': return choice(spec.values, spec.weights)
  }
}

export function constant(value: number): Sampler {
  need(Number.isFinite(value), `constant: value must be finite, got ${value}`)
  return { mean: value, sample: () => value }
}

/** Uniform on [min, max). */
export function uniform(min: number, max: number): Sampler {
  need(Number.isFinite(min) && Number.isFinite(max), `uniform: min and max must be finite, got ${min} and ${max}`)
  need(min <= max, `uniform: min (${min}) must be <= max (${max})`)
  const width = max - min
  return { mean: min + width / 2, sample: (rng) => min + width * rng() }
}

export function exponential(mean: number): Sampler {
  need(mean > 0 && Number.isFinite(mean), `exponential: mean must be a finite number > 0, got ${mean}`)
  return { mean, sample: (rng) => mean * standardExponential(rng) }
}

export function normal(mean: number, sd: number): Sampler {
  need(Number.isFinite(mean), `normal: mean must be finite, got ${mean}`)
  need(sd >= 0 && Number.isFinite(sd), `normal: sd must be a finite number >= 0, got ${sd}`)
  return { mean, sample: (rng) => mean + sd * standardNormal(rng) }
}

/** exp(N(ln median, sigma^2)); mean = median * exp(sigma^2 / 2). */
export function lognormal(median: number, sigma: number): Sampler {
  need(median > 0 && Number.isFinite(median), `lognormal: median must be a finite number > 0, got ${median}`)
  need(sigma >= 0 && Number.isFinite(sigma), `lognormal: sigma must be a finite number >= 0, got ${sigma}`)
  const mu = Math.log(median)
  const mean = median * Math.exp((sigma * sigma) / 2)
  need(Number.isFinite(mean), `lognormal: mean overflows for median ${median}, sigma ${sigma}`)
  return { mean, sample: (rng) => Math.exp(mu + sigma * standardNormal(rng)) }
}

/** scale * E^(1/shape) for E ~ Exp(1) (the inverse CDF at 1 - e^-E); mean = scale * Γ(1 + 1/shape). */
export function weibull(shape: number, scale: number): Sampler {
  need(shape > 0 && Number.isFinite(shape), `weibull: shape must be a finite number > 0, got ${shape}`)
  need(scale > 0 && Number.isFinite(scale), `weibull: scale must be a finite number > 0, got ${scale}`)
  const inv = 1 / shape
  const mean = scale * gamma(1 + inv)
  need(Number.isFinite(mean), `weibull: mean overflows for shape ${shape}, scale ${scale}`)
  return { mean, sample: (rng) => scale * Math.pow(standardExponential(rng), inv) }
}

/** One of `values`, with probability proportional to `weights` (equal when omitted). */
export function choice(values: readonly number[], weights?: readonly number[]): Sampler {
  need(values.length > 0, 'choice: values must not be empty')
  need(values.every(Number.isFinite), `choice: values must be finite, got [${values.join(', ')}]`)
  const w = weights ?? values.map(() => 1)
  need(w.length === values.length, `choice: ${values.length} values but ${w.length} weights`)
  need(w.every((x) => x >= 0 && Number.isFinite(x)), `choice: weights must be finite and >= 0, got [${w.join(', ')}]`)
  const total = w.reduce((s, x) => s + x, 0)
  need(total > 0, 'choice: weights must not all be 0')
  // cumulative[i] = P(index <= i); the last is forced to 1 so rounding can't leave a gap.
  const cumulative = new Float64Array(values.length)
  const vals = Float64Array.from(values)
  let acc = 0
  let mean = 0
  for (let i = 0; i < values.length; i++) {
    acc += w[i]! / total
    cumulative[i] = acc
    mean += (w[i]! / total) * values[i]!
  }
  cumulative[values.length - 1] = 1
  const last = values.length - 1
  return {
    mean,
    sample: (rng) => {
      const u = rng()
      // Binary search for the first cumulative > u.
      let lo = 0
      let hi = last
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (cumulative[mid]! > u) hi = mid
        else lo = mid + 1
      }
      return vals[lo]!
    },
  }
}

// Box–Muller with exactly two uniforms and no cached second value, so each draw costs the stream
// the same two numbers.
function standardNormal(rng: Rng): number {
  const u1 = rng()
  const u2 = rng()
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2)
}

function need(ok: boolean, message: string): void {
  if (!ok) throw new Error(message)
}
