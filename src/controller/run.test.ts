import { describe, expect, it } from 'vitest'
import { parseScenario, simulate } from '../index.js'
import { builtins } from '../../policies/index.js'
import { invariantViolations, PodPhase } from '../model/index.js'
import { toCsv, type Table } from '../metrics/index.js'
import { Run } from './run.js'

const col = (t: Table, name: string): unknown[] => {
  const i = t.columns.indexOf(name)
  if (i < 0) throw new Error(`no column ${name}`)
  return t.rows.map((r) => r[i])
}
const summary = (t: Table): Record<string, unknown> => Object.fromEntries(t.columns.map((c, i) => [c, t.rows[0]![i]]))

/** One 4-cpu node, identical 1-cpu pods, Poisson arrivals and exponential run times: an M/M/4 queue. */
const mmc = (ratePerMin: number, hours: number, seed = 1) =>
  parseScenario(`
name: mmc
duration: ${hours}h
seed: ${seed}
cluster:
  pools: [{ name: n, nodes: 1, capacity: { cpu: 4, memory: 16Gi } }]
workloads:
  - kind: Batch
    name: job
    arrivals: { process: poisson, rate: ${ratePerMin}/min }
    duration: { dist: exponential, mean: 1m }
    requests: { cpu: 1, memory: 1Gi }
metrics: { interval: 1m }
`)

/** Erlang C: probability of waiting in M/M/c with offered load a = lambda/mu. */
function erlangC(c: number, a: number): number {
  let term = 1
  let sum = 1
  for (let k = 1; k < c; k++) {
    term *= a / k
    sum += term
  }
  const last = (term * a) / c / (1 - a / c)
  return last / (sum + last)
}

