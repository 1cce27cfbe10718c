/**
 * HPA conformance: figures from Kubernetes' own unit tests.
 * - kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator_test.go (commit
 *   00067268967ec95a40035bd666374a1caf48dd1a): replica calculation. Upstream pods have two
 *   containers requesting 1.0 CPU each, so requests here are 2000m and usages twice the "levels";
 *   custom-metric levels are milli-units (20000 = 20). Testing defaults: tolerance 0.1, CPU
 *   initialization period 2 min, initial readiness delay 10 s.
 * - kubernetes/kubernetes pkg/controller/podautoscaler/horizontal_test.go (commit
 *   003e86297d18a8538c9da3619871393f9703bf70): TestScalingWithRules and TestNormalizeDesiredReplicas.
 * - kubernetes/kubernetes pkg/apis/autoscaling/v2/defaults.go: default behavior.
 */
import { describe, expect, it } from 'vitest'
import type { ReplicaStatus } from '../../src/framework/index.js'
import { behaviorRate, defaultBehavior, legacyRules, stabilizeLegacy, stabilizeWithBehavior, type TimedValue } from './hpa-behavior.js'
import { objectValueReplicas, podsAverageReplicas, resourceUtilizationReplicas, type CalcConfig } from './hpa-replicas.js'
import { hpa } from './hpa.js'

const NOW = 3_600_000
const WINDOW = 60_000
const CFG: CalcConfig = { tolerance: 0.1, cpuInitializationPeriodMs: 120_000, initialReadinessDelayMs: 10_000 }

type Opt = { ready?: boolean; hot?: boolean; pending?: boolean; deleting?: boolean; req?: number }
/** A pod as upstream's fixtures build them: cool (started 20 min ago) or hot (started 30 s ago, ready 20 s ago). */
function pod(usage: number | undefined, o: Opt = {}): ReplicaStatus {
  const start = o.hot ? NOW - 30_000 : NOW - 1_200_000
  const ready = o.ready === false || o.pending ? NaN : o.hot ? NOW - 20_000 : NOW - 1_190_000
  return {
    phase: o.pending ? 'Pending' : 'Running', deleting: o.deleting ?? false, startMs: o.pending ? NaN : start, readyMs: ready,
    cpuRequestMilli: o.req ?? 2000, cpuUsageMilli: usage, rps: usage,
  }
}
const cpu = (current: number, target: number, pods: ReplicaStatus[]) => resourceUtilizationReplicas(current, target, pods, (p) => p.cpuUsageMilli, NOW, NOW, WINDOW, CFG)
const custom = (current: number, target: number, pods: ReplicaStatus[]) => podsAverageReplicas(current, target, pods, (p) => p.rps, CFG)

