/**
 * Load curves: the request rate of a service (requests/s) as a pure function of simulated time.
 * Each curve also gives an upper bound of its rate over an interval (for Poisson thinning,
 * `load-curve-arrivals.ts`) and its integral (expected requests, for the analytic latency model).
 *
 * Owns the shapes (constant, step, ramp, diurnal/sine, spike, weekly, piecewise-linear, trace
 * replay) and their composition (sum, scale, multiplicative noise). It does not read files (the
 * scenario layer hands in points parsed from CSV text) and draws noise only from the Rng given at
 * construction, once, so the curve itself is deterministic afterwards.
 */
import type { Rng } from '../engine/index.js'

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

/** A curve in internal units: times in ms, rates in requests/s. */
export type LoadCurveSpec =
  | { readonly curve: 'constant'; readonly ratePerS: number }
  | { readonly curve: 'step'; readonly fromPerS: number; readonly toPerS: number; readonly atMs: number }
  | { readonly curve: 'ramp'; readonly fromPerS: number; readonly toPerS: number; readonly startMs: number; readonly durationMs: number }
  | { readonly curve: 'diurnal'; readonly meanPerS: number; readonly amplitudePerS: number; readonly periodMs: number; readonly peakAtMs: number }
  | { readonly curve: 'spike'; readonly basePerS: number; readonly heightPerS: number; readonly startMs: number; readonly durationMs: number; readonly shape: 'square' | 'triangle' | 'decay' }
  | { readonly curve: 'weekly'; readonly meanPerS: number; readonly amplitudePerS: number; readonly peakAtMs: number; readonly weekendFactor: number }
  /** Linear between points (t ascending), flat before the first and after the last; `repeatMs` wraps time. */
  | { readonly curve: 'piecewise'; readonly timesMs: readonly number[]; readonly ratesPerS: readonly number[]; readonly repeatMs: number }
  /** Replay: a constant rate per bucket of `bucketMs`, starting at t = 0; 0 after the last bucket. */
  | { readonly curve: 'trace'; readonly bucketMs: number; readonly ratesPerS: readonly number[] }
  | { readonly curve: 'sum'; readonly of: readonly LoadCurveSpec[] }
  | { readonly curve: 'scale'; readonly factor: number; readonly of: LoadCurveSpec }
  /** Multiplies by a lognormal factor of mean 1 and log-sd `sigma`, drawn once per `stepMs`. */
  | { readonly curve: 'noise'; readonly sigma: number; readonly stepMs: number; readonly of: LoadCurveSpec }

export interface LoadCurve {
  /** Requests/s at time `tMs` (>= 0). */
  rateAt(tMs: number): number
  /** An upper bound of the rate over [fromMs, toMs]. */
  maxIn(fromMs: number, toMs: number): number
}

/**
 * Builds a curve. `horizonMs` bounds the noise draws (the run's duration); `rng` is the service's
 * `load` stream and is used only here, for noise.
 */
export function makeLoadCurve(spec: LoadCurveSpec, horizonMs: number, rng: Rng): LoadCurve {
  switch (spec.curve) {
    case 'constant': {
      const r = spec.ratePerS
      return { rateAt: () => r, maxIn: () => r }
    }
    case 'step': {
      const { fromPerS: a, toPerS: b, atMs } = spec
      return {
        rateAt: (t) => (t < atMs ? a : b),
        maxIn: (t0, t1) => (t1 < atMs ? a : t0 >= atMs ? b : Math.max(a, b)),
      }
    }
    case 'ramp': {
      const { fromPerS: a, toPerS: b, startMs, durationMs } = spec
      const rateAt = (t: number) => (t <= startMs ? a : t >= startMs + durationMs ? b : a + ((b - a) * (t - startMs)) / durationMs)
      return { rateAt, maxIn: (t0, t1) => Math.max(rateAt(t0), rateAt(t1)) }
    }
    case 'diurnal': {
      const { meanPerS: m, amplitudePerS: amp, periodMs, peakAtMs } = spec
      const w = (2 * Math.PI) / periodMs
      return { rateAt: (t) => Math.max(0, m + amp * Math.cos(w * (t - peakAtMs))), maxIn: () => m + Math.abs(amp) }
    }
    case 'spike': return spike(spec)
    case 'weekly': {
      const { meanPerS: m, amplitudePerS: amp, peakAtMs, weekendFactor } = spec
      const w = (2 * Math.PI) / DAY_MS
      // Day 0 of the run is a Monday; days 5 and 6 (Saturday, Sunday) are scaled by weekendFactor.
      const rateAt = (t: number) => {
        const day = Math.floor((t % WEEK_MS) / DAY_MS)
        return Math.max(0, (m + amp * Math.cos(w * (t - peakAtMs))) * (day >= 5 ? weekendFactor : 1))
      }
      return { rateAt, maxIn: () => (m + Math.abs(amp)) * Math.max(1, weekendFactor) }
    }
    case 'piecewise': return piecewise(spec.timesMs, spec.ratesPerS, spec.repeatMs)
    case 'trace': {
      const { bucketMs, ratesPerS } = spec
      const rates = Float64Array.from(ratesPerS)
      const at = (t: number) => {
        const i = Math.floor(t / bucketMs)
        return i >= 0 && i < rates.length ? rates[i]! : 0
      }
      return {
        rateAt: at,
        maxIn: (t0, t1) => {
          let m = 0
          const last = Math.min(rates.length - 1, Math.floor(t1 / bucketMs))
          for (let i = Math.max(0, Math.floor(t0 / bucketMs)); i <= last; i++) m = Math.max(m, rates[i]!)
          return m
        },
      }
    }
    case 'sum': {
      const parts = spec.of.map((s) => makeLoadCurve(s, horizonMs, rng))
      return {
        rateAt: (t) => { let r = 0; for (let i = 0; i < parts.length; i++) r += parts[i]!.rateAt(t); return r },
        maxIn: (t0, t1) => { let r = 0; for (let i = 0; i < parts.length; i++) r += parts[i]!.maxIn(t0, t1); return r },
      }
    }
    case 'scale': {
      const inner = makeLoadCurve(spec.of, horizonMs, rng)
      const f = spec.factor
      return { rateAt: (t) => f * inner.rateAt(t), maxIn: (t0, t1) => f * inner.maxIn(t0, t1) }
    }
    case 'noise': return noise(spec.sigma, spec.stepMs, makeLoadCurve(spec.of, horizonMs, rng), horizonMs, rng)
  }
}

