/**
 * From a parsed `kind: Service` entry to a ServiceWorkload: replica bounds, service time, SLO,
 * the load curve (with CSV files read through the `readFile` the caller passes in, since only
 * cli/ and the public API touch files), and the pod autoscaler resolved and checked against the
 * registry. Every problem becomes an issue naming the field (or the file and line).
 */
import type { DistSpec } from '../engine/index.js'
import { describeValue, podAutoscalersOf, type Issue, type Registry } from '../framework/index.js'
import { parseCurveCsv, traceRates, type LoadCurveSpec, type RequestSpec, type ServiceWorkload } from '../workload/index.js'
import { durationText } from './quantity.js'
import type { RawLoadCurve } from './service-schema.js'

const DAY_MS = 86_400_000
const DEFAULT_NOISE_STEP_MS = 60_000

/** What a service entry looks like once its shape is checked (the Service fields of the schema). */
export interface RawService {
  readonly kind: 'Service'
  readonly name: string
  readonly replicas?: number | { initial?: number | undefined; min?: number | undefined; max?: number | undefined } | undefined
  readonly serviceRate: number
  readonly serviceTime?: unknown
  readonly concurrency?: number | undefined
  readonly startup?: number | undefined
  readonly terminationGracePeriod?: number | undefined
  readonly timeout?: number | undefined
  readonly load: RawLoadCurve
  readonly slo?: { p50?: number | undefined; p95?: number | undefined; p99?: number | undefined } | undefined
  readonly routing?: ServiceWorkload['routing'] | undefined
  readonly latencyModel?: ServiceWorkload['latencyModel'] | undefined
  readonly autoscaler?: string | { name?: string | undefined; [k: string]: unknown } | undefined
}

export interface ServiceBuildContext {
  readonly reg: Registry
  readonly durationMs: number
  /** Reads a file named in the scenario (relative to it); undefined when files cannot be read here. */
  readonly readFile: ((path: string) => string) | undefined
  /** `policies.podAutoscaler` (or --pod-autoscaler), the default of every service. */
  readonly defaultAutoscaler: string | { name: string; [k: string]: unknown } | undefined
  /** Where the default came from, for messages. */
  readonly defaultAt: string
  /** --pod-autoscaler: replaces every service's autoscaler name (args it does not take are dropped). */
  readonly overrideName: string | undefined
}

export function buildService(
  w: RawService, app: number, requests: RequestSpec, serviceTime: DistSpec | undefined, ctx: ServiceBuildContext, issues: Issue[],
): ServiceWorkload {
  const at = `workloads[${app}]`
  const r = typeof w.replicas === 'number' ? { initial: w.replicas } : (w.replicas ?? {})
  const initial = r.initial ?? r.min ?? 1
  const min = r.min ?? Math.min(1, initial)
  const max = r.max ?? Math.max(initial, min)
  if (min > max) issues.push({ path: `${at}.replicas.max`, message: `expected a number >= min (${min}), got ${max}` })
  else if (initial < min || initial > max) issues.push({ path: `${at}.replicas.initial`, message: `expected a number from min to max (${min} to ${max}), got ${initial}` })
  if (w.serviceRate <= 0) issues.push({ path: `${at}.serviceRate`, message: `expected a rate > 0, got ${w.serviceRate}` })
  const concurrency = w.concurrency ?? 1
  const meanMs = (1000 * concurrency) / Math.max(w.serviceRate, 1e-9)
  const slo = { p50Ms: w.slo?.p50 ?? NaN, p95Ms: w.slo?.p95 ?? NaN, p99Ms: w.slo?.p99 ?? NaN }
  for (const k of ['p50', 'p95', 'p99'] as const) {
    const v = w.slo?.[k]
    if (v !== undefined && v <= 0) issues.push({ path: `${at}.slo.${k}`, message: `expected a latency > 0, got ${durationText(v)}` })
  }
  const timeoutMs = w.timeout ?? 30_000
  if (timeoutMs <= 0) issues.push({ path: `${at}.timeout`, message: `expected a duration > 0, got ${durationText(timeoutMs)}` })
  return {
    kind: 'Service', app, initialReplicas: initial, minReplicas: min, maxReplicas: max, requests,
    serviceRatePerS: w.serviceRate,
    serviceTimeMs: serviceTime ?? { dist: 'exponential', mean: meanMs },
    concurrency,
    startupMs: w.startup ?? 0,
    terminationGraceMs: w.terminationGracePeriod ?? 30_000,
    timeoutMs,
    slo,
    routing: w.routing ?? 'shared-queue',
    latencyModel: w.latencyModel ?? 'analytic',
    load: loadCurveSpec(w.load, `${at}.load`, ctx, issues),
    autoscaler: autoscalerOf(w, at, ctx, issues),
  }
}

