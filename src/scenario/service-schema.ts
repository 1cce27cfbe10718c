/**
 * The scenario shape of `kind: Service` workloads and their load curves (zod), with units turned
 * into ms and requests/s at the boundary by the unit helpers of schema.ts (passed in, so the two
 * files do not import each other). SLO latencies must carry their unit (`250ms`), since a
 * bare 250 could be seconds or milliseconds. Cross-field rules are in service-build.ts.
 */
import * as z from 'zod'
import { describeValue } from '../framework/index.js'
import { parseDurationMs } from './quantity.js'

type Num = z.ZodType<number, string | number>
/** The unit helpers of schema.ts. */
export interface UnitSchemas {
  readonly duration: () => Num
  readonly rate: () => Num
  readonly dist: (q: () => Num, what: string) => z.ZodType
}

type Rate = number
type Ms = number
interface Noise { noise?: number | undefined; noiseStep?: Ms | undefined }
/** A load curve as parsed (rates per second, times in ms). */
type LeafCurve = Noise & (
  | { curve: 'constant'; mean: Rate }
  | { curve: 'step'; from: Rate; to: Rate; at: Ms }
  | { curve: 'ramp'; from: Rate; to: Rate; start?: Ms | undefined; duration: Ms }
  | { curve: 'diurnal' | 'sine'; mean: Rate; amplitude: Rate; period?: Ms | undefined; peakAt?: Ms | undefined }
  | { curve: 'spike' | 'burst'; base?: Rate | undefined; height: Rate; start: Ms; duration: Ms; shape?: 'square' | 'triangle' | 'decay' | undefined }
  | { curve: 'weekly'; mean: Rate; amplitude: Rate; peakAt?: Ms | undefined; weekend?: number | undefined }
  | { curve: 'piecewise'; points?: [Ms, Rate][] | undefined; file?: string | undefined; repeat?: Ms | undefined }
  | { curve: 'trace'; file: string; from?: Ms | undefined; scale?: number | undefined })
export type RawLoadCurve =
  | LeafCurve
  | { curve: 'sum'; of: RawLoadCurve[]; noise?: number | undefined; noiseStep?: number | undefined }
  | { curve: 'scale'; factor: number; of: RawLoadCurve; noise?: number | undefined; noiseStep?: number | undefined }


/** The Service workload fields, the load curve, `policies.podAutoscaler` and `metrics.pipeline`. */
export function serviceSchemas({ duration, rate, dist }: UnitSchemas) {
  const SLO_EXPECTED = 'a latency with its unit such as 250ms or 1.5s'

  /** A duration that must be written with its unit. */
  const latency = () =>
    z
      .union([z.string(), z.number()], { error: (iss) => `expected ${SLO_EXPECTED}, got ${describeValue(iss.input)}` })
      .transform((v, ctx) => {
        const r = typeof v === 'string' && /[a-z]\s*$/.test(v.trim()) ? parseDurationMs(v) : { error: `expected ${SLO_EXPECTED}, got ${describeValue(v)}` }
        if (typeof r === 'number') return r
        ctx.addIssue({ code: 'custom', message: r.error, input: v })
        return z.NEVER
      })
      .meta({ description: SLO_EXPECTED })

  const noise = { noise: z.number().nonnegative().optional().meta({ description: 'multiplicative noise: log-sd of a mean-1 lognormal factor per noiseStep' }), noiseStep: duration().optional() }

  const leafCurves = [
    z.strictObject({ curve: z.literal('constant'), mean: rate(), ...noise }),
    z.strictObject({ curve: z.literal('step'), from: rate(), to: rate(), at: duration(), ...noise }),
    z.strictObject({ curve: z.literal('ramp'), from: rate(), to: rate(), start: duration().optional(), duration: duration(), ...noise }),
    z.strictObject({ curve: z.enum(['diurnal', 'sine']), mean: rate(), amplitude: rate(), period: duration().optional(), peakAt: duration().optional(), ...noise }),
    z.strictObject({ curve: z.enum(['spike', 'burst']), base: rate().optional(), height: rate(), start: duration(), duration: duration(), shape: z.enum(['square', 'triangle', 'decay']).optional(), ...noise }),
    z.strictObject({ curve: z.literal('weekly'), mean: rate(), amplitude: rate(), peakAt: duration().optional(), weekend: z.number().nonnegative().optional(), ...noise }),
    z.strictObject({
      curve: z.literal('piecewise'),
      points: z.array(z.tuple([duration(), rate()])).min(1).optional().meta({ description: 'inline [time, rate] points' }),
      file: z.string().optional().meta({ description: 'CSV of time,rate rows (relative to the scenario file)' }),
      repeat: duration().optional(),
      ...noise,
    }),
    z.strictObject({
      curve: z.literal('trace'),
      file: z.string().meta({ description: 'CSV of time,count rows, e.g. ../shared/traces/nasa-http-1995/nasa_http_requests_per_minute.csv' }),
      from: duration().optional().meta({ description: 'start of the slice, after the first row' }),
      scale: z.number().nonnegative().optional(),
      ...noise,
    }),
  ] as const

  const loadCurve: z.ZodType<RawLoadCurve> = z.lazy(() =>
    z.discriminatedUnion('curve', [
      ...leafCurves,
      z.strictObject({ curve: z.literal('sum'), of: z.array(loadCurve).min(1), ...noise }),
      z.strictObject({ curve: z.literal('scale'), factor: z.number().nonnegative(), of: loadCurve, ...noise }),
    ]),
  ) as z.ZodType<RawLoadCurve>

  const serviceFields = {
    kind: z.literal('Service'),
    replicas: z.union([
      z.number().int().nonnegative(),
      z.strictObject({ initial: z.number().int().nonnegative().optional(), min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }),
    ]).optional(),
    serviceRate: rate().meta({ description: 'requests/s one replica serves with all its slots busy' }),
    serviceTime: dist(duration, 'a duration such as 8ms').optional(),
    concurrency: z.number().int().positive().optional(),
    startup: duration().optional(),
    terminationGracePeriod: duration().optional(),
    timeout: duration().optional(),
    load: loadCurve,
    slo: z.strictObject({ p50: latency().optional(), p95: latency().optional(), p99: latency().optional() }).optional(),
    routing: z.enum(['shared-queue', 'least-outstanding', 'round-robin', 'random']).optional(),
    latencyModel: z.enum(['analytic', 'requests']).optional(),
    autoscaler: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).optional()
      .meta({ description: 'pod autoscaler of this service: a name, or {name, ...args} (HPA fields: minReplicas, maxReplicas, metrics, behavior)' }),
  }

  /** `policies.podAutoscaler`: the default pod autoscaler of every service. */
  const podAutoscalerPolicy = z.union([z.string(), z.looseObject({ name: z.string() })])
    .meta({ description: 'pod autoscaler for services: none, hpa, target-tracking, predictive, or {name, ...args}' })

  const pipelineSchema = z.strictObject({ window: duration().optional(), delay: duration().optional() })
    .meta({ description: 'pod metrics pipeline: samples are window averages that reach autoscalers after a delay' })
  return { loadCurve, serviceFields, podAutoscalerPolicy, pipelineSchema }
}
