/**
 * `hpa`: the Kubernetes HorizontalPodAutoscaler (autoscaling/v2). Every sync (15 s) it computes a
 * proposal per metric (CPU utilization, requests/s per pod, latency as an object value) from the
 * pipeline's samples, takes the largest, then normalizes it: with a `behavior` section by
 * stabilization windows and rate-limit policies (defaults filled in as autoscaling/v2 does),
 * without one by upstream's legacy path. Args use the HPA manifest's field names.
 */
import { describeValue, intInRange, type Issue, type LimitedBy, type PodAutoscaler, type PodAutoscalerModule, type PodScaleDecision, type ReplicaStatus, type ServiceMetricsView } from '../../src/framework/index.js'
import { behaviorRate, defaultBehavior, legacyRules, stabilizeLegacy, stabilizeWithBehavior, type Behavior, type RateResult, type RawRules, type TimedValue } from './hpa-behavior.js'
import { objectValueReplicas, podsAverageReplicas, resourceUtilizationReplicas, type CalcConfig, type MetricProposal } from './hpa-replicas.js'

/** One entry of `metrics`, as in an HPA manifest (the metric names this simulator provides). */
export type HpaMetric =
  | { type: 'Resource'; resource: { name: 'cpu'; target: { type: 'Utilization'; averageUtilization: number } } }
  | { type: 'Pods'; pods: { metric: { name: 'requests_per_second' }; target: { type: 'AverageValue'; averageValue: number } } }
  | { type: 'Object'; object: { metric: { name: 'latency_ms' }; target: { type: 'Value'; value: number } } }

export interface HpaArgs {
  minReplicas: number
  maxReplicas: number
  metrics: HpaMetric[] | undefined
  /** Shorthand for one Resource cpu Utilization metric (used when `metrics` is absent). */
  targetCpuUtilization: number
  behavior: { scaleUp?: RawRules; scaleDown?: RawRules } | undefined
  syncPeriodSeconds: number
  tolerance: number
  cpuInitializationPeriodSeconds: number
  initialReadinessDelaySeconds: number
  downscaleStabilizationSeconds: number
}

const METRIC_NAMES = { Resource: 'cpu', Pods: 'requests_per_second', Object: 'latency_ms' } as const
const cpuUsageOf = (p: ReplicaStatus): number | undefined => p.cpuUsageMilli
const rpsOf = (p: ReplicaStatus): number | undefined => p.rps

function checkMetric(m: unknown, at: string): Issue[] {
  const bad = (path: string, want: string, got: unknown): Issue[] => [{ path: `${at}${path}`, message: `expected ${want}, got ${describeValue(got)}` }]
  if (typeof m !== 'object' || m === null) return bad('', 'a metric {type: Resource|Pods|Object, ...}', m)
  const x = m as Record<string, any>
  switch (x.type) {
    case 'Resource': {
      if (x.resource?.name !== 'cpu') return bad('.resource.name', 'cpu', x.resource?.name)
      if (x.resource?.target?.type !== 'Utilization') return bad('.resource.target.type', 'Utilization', x.resource?.target?.type)
      const u = x.resource.target.averageUtilization
      return typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= 100 ? [] : bad('.resource.target.averageUtilization', 'a whole percent from 1 to 100', u)
    }
    case 'Pods': {
      if (x.pods?.metric?.name !== 'requests_per_second') return bad('.pods.metric.name', 'requests_per_second', x.pods?.metric?.name)
      if (x.pods?.target?.type !== 'AverageValue') return bad('.pods.target.type', 'AverageValue', x.pods?.target?.type)
      const v = x.pods.target.averageValue
      return typeof v === 'number' && v > 0 ? [] : bad('.pods.target.averageValue', 'a number > 0 (requests/s per pod)', v)
    }
    case 'Object': {
      if (x.object?.metric?.name !== 'latency_ms') return bad('.object.metric.name', 'latency_ms', x.object?.metric?.name)
      if (x.object?.target?.type !== 'Value') return bad('.object.target.type', 'Value', x.object?.target?.type)
      const v = x.object.target.value
      return typeof v === 'number' && v > 0 ? [] : bad('.object.target.value', 'a number > 0 (mean latency in ms)', v)
    }
    default: return bad('.type', 'Resource, Pods or Object', x.type)
  }
}