describe('HPA replica calculation (replica_calculator_test.go)', () => {
  it.each([
    ['TestReplicaCalcScaleUp', 3, 30, [pod(600), pod(1000), pod(1400)], 5, 50],
    ['TestReplicaCalcScaleUpUnreadyLessScale', 3, 30, [pod(600, { ready: false }), pod(1000), pod(1400)], 4, 60],
    ['TestReplicaCalcScaleUpHotCpuLessScale', 3, 30, [pod(600, { hot: true }), pod(1000), pod(1400)], 4, 60],
    ['TestReplicaCalcScaleUpUnreadyNoScale', 3, 30, [pod(800), pod(1000, { ready: false }), pod(1400, { ready: false })], 3, 40],
    ['TestReplicaCalcScaleHotCpuNoScale', 3, 30, [pod(800), pod(1000, { ready: false, hot: true }), pod(1400, { ready: false, hot: true })], 3, 40],
    ['TestReplicaCalcScaleUpIgnoresDeletionPods', 2, 30, [pod(1000), pod(1400), pod(undefined, { ready: false, deleting: true }), pod(undefined, { ready: false, deleting: true })], 4, 60],
    ['TestReplicaCalcScaleDown', 5, 50, [pod(200), pod(600), pod(1000), pod(500), pod(500)], 3, 28],
    ['TestReplicaCalcScaleDownIncludeUnreadyPods', 5, 50, [pod(200), pod(600), pod(1000), pod(500, { ready: false }), pod(500, { ready: false })], 2, 30],
    ['TestReplicaCalcScaleDownExcludeUnscheduledPods', 5, 50, [pod(200), pod(undefined, { pending: true }), pod(undefined, { pending: true }), pod(undefined, { pending: true }), pod(undefined, { pending: true })], 1, 10],
    ['TestReplicaCalcScaleDownIgnoreHotCpuPods', 5, 50, [pod(200), pod(600), pod(1000), pod(500, { hot: true }), pod(500, { hot: true })], 2, 30],
    ['TestReplicaCalcTolerance', 3, 100, [pod(2020, { req: 1800 }), pod(2060, { req: 2000 }), pod(2040, { req: 2200 })], 3, 102],
    ['TestReplicaCalcMissingMetrics', 4, 100, [pod(800), pod(190), pod(undefined), pod(undefined)], 3, 24],
    ['TestReplicaCalcMissingMetricsNoChangeEq', 2, 100, [pod(2000), pod(undefined)], 2, 100],
    ['TestReplicaCalcMissingMetricsNoChangeGt', 2, 100, [pod(3800), pod(undefined)], 2, 190],
    ['TestReplicaCalcMissingMetricsNoChangeLt', 2, 100, [pod(1200), pod(undefined)], 2, 60],
    ['TestReplicaCalcMissingMetricsUnreadyChange', 3, 50, [pod(200, { ready: false }), pod(900), pod(undefined)], 3, 45],
    ['TestReplicaCalcMissingMetricsUnreadyScaleUp', 3, 50, [pod(200, { ready: false }), pod(4000), pod(undefined)], 4, 200],
    ['TestReplicaCalcMissingMetricsHotCpuScaleUp', 3, 50, [pod(200, { ready: false, hot: true }), pod(4000), pod(undefined)], 4, 200],
    ['TestReplicaCalcMissingMetricsUnreadyScaleDown', 4, 50, [pod(200, { ready: false }), pod(200), pod(200), pod(undefined)], 3, 10],
    ['TestReplicaCalcDuringRollingUpdateWithMaxSurge', 2, 50, [pod(200), pod(200), pod(undefined)], 2, 10],
  ] as const)('%s: %i replicas at target %i%% -> %i (utilization %i%%)', (_name, current, target, pods, replicas, utilization) => {
    const r = cpu(current, target, [...pods])!
    expect(r.replicas).toBe(replicas)
    expect(r.value).toBe(utilization)
  })

  it.each([
    ['TestReplicaCalcScaleUpCM', 3, 15, [pod(20), pod(10), pod(30)], 4],
    ['TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale', 3, 15, [pod(50), pod(10), pod(30, { ready: false, hot: true })], 6],
    ['TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown', 3, 15, [pod(50, { ready: false, hot: true }), pod(15), pod(30, { ready: false, hot: true })], 7],
    ['TestReplicaCalcScaleDownCM', 5, 20, [pod(12), pod(12), pod(12), pod(12), pod(12)], 3],
    ['TestReplicaCalcToleranceCM', 3, 20, [pod(20), pod(21), pod(21)], 3],
  ] as const)('%s (Pods AverageValue): %i replicas at target %i -> %i', (_name, current, target, pods, replicas) => {
    expect(custom(current, target, [...pods])!.replicas).toBe(replicas)
  })

  it('TestReplicaCalcScaleUpCMObject and ...IgnoresUnreadyPods: an object value scales by the ready pods', () => {
    expect(objectValueReplicas(3, 20, 15, 3, CFG).replicas).toBe(4)
    // 1 ready pod of 3: 50 / 10 x 1 = 5 (15 if unready pods counted).
    expect(objectValueReplicas(3, 50, 10, 1, CFG).replicas).toBe(5)
    // TestReplicaCalcToleranceCMObject: 20.666 / 20 is within 0.1.
    expect(objectValueReplicas(3, 20.666, 20, 3, CFG)).toMatchObject({ replicas: 3, withinTolerance: true })
  })

  it('TestReplicaCalcEmptyCPURequest: a pod without a CPU request gives no proposal', () => {
    expect(cpu(1, 100, [pod(200, { req: 0 })])).toBeUndefined()
  })

  it('no sample from any ready pod gives no proposal (upstream: did not receive metrics for any ready pods)', () => {
    expect(cpu(3, 50, [pod(undefined, { pending: true }), pod(undefined), pod(undefined)])).toBeUndefined()
  })
})

