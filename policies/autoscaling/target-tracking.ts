/**
 * `target-tracking`: a cloud-style target tracker, modelled on AWS Application Auto Scaling's
 * target tracking policies. It keeps one metric (CPU utilization %, requests/s per replica or mean
 * latency) at a target value. Each evaluation (60 s, as CloudWatch's one-minute datapoints) it
 * asks for capacity proportional to metric / target over the replicas that produced the metric:
 * `ceil(ready x metric / target)`.
 *
 * As the alarms AWS creates for such a policy, scale-out needs the metric above the target for
 * `scaleOutEvaluationPeriods` evaluations in a row (3), scale-in needs it below
 * `scaleInThreshold x target` (0.9) for `scaleInEvaluationPeriods` in a row (15): scale-in is the
 * more conservative direction. Cooldowns (300 s each by default): after a scale-out, no further
 * scale-out for `scaleOutCooldownSeconds`; after a scale-in, no further scale-in for
 * `scaleInCooldownSeconds`, while a scale-out may still happen at once (AWS:
 * "if another alarm triggers a scale out policy during the cooldown period after a scale-in, ...
 * scales out your scalable target immediately"); scale-in also waits out a scale-out's cooldown
 * (our choice, so a fresh scale-out is not undone before its replicas have been measured).
 *
 * It does not model CloudWatch's alarm evaluation delays beyond the metrics pipeline's own lag,
 * nor step scaling.
 */
import { describeValue, intInRange, oneOf, positive, type Issue, type LimitedBy, type PodAutoscaler, type PodAutoscalerModule, type PodScaleDecision, type ServiceMetricsView } from '../../src/framework/index.js'

const METRICS = ['cpu', 'rps', 'latency_ms'] as const
type Metric = (typeof METRICS)[number]

export interface TargetTrackingArgs {
  minReplicas: number
  maxReplicas: number
  /** cpu: mean utilization of the ready replicas (%); rps: requests/s per ready replica; latency_ms: mean response time. */
  metric: Metric
  targetValue: number
  scaleOutCooldownSeconds: number
  scaleInCooldownSeconds: number
  scaleOutEvaluationPeriods: number
  scaleInEvaluationPeriods: number
  /** Scale-in alarm threshold as a fraction of the target. */
  scaleInThreshold: number
  disableScaleIn: boolean
  syncPeriodSeconds: number
}

export const targetTracking: PodAutoscalerModule<TargetTrackingArgs> = {
  name: 'target-tracking',
  defaults: {
    minReplicas: 1, maxReplicas: 10, metric: 'cpu', targetValue: 60,
    scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 300, scaleOutEvaluationPeriods: 3, scaleInEvaluationPeriods: 15,
    scaleInThreshold: 0.9, disableScaleIn: false, syncPeriodSeconds: 60,
  },
  check: (a, at) => {
    const issues: Issue[] = [...intInRange(a.minReplicas, 0, 1_000_000, `${at}.minReplicas`)]
    if (!(Number.isInteger(a.maxReplicas) && a.maxReplicas >= 1)) issues.push({ path: `${at}.maxReplicas`, message: `expected a whole number >= 1, got ${describeValue(a.maxReplicas)}` })
    else if (Number.isInteger(a.minReplicas) && a.minReplicas > a.maxReplicas) issues.push({ path: `${at}.maxReplicas`, message: `expected a number >= minReplicas (${a.minReplicas}), got ${a.maxReplicas}` })
    issues.push(...oneOf(a.metric, METRICS, `${at}.metric`))
    if (a.metric === 'cpu') {
      if (!(typeof a.targetValue === 'number' && a.targetValue >= 1 && a.targetValue <= 100)) issues.push({ path: `${at}.targetValue`, message: `expected a CPU utilization percent from 1 to 100, got ${describeValue(a.targetValue)}` })
    } else issues.push(...positive(a.targetValue, `${at}.targetValue`))
    issues.push(...intInRange(a.scaleOutCooldownSeconds, 0, 86_400, `${at}.scaleOutCooldownSeconds`))
    issues.push(...intInRange(a.scaleInCooldownSeconds, 0, 86_400, `${at}.scaleInCooldownSeconds`))
    issues.push(...intInRange(a.scaleOutEvaluationPeriods, 1, 1440, `${at}.scaleOutEvaluationPeriods`))
    issues.push(...intInRange(a.scaleInEvaluationPeriods, 1, 1440, `${at}.scaleInEvaluationPeriods`))
    if (!(typeof a.scaleInThreshold === 'number' && a.scaleInThreshold > 0 && a.scaleInThreshold <= 1)) issues.push({ path: `${at}.scaleInThreshold`, message: `expected a fraction of the target above 0 and at most 1, got ${describeValue(a.scaleInThreshold)}` })
    if (typeof a.disableScaleIn !== 'boolean') issues.push({ path: `${at}.disableScaleIn`, message: `expected true or false, got ${describeValue(a.disableScaleIn)}` })
    issues.push(...intInRange(a.syncPeriodSeconds, 1, 3600, `${at}.syncPeriodSeconds`))
    return issues
  },
  create: (a) => new TargetTracker(a),
}

