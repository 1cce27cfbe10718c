/**
 * Sweep files: a scenario, parameter values (a grid, seeded random samples, or both), policies and
 * seeds. Parsed from text (cli/ reads the file) into a SweepSpec or every issue at once, with
 * scenario-style messages (`path: expected ..., got ...`).
 *
 * ```yaml
 * scenario: ../scenarios/quickstart.yaml    # relative to the sweep file
 * duration: 2h                              # optional: overrides the scenario
 * seeds: 5                                  # 5 (= 1..5), "3..7" or [1, 4, 9]
 * policies: { placement: [first-fit, best-fit] }
 * baseline: first-fit                       # optional: default the first policy
 * grid:                                     # every combination, first parameter slowest
 *   cluster.pools[0].nodes: [4, 6, 8]
 *   workloads[0].arrivals.rate: [1/min, 2/min]
 * random:                                   # `samples` points drawn from a seeded stream
 *   samples: 10
 *   seed: 7
 *   ranges:
 *     workloads[0].duration.median: { min: 4, max: 12, unit: m }
 *     cluster.pools[1].nodes: { min: 1, max: 4, integer: true }
 * ```
 */
import seedrandom from 'seedrandom'
import { describeValue, type Issue } from '../framework/index.js'
import { parseDurationMs, parseYaml } from '../scenario/index.js'
import { parseSeeds, POLICY_AXES, type PolicyAxis } from './plan.js'
import { parseFieldPath, type FieldValue } from './scenario-fields.js'

export interface RandomRange {
  readonly min: number
  readonly max: number
  /** Whole numbers min..max inclusive. */
  readonly integer: boolean
  /** Uniform in log space (for rates and sizes spanning decades). */
  readonly log: boolean
  /** Appended to the drawn number, e.g. `m` gives "7.5m"; the value is then a string. */
  readonly unit: string | undefined
}

export interface SweepSpec {
  /** As written in the sweep file (relative to it). */
  readonly scenario: string
  readonly durationMs: number | undefined
  readonly seeds: readonly number[]
  readonly policies: Readonly<Partial<Record<PolicyAxis, readonly string[]>>>
  readonly baseline: string | undefined
  readonly grid: readonly (readonly [path: string, values: readonly FieldValue[]])[]
  readonly random: { readonly samples: number; readonly seed: number | string; readonly ranges: readonly (readonly [string, RandomRange])[] } | undefined
}

const KEYS = ['scenario', 'duration', 'seeds', 'policies', 'baseline', 'grid', 'random'] as const
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isScalar = (v: unknown): v is FieldValue => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))

export function parseSweep(text: string, file: string): SweepSpec | Issue[] {
  const parsed = parseYaml(text, file)
  if ('issues' in parsed) return parsed.issues
  const raw = parsed.value
  if (!isMap(raw)) return [{ path: '(top level)', message: `expected a mapping with scenario, policies and seeds, got ${describeValue(raw)}` }]
  const issues: Issue[] = []
  for (const k of Object.keys(raw)) if (!(KEYS as readonly string[]).includes(k)) issues.push({ path: k, message: `unknown key; known: ${KEYS.join(', ')}` })
  if (typeof raw.scenario !== 'string' || raw.scenario === '') issues.push({ path: 'scenario', message: `expected the path of a scenario file, got ${describeValue(raw.scenario)}` })
  let durationMs: number | undefined
  if (raw.duration !== undefined) {
    const d = typeof raw.duration === 'string' || typeof raw.duration === 'number' ? parseDurationMs(raw.duration as string) : { error: `expected a duration such as 90m, got ${describeValue(raw.duration)}` }
    if (typeof d === 'number' && d > 0) durationMs = d
    else issues.push({ path: 'duration', message: typeof d === 'number' ? `expected a duration > 0, got ${describeValue(raw.duration)}` : d.error })
  }
  const seeds = raw.seeds === undefined ? [1] : Array.isArray(raw.seeds) ? raw.seeds.every(Number.isInteger) ? raw.seeds as number[] : 'expected whole numbers' : parseSeeds(String(raw.seeds))
  if (typeof seeds === 'string') issues.push({ path: 'seeds', message: seeds })
  const policies: Partial<Record<PolicyAxis, string[]>> = {}
  if (!isMap(raw.policies)) issues.push({ path: 'policies', message: `expected a mapping such as { placement: [first-fit, best-fit] }, got ${describeValue(raw.policies)}` })
  else {
    const axes = POLICY_AXES.map((a) => a.axis as string)
    for (const [k, v] of Object.entries(raw.policies)) {
      if (!axes.includes(k)) issues.push({ path: `policies.${k}`, message: `unknown policy kind; known: ${axes.join(', ')}` })
      else if (typeof v === 'string' && v !== '') policies[k as PolicyAxis] = [v]
      else if (Array.isArray(v) && v.length > 0 && v.every((n) => typeof n === 'string' && n !== '') && new Set(v).size === v.length) policies[k as PolicyAxis] = v as string[]
      else issues.push({ path: `policies.${k}`, message: `expected a list of distinct policy names, got ${describeValue(v)}` })
    }
  }
  if (raw.baseline !== undefined && (typeof raw.baseline !== 'string' || !Object.values(policies).some((names) => names.includes(raw.baseline as string)))) {
    issues.push({ path: 'baseline', message: `expected one of the swept policies (${Object.values(policies).flat().join(', ')}), got ${describeValue(raw.baseline)}` })
  }
  const grid: [string, FieldValue[]][] = []
  if (raw.grid !== undefined) {
    if (!isMap(raw.grid)) issues.push({ path: 'grid', message: `expected a mapping of field paths to lists of values, got ${describeValue(raw.grid)}` })
    else {
      for (const [path, values] of Object.entries(raw.grid)) {
        const at = `grid[${JSON.stringify(path)}]`
        const p = parseFieldPath(path)
        if (typeof p === 'string') issues.push({ path: at, message: p })
        else if (!Array.isArray(values) || values.length === 0 || !values.every(isScalar)) issues.push({ path: at, message: `expected a non-empty list of numbers or strings, got ${describeValue(values)}` })
        else grid.push([path, values])
      }
    }
  }
  const random = raw.random === undefined ? undefined : parseRandom(raw.random, issues)
  for (const [path] of random?.ranges ?? []) if (grid.some(([g]) => g === path)) issues.push({ path: `random.ranges[${JSON.stringify(path)}]`, message: 'is also in grid; vary a field in one of them' })
  if (issues.length > 0) return issues
  return { scenario: raw.scenario as string, durationMs, seeds: seeds as number[], policies, baseline: raw.baseline as string | undefined, grid, random }
}