/** generateEventsUniformDistribution(values, 120): spread over the last 120 s, oldest first, each at the middle of its segment. */
const events = (values: number[], periodS = 120): TimedValue[] =>
  values.map((value, i) => ({ value, atMs: NOW - (periodS - (periodS / values.length) * (i + 1) + periodS / values.length / 2) * 1000 }))
/** generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow). */
function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number) {
  const policies = [
    ...(pods ? [{ type: 'Pods' as const, value: pods, periodSeconds: podsPeriod }] : []),
    ...(percent ? [{ type: 'Percent' as const, value: percent, periodSeconds: percentPeriod }] : []),
  ]
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max' as const, policies }
}

describe('HPA behavior rate limits (horizontal_test.go TestScalingWithRules)', () => {
  const D = defaultBehavior({})
  it.each([
    ['prenormalized desired replicas within range', 5, 7, 3, 8, D, [], [], 7, 'DesiredWithinRange'],
    ['prenormalized desired replicas < minReplicas', 3, 1, 2, 8, D, [], [], 2, 'TooFewReplicas'],
    ['maxReplicas is the limit because maxReplicas < scaleUpLimit', 20, 1000, 1, 10, D, [], [], 10, 'TooManyReplicas'],
    ['scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies', 3, 1000, 1, 2000, defaultBehavior({ scaleUp: rules(0, 0, 1, 60, 0) }), [], [], 4, 'ScaleUpLimit'],
    ['scaleUp with default behavior', 10, 50, 1, 1000, D, [], [], 20, 'ScaleUpLimit'],
    ['scaleUp with pods policy larger than percent policy', 10, 500, 1, 1000, defaultBehavior({ scaleUp: rules(100, 60, 100, 60, 0) }), [], [], 110, 'ScaleUpLimit'],
    ['scaleUp with pod policy limitation', 10, 50, 1, 1000, defaultBehavior({ scaleUp: rules(30, 60, 0, 0, 0) }), [], [], 40, 'ScaleUpLimit'],
    ['scaleUp with percent policy limitation', 10, 50, 1, 1000, defaultBehavior({ scaleUp: rules(0, 0, 200, 60, 0) }), [], [], 30, 'ScaleUpLimit'],
    ['scaleDown with percent policy larger than pod policy', 100, 2, 1, 1000, defaultBehavior({ scaleDown: rules(20, 60, 1, 60, 300) }), [], [], 80, 'ScaleDownLimit'],
    ['scaleDown with pod policy limitation', 10, 2, 1, 1000, defaultBehavior({ scaleDown: rules(5, 60, 0, 0, 300) }), [], [], 5, 'ScaleDownLimit'],
    ['scaleDown with spec MinReplicas limitation with large percent policy', 10, 2, 5, 1000, defaultBehavior({ scaleDown: rules(0, 0, 100, 60, 300) }), [], [], 5, 'TooFewReplicas'],
    ['scaleUp with pod policy and previous scale up events', 100, 500, 1, 1000, defaultBehavior({ scaleUp: rules(150, 120, 0, 0, 0) }), events([1, 5, 9]), [], 235, 'ScaleUpLimit'],
    ['scaleUp with percent policy and previous scale up events', 100, 500, 1, 1000, defaultBehavior({ scaleUp: rules(0, 0, 200, 120, 0) }), events([1, 5, 9]), [], 255, 'ScaleUpLimit'],
    ['scaleUp with currentReplicas limitation with a lot of recent scale up events', 100, 500, 1, 1000, defaultBehavior({ scaleUp: rules(5, 120, 0, 0, 0) }), events([1, 5, 9]), [], 100, 'ScaleUpLimit'],
    ['scaleUp with percent policy and previous scale up and down events', 6, 24, 1, 1000, defaultBehavior({ scaleUp: rules(0, 0, 300, 300, 0) }), events([4]), events([2]), 16, 'ScaleUpLimit'],
    ['scaleDown with percent policy limitation and previous events', 100, 0, 1, 1000, defaultBehavior({ scaleDown: rules(0, 0, 50, 120, 300) }), [], events([2, 4, 6]), 56, 'ScaleDownLimit'],
    ['scaleDown with percent policy and previous scale up and down events', 10, 1, 1, 1000, defaultBehavior({ scaleDown: rules(0, 0, 50, 180, 0) }), events([2]), events([4]), 6, 'ScaleDownLimit'],
    ['scaleDown with previous events preventing further scale down', 100, 0, 1, 1000, defaultBehavior({ scaleDown: rules(0, 0, 10, 120, 300) }), [], events([10, 10, 10]), 100, 'ScaleDownLimit'],
    ['scaleDown with previous events still allowing more scale down', 10, 5, 1, 1000, defaultBehavior({ scaleDown: rules(0, 0, 1000, 120, 300) }), [], events([10, 10, 10]), 5, 'DesiredWithinRange'],
  ] as const)('%s', (_name, current, desired, min, max, b, up, down, replicas, condition) => {
    const r = behaviorRate(current, desired, min, max, up, down, b, NOW)
    expect([r.replicas, r.condition]).toEqual([replicas, condition])
  })
})

