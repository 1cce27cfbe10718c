/**
 * `predictive`: scales a service for the load it will have when new replicas are ready. Every sync
 * (60 s) it feeds the service's offered load (the pipeline's window average) to a forecaster
 * (load-forecaster.ts: additive Holt-Winters with a daily season by default, Holt's linear method
 * until a season has been seen, or seasonal naive), forecasts the rate one startup delay ahead
 * (and one sync period further, when the next decision's replicas would be ready), and asks for
 *
 *   replicas = ceil(forecast rps / (serviceRate x targetUtilization))
 *
 * never below what the current load needs at that utilization (a forecast that misses a surge
 * does not hold capacity back), clamped to min/max. Scale-down keeps the highest count asked for
 * over `scaleDownStabilizationSeconds` (300 s), as the HPA does, so noise does not churn replicas.
 *
 * autoscaler.csv: metric `forecast_rps` (the larger forecast of the two instants), target the
 * requests/s per replica at the target utilization.
 */
import { describeValue, intInRange, oneOf, type Issue, type LimitedBy, type PodAutoscaler, type PodAutoscalerModule, type PodScaleDecision, type ServiceMetricsView } from '../../src/framework/index.js'
import { LoadForecaster, type ForecastMethod } from './load-forecaster.js'

const METHODS = ['holt-winters', 'seasonal-naive'] as const satisfies readonly ForecastMethod[]

export interface PredictiveArgs {
  minReplicas: number
  maxReplicas: number
  method: ForecastMethod
  /** Length of the season (a day by default); a whole number of buckets. */
  seasonPeriodSeconds: number
  /** Observations are averaged per bucket; each closed bucket updates the model. */
  bucketSeconds: number
  alpha: number
  beta: number
  gamma: number
  /** Utilization (% of serviceRate) a replica is planned at. */
  targetUtilization: number
  scaleDownStabilizationSeconds: number
  syncPeriodSeconds: number
}

const fraction = (v: unknown, at: string): Issue[] =>
  typeof v === 'number' && v >= 0 && v <= 1 ? [] : [{ path: at, message: `expected a smoothing factor from 0 to 1, got ${describeValue(v)}` }]

export const predictive: PodAutoscalerModule<PredictiveArgs> = {
  name: 'predictive',
  defaults: {
    minReplicas: 1, maxReplicas: 10, method: 'holt-winters', seasonPeriodSeconds: 86_400, bucketSeconds: 300,
    alpha: 0.5, beta: 0.2, gamma: 0.3, targetUtilization: 70, scaleDownStabilizationSeconds: 300, syncPeriodSeconds: 60,
  },
  check: (a, at) => {
    const issues: Issue[] = [...intInRange(a.minReplicas, 0, 1_000_000, `${at}.minReplicas`)]
    if (!(Number.isInteger(a.maxReplicas) && a.maxReplicas >= 1)) issues.push({ path: `${at}.maxReplicas`, message: `expected a whole number >= 1, got ${describeValue(a.maxReplicas)}` })
    else if (Number.isInteger(a.minReplicas) && a.minReplicas > a.maxReplicas) issues.push({ path: `${at}.maxReplicas`, message: `expected a number >= minReplicas (${a.minReplicas}), got ${a.maxReplicas}` })
    issues.push(...oneOf(a.method, METHODS, `${at}.method`))
    issues.push(...intInRange(a.bucketSeconds, 1, 86_400, `${at}.bucketSeconds`))
    issues.push(...intInRange(a.seasonPeriodSeconds, 60, 31 * 86_400, `${at}.seasonPeriodSeconds`))
    if (Number.isInteger(a.bucketSeconds) && a.bucketSeconds > 0 && Number.isInteger(a.seasonPeriodSeconds) && a.seasonPeriodSeconds % a.bucketSeconds !== 0) {
      issues.push({ path: `${at}.seasonPeriodSeconds`, message: `expected a whole number of buckets (a multiple of bucketSeconds, ${a.bucketSeconds}), got ${a.seasonPeriodSeconds}` })
    }
    issues.push(...fraction(a.alpha, `${at}.alpha`), ...fraction(a.beta, `${at}.beta`), ...fraction(a.gamma, `${at}.gamma`))
    issues.push(...intInRange(a.targetUtilization, 1, 100, `${at}.targetUtilization`))
    issues.push(...intInRange(a.scaleDownStabilizationSeconds, 0, 86_400, `${at}.scaleDownStabilizationSeconds`))
    issues.push(...intInRange(a.syncPeriodSeconds, 1, 3600, `${at}.syncPeriodSeconds`))
    return issues
  },
  create: (a) => new Predictive(a),
}

class Predictive implements PodAutoscaler {
  readonly name = 'predictive'
  readonly syncPeriodMs: number
  readonly forecaster: LoadForecaster
  private readonly a: PredictiveArgs
  /** Recent wanted counts (time, replicas), for scale-down stabilization. */
  private recent: { atMs: number; replicas: number }[] = []

  constructor(a: PredictiveArgs) {
    this.a = a
    this.syncPeriodMs = a.syncPeriodSeconds * 1000
    this.forecaster = new LoadForecaster({
      method: a.method, bucketMs: a.bucketSeconds * 1000, seasonBuckets: Math.max(1, Math.round(a.seasonPeriodSeconds / a.bucketSeconds)),
      alpha: a.alpha, beta: a.beta, gamma: a.gamma,
    })
  }

  decide(v: ServiceMetricsView, now: number): PodScaleDecision {
    const a = this.a
    const current = v.specReplicas
    const perReplica = v.serviceRatePerS * (a.targetUtilization / 100)
    // The window average describes the middle of its window.
    if (!Number.isNaN(v.offeredRps)) this.forecaster.observe(v.sampleMs - v.windowMs / 2, v.offeredRps)
    const readyAt = now + v.startupMs
    const forecast = Math.max(this.forecaster.forecast(readyAt), this.forecaster.forecast(readyAt + this.syncPeriodMs))
    const decision = (replicas: number, proposed: number, limitedBy: LimitedBy): PodScaleDecision =>
      ({ replicas, proposed, metric: 'forecast_rps', metricValue: forecast, target: perReplica, limitedBy })
    if (current > a.maxReplicas) return decision(a.maxReplicas, current, 'max')
    if (current < a.minReplicas) return decision(a.minReplicas, current, 'min')
    if (Number.isNaN(v.offeredRps)) return decision(current, current, 'no-metrics')
    const need = (rps: number) => Math.ceil(rps / perReplica - 1e-9)
    const proposed = Math.max(Number.isNaN(forecast) ? 0 : need(forecast), need(v.offeredRps))
    const clamped = Math.min(a.maxReplicas, Math.max(a.minReplicas, proposed))
    const windowMs = a.scaleDownStabilizationSeconds * 1000
    this.recent = this.recent.filter((r) => r.atMs > now - windowMs)
    this.recent.push({ atMs: now, replicas: clamped })
    let stabilized = clamped
    if (clamped < current) for (const r of this.recent) stabilized = Math.max(stabilized, r.replicas)
    stabilized = Math.min(stabilized, current > clamped ? current : stabilized)
    const limitedBy: LimitedBy = stabilized !== clamped ? 'stabilization' : clamped > proposed ? 'min' : clamped < proposed ? 'max' : 'none'
    return decision(stabilized, proposed, limitedBy)
  }
}