function autoscalerOf(w: RawService, at: string, ctx: ServiceBuildContext, issues: Issue[]): ServiceWorkload['autoscaler'] {
  const own = w.autoscaler
  const raw = own ?? ctx.defaultAutoscaler
  const where = own !== undefined ? `${at}.autoscaler` : ctx.defaultAt
  if (raw === undefined && ctx.overrideName === undefined) return undefined
  const { name: written, ...args } = typeof raw === 'string' ? { name: raw } : (raw ?? { name: undefined })
  const name = ctx.overrideName ?? written ?? 'hpa'
  if (name === 'none') return undefined
  const modules = podAutoscalersOf(ctx.reg)
  const m = modules.get(name)
  const nameAt = ctx.overrideName !== undefined ? '--pod-autoscaler' : typeof raw === 'string' ? where : `${where}.name`
  if (!m) {
    issues.push({ path: nameAt, message: `expected a pod autoscaler (none, ${[...modules.keys()].join(', ')}), got ${describeValue(name)}` })
    return undefined
  }
  const known = Object.keys(m.defaults)
  const given: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(args)) {
    if (known.includes(k)) given[k] = v
    // With --pod-autoscaler, args meant for another policy are dropped rather than reported.
    else if (ctx.overrideName === undefined || ctx.overrideName === written) issues.push({ path: `${where}.${k}`, message: `unknown argument; known: ${known.join(', ')}` })
  }
  // Replica bounds default to the service's own.
  const bounds: Record<string, unknown> = {}
  if ('minReplicas' in m.defaults && given.minReplicas === undefined) bounds.minReplicas = replicaBound(w, 'min')
  if ('maxReplicas' in m.defaults && given.maxReplicas === undefined) bounds.maxReplicas = replicaBound(w, 'max')
  const merged = { ...m.defaults, ...bounds, ...given }
  issues.push(...m.check(merged, where))
  return { name, args: merged }
}

function replicaBound(w: RawService, which: 'min' | 'max'): number {
  const r = typeof w.replicas === 'number' ? { initial: w.replicas } : (w.replicas ?? {})
  const initial = r.initial ?? r.min ?? 1
  return which === 'min' ? (r.min ?? Math.min(1, initial)) : (r.max ?? Math.max(initial, r.min ?? 1))
}

function loadCurveSpec(c: RawLoadCurve, at: string, ctx: ServiceBuildContext, issues: Issue[]): LoadCurveSpec {
  const inner = leaf(c, at, ctx, issues)
  if (c.noise === undefined || c.noise === 0) return inner
  const stepMs = c.noiseStep ?? DEFAULT_NOISE_STEP_MS
  if (stepMs <= 0) issues.push({ path: `${at}.noiseStep`, message: `expected a duration > 0, got ${durationText(stepMs)}` })
  return { curve: 'noise', sigma: c.noise, stepMs: Math.max(1, stepMs), of: inner }
}

