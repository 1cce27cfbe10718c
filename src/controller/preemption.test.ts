import { describe, expect, it } from 'vitest'
import { parseScenario, simulate } from '../index.js'
import type { Table } from '../metrics/index.js'

/**
 * Three 4-cpu nodes filled by twelve 1-cpu batch pods of priority 0 (one every 10 s, so k8s-default
 * spreads them 4/4/4), then a 2-cpu pod of priority `prio` at 5m and a 1-cpu pod of priority 0 at 6m.
 */
const fullCluster = (prio: number, placement = 'k8s-default') =>
  parseScenario(`
name: preemption
duration: 30m
seed: 3
cluster:
  pools: [{ name: node, nodes: 3, capacity: { cpu: 4, memory: 16Gi } }]
workloads:
  - kind: Batch
    name: batch
    arrivals: { process: interval, every: 10s }
    count: 12
    duration: 20m
    requests: { cpu: 1, memory: 1Gi }
  - kind: Pod
    name: critical
    at: 5m
    duration: 10m
    requests: { cpu: 2, memory: 2Gi }
    priority: ${prio}
  - kind: Pod
    name: peer
    at: 6m
    duration: 5m
    requests: { cpu: 1, memory: 1Gi }
metrics: { interval: 1m }
policies: { placement: ${placement} }
`)

/** pods.csv as one record per pod name. */
function pods(t: Table): Record<string, Record<string, unknown>> {
  return Object.fromEntries(t.rows.map((r) => {
    const o = Object.fromEntries(t.columns.map((c, i) => [c, r[i]]))
    return [o.pod as string, o]
  }))
}

describe('preemption in a run (DefaultPreemption in k8s-default)', () => {
  it('evicts the two pods started last on the node whose victims started latest, and binds the preemptor there at once', () => {
    const p = pods(simulate(fullCluster(1000)).pods)
    const preempted = Object.values(p).filter((r) => r.outcome === 'Preempted').map((r) => r.pod)
    // node-2 holds batch-1/3/8/9 (started 10, 30, 80, 90 s); node-0 and node-1 would give up
    // pods started at 60 s and 70 s: upstream's latest-start rule picks node-2.
    expect(preempted).toEqual(['batch-8', 'batch-9'])
    for (const v of preempted as string[]) expect(p[v]).toMatchObject({ node: 'node-2', finished_s: 300, scheduled_s: (v === 'batch-8' ? 80 : 90) })
    expect(p['critical-0']).toMatchObject({ node: 'node-2', scheduled_s: 300, wait_s: 0, outcome: 'Succeeded', finished_s: 900 })
  })

  it('replaces preempted batch pods as a Job controller does; they wait, and never preempt their equals', () => {
    const p = pods(simulate(fullCluster(1000)).pods)
    expect(p['batch-12']).toMatchObject({ replaces: 'batch-8', created_s: 300, scheduled_s: 900, node: 'node-2' })
    expect(p['batch-13']).toMatchObject({ replaces: 'batch-9', created_s: 300, scheduled_s: 900, node: 'node-2' })
    // peer-0 (priority 0, created at 360 s) waits until batch-0 finishes at 1200 s.
    expect(p['peer-0']).toMatchObject({ scheduled_s: 1200, wait_s: 840 })
  })

  it('does not preempt for a pod of equal priority: it waits until one node has 2 cpu free again', () => {
    const p = pods(simulate(fullCluster(0)).pods)
    expect(Object.values(p).filter((r) => r.outcome === 'Preempted')).toEqual([])
    // node-2 frees batch-1 at 1210 s and batch-3 at 1230 s (peer-0 takes node-0's first free cpu).
    expect(p['critical-0']).toMatchObject({ node: 'node-2', scheduled_s: 1230, wait_s: 930 })
  })

  it('does not preempt under a profile without DefaultPreemption (best-fit)', () => {
    const p = pods(simulate(fullCluster(1000, 'best-fit')).pods)
    expect(Object.values(p).filter((r) => r.outcome === 'Preempted')).toEqual([])
    expect(p['critical-0']!.wait_s).toBeGreaterThan(0)
  })

  it('preempts under k8s-most-allocated too, which keeps the default PostFilter', () => {
    const p = pods(simulate(fullCluster(1000, 'k8s-most-allocated')).pods)
    expect(Object.values(p).filter((r) => r.outcome === 'Preempted')).toHaveLength(2)
    expect(p['critical-0']).toMatchObject({ scheduled_s: 300 })
  })
})