function checkRules(r: unknown, at: string): Issue[] {
  if (r === undefined) return []
  if (typeof r !== 'object' || r === null) return [{ path: at, message: `expected {stabilizationWindowSeconds, selectPolicy, policies}, got ${describeValue(r)}` }]
  const x = r as Record<string, any>
  const issues: Issue[] = []
  for (const k of Object.keys(x)) if (!['stabilizationWindowSeconds', 'selectPolicy', 'policies', 'tolerance'].includes(k)) issues.push({ path: `${at}.${k}`, message: 'unknown key; known: stabilizationWindowSeconds, selectPolicy, policies' })
  if (x.stabilizationWindowSeconds !== undefined) issues.push(...intInRange(x.stabilizationWindowSeconds, 0, 3600, `${at}.stabilizationWindowSeconds`))
  if (x.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(x.selectPolicy)) issues.push({ path: `${at}.selectPolicy`, message: `expected one of Max, Min, Disabled, got ${describeValue(x.selectPolicy)}` })
  ;((x.policies ?? []) as unknown[]).forEach((p, i) => {
    const q = p as Record<string, any>
    if (q?.type !== 'Pods' && q?.type !== 'Percent') issues.push({ path: `${at}.policies[${i}].type`, message: `expected Pods or Percent, got ${describeValue(q?.type)}` })
    if (!(Number.isInteger(q?.value) && q.value > 0)) issues.push({ path: `${at}.policies[${i}].value`, message: `expected a whole number > 0, got ${describeValue(q?.value)}` })
    issues.push(...intInRange(q?.periodSeconds, 1, 1800, `${at}.policies[${i}].periodSeconds`))
  })
  return issues
}

export const hpa: PodAutoscalerModule<HpaArgs> = {
  name: 'hpa',
  defaults: {
    minReplicas: 1, maxReplicas: 10, metrics: undefined, targetCpuUtilization: 80, behavior: undefined,
    syncPeriodSeconds: 15, tolerance: 0.1, cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30, downscaleStabilizationSeconds: 300,
  },
  check: (a, at) => {
    const issues: Issue[] = []
    issues.push(...intInRange(a.minReplicas, 0, 1_000_000, `${at}.minReplicas`))
    if (!(Number.isInteger(a.maxReplicas) && a.maxReplicas >= 1)) issues.push({ path: `${at}.maxReplicas`, message: `expected a whole number >= 1, got ${describeValue(a.maxReplicas)}` })
    else if (Number.isInteger(a.minReplicas) && a.minReplicas > a.maxReplicas) issues.push({ path: `${at}.maxReplicas`, message: `expected a number >= minReplicas (${a.minReplicas}), got ${a.maxReplicas}` })
    if (a.metrics !== undefined) {
      if (!Array.isArray(a.metrics) || a.metrics.length === 0) issues.push({ path: `${at}.metrics`, message: `expected a list of metrics, got ${describeValue(a.metrics)}` })
      else a.metrics.forEach((m, i) => issues.push(...checkMetric(m, `${at}.metrics[${i}]`)))
    }
    issues.push(...intInRange(a.targetCpuUtilization, 1, 100, `${at}.targetCpuUtilization`))
    if (a.behavior !== undefined) {
      if (typeof a.behavior !== 'object' || a.behavior === null) issues.push({ path: `${at}.behavior`, message: `expected {scaleUp, scaleDown}, got ${describeValue(a.behavior)}` })
      else {
        for (const k of Object.keys(a.behavior)) if (k !== 'scaleUp' && k !== 'scaleDown') issues.push({ path: `${at}.behavior.${k}`, message: 'unknown key; known: scaleUp, scaleDown' })
        issues.push(...checkRules(a.behavior.scaleUp, `${at}.behavior.scaleUp`), ...checkRules(a.behavior.scaleDown, `${at}.behavior.scaleDown`))
      }
    }
    issues.push(...intInRange(a.syncPeriodSeconds, 1, 3600, `${at}.syncPeriodSeconds`))
    if (!(typeof a.tolerance === 'number' && a.tolerance >= 0 && a.tolerance < 1)) issues.push({ path: `${at}.tolerance`, message: `expected a number from 0 to below 1, got ${describeValue(a.tolerance)}` })
    for (const k of ['cpuInitializationPeriodSeconds', 'initialReadinessDelaySeconds', 'downscaleStabilizationSeconds'] as const) issues.push(...intInRange(a[k], 0, 86_400, `${at}.${k}`))
    return issues
  },
  create: (a) => new Hpa(a),
}

/** One HorizontalPodAutoscaler object: its recommendations and scale events are its only state. */
class Hpa implements PodAutoscaler {
  readonly name = 'hpa'
  readonly syncPeriodMs: number
  private readonly a: HpaArgs
  private readonly metrics: readonly HpaMetric[]
  private readonly behavior: Behavior | undefined
  private readonly cfg: CalcConfig
  private recommendations: TimedValue[] = []
  private upEvents: TimedValue[] = []
  private downEvents: TimedValue[] = []

