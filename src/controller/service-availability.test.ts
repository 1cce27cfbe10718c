/**
 * Service availability (issue 7's `availability`): the share of service-time each service had at
 * least its desired replicas ready, per service in services_summary.csv and time-weighted over
 * services in summary.csv.
 */
import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseScenario } from '../index.js'
import type { Table } from '../metrics/index.js'
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
})
