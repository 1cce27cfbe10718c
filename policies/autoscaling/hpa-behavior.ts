/**
 * The HPA's normalization of a desired replica count (Kubernetes pkg/controller/podautoscaler/
 * horizontal.go): with a `behavior` section, stabilization windows over the recorded
 * recommendations and rate limits counted from the period start (scaleUp/scaleDown policies of
 * Pods and Percent, selectPolicy Max/Min/Disabled); without one, the legacy path (a 5-minute
 * downscale stabilization and a scale-up limit of max(2 x current, 4) per sync). Defaults as in
 * pkg/apis/autoscaling/v2/defaults.go. Pure functions over explicit state.
 */

export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent'
  readonly value: number
  readonly periodSeconds: number
}
export interface ScalingRules {
  /** Seconds; undefined on scale-down means the controller's downscale stabilization. */
  readonly stabilizationWindowSeconds: number | undefined
  readonly selectPolicy: 'Max' | 'Min' | 'Disabled'
  readonly policies: readonly ScalingPolicy[]
}
export interface Behavior {
  readonly scaleUp: ScalingRules
  readonly scaleDown: ScalingRules
}

/** What a scenario may write for one direction (HPA manifest field names). */
export interface RawRules {
  stabilizationWindowSeconds?: number
  selectPolicy?: 'Max' | 'Min' | 'Disabled'
  policies?: ScalingPolicy[]
}

/** autoscaling/v2 defaults: filled in for both directions as soon as `behavior` is present. */
export function defaultBehavior(raw: { scaleUp?: RawRules | undefined; scaleDown?: RawRules | undefined }): Behavior {
  return {
    scaleUp: {
      stabilizationWindowSeconds: raw.scaleUp?.stabilizationWindowSeconds ?? 0,
      selectPolicy: raw.scaleUp?.selectPolicy ?? 'Max',
      policies: raw.scaleUp?.policies?.length ? raw.scaleUp.policies : [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
    },
    scaleDown: {
      stabilizationWindowSeconds: raw.scaleDown?.stabilizationWindowSeconds,
      selectPolicy: raw.scaleDown?.selectPolicy ?? 'Max',
      policies: raw.scaleDown?.policies?.length ? raw.scaleDown.policies : [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    },
  }
}

export interface TimedValue {
  readonly value: number
  readonly atMs: number
}

/** Sum of the replica changes of events strictly after nowMs - period. */
export function changeInPeriod(periodSeconds: number, events: readonly TimedValue[], nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000
  let s = 0
  for (const e of events) if (e.atMs > cutoff) s += e.value
  return s
}

export function scaleUpLimit(current: number, up: readonly TimedValue[], down: readonly TimedValue[], rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current
  let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity
  for (const p of rules.policies) {
    const start = current - changeInPeriod(p.periodSeconds, up, nowMs) + changeInPeriod(p.periodSeconds, down, nowMs)
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100))
    result = rules.selectPolicy === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed)
  }
  return result
}

export function scaleDownLimit(current: number, up: readonly TimedValue[], down: readonly TimedValue[], rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current
  let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity
  for (const p of rules.policies) {
    const start = current - changeInPeriod(p.periodSeconds, up, nowMs) + changeInPeriod(p.periodSeconds, down, nowMs)
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100))
    result = rules.selectPolicy === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed)
  }
  return result
}

export type Condition = 'DesiredWithinRange' | 'ScaleUpLimit' | 'TooManyReplicas' | 'ScaleDownLimit' | 'TooFewReplicas'

export interface RateResult {
  readonly replicas: number
  readonly condition: Condition
  /** The bound in the direction of the change and what it is (reached when desired >= it going up, <= going down). */
  readonly bound: number
  readonly boundCondition: Condition | undefined
}

/** convertDesiredReplicasWithBehaviorRate: clamps desired into the rate-limited [min, max]. */
export function behaviorRate(current: number, desired: number, min: number, max: number, up: readonly TimedValue[], down: readonly TimedValue[], b: Behavior, nowMs: number): RateResult {
  if (desired > current) {
    const limit = Math.max(current, scaleUpLimit(current, up, down, b.scaleUp, nowMs))
    const [bound, cond]: [number, Condition] = max > limit ? [limit, 'ScaleUpLimit'] : [max, 'TooManyReplicas']
    return desired > bound ? { replicas: bound, condition: cond, bound, boundCondition: cond } : { replicas: desired, condition: 'DesiredWithinRange', bound, boundCondition: cond }
  }
  if (desired < current) {
    const limit = Math.min(current, scaleDownLimit(current, up, down, b.scaleDown, nowMs))
    const [bound, cond]: [number, Condition] = min < limit ? [limit, 'ScaleDownLimit'] : [min, 'TooFewReplicas']
    return desired < bound ? { replicas: bound, condition: cond, bound, boundCondition: cond } : { replicas: desired, condition: 'DesiredWithinRange', bound, boundCondition: cond }
  }
  return { replicas: desired, condition: 'DesiredWithinRange', bound: desired, boundCondition: undefined }
}

/** stabilizeRecommendationWithBehaviors: current, raised to the lowest recent up-window value, lowered to the highest recent down-window value. */
export function stabilizeWithBehavior(current: number, desired: number, recs: readonly TimedValue[], upWindowS: number, downWindowS: number, nowMs: number): number {
  let up = desired
  let down = desired
  for (const r of recs) {
    if (r.atMs > nowMs - upWindowS * 1000) up = Math.min(up, r.value)
    if (r.atMs > nowMs - downWindowS * 1000) down = Math.max(down, r.value)
  }
  let result = current
  if (result < up) result = up
  if (result > down) result = down
  return result
}

/** Legacy stabilizeRecommendation: the highest recommendation of the window, the new one included. */
export function stabilizeLegacy(desired: number, recs: readonly TimedValue[], windowS: number, nowMs: number): number {
  let m = desired
  for (const r of recs) if (r.atMs > nowMs - windowS * 1000) m = Math.max(m, r.value)
  return m
}

/** Legacy convertDesiredReplicasWithRules: scale-up limited to max(2 x current, 4) per sync. */
export function legacyRules(current: number, desired: number, min: number, max: number): RateResult {
  const upLimit = Math.max(2 * current, 4)
  const [bound, cond]: [number, Condition] = max > upLimit ? [upLimit, 'ScaleUpLimit'] : [max, 'TooManyReplicas']
  if (desired < min) return { replicas: min, condition: 'TooFewReplicas', bound: min, boundCondition: 'TooFewReplicas' }
  if (desired > bound) return { replicas: bound, condition: cond, bound, boundCondition: cond }
  return { replicas: desired, condition: 'DesiredWithinRange', bound: desired > current ? bound : min, boundCondition: desired > current ? cond : desired < current ? 'TooFewReplicas' : undefined }
}