  constructor(a: HpaArgs) {
    this.a = a
    this.syncPeriodMs = a.syncPeriodSeconds * 1000
    this.metrics = a.metrics ?? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.targetCpuUtilization } } }]
    this.behavior = a.behavior === undefined ? undefined : defaultBehavior(a.behavior)
    this.cfg = { tolerance: a.tolerance, cpuInitializationPeriodMs: a.cpuInitializationPeriodSeconds * 1000, initialReadinessDelayMs: a.initialReadinessDelaySeconds * 1000 }
  }

  decide(v: ServiceMetricsView, now: number): PodScaleDecision {
    const current = v.specReplicas
    const { minReplicas: min, maxReplicas: max } = this.a
    const first = this.metrics[0]!
    const hold = (limitedBy: LimitedBy, metric = METRIC_NAMES[first.type], value = NaN, target = targetOf(first)): PodScaleDecision =>
      ({ replicas: current, proposed: current, metric, metricValue: value, target, limitedBy })
    if (current === 0 && min !== 0) return hold('none')
    if (current > max) return { ...hold('max'), replicas: max }
    if (current < min) return { ...hold('min'), replicas: min }
    let best: { p: MetricProposal; m: HpaMetric } | undefined
    let invalid = 0
    for (const m of this.metrics) {
      const p = this.propose(m, v, current, now)
      if (!p) invalid++
      else if (!best || p.replicas > best.p.replicas) best = { p, m }
    }
    if (!best || (invalid > 0 && best.p.replicas < current)) return hold('no-metrics')
    const proposed = best.p.replicas
    const metric = METRIC_NAMES[best.m.type]
    const decision = (replicas: number, limitedBy: LimitedBy): PodScaleDecision => ({ replicas, proposed, metric, metricValue: best.p.value, target: targetOf(best.m), limitedBy })
    let stabilized: number
    let r: RateResult
    if (this.behavior) {
      const b = this.behavior
      const downWindow = b.scaleDown.stabilizationWindowSeconds ?? this.a.downscaleStabilizationSeconds
      stabilized = stabilizeWithBehavior(current, proposed, this.recommendations, b.scaleUp.stabilizationWindowSeconds ?? 0, downWindow, now)
      this.remember(proposed, now, Math.max(downWindow, b.scaleUp.stabilizationWindowSeconds ?? 0))
      r = behaviorRate(current, stabilized, min, max, this.upEvents, this.downEvents, b, now)
    } else {
      stabilized = stabilizeLegacy(proposed, this.recommendations, this.a.downscaleStabilizationSeconds, now)
      this.remember(proposed, now, this.a.downscaleStabilizationSeconds)
      r = legacyRules(current, stabilized, min, max)
    }
    const final = r.replicas
    if (final !== current && this.behavior) this.storeEvent(current, final, now)
    return decision(final, limitedBy(best.p, current, proposed, stabilized, r))
  }

  private propose(m: HpaMetric, v: ServiceMetricsView, current: number, now: number): MetricProposal | undefined {
    switch (m.type) {
      case 'Resource':
        return resourceUtilizationReplicas(current, m.resource.target.averageUtilization, v.pods, cpuUsageOf, now, v.sampleMs, v.windowMs, this.cfg)
      case 'Pods':
        return podsAverageReplicas(current, m.pods.target.averageValue, v.pods, rpsOf, this.cfg)
      case 'Object': {
        if (Number.isNaN(v.latencyMeanMs)) return undefined
        const ready = v.pods.filter((p) => p.phase === 'Running' && !Number.isNaN(p.readyMs)).length
        return objectValueReplicas(current, v.latencyMeanMs, m.object.target.value, ready, this.cfg)
      }
    }
  }

  private remember(desired: number, now: number, windowS: number): void {
    // In place (the oldest are first): one sync per 15 s for the whole run.
    const recs = this.recommendations
    let drop = 0
    while (drop < recs.length && !(recs[drop]!.atMs > now - windowS * 1000)) drop++
    if (drop > 0) recs.splice(0, drop)
    recs.push({ value: desired, atMs: now })
  }

  /** Only the applied change is stored; events older than the longest policy period are dropped. */
  private storeEvent(from: number, to: number, now: number): void {
    const b = this.behavior!
    const longest = Math.max(...b.scaleUp.policies.map((p) => p.periodSeconds), ...b.scaleDown.policies.map((p) => p.periodSeconds)) * 1000
    this.upEvents = this.upEvents.filter((e) => e.atMs > now - longest)
    this.downEvents = this.downEvents.filter((e) => e.atMs > now - longest)
    if (to > from) this.upEvents.push({ value: to - from, atMs: now })
    else this.downEvents.push({ value: from - to, atMs: now })
  }
}

function targetOf(m: HpaMetric): number {
  return m.type === 'Resource' ? m.resource.target.averageUtilization : m.type === 'Pods' ? m.pods.target.averageValue : m.object.target.value
}

/** Which bound the final count reached: a proposal equal to a limit counts as limited by it. */
function limitedBy(p: MetricProposal, current: number, proposed: number, stabilized: number, r: RateResult): LimitedBy {
  if (p.withinTolerance && proposed === current) return 'tolerance'
  const reached = r.condition !== 'DesiredWithinRange' ? r.condition : stabilized !== current && stabilized === r.bound ? r.boundCondition : undefined
  if (reached === 'ScaleUpLimit' || reached === 'ScaleDownLimit') return 'rate-limit'
  if (reached === 'TooManyReplicas') return 'max'
  if (reached === 'TooFewReplicas') return 'min'
  return stabilized !== proposed ? 'stabilization' : 'none'
}
