/**
 * predictive and its forecaster: Holt-Winters learns a clean sine within one season and then
 * forecasts it ahead; Holt's linear method follows a ramp before that; seasonal naive repeats the
 * last season; replicas are ceil(forecast / (serviceRate x target utilization)), never below what
 * the current load needs.
 */
import { describe, expect, it } from 'vitest'
import type { ServiceMetricsView } from '../../src/framework/index.js'
import { LoadForecaster, type ForecasterSpec } from './load-forecaster.js'
import { predictive, type PredictiveArgs } from './predictive.js'

const MIN = 60_000
const HOUR = 3_600_000
/** 500 +- 300 req/s over a 1 h season, peak at 15 min. */
const sine = (tMs: number) => 500 + 300 * Math.cos((2 * Math.PI * (tMs - 15 * MIN)) / HOUR)

const spec = (o: Partial<ForecasterSpec> = {}): ForecasterSpec => ({ method: 'holt-winters', bucketMs: MIN, seasonBuckets: 60, alpha: 0.3, beta: 0.01, gamma: 0.3, ...o })

/** Feeds one observation per 15 s up to `untilMs`, spread evenly over each 1-minute bucket (7.5 s, 22.5 s, ...). */
function feed(f: LoadForecaster, fromMs: number, untilMs: number, rate = sine) {
  for (let t = fromMs + 7500; t <= untilMs; t += 15_000) f.observe(t, rate(t))
}

describe('load forecaster', () => {
  it('Holt-Winters: once a season is learnt, the forecast of a clean sine 1-10 minutes ahead is within 1 req/s (amplitude 300 req/s)', () => {
    const f = new LoadForecaster(spec())
    feed(f, 0, HOUR)
    expect(f.seasonLearnt).toBe(false)
    f.observe(0, 10_000) // ignored: time does not go back
    feed(f, HOUR, 1.5 * HOUR)
    expect(f.seasonLearnt).toBe(true)
    const now = 1.5 * HOUR
    for (const aheadMin of [1, 2, 5, 10]) {
      const at = now + aheadMin * MIN
      expect(Math.abs(f.forecast(at) - sine(at))).toBeLessThan(1)
    }
  })

  it('before a season is seen, Holt linear follows a ramp of 1 req/s per minute with a trend', () => {
    const f = new LoadForecaster(spec({ alpha: 0.5, beta: 0.3 }))
    const ramp = (t: number) => 100 + t / MIN
    feed(f, 0, 40 * MIN, ramp)
    expect(f.seasonLearnt).toBe(false)
    // 10 minutes ahead of the last closed bucket's data: the trend carries it within 1 req/s.
    expect(Math.abs(f.forecast(50 * MIN) - ramp(50 * MIN))).toBeLessThan(1)
  })

  it('seasonal naive repeats the value of the same minute one season before', () => {
    const f = new LoadForecaster(spec({ method: 'seasonal-naive' }))
    const square = (t: number) => ((t % HOUR) < 30 * MIN ? 200 : 800)
    feed(f, 0, HOUR + 5 * MIN, square)
    expect(f.seasonLearnt).toBe(true)
    expect(f.forecast(HOUR + 20 * MIN)).toBeCloseTo(200, 6)
    expect(f.forecast(HOUR + 45 * MIN)).toBeCloseTo(800, 6)
  })
})

function view(offeredRps: number, sampleMs: number, specReplicas: number): ServiceMetricsView {
  return {
    service: 'web', specReplicas, minReplicas: 1, maxReplicas: 100, startupMs: 2 * MIN, serviceRatePerS: 100, sampleMs, windowMs: 30_000,
    pods: [], offeredRps, latencyMeanMs: 10, busyFraction: 0.5,
  }
}

describe('predictive', () => {
  const make = (o: Partial<PredictiveArgs> = {}) => {
    const a = { ...predictive.defaults, minReplicas: 1, maxReplicas: 100, seasonPeriodSeconds: 3600, bucketSeconds: 60, ...o }
    expect(predictive.check(a, 'at')).toEqual([])
    return predictive.create(a)
  }

  it('scales for the forecast one startup (2 min) plus one sync (1 min) ahead: ceil(forecast / (100 x 70 %))', () => {
    const p = make()
    let d = p.decide(view(sine(0), 0, 1), 0)
    // The pipeline's defaults: a 30 s window ending 15 s ago, so each sample describes t - 30 s.
    // At 1 h 50 min the load is rising (trough at 1 h 45 min): the forecast asks for more than now needs.
    const now = 110 * MIN
    for (let t = MIN; t <= now; t += MIN) d = p.decide(view(sine(t - 30_000), t - 15_000, d.replicas), t)
    const forecast = Math.max(sine(now + 2 * MIN), sine(now + 3 * MIN))
    expect(d.metric).toBe('forecast_rps')
    expect(d.target).toBe(70)
    expect(Math.abs(d.metricValue - forecast)).toBeLessThan(1)
    expect(d.proposed).toBe(Math.ceil(d.metricValue / 70))
    expect(d.proposed).toBeGreaterThan(Math.ceil(sine(now - 30_000) / 70))
  })

  it('never goes below what the current load needs when the forecast is low (a surge it did not foresee)', () => {
    const p = make()
    p.decide(view(100, 0, 2), 0)
    p.decide(view(100, MIN, 2), 2 * MIN)
    // The history says 100 req/s; now 1,400 req/s: 1,400 / 70 = 20 replicas at once.
    expect(p.decide(view(1400, 2 * MIN, 2), 3 * MIN)).toMatchObject({ replicas: 20, proposed: 20, limitedBy: 'none' })
  })

  it('keeps the highest count of the last 300 s on the way down, and holds with no metrics yet', () => {
    const p = make()
    expect(p.decide(view(NaN, -15_000, 3), 0)).toMatchObject({ replicas: 3, limitedBy: 'no-metrics' })
    expect(p.decide(view(1400, 0, 3), MIN).replicas).toBe(20)
    expect(p.decide(view(140, MIN, 20), 2 * MIN)).toMatchObject({ replicas: 20, proposed: 2, limitedBy: 'stabilization' })
    expect(p.decide(view(140, 5 * MIN, 20), 7 * MIN)).toMatchObject({ replicas: 2, limitedBy: 'none' })
  })

  it('rejects a season that is not a whole number of buckets and a utilization outside 1-100 %', () => {
    const issues = predictive.check({ ...predictive.defaults, seasonPeriodSeconds: 1000, bucketSeconds: 300, targetUtilization: 0 }, 'policies.podAutoscaler')
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'policies.podAutoscaler.seasonPeriodSeconds: expected a whole number of buckets (a multiple of bucketSeconds, 300), got 1000',
      'policies.podAutoscaler.targetUtilization: expected a whole number from 1 to 100, got 0',
    ])
  })
})