/** Replicas that produced the window's metric: running, ready and not being deleted. */
export function readyReplicas(v: ServiceMetricsView): number {
  let n = 0
  for (const p of v.pods) if (p.phase === 'Running' && !p.deleting && !Number.isNaN(p.readyMs)) n++
  return n
}

/** The tracked metric of the view, or NaN when the pipeline has none yet. */
function metricOf(metric: Metric, v: ServiceMetricsView, ready: number): number {
  switch (metric) {
    case 'cpu': return v.busyFraction * 100
    case 'rps': return ready > 0 ? v.offeredRps / ready : NaN
    case 'latency_ms': return v.latencyMeanMs
  }
}

class TargetTracker implements PodAutoscaler {
  readonly name = 'target-tracking'
  readonly syncPeriodMs: number
  private readonly a: TargetTrackingArgs
  /** Consecutive evaluations above the target / below the scale-in threshold. */
  private above = 0
  private below = 0
  private lastOutMs = -Infinity
  private lastInMs = -Infinity

  constructor(a: TargetTrackingArgs) {
    this.a = a
    this.syncPeriodMs = a.syncPeriodSeconds * 1000
  }

  decide(v: ServiceMetricsView, now: number): PodScaleDecision {
    const a = this.a
    const current = v.specReplicas
    const ready = readyReplicas(v)
    const value = metricOf(a.metric, v, ready)
    const decision = (replicas: number, proposed: number, limitedBy: LimitedBy): PodScaleDecision =>
      ({ replicas, proposed, metric: a.metric, metricValue: value, target: a.targetValue, limitedBy })
    if (current > a.maxReplicas) return decision(a.maxReplicas, current, 'max')
    if (current < a.minReplicas) return decision(a.minReplicas, current, 'min')
    if (Number.isNaN(value) || ready === 0) {
      this.above = 0
      this.below = 0
      return decision(current, current, 'no-metrics')
    }
    this.above = value > a.targetValue ? this.above + 1 : 0
    this.below = value < a.scaleInThreshold * a.targetValue ? this.below + 1 : 0
    const proposed = Math.max(0, Math.ceil((ready * value) / a.targetValue - 1e-9))
    const clamped = Math.min(a.maxReplicas, Math.max(a.minReplicas, proposed))
    if (proposed > current) {
      if (this.above < a.scaleOutEvaluationPeriods) return decision(current, proposed, 'tolerance')
      if (now - this.lastOutMs < a.scaleOutCooldownSeconds * 1000) return decision(current, proposed, 'cooldown')
      if (clamped <= current) return decision(current, proposed, 'max')
      this.lastOutMs = now
      return decision(clamped, proposed, clamped < proposed ? 'max' : 'none')
    }
    if (proposed < current) {
      if (a.disableScaleIn || this.below < a.scaleInEvaluationPeriods) return decision(current, proposed, 'tolerance')
      if (now - this.lastInMs < a.scaleInCooldownSeconds * 1000 || now - this.lastOutMs < a.scaleOutCooldownSeconds * 1000) return decision(current, proposed, 'cooldown')
      if (clamped >= current) return decision(current, proposed, 'min')
      this.lastInMs = now
      this.below = 0
      return decision(clamped, proposed, clamped > proposed ? 'min' : 'none')
    }
    return decision(current, proposed, 'none')
  }
}
