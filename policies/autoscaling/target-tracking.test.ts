/**
 * target-tracking: proportional proposals, the alarm datapoints (3 above the target to scale out,
 * 15 below 0.9 x target to scale in) and the cooldowns, as AWS Application Auto Scaling documents
 * them (ScaleOutCooldown / ScaleInCooldown in the TargetTrackingScalingPolicyConfiguration API
 * reference: a scale-out during a scale-in's cooldown happens at once).
 */
import { describe, expect, it } from 'vitest'
import type { ReplicaStatus, ServiceMetricsView } from '../../src/framework/index.js'
import { targetTracking, type TargetTrackingArgs } from './target-tracking.js'

const S = 1000
const readyPod: ReplicaStatus = { phase: 'Running', deleting: false, startMs: -3_600_000, readyMs: -3_590_000, cpuRequestMilli: 500, cpuUsageMilli: 0, rps: 0 }

/** A service with `ready` ready replicas (spec = specReplicas) at `busy` utilization and `rps` offered. */
function view(ready: number, busy: number, rps = 0, specReplicas = ready): ServiceMetricsView {
  return {
    service: 'web', specReplicas, minReplicas: 1, maxReplicas: 50, startupMs: 20_000, serviceRatePerS: 100, sampleMs: 0, windowMs: 30_000,
    pods: Array.from({ length: ready }, () => readyPod), offeredRps: rps, latencyMeanMs: 12, busyFraction: busy,
  }
}

function tracker(args: Partial<TargetTrackingArgs> = {}) {
  const a = { ...targetTracking.defaults, minReplicas: 1, maxReplicas: 50, ...args }
  expect(targetTracking.check(a, 'at')).toEqual([])
  return targetTracking.create(a)
}

describe('target-tracking', () => {
  it('asks for ceil(ready x metric / target): 4 replicas at 90 % CPU with target 60 % want 6; at 25 % want 2', () => {
    const t = tracker({ scaleOutEvaluationPeriods: 1, scaleInEvaluationPeriods: 1 })
    expect(t.decide(view(4, 0.9), 0)).toMatchObject({ replicas: 6, proposed: 6, metric: 'cpu', metricValue: 90, target: 60, limitedBy: 'none' })
    const t2 = tracker({ scaleOutEvaluationPeriods: 1, scaleInEvaluationPeriods: 1 })
    expect(t2.decide(view(4, 0.25), 0)).toMatchObject({ replicas: 2, proposed: 2, limitedBy: 'none' })
  })

  it('tracks requests/s per ready replica: 3 replicas taking 450 req/s with target 100 want 5', () => {
    const t = tracker({ metric: 'rps', targetValue: 100, scaleOutEvaluationPeriods: 1 })
    expect(t.decide(view(3, 0.5, 450), 0)).toMatchObject({ replicas: 5, metric: 'rps', metricValue: 150, target: 100 })
  })

  it('scales out only after 3 evaluations above the target, then waits out the 300 s scale-out cooldown', () => {
    const t = tracker()
    const at = (s: number, ready: number, spec = ready) => t.decide(view(ready, 0.9, 0, spec), s * S)
    expect(at(60, 4)).toMatchObject({ replicas: 4, proposed: 6, limitedBy: 'tolerance' })
    expect(at(120, 4)).toMatchObject({ replicas: 4, limitedBy: 'tolerance' })
    expect(at(180, 4)).toMatchObject({ replicas: 6, limitedBy: 'none' })
    // Still hot 1 and 4 minutes later (the new replicas serve too): cooldown holds the count.
    expect(at(240, 6)).toMatchObject({ replicas: 6, proposed: 9, limitedBy: 'cooldown' })
    expect(at(420, 6)).toMatchObject({ replicas: 6, proposed: 9, limitedBy: 'cooldown' })
    // 300 s after the scale-out it may act again.
    expect(at(480, 6)).toMatchObject({ replicas: 9, limitedBy: 'none' })
  })

  it('scales in only after 15 evaluations in a row below 0.9 x target', () => {
    const t = tracker({ scaleOutEvaluationPeriods: 1 })
    const out: number[] = []
    for (let m = 1; m <= 15; m++) out.push(t.decide(view(10, 0.3), m * 60 * S).replicas)
    expect(out).toEqual([...Array(14).fill(10), 5])
    // 54 % is not below 0.9 x 60 %: nothing counts toward scale-in.
    const t2 = tracker()
    for (let m = 1; m <= 20; m++) expect(t2.decide(view(10, 0.54), m * 60 * S).replicas).toBe(10)
    // After the scale-in at 15 min the count of low datapoints starts again: 15 more, so 30 min acts.
    const later: string[] = []
    for (let m = 16; m <= 30; m++) later.push(t.decide(view(5, 0.3), m * 60 * S).limitedBy)
    expect(later).toEqual([...Array(14).fill('tolerance'), 'none'])
  })

  it('waits 300 s between scale-ins; a scale-out during that cooldown is immediate', () => {
    const t = tracker({ scaleInEvaluationPeriods: 1, scaleOutEvaluationPeriods: 1 })
    expect(t.decide(view(10, 0.3), 60 * S)).toMatchObject({ replicas: 5, limitedBy: 'none' })
    const held = [2, 3, 4, 5].map((m) => t.decide(view(5, 0.3), m * 60 * S))
    expect(held.map((d) => [d.replicas, d.proposed, d.limitedBy])).toEqual(Array(4).fill([5, 3, 'cooldown']))
    expect(t.decide(view(5, 0.3), 6 * 60 * S)).toMatchObject({ replicas: 3, limitedBy: 'none' })
    // One minute after that scale-in, load jumps: scale-out at once, despite the scale-in cooldown.
    expect(t.decide(view(3, 1), 7 * 60 * S)).toMatchObject({ replicas: 5, limitedBy: 'none' })
  })

  it('reports the bounds: max when the proposal exceeds maxReplicas, no-metrics before the pipeline has a window', () => {
    const t = tracker({ maxReplicas: 8, scaleOutEvaluationPeriods: 1 })
    expect(t.decide(view(6, 1), 0)).toMatchObject({ replicas: 8, proposed: 10, limitedBy: 'max' })
    expect(t.decide(view(8, NaN), 60 * S)).toMatchObject({ replicas: 8, limitedBy: 'no-metrics' })
  })

  it('rejects a CPU target outside 1-100 %, min > max and an unknown metric, naming the fields', () => {
    const issues = targetTracking.check({ ...targetTracking.defaults, targetValue: 120, minReplicas: 5, maxReplicas: 2 }, 'policies.podAutoscaler')
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'policies.podAutoscaler.maxReplicas: expected a number >= minReplicas (5), got 2',
      'policies.podAutoscaler.targetValue: expected a CPU utilization percent from 1 to 100, got 120',
    ])
    expect(targetTracking.check({ ...targetTracking.defaults, metric: 'memory' as never }, 'x').map((i) => i.message))
      .toEqual(['expected one of cpu, rps, latency_ms, got "memory"'])
  })
})
