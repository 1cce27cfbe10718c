/**
 * Service availability (issue 7's `availability`): the share of service-time each service had at
 * least its desired replicas ready, per service in services_summary.csv and time-weighted over
 * services in summary.csv.
 */
import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseScenario } from '../index.js'
import type { Table } from '../metrics/index.js'
import { invariantViolations } from '../model/index.js'
import { Run } from './run.js'

function run(yaml: string) {
  const r = new Run(parseScenario(yaml, 'a.yaml'), builtins)
  r.run()
  return r.metrics.tables()
}
const column = (t: Table, c: string) => t.rows.map((row) => row[t.columns.indexOf(c)])

describe('service availability', () => {
  it('is 1 for a service whose replicas all run and 0 for one whose replicas cannot all be placed; 0.5 over both', () => {
    const t = run(`
name: a
duration: 1h
cluster: { pools: [{ name: p, nodes: 1, capacity: { cpu: 2, memory: 8Gi } }] }
workloads:
  - { kind: Service, name: fits, replicas: 2, requests: { cpu: 500m, memory: 256Mi }, serviceRate: 100, load: { curve: constant, mean: 50 } }
  - { kind: Service, name: too-big, replicas: 4, requests: { cpu: 1, memory: 256Mi }, serviceRate: 100, load: { curve: constant, mean: 50 } }
`)
    expect(column(t.extra.services_summary!, 'availability')).toEqual([1, 0])
    expect(column(t.summary, 'availability')).toEqual([0.5])
  })

  it('loses exactly the startup delays of the HPA scale-ups: the union of [sync, sync + 10 s) over the syncs that raised the count', () => {
    const t = run(`
name: a
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
    autoscaler: { name: hpa, targetCpuUtilization: 20, behavior: {} }
`)
    const a = t.extra.autoscaler!
    const ups = a.rows.filter((r) => Number(r[a.columns.indexOf('replicas_final')]) > Number(r[a.columns.indexOf('replicas_current')]))
      .map((r) => Number(r[a.columns.indexOf('time_s')]))
    expect(ups.length).toBeGreaterThan(3)
    // Syncs are 15 s apart and startup is 10 s, so the windows do not overlap.
    const unavailableS = ups.length * 10
    expect(column(t.extra.services_summary!, 'availability')).toEqual([Math.round((1 - unavailableS / 900) * 1e6) / 1e6])
  })

  it('a node crash takes its replicas out of service from the crash until their replacements are ready elsewhere', () => {
    // First-fit puts all 4 replicas on p-0. It crashes at 1800 s. Kubernetes profile
    // (docs/faults.md): NotReady at the first 5-s monitor tick after the last lease renewal
    // (10-s period) + 50 s grace = 1850 s; pods evicted 300 s later = 2150 s, replacements
    // queued at once and bound to p-1, serving after their 10-s startup = 2160 s. So each
    // replica is out for 360 s of 3600: availability 0.9, and 200 req/s x 360 s are dropped.
    const r = new Run(parseScenario(`
name: a
duration: 1h
cluster: { pools: [{ name: p, nodes: 2, capacity: { cpu: 4, memory: 8Gi } }] }
workloads:
  - { kind: Service, name: web, replicas: 4, requests: { cpu: 1, memory: 256Mi }, serviceRate: 100, startup: 10s, load: { curve: constant, mean: 200 } }
faults:
  - { kind: NodeCrash, node: p-0, at: [30m], repair: 10m }
metrics: { interval: 1m }
`, 'a.yaml'), builtins)
    r.run()
    expect(invariantViolations(r.cluster)).toEqual([])
    const t = r.metrics.tables()
    expect(column(t.pods, 'finished_s').slice(0, 4)).toEqual([2150, 2150, 2150, 2150])
    expect(column(t.pods, 'outcome').slice(0, 4)).toEqual(['Evicted', 'Evicted', 'Evicted', 'Evicted'])
    expect(column(t.pods, 'node').slice(4)).toEqual(['p-1', 'p-1', 'p-1', 'p-1'])
    // services.csv rows at 1740..2220 s: the row at 1800 s already sees the crash, the one at
    // 2160 s is sampled just before the replacements' ready events of that same instant; no
    // request is served in the six minutes from 1800 to 2160 s.
    const svc = t.extra.services!
    const at = (c: string) => column(svc, c).slice(column(svc, 'time_s').indexOf(1740), column(svc, 'time_s').indexOf(2220) + 1)
    expect(at('replicas_ready')).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 4])
    expect(at('served_rps')).toEqual([200, 200, 0, 0, 0, 0, 0, 0, 200])
    const summary = t.extra.services_summary!
    expect(column(summary, 'availability')).toEqual([0.9])
    expect(column(summary, 'requests_dropped_frac')).toEqual([0.1])
    expect(column(summary, 'ready_replica_seconds')).toEqual([4 * (3600 - 360)])
  })
})
