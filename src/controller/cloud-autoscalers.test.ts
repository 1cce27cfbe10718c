/** target-tracking and predictive inside a run: their decisions land in autoscaler.csv with limited_by. */
import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseScenario } from '../index.js'
import type { Table } from '../metrics/index.js'
import { Run } from './run.js'

function run(autoscaler: string): Table {
  const yaml = `
name: ramp
duration: 2h
seed: 5
cluster: { pools: [{ name: p, nodes: 10, capacity: { cpu: 8, memory: 32Gi } }] }
workloads:
  - kind: Service
    name: web
    replicas: { initial: 2, min: 2, max: 40 }
    requests: { cpu: 500m, memory: 256Mi }
    serviceRate: 100
    startup: 30s
    load: { curve: ramp, from: 100, to: 1500, start: 20m, duration: 40m }
    autoscaler: ${autoscaler}
metrics: { interval: 1m }
`
  const r = new Run(parseScenario(yaml, 'ramp.yaml'), builtins)
  r.run()
  return r.metrics.tables().extra.autoscaler!
}
const rows = (t: Table) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])) as Record<string, string | number>)

describe('cloud-style pod autoscalers in a run', () => {
  it('target-tracking decides every 60 s, steps up after its cooldowns and ends near 1,500 / (100 x 60 %) = 25 replicas', () => {
    const t = rows(run('{ name: target-tracking, metric: cpu, targetValue: 60 }'))
    expect(t).toHaveLength(119)
    expect(new Set(t.map((r) => r.policy))).toEqual(new Set(['target-tracking']))
    const ups = t.filter((r) => Number(r.replicas_final) > Number(r.replicas_current))
    // Scale-outs are at least the 300 s cooldown apart.
    for (let i = 1; i < ups.length; i++) expect(Number(ups[i]!.time_s) - Number(ups[i - 1]!.time_s)).toBeGreaterThanOrEqual(300)
    expect(t.some((r) => r.limited_by === 'cooldown')).toBe(true)
    expect(Number(t.at(-1)!.replicas_final)).toBeGreaterThanOrEqual(25)
    expect(Number(t.at(-1)!.replicas_final)).toBeLessThanOrEqual(30)
  })

  it('predictive follows the ramp with ceil(rps / 70) replicas and ends at ceil(forecast / 70), about ceil(1,500 / 70) = 22', () => {
    const t = rows(run('predictive'))
    expect(new Set(t.map((r) => r.metric))).toEqual(new Set(['forecast_rps']))
    const last = t.at(-1)!
    // An hour after the ramp ends, the trend it learnt has nearly died out: the forecast is within 5 % of 1,500.
    expect(Math.abs(Number(last.metric_value) - 1500)).toBeLessThan(75)
    expect(Number(last.replicas_proposed)).toBe(Math.max(22, Math.ceil(Number(last.metric_value) / 70)))
    // On the way down it keeps the highest proposal of the last 300 s.
    const window = t.filter((r) => Number(r.time_s) > Number(last.time_s) - 300).map((r) => Number(r.replicas_proposed))
    expect(last.replicas_final).toBe(Math.max(...window))
    // Halfway up the ramp (40 min, 800 req/s) it already holds what the load needs: ceil(800 / 70) = 12 or more.
    expect(Number(t.find((r) => r.time_s === 2400)!.replicas_final)).toBeGreaterThanOrEqual(12)
    for (const r of t) expect(['none', 'stabilization', 'min', 'max', 'no-metrics']).toContain(r.limited_by)
  })
})