function spike(spec: Extract<LoadCurveSpec, { curve: 'spike' }>): LoadCurve {
  const { basePerS: base, heightPerS: h, startMs, durationMs: d, shape } = spec
  const end = startMs + d
  const rateAt = (t: number): number => {
    if (t < startMs) return base
    if (shape === 'decay') return base + h * Math.exp(-(t - startMs) / d) // d is the decay time constant
    if (t >= end) return base
    if (shape === 'square') return base + h
    const x = (t - startMs) / d // triangle: up to the peak at mid-spike, then down
    return base + h * (1 - Math.abs(2 * x - 1))
  }
  return { rateAt, maxIn: (t0, t1) => (t1 < startMs || (shape !== 'decay' && t0 >= end) ? base : base + Math.max(0, h)) }
}

function piecewise(times: readonly number[], rates: readonly number[], repeatMs: number): LoadCurve {
  const ts = Float64Array.from(times)
  const rs = Float64Array.from(rates)
  const n = ts.length
  const wrap = (t: number) => (repeatMs > 0 ? t % repeatMs : t)
  const at = (t0: number): number => {
    const t = wrap(t0)
    if (t <= ts[0]!) return rs[0]!
    if (t >= ts[n - 1]!) return rs[n - 1]!
    let lo = 0
    let hi = n - 1
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1
      if (ts[mid]! <= t) lo = mid
      else hi = mid
    }
    const span = ts[hi]! - ts[lo]!
    return span > 0 ? rs[lo]! + ((rs[hi]! - rs[lo]!) * (t - ts[lo]!)) / span : rs[hi]!
  }
  let max = 0
  for (let i = 0; i < n; i++) max = Math.max(max, rs[i]!)
  return {
    rateAt: at,
    maxIn: (t0, t1) => {
      // Linear pieces: the maximum is at an end or at a point inside (a repeating curve: anywhere).
      if (repeatMs > 0 && t1 - t0 >= repeatMs) return max
      let m = Math.max(at(t0), at(t1))
      const a = wrap(t0)
      const b = a + (t1 - t0)
      for (let i = 0; i < n; i++) {
        const ti = ts[i]!
        if ((ti >= a && ti <= b) || (repeatMs > 0 && ti + repeatMs >= a && ti + repeatMs <= b)) m = Math.max(m, rs[i]!)
      }
      return m
    },
  }
}

function noise(sigma: number, stepMs: number, inner: LoadCurve, horizonMs: number, rng: Rng): LoadCurve {
  const n = Math.max(1, Math.ceil(horizonMs / stepMs) + 1)
  const factor = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    // Box-Muller, two uniforms per step; exp(sigma Z - sigma^2/2) has mean 1.
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng())
    factor[i] = Math.exp(sigma * z - (sigma * sigma) / 2)
  }
  const idx = (t: number) => Math.min(n - 1, Math.max(0, Math.floor(t / stepMs)))
  return {
    rateAt: (t) => factor[idx(t)]! * inner.rateAt(t),
    maxIn: (t0, t1) => {
      let f = 0
      for (let i = idx(t0); i <= idx(t1); i++) f = Math.max(f, factor[i]!)
      return f * inner.maxIn(t0, t1)
    },
  }
}

/** Expected requests over [fromMs, toMs): the rate integrated by the midpoint rule in steps of at most `stepMs`. */
export function expectedRequests(curve: LoadCurve, fromMs: number, toMs: number, stepMs = 1000): number {
  const span = toMs - fromMs
  if (span <= 0) return 0
  const k = Math.max(1, Math.ceil(span / stepMs))
  const h = span / k
  let sum = 0
  for (let i = 0; i < k; i++) sum += curve.rateAt(fromMs + (i + 0.5) * h)
  return (sum * h) / 1000
}
