import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseScenario } from '../index.js'
import { studentTQuantile } from '../compare/student-t.js'
import { mmcMeanMs, mmcQuantileMs, type Table } from '../metrics/index.js'
import { Run } from './run.js'
import { Hist } from './service-state.js'

/** One service with fixed replicas and constant Poisson load; service time Exp(mean 100 ms). */
function run(opts: { replicas: number; ratePerS: number; hours: number; model: 'analytic' | 'requests'; routing?: string; seed?: number; timeout?: string }) {
  const yaml = `
name: theory
duration: ${opts.hours}h
seed: ${opts.seed ?? 7}
cluster: { pools: [{ name: p, nodes: 4, capacity: { cpu: 16, memory: 64Gi } }] }
workloads:
  - kind: Service
    name: svc
    replicas: ${opts.replicas}
    requests: { cpu: 500m, memory: 256Mi }
    serviceRate: 10
    timeout: ${opts.timeout ?? '1h'}
    routing: ${opts.routing ?? 'shared-queue'}
    latencyModel: ${opts.model}
    load: { curve: constant, mean: ${opts.ratePerS} }
metrics: { interval: 10m }
`
  const r = new Run(parseScenario(yaml, 'theory.yaml'), builtins)
  r.run()
  return r
}

const col = (t: Table, name: string, row = 0): number => Number(t.rows[row]![t.columns.indexOf(name)])

/**
 * 99.9 % confidence half-width of the mean of `xs` (Student t, df = n - 1). The file makes ten such
 * checks on runs that follow the model; over seeds 1-80, one seed failed one of them at 99.9 %,
 * and 19 (24 %) at 95 % (seed 7, this file's, among them after a change of random draws).
 * Still decisive: each test also checks that the interval is far narrower than the gap to the
 * wrong model (M/M/1 per replica, or M/M/4 for random routing).
 */
function ci(xs: number[]): { mean: number; half: number } {
  const n = xs.length
  const mean = xs.reduce((a, b) => a + b, 0) / n
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1))
  return { mean, half: (studentTQuantile(0.9995, n - 1) * sd) / Math.sqrt(n) }
}

describe('request-level model against M/M/c (Erlang C)', () => {
  // 4 replicas x 10 req/s; loads 50 %, 80 % and 90 %. Batches: the 10-minute metrics intervals after the first.
  it.each([
    { load: 0.5, hours: 2 },
    { load: 0.8, hours: 3 },
    { load: 0.9, hours: 4 },
  ])('shared-queue at $load load: mean, p50 and p99 within the run\'s 99.9 % interval of M/M/4', ({ load, hours }) => {
    const lambda = load * 40
    const r = run({ replicas: 4, ratePerS: lambda, hours, model: 'requests' })
    const s = r.services.stateOf(0)
    const edges = Array.from({ length: hours * 6 + 1 }, (_, i) => i * 600_000)
    const means: number[] = []
    for (let i = 1; i < edges.length - 1; i++) {
      const n = s.delta(Hist.Served, edges[i]!, edges[i + 1]!)
      means.push(s.delta(Hist.LatencySumMs, edges[i]!, edges[i + 1]!) / n)
    }
    const t = r.metrics.tables().extra.services!
    const batch = (name: string) => t.rows.slice(1).map((_, i) => col(t, name, i + 1))
    const theoryMean = mmcMeanMs(4, lambda, 10)
    const m = ci(means)
    expect(Math.abs(m.mean - theoryMean)).toBeLessThan(m.half)
    for (const [q, name] of [[0.5, 'latency_p50_ms'], [0.99, 'latency_p99_ms']] as const) {
      const b = ci(batch(name))
      // Histogram buckets add at most 1 % to the run's own uncertainty.
      expect(Math.abs(b.mean - mmcQuantileMs(q, 4, lambda, 10))).toBeLessThan(b.half + 0.01 * b.mean)
    }
    // The interval is decisive: narrower than the gap to an M/M/1 at the same per-replica load.
    expect(m.half).toBeLessThan(Math.abs(theoryMean - mmcMeanMs(1, lambda / 4, 10)) / 4)
  })

  it('random routing makes each replica an M/M/1 queue at a quarter of the load', () => {
    const lambda = 28
    const r = run({ replicas: 4, ratePerS: lambda, hours: 3, model: 'requests', routing: 'random' })
    const s = r.services.stateOf(0)
    const means: number[] = []
    for (let i = 1; i < 18; i++) means.push(s.delta(Hist.LatencySumMs, i * 600_000, (i + 1) * 600_000) / s.delta(Hist.Served, i * 600_000, (i + 1) * 600_000))
    const m = ci(means)
    const mm1 = 1000 / (10 - lambda / 4) // 333 ms
    expect(Math.abs(m.mean - mm1)).toBeLessThan(m.half)
    expect(Math.abs(m.mean - mmcMeanMs(4, lambda, 10))).toBeGreaterThan(5 * m.half)
    const sum = r.metrics.tables().extra.services_summary!
    // Exponential sojourn: p99 = ln(100) x mean.
    expect(col(sum, 'latency_p99_ms') / (Math.log(100) * mm1)).toBeCloseTo(1, 1)
  })
})

describe('analytic model against M/M/c', () => {
  it.each([0.5, 0.8, 0.9, 0.95])('at %s load, summary mean, p50 and p99 are M/M/4 within 1 %', (load) => {
    const lambda = load * 40
    const r = run({ replicas: 4, ratePerS: lambda, hours: 1, model: 'analytic' })
    const t = r.metrics.tables()
    const sum = t.extra.services_summary!
    expect(col(sum, 'latency_mean_ms') / mmcMeanMs(4, lambda, 10)).toBeCloseTo(1, 2)
    expect(col(sum, 'latency_p50_ms') / mmcQuantileMs(0.5, 4, lambda, 10)).toBeCloseTo(1, 2)
    expect(col(sum, 'latency_p99_ms') / mmcQuantileMs(0.99, 4, lambda, 10)).toBeCloseTo(1, 2)
    expect(col(t.summary, 'latency_p99_ms') / mmcQuantileMs(0.99, 4, lambda, 10)).toBeCloseTo(1, 2)
    expect(col(t.summary, 'requests_dropped_frac')).toBe(0)
  })

  it('a replica busy fraction of 80 % shows as cpu_used_frac 0.8 in services.csv', () => {
    const r = run({ replicas: 4, ratePerS: 32, hours: 1, model: 'analytic' })
    const t = r.metrics.tables().extra.services!
    expect(col(t, 'cpu_used_frac', 2)).toBeCloseTo(0.8, 6)
    expect(col(t, 'offered_rps', 2)).toBeCloseTo(32, 6)
  })

  it('load far beyond capacity is queued up to the timeout and the rest dropped', () => {
    const r = run({ replicas: 2, ratePerS: 40, hours: 1, model: 'analytic', timeout: '30s' })
    const t = r.metrics.tables().extra.services!
    // Capacity 20/s: half of the offered load is dropped once the backlog is full.
    expect(col(t, 'served_rps', 5)).toBeCloseTo(20, 6)
    expect(col(t, 'dropped_rps', 5)).toBeCloseTo(20, 6)
    // Served requests wait the full backlog: 30 s of capacity.
    expect(col(t, 'latency_p50_ms', 5)).toBeGreaterThan(30_000)
  })
})
