import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseScenario } from '../index.js'
import type { Table } from '../metrics/index.js'
import { Run } from './run.js'

/** A load step far above capacity (2,000 req/s against 100 req/s per replica) from 1 ready replica; HPA at 20 % CPU. */
function stepRun(behavior: string) {
  const yaml = `
name: step
duration: 15m
seed: 3
cluster: { pools: [{ name: p, nodes: 20, capacity: { cpu: 8, memory: 32Gi } }] }
workloads:
  - kind: Service
    name: web
    replicas: { initial: 1, min: 1, max: 50 }
    requests: { cpu: 500m, memory: 256Mi }
    serviceRate: 100
    startup: 10s
    load: { curve: constant, mean: 2000 }
    autoscaler: { name: hpa, targetCpuUtilization: 20${behavior} }
metrics: { interval: 1m }
`
  const r = new Run(parseScenario(yaml, 'step.yaml'), builtins)
  r.run()
  return r.metrics.tables().extra.autoscaler!
}

const rows = (t: Table) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])) as Record<string, string | number>)
const steps = (t: Table) => rows(t).filter((r) => r.replicas_final !== r.replicas_current)

/**
 * Every step stays within the rate limit; a step that the limit cut short says rate-limit. Between
 * limited steps, upstream's rule that unready and still-warming pods count at 0 % on a scale-up
 * damps some proposals below the limit (readiness delays), as a real HPA does.
 */
function checkSteps(t: Table, bound: (current: number) => number) {
  const s = steps(t)
  for (const r of s) {
    const current = Number(r.replicas_current)
    const final = Number(r.replicas_final)
    expect(final).toBeLessThanOrEqual(Math.min(50, bound(current)))
    if (Number(r.replicas_proposed) > final) expect(r.limited_by).toBe(final === 50 ? 'max' : 'rate-limit')
  }
  return s
}

describe('HPA under a sudden load step (acceptance)', () => {
  it('with a default behavior section: 1 -> 5 first, no step above max(current + 4, 2 x current) per 15 s, 40 replicas within 3 minutes', () => {
    const s = checkSteps(stepRun(', behavior: {}'), (c) => Math.max(c + 4, 2 * c))
    expect([s[0]!.replicas_current, s[0]!.replicas_final, s[0]!.limited_by]).toEqual([1, 5, 'rate-limit'])
    expect(s.slice(0, 3).map((r) => [r.replicas_final, r.limited_by])).toEqual([[5, 'rate-limit'], [10, 'rate-limit'], [20, 'rate-limit']])
    const reached = s.find((r) => Number(r.replicas_final) >= 40)!
    expect(Number(reached.time_s)).toBeLessThanOrEqual(180)
  })

  it('with no behavior (legacy path): 1 -> 4 first, no step above max(2 x current, 4) per sync, 40 replicas within 4 minutes', () => {
    const s = checkSteps(stepRun(''), (c) => Math.max(2 * c, 4))
    expect([s[0]!.replicas_current, s[0]!.replicas_final, s[0]!.limited_by]).toEqual([1, 4, 'rate-limit'])
    const reached = s.find((r) => Number(r.replicas_final) >= 40)!
    expect(Number(reached.time_s)).toBeLessThanOrEqual(240)
  })

  it('the first syncs have no metrics yet: the pipeline needs one full window before its delay', () => {
    const t = rows(stepRun(', behavior: {}'))
    expect(t.slice(0, 2).map((r) => r.limited_by)).toEqual(['no-metrics', 'no-metrics'])
    expect(t[2]).toMatchObject({ time_s: 45, metric: 'cpu', metric_value: 100, target: 20 })
  })
})