function leaf(c: RawLoadCurve, at: string, ctx: ServiceBuildContext, issues: Issue[]): LoadCurveSpec {
  const positive = (v: number, field: string) => { if (v <= 0) issues.push({ path: `${at}.${field}`, message: `expected a duration > 0, got ${durationText(v)}` }) }
  switch (c.curve) {
    case 'constant': return { curve: 'constant', ratePerS: c.mean }
    case 'step': return { curve: 'step', fromPerS: c.from, toPerS: c.to, atMs: c.at }
    case 'ramp':
      positive(c.duration, 'duration')
      return { curve: 'ramp', fromPerS: c.from, toPerS: c.to, startMs: c.start ?? 0, durationMs: Math.max(1, c.duration) }
    case 'diurnal':
    case 'sine': {
      const periodMs = c.period ?? DAY_MS
      positive(periodMs, 'period')
      if (c.amplitude > c.mean) issues.push({ path: `${at}.amplitude`, message: `expected a rate <= mean (${c.mean}/s) so the rate stays >= 0, got ${c.amplitude}/s` })
      return { curve: 'diurnal', meanPerS: c.mean, amplitudePerS: c.amplitude, periodMs: Math.max(1, periodMs), peakAtMs: c.peakAt ?? periodMs / 2 }
    }
    case 'spike':
    case 'burst':
      positive(c.duration, 'duration')
      return { curve: 'spike', basePerS: c.base ?? 0, heightPerS: c.height, startMs: c.start, durationMs: Math.max(1, c.duration), shape: c.shape ?? 'square' }
    case 'weekly':
      return { curve: 'weekly', meanPerS: c.mean, amplitudePerS: c.amplitude, peakAtMs: c.peakAt ?? DAY_MS / 2, weekendFactor: c.weekend ?? 1 }
    case 'piecewise': {
      const pts = c.file !== undefined ? readPoints(c.file, `${at}.file`, 'rate', ctx, issues) : c.points
      if (c.file !== undefined && c.points !== undefined) issues.push({ path: `${at}.points`, message: 'give either points or file, not both' })
      if (!pts) {
        if (c.file === undefined) issues.push({ path: `${at}.points`, message: 'expected points ([[time, rate], ...]) or file, got neither' })
        return { curve: 'constant', ratePerS: 0 }
      }
      for (let i = 1; i < pts.length; i++) {
        if (c.file === undefined && pts[i]![0] <= pts[i - 1]![0]) issues.push({ path: `${at}.points[${i}]`, message: `expected times in increasing order, got ${durationText(pts[i]![0])} after ${durationText(pts[i - 1]![0])}` })
      }
      return { curve: 'piecewise', timesMs: pts.map((p) => p[0]), ratesPerS: pts.map((p) => p[1]), repeatMs: c.repeat ?? 0 }
    }
    case 'trace': {
      const pts = readPoints(c.file, `${at}.file`, 'count', ctx, issues)
      if (!pts) return { curve: 'constant', ratePerS: 0 }
      const from = c.from ?? 0
      const { bucketMs, ratesPerS } = traceRates({ timesMs: pts.map((p) => p[0]), values: pts.map((p) => p[1]) }, from, from + ctx.durationMs)
      const scale = c.scale ?? 1
      return { curve: 'trace', bucketMs, ratesPerS: scale === 1 ? ratesPerS : ratesPerS.map((x) => x * scale) }
    }
    case 'sum': return { curve: 'sum', of: c.of.map((x, i) => loadCurveSpec(x, `${at}.of[${i}]`, ctx, issues)) }
    case 'scale': return { curve: 'scale', factor: c.factor, of: loadCurveSpec(c.of, `${at}.of`, ctx, issues) }
  }
}

function readPoints(file: string, at: string, valueName: string, ctx: ServiceBuildContext, issues: Issue[]): [number, number][] | undefined {
  if (!ctx.readFile) {
    issues.push({ path: at, message: `cannot read ${describeValue(file)} here: load the scenario from a file (fleetsim run) to use load-curve files` })
    return undefined
  }
  let text: string
  try {
    text = ctx.readFile(file)
  } catch (e) {
    const code = (e as { code?: string }).code
    issues.push({ path: at, message: `expected a readable CSV file, got ${describeValue(file)} (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})` })
    return undefined
  }
  const parsed = parseCurveCsv(text, file, valueName)
  if (Array.isArray(parsed)) {
    issues.push(...parsed)
    return undefined
  }
  return parsed.timesMs.map((t, i) => [t, parsed.values[i]!])
}