function parseRandom(raw: unknown, issues: Issue[]): SweepSpec['random'] {
  if (!isMap(raw)) {
    issues.push({ path: 'random', message: `expected { samples, seed, ranges }, got ${describeValue(raw)}` })
    return undefined
  }
  for (const k of Object.keys(raw)) if (!['samples', 'seed', 'ranges'].includes(k)) issues.push({ path: `random.${k}`, message: 'unknown key; known: samples, seed, ranges' })
  const samples = raw.samples
  if (!Number.isInteger(samples) || (samples as number) < 1) issues.push({ path: 'random.samples', message: `expected a whole number >= 1, got ${describeValue(samples)}` })
  const seed = raw.seed ?? 1
  if (typeof seed !== 'number' && typeof seed !== 'string') issues.push({ path: 'random.seed', message: `expected a number or a string, got ${describeValue(seed)}` })
  const ranges: [string, RandomRange][] = []
  if (!isMap(raw.ranges) || Object.keys(raw.ranges).length === 0) issues.push({ path: 'random.ranges', message: `expected a mapping of field paths to { min, max }, got ${describeValue(raw.ranges)}` })
  else {
    for (const [path, r] of Object.entries(raw.ranges)) {
      const at = `random.ranges[${JSON.stringify(path)}]`
      const p = parseFieldPath(path)
      if (typeof p === 'string') { issues.push({ path: at, message: p }); continue }
      if (!isMap(r) || typeof r.min !== 'number' || typeof r.max !== 'number' || !(r.max >= r.min)) {
        issues.push({ path: at, message: `expected { min, max } with numbers min <= max (and optional integer, log, unit), got ${describeValue(r)}` })
        continue
      }
      const extra = Object.keys(r).filter((k) => !['min', 'max', 'integer', 'log', 'unit'].includes(k))
      if (extra.length > 0) issues.push({ path: `${at}.${extra[0]}`, message: 'unknown key; known: min, max, integer, log, unit' })
      if (r.log === true && r.min <= 0) issues.push({ path: `${at}.min`, message: `expected min > 0 with log: true, got ${r.min}` })
      ranges.push([path, { min: r.min, max: r.max, integer: r.integer === true, log: r.log === true, unit: typeof r.unit === 'string' ? r.unit : undefined }])
    }
  }
  return { samples: samples as number, seed: seed as number | string, ranges }
}

/** One sweep point: the fields set for it, in parameter order (grid first, then random). */
export type SweepPoint = readonly (readonly [string, FieldValue])[]

/**
 * The points of a sweep: the grid's combinations (first parameter slowest) × the random samples.
 * Sample k draws its parameters in order from one alea stream seeded `sweep/<seed>`, so points
 * never depend on sharding or on how many workers run them.
 */
export function sweepPoints(spec: SweepSpec): SweepPoint[] {
  let points: [string, FieldValue][][] = [[]]
  for (const [path, values] of spec.grid) points = points.flatMap((p) => values.map((v) => [...p, [path, v] as [string, FieldValue]]))
  if (!spec.random) return points
  const prng = seedrandom.alea(`sweep/${spec.random.seed}`)
  const samples: [string, FieldValue][][] = []
  for (let k = 0; k < spec.random.samples; k++) samples.push(spec.random.ranges.map(([path, r]) => [path, draw(r, prng.double())]))
  return points.flatMap((p) => samples.map((s) => [...p, ...s]))
}

function draw(r: RandomRange, u: number): FieldValue {
  let v: number
  if (r.integer) v = Math.ceil(r.min) + Math.floor(u * (Math.floor(r.max) - Math.ceil(r.min) + 1))
  else if (r.log) v = Math.exp(Math.log(r.min) + u * (Math.log(r.max) - Math.log(r.min)))
  else v = r.min + u * (r.max - r.min)
  // Six significant digits keep runs.csv readable; the run uses exactly the value written.
  if (!r.integer) v = +v.toPrecision(6)
  return r.unit === undefined ? v : `${v}${r.unit}`
}

/** The parameter paths of a sweep, in column order. */
export const sweepParameters = (spec: SweepSpec): string[] => [...spec.grid.map(([p]) => p), ...(spec.random?.ranges.map(([p]) => p) ?? [])]
