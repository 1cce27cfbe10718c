/**
 * Units at the boundary: Kubernetes quantities (`500m`, `2`, `512Mi`, `1.5G`), durations (`250ms`,
 * `90s`, `1h30m`, or a number of seconds) and rates (`3/min`, or a number per second), turned into
 * the internal units named by the callers (millicores, bytes, milliseconds, per second).
 * Each parser returns a number or an error string (the `expected ..., got ...` part of a message);
 * nothing past scenario/ sees a unit string.
 */
import { describeValue } from '../framework/index.js'

const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
}
// Kubernetes' quantity grammar: a signed decimal, then a binary or decimal SI suffix, or an exponent.
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/

/** The quantity's value in base units (cores, bytes, devices), or undefined when it is not one. */
export function quantityValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v !== 'string') return undefined
  const m = QUANTITY.exec(v.trim())
  if (!m) return undefined
  const base = Number(m[1])
  if (m[3] !== undefined) return base * 10 ** Number(m[3])
  return base * SUFFIX[m[2] ?? '']!
}

type Parsed = number | { error: string }

function nonNegative(v: unknown, what: string, examples: string, scale: number): Parsed {
  const q = quantityValue(v)
  if (q === undefined) return { error: `expected ${what} such as ${examples}, got ${describeValue(v)}` }
  if (q < 0) return { error: `expected ${what} >= 0, got ${describeValue(v)}` }
  // Kubernetes rounds a quantity up to the unit it is read in (MilliValue, Value): 0.1m is 1m.
  // A value a hair above a whole number is binary rounding of a decimal input (0.067 * 1e9 is
  // 67000000.00000001), not a fraction the user wrote: inputs are not precise to 12 digits.
  const x = q * scale
  const down = Math.floor(x)
  return x - down <= x * 1e-12 ? down : down + 1
}

/** CPU in millicores: `500m` is 500, `2` is 2000 (a bare number is cores). */
export const parseCpuMilli = (v: unknown): Parsed => nonNegative(v, 'a CPU quantity', '500m or 2', 1000)
/** Memory in bytes: `512Mi`, `4Gi`, `1.5G` (a bare number is bytes, as in Kubernetes). */
export const parseMemBytes = (v: unknown): Parsed => nonNegative(v, 'a memory quantity', '512Mi, 4Gi or 1.5G', 1)
/** A count of devices or extended-resource units, e.g. gpu: 1. */
export const parseCount = (v: unknown): Parsed => nonNegative(v, 'a quantity', '1 or 2', 1)
/**
 * GPUs a pod requests: below 1 a share of one device in milli-GPU (`0.5` or `500m`, rounded up to
 * whole milli-GPU), 1 or more whole devices (the model rounds a fraction above 1 up).
 */
export function parseGpu(v: unknown): Parsed {
  const m = nonNegative(v, 'a GPU quantity', '0.5, 500m or 2', 1000)
  return typeof m === 'number' ? m / 1000 : m
}

const DURATION_UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ms|min|s|m|h|d)/y
const DURATION_EXPECTED = 'a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds)'

/** A duration in whole milliseconds. */
export function parseDurationMs(v: unknown): Parsed {
  if (typeof v === 'number') {
    return Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : { error: `expected ${DURATION_EXPECTED}, got ${describeValue(v)}` }
  }
  if (typeof v !== 'string' || v.trim() === '') return { error: `expected ${DURATION_EXPECTED}, got ${describeValue(v)}` }
  const s = v.trim()
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000)
  let total = 0
  DURATION_PART.lastIndex = 0
  while (DURATION_PART.lastIndex < s.length) {
    const m = DURATION_PART.exec(s)
    if (!m) return { error: `expected ${DURATION_EXPECTED}, got ${describeValue(v)}` }
    total += Number(m[1]) * DURATION_UNIT_MS[m[2]!]!
  }
  return Math.round(total)
}

const RATE_UNIT_S: Readonly<Record<string, number>> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86_400 }
const RATE = /^(\d+(?:\.\d+)?|\.\d+)\s*\/\s*(s|sec|min|m|h|d)$/
const RATE_EXPECTED = 'a rate such as 3/min, 0.5/s or 120/h (a bare number is per second)'

/** A rate in events per second. */
export function parseRatePerS(v: unknown): Parsed {
  if (typeof v === 'number' && v < 0) return { error: `expected a rate >= 0, got ${describeValue(v)}` }
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: `expected ${RATE_EXPECTED}, got ${describeValue(v)}` }
  if (typeof v !== 'string') return { error: `expected ${RATE_EXPECTED}, got ${describeValue(v)}` }
  if (/^\s*-\s*\d/.test(v)) return { error: `expected a rate >= 0, got ${describeValue(v)}` }
  const m = RATE.exec(v.trim())
  if (!m) return { error: `expected ${RATE_EXPECTED}, got ${describeValue(v)}` }
  return Number(m[1]) / RATE_UNIT_S[m[2]!]!
}

// The other way, for messages about converted values: the shortest exact form a user would write.

/** Millicores as written in a scenario: 2000 is `2`, 500 is `500m`. */
export const cpuText = (milli: number): string => (milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`)

const MEM_TEXT: readonly (readonly [string, number])[] = [
  ['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10],
  ['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3],
]
/** Bytes as written in a scenario: `4Gi`, `1500M`, or a bare number of bytes. */
export function memText(bytes: number): string {
  for (const [suffix, size] of MEM_TEXT) if (bytes !== 0 && bytes % size === 0) return `${bytes / size}${suffix}`
  return String(bytes)
}

/** Milliseconds as written in a scenario: `250ms`, `90s` as `1m30s`, `1h30m`, `2d`. */
export function durationText(ms: number): string {
  if (ms === 0) return '0s'
  if (ms < 1000) return `${ms}ms`
  let rest = ms
  let s = ''
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (rest >= size) {
      s += `${Math.floor(rest / size)}${unit}`
      rest %= size
    }
  }
  return rest > 0 ? `${s}${rest / 1000}s` : s
}