describe('HPA stabilization and defaults', () => {
  it('TestNormalizeDesiredReplicas: the legacy path keeps the highest recommendation of the last 5 minutes', () => {
    const m = 60_000
    expect(stabilizeLegacy(3, [{ value: 4, atMs: NOW - 2 * m }, { value: 5, atMs: NOW - m }], 300, NOW)).toBe(5)
    expect(stabilizeLegacy(3, [{ value: 1, atMs: NOW - 2 * m }, { value: 2, atMs: NOW - m }], 300, NOW)).toBe(3)
    expect(stabilizeLegacy(3, [{ value: 10, atMs: NOW - 10 * m }, { value: 9, atMs: NOW - 9 * m }], 300, NOW)).toBe(3)
    expect(stabilizeLegacy(3, [{ value: 10, atMs: NOW - 10 * m }, { value: 4, atMs: NOW - m }, { value: 5, atMs: NOW - 2 * m }, { value: 9, atMs: NOW - 9 * m }], 300, NOW)).toBe(5)
  })

  it('with behavior, scale-up acts at once and scale-down takes the highest recommendation of its window', () => {
    const recs = [{ value: 8, atMs: NOW - 200_000 }, { value: 6, atMs: NOW - 100_000 }]
    expect(stabilizeWithBehavior(5, 9, recs, 0, 300, NOW)).toBe(9)
    expect(stabilizeWithBehavior(10, 3, recs, 0, 300, NOW)).toBe(8)
    expect(stabilizeWithBehavior(10, 3, recs, 0, 150, NOW)).toBe(6)
  })

  it('the legacy path limits a scale-up to max(2 x current, 4) per sync', () => {
    expect(legacyRules(1, 100, 1, 50)).toMatchObject({ replicas: 4, condition: 'ScaleUpLimit' })
    expect(legacyRules(10, 100, 1, 50)).toMatchObject({ replicas: 20, condition: 'ScaleUpLimit' })
    expect(legacyRules(32, 100, 1, 50)).toMatchObject({ replicas: 50, condition: 'TooManyReplicas' })
  })

  it('an empty behavior section gets autoscaling/v2 defaults (defaults.go): up max(4 pods, 100 %) per 15 s, down 100 % per 15 s', () => {
    expect(defaultBehavior({})).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: undefined, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    })
  })
})

describe('hpa args', () => {
  const check = (args: object) => hpa.check({ ...hpa.defaults, ...args }, 'workloads[0].autoscaler').map((i) => `${i.path}: ${i.message}`)
  it('rejects a CPU target outside 1-100 % and min > max, naming the field', () => {
    expect(check({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 150 } } }] }))
      .toEqual(['workloads[0].autoscaler.metrics[0].resource.target.averageUtilization: expected a whole percent from 1 to 100, got 150'])
    expect(check({ targetCpuUtilization: 0 })).toEqual(['workloads[0].autoscaler.targetCpuUtilization: expected a whole number from 1 to 100, got 0'])
    expect(check({ minReplicas: 5, maxReplicas: 2 })).toEqual(['workloads[0].autoscaler.maxReplicas: expected a number >= minReplicas (5), got 2'])
  })
  it('accepts the HPA manifest fields', () => {
    expect(check({
      minReplicas: 2, maxReplicas: 40,
      metrics: [{ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: 80 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 2, periodSeconds: 30 }] } },
    })).toEqual([])
  })
})