describe('a run', () => {
  it('obeys Little\'s law on the scheduling queue: mean pods waiting = arrival rate x mean wait', () => {
    const r = simulate(mmc(3.4, 400))
    const s = summary(r.summary)
    const durationS = s.sim_duration_s as number
    const lambda = (s.pods_submitted as number) / durationS
    // Pods still pending at the end have waited too; count their wait so far (the sample-path form).
    const created = col(r.pods, 'created_s') as number[]
    const wait = col(r.pods, 'wait_s') as (number | undefined)[]
    const totalWait = wait.reduce<number>((acc, w, i) => acc + (w ?? durationS - created[i]!), 0)
    const l = s.pods_pending_mean as number
    // Little's law holds exactly on a sample path (L = lambda x W with W the mean time in queue up
    // to the horizon); the only slack is floating point.
    expect(l).toBeCloseTo((lambda * totalWait) / (s.pods_submitted as number), 6)
    // And the steady-state queue matches M/M/4 theory: Wq = C(4, a) / (c mu - lambda), a = 3.4.
    // 400 h is about 82,000 pods; batch means over 20 h blocks give a standard error of ~2.5 % at
    // rho = 0.85, so 10 % is four standard errors.
    const wq = erlangC(4, 3.4) / (4 / 60 - 3.4 / 60)
    expect(s.pod_wait_mean_s as number).toBeGreaterThan(wq * 0.9)
    expect(s.pod_wait_mean_s as number).toBeLessThan(wq * 1.1)
  })

  it('Little\'s law and the wait percentiles also hold when recomputed from the CSV tables alone', () => {
    const r = simulate(mmc(3.4, 200, 5))
    const s = summary(r.summary)
    const pending = col(r.cluster, 'pods_pending') as number[]
    const meanPending = pending.reduce((a, b) => a + b, 0) / pending.length
    const waits = (col(r.pods, 'wait_s') as (number | undefined)[]).filter((w): w is number => w !== undefined)
    const meanWait = waits.reduce((a, b) => a + b, 0) / waits.length
    const throughput = waits.length / (s.sim_duration_s as number)
    // cluster.csv samples once a minute (12,001 rows): a sampled mean of an autocorrelated queue,
    // so allow 5 % (the time-weighted mean in summary.csv is exact, see the test above).
    expect(meanPending).toBeGreaterThan(throughput * meanWait * 0.95)
    expect(meanPending).toBeLessThan(throughput * meanWait * 1.05)
    // numpy's default (linear) percentile of wait_s equals pod_wait_p95_s.
    const sorted = [...waits].sort((a, b) => a - b)
    const h = (sorted.length - 1) * 0.95
    const p95 = sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - sorted[Math.floor(h)]!)
    expect(s.pod_wait_p95_s).toBeCloseTo(p95, 9)
  })

  it('a pod waits exactly until capacity frees up, then the higher-priority pod goes first', () => {
    const r = simulate(parseScenario(`
name: wait
duration: 1h
cluster: { pools: [{ name: n, nodes: 1, capacity: { cpu: 1, memory: 1Gi } }] }
workloads:
  - { kind: Pod, name: first, at: 0s, duration: 10s, requests: { cpu: 1 } }
  - { kind: Pod, name: low, at: 1s, duration: 10s, requests: { cpu: 1 } }
  - { kind: Pod, name: high, at: 2s, duration: 10s, requests: { cpu: 1 }, priority: 10 }
`))
    expect(col(r.pods, 'pod')).toEqual(['first-0', 'low-0', 'high-0'])
    expect(col(r.pods, 'scheduled_s')).toEqual([0, 20, 10])
    expect(col(r.pods, 'wait_s')).toEqual([0, 19, 8])
    expect(col(r.pods, 'finished_s')).toEqual([10, 30, 20])
  })

  it('a pod bigger than every node stays pending and is reported, not an error', () => {
    const r = simulate(parseScenario(`
name: huge
duration: 10m
cluster: { pools: [{ name: n, nodes: 2, capacity: { cpu: 4, memory: 8Gi } }] }
workloads: [{ kind: Pod, name: huge, requests: { cpu: 64, memory: 1Gi } }]
`))
    expect(col(r.pods, 'outcome')).toEqual(['Pending'])
    expect(col(r.pods, 'scheduled_s')).toEqual([NaN])
    expect(summary(r.summary).pods_pending_end).toBe(1)
    expect(r.rejections.rows).toEqual([['resource-fit: insufficient-cpu', 2]])
  })

  it('a pre-bound pod skips the scheduler, and fails when it does not fit on its node', () => {
    const r = simulate(parseScenario(`
name: prebound
duration: 10m
cluster: { pools: [{ name: n, nodes: 2, capacity: { cpu: 4, memory: 8Gi } }] }
workloads:
  - { kind: Pod, name: pinned, at: 5s, nodeName: n-1, requests: { cpu: 3 } }
  - { kind: Pod, name: toobig, at: 6s, nodeName: n-1, requests: { cpu: 3 } }
`))
    expect(col(r.pods, 'node')).toEqual(['n-1', undefined])
    expect(col(r.pods, 'outcome')).toEqual(['Running', 'Rejected'])
    expect(col(r.pods, 'finished_s')).toEqual([NaN, 6])
  })

  it('gives byte-identical CSV for the same seed and different CSV for another', () => {
    const csv = (seed: number) => {
      const r = simulate(mmc(3, 20, seed))
      return [r.summary, r.cluster, r.pods].map(toCsv).join('\n')
    }
    expect(csv(7)).toBe(csv(7))
    expect(csv(8)).not.toBe(csv(7))
  })

  it('changing only the placement policy leaves every pod\'s creation time and requests unchanged', () => {
    const text = `
name: crn
duration: 6h
seed: 3
cluster: { pools: [{ name: a, nodes: 3, capacity: { cpu: 8, memory: 32Gi } }, { name: b, nodes: 2, capacity: { cpu: 4, memory: 8Gi } }] }
workloads:
  - kind: Batch
    name: etl
    arrivals: { process: poisson, rate: 4/min }
    duration: { dist: lognormal, median: 5m, sigma: 0.8 }
    requests: { cpu: { choice: [500m, 1, 2] }, memory: { dist: uniform, min: 1Gi, max: 6Gi } }
`
    const pods = (placement: string) => simulate(parseScenario(text, 'crn.yaml', { placement })).pods
    const base = pods('first-fit')
    for (const other of ['best-fit', 'worst-fit', 'random']) {
      const p = pods(other)
      for (const c of ['pod', 'created_s', 'cpu_request_milli', 'memory_request_mib', 'run_duration_s']) expect(col(p, c)).toEqual(col(base, c))
      expect(col(p, 'node')).not.toEqual(col(base, 'node'))
    }
  })

  it('keeps every model invariant throughout a long random run', () => {
    for (const seed of [1, 2, 3]) {
      const scenario = parseScenario(`
name: random-run
duration: 12h
seed: ${seed}
cluster:
  pools:
    - { name: s, nodes: 5, capacity: { cpu: 4, memory: 8Gi, pods: 12 } }
    - { name: l, nodes: 3, capacity: { cpu: 32, memory: 128Gi, gpu: 2 } }
workloads:
  - { kind: Batch, name: a, arrivals: { process: poisson, rate: 20/min }, duration: { dist: weibull, shape: 0.8, scale: 3m }, requests: { cpu: { dist: uniform, min: 100m, max: 3 }, memory: { dist: lognormal, median: 1Gi, sigma: 1 } }, priority: 5 }
  - { kind: Batch, name: g, arrivals: { process: poisson, rate: 30/h }, duration: { dist: exponential, mean: 20m }, requests: { cpu: 2, memory: 4Gi, gpu: 1 } }
  - { kind: Batch, name: t, arrivals: { process: times, at: [0s, 0s, 1m, 1m, 1m] }, duration: 2h, requests: { cpu: 30, memory: 100Gi } }
`, 'random.yaml', { placement: ['first-fit', 'best-fit', 'worst-fit'][seed - 1] })
      const run = new Run(scenario, builtins)
      const violations: string[] = []
      run.run({ progressEveryMs: 3_600_000, onProgress: () => violations.push(...invariantViolations(run.cluster)) })
      expect(violations).toEqual([])
      const c = run.cluster
      expect(c.phaseCount[PodPhase.Pending]! + c.phaseCount[PodPhase.Running]! + c.phaseCount[PodPhase.Succeeded]! + c.phaseCount[PodPhase.Failed]!).toBe(c.pods.count)
      expect(c.pods.count).toBeGreaterThan(10_000)
    }
  })
})
