/**
 * A forecaster of a service's request rate from its own recent history, for the `predictive` pod
 * autoscaler. Observations (window averages at given times) are averaged into fixed buckets (5
 * min by default); each closed bucket updates the model:
 *
 * - `holt-winters`: additive Holt-Winters with a season of `seasonBuckets` buckets. Until a whole
 *   season has been seen it is Holt's linear method (level and trend); at the end of the first
 *   season the seasonal terms start as that season's deviations from its mean, the level as the
 *   mean and the trend as 0, and the usual smoothing (alpha, beta, gamma) follows.
 * - `seasonal-naive`: the value one season before (the latest bucket of the same phase), with
 *   Holt's linear method as the fallback until a season has been seen.
 *
 * A forecast at time t interpolates linearly between the forecasts of the bucket centres around
 * t. Pure arithmetic on numbers handed in: no clock, no randomness.
 */

export type ForecastMethod = 'holt-winters' | 'seasonal-naive'

export interface ForecasterSpec {
  readonly method: ForecastMethod
  readonly bucketMs: number
  readonly seasonBuckets: number
  readonly alpha: number
  readonly beta: number
  readonly gamma: number
}

export class LoadForecaster {
  private readonly spec: ForecasterSpec
  /** Index of the bucket being filled, and its running sum and count. */
  private open = -1
  private sum = 0
  private count = 0
  /** Index of the last closed bucket (-1 before any). */
  private last = -1
  private closed = 0
  private level = NaN
  private trend = 0
  /** Seasonal terms (holt-winters) or the latest value per phase (seasonal-naive), by bucket index mod season. */
  private readonly season: Float64Array
  /** The first season's values, kept until Holt-Winters initialises from them. */
  private readonly first: Float64Array
  private seasonal = false

  constructor(spec: ForecasterSpec) {
    this.spec = spec
    this.season = new Float64Array(spec.seasonBuckets)
    this.first = new Float64Array(spec.seasonBuckets)
  }

  /** True once a whole season has been seen (the seasonal model is in use). */
  get seasonLearnt(): boolean {
    return this.seasonal
  }

  /** Adds an observation of the rate around `tMs` (times must not go back). */
  observe(tMs: number, value: number): void {
    const b = Math.floor(tMs / this.spec.bucketMs)
    if (b < this.open) return
    if (b > this.open && this.open >= 0 && this.count > 0) {
      const v = this.sum / this.count
      this.close(this.open, v)
      // Buckets without observations repeat the last value.
      for (let k = this.open + 1; k < b; k++) this.close(k, v)
    }
    if (b !== this.open) {
      this.open = b
      this.sum = 0
      this.count = 0
    }
    this.sum += value
    this.count++
  }

  private close(k: number, x: number): void {
    const { alpha, beta, gamma, seasonBuckets: m } = this.spec
    const phase = k % m
    this.closed++
    if (Number.isNaN(this.level)) {
      this.level = x
      this.trend = 0
    } else if (this.seasonal && this.spec.method === 'holt-winters') {
      const prev = this.level
      this.level = alpha * (x - this.season[phase]!) + (1 - alpha) * (prev + this.trend)
      this.trend = beta * (this.level - prev) + (1 - beta) * this.trend
      this.season[phase] = gamma * (x - this.level) + (1 - gamma) * this.season[phase]!
    } else {
      const prev = this.level
      this.level = alpha * x + (1 - alpha) * (prev + this.trend)
      this.trend = beta * (this.level - prev) + (1 - beta) * this.trend
    }
    this.last = k
    if (this.spec.method === 'seasonal-naive') {
      this.season[phase] = x
      if (this.closed >= m) this.seasonal = true
      return
    }
    if (!this.seasonal) {
      this.first[this.closed - 1] = x
      if (this.closed === m) this.startSeason(k)
    }
  }

  /** Holt-Winters starts from the first season: level = its mean, trend 0, seasonal = deviations. */
  private startSeason(k: number): void {
    const m = this.spec.seasonBuckets
    let mean = 0
    for (let i = 0; i < m; i++) mean += this.first[i]!
    mean /= m
    // first[i] is bucket k - m + 1 + i.
    for (let i = 0; i < m; i++) this.season[(k - m + 1 + i) % m] = this.first[i]! - mean
    this.level = mean
    this.trend = 0
    this.seasonal = true
  }

  /** Forecast of bucket `k`'s mean (NaN before the first bucket closes). */
  private bucketForecast(k: number): number {
    if (this.last < 0) return NaN
    const m = this.spec.seasonBuckets
    const ahead = k - this.last
    if (!this.seasonal) return this.level + ahead * this.trend
    const phase = ((k % m) + m) % m
    if (this.spec.method === 'seasonal-naive') return this.season[phase]!
    return this.level + ahead * this.trend + this.season[phase]!
  }

  /** The rate forecast at `tMs` (requests/s, >= 0), or NaN with no closed bucket yet. */
  forecast(tMs: number): number {
    const u = tMs / this.spec.bucketMs - 0.5
    const k = Math.floor(u)
    const f = u - k
    const v = (1 - f) * this.bucketForecast(k) + f * this.bucketForecast(k + 1)
    return Number.isNaN(v) ? NaN : Math.max(0, v)
  }
}
