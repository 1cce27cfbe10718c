import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { steadyStateAvailability } from '../failures/index.js'
import type { Table } from '../metrics/index.js'
import { invariantViolations } from '../model/index.js'
import { parseScenario } from '../index.js'
import { Run } from './run.js'

const col = (t: Table, name: string): unknown[] => {
  const i = t.columns.indexOf(name)
  if (i < 0) throw new Error(`no column ${name}`)
  return t.rows.map((r) => r[i])
}
const summary = (t: Table): Record<string, unknown> => Object.fromEntries(t.columns.map((c, i) => [c, t.rows[0]![i]]))
const rowsOf = (t: Table): Record<string, unknown>[] => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))

function run(yaml: string): Run {
  const r = new Run(parseScenario(yaml), builtins)
  r.run()
  expect(invariantViolations(r.cluster)).toEqual([])
  return r
}

/** One node running one pre-bound pod forever, crashed once at `crashS`; never repaired within the run. */
const crashOnce = (crashS: number, seed: number, controlPlane = 'kubernetes', batch = false) => `
name: crash
duration: 2h
seed: ${seed}
cluster:
  pools: [{ name: n, nodes: 2, capacity: { cpu: 4, memory: 16Gi } }]
workloads:
  - ${batch ? 'kind: Batch\n    arrivals: { process: times, at: [0s] }\n    duration: 1h' : 'kind: Pod\n    nodeName: n-0'}
    name: app
    requests: { cpu: 1, memory: 1Gi }
    ${batch ? 'nodeSelector: { kubernetes.io/hostname: n-0 }' : ''}
faults:
  - { kind: NodeCrash, node: n-0, at: [${crashS}s], repair: 10h }
controlPlane: ${controlPlane}
`

describe('node lifecycle', () => {
  it('Kubernetes evicts a pod on a crashed node 340-355 s after the crash (50 s grace + 300 s toleration, 10 s lease, 5 s monitor)', () => {
    // Source: kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go
    // (nodeMonitorGracePeriod 50 s since v1.32, nodeMonitorPeriod 5 s) and
    // plugin/pkg/admission/defaulttolerationseconds (300 s).
    const delays: number[] = []
    for (let seed = 1; seed <= 30; seed++) {
      const crashS = 600 + seed * 7.3
      const r = run(crashOnce(crashS, seed))
      const t = r.metrics.tables()
      const pod = rowsOf(t.pods)[0]!
      expect(pod.outcome).toBe('Evicted')
      delays.push((pod.finished_s as number) - crashS)
      const nodes = rowsOf(t.extra.nodes!).filter((e) => e.node === 'n-0')
      expect(nodes.map((e) => e.event)).toEqual(['added', 'ready', 'failed', 'not_ready'])
      const notice = (nodes[3]!.time_s as number) - crashS
      expect(notice).toBeGreaterThan(40)
      expect(notice).toBeLessThanOrEqual(55)
    }
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(340)
      expect(d).toBeLessThanOrEqual(355)
    }
    // The heartbeat phase varies with the seed, so the delays spread over the window.
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(5)
  })

  it('Swarm marks a node down 13.5-16.5 s after the crash and its replacement joins the queue 5 s later', () => {
    // Source: moby/swarmkit manager/dispatcher/dispatcher.go (DefaultHeartBeatPeriod 5 s, epsilon 0.5 s,
    // grace multiplier 3) and api/defaults/service.go (restart delay 5 s).
    for (let seed = 1; seed <= 10; seed++) {
      const r = run(crashOnce(600, seed, 'swarm', true))
      const pods = rowsOf(r.metrics.tables().pods)
      expect(pods[0]!.outcome).toBe('Evicted')
      const down = (pods[0]!.finished_s as number) - 600
      expect(down).toBeGreaterThanOrEqual(13.5 - 5.5)
      expect(down).toBeLessThanOrEqual(16.5)
      expect(pods[1]!.replaces).toBe(pods[0]!.pod)
      expect(pods[1]!.created_s).toBe(pods[0]!.finished_s)
    }
  })

  it('Mesos marks an agent unreachable 60-75 s after the crash (5 missed 15 s pings) and relaunches on the next 1 s offer', () => {
    // Source: apache/mesos src/master/constants.hpp (DEFAULT_AGENT_PING_TIMEOUT 15 s, DEFAULT_MAX_AGENT_PING_TIMEOUTS 5);
    // Marathon state/UnreachableStrategy.scala (inactiveAfterSeconds 0).
    for (let seed = 1; seed <= 10; seed++) {
      const r = run(crashOnce(600, seed, 'mesos', true))
      const pods = rowsOf(r.metrics.tables().pods)
      const down = (pods[0]!.finished_s as number) - 600
      expect(down).toBeGreaterThan(60)
      expect(down).toBeLessThanOrEqual(75)
      const scheduled = pods[1]!.scheduled_s as number
      expect(Number.isInteger(scheduled)).toBe(true)
      expect(scheduled - (pods[0]!.finished_s as number)).toBeGreaterThan(0)
      expect(scheduled - (pods[0]!.finished_s as number)).toBeLessThanOrEqual(1)
    }
  })

  it('a crashed batch pod is replaced by a new row that re-runs from its last checkpoint, and the lost work is counted', () => {
    const yaml = crashOnce(1800, 1, 'swarm', true).replace('duration: 1h', 'duration: 1h\n    checkpoint: 10m')
    const r = run(yaml)
    const t = r.metrics.tables()
    const pods = rowsOf(t.pods)
    expect(pods).toHaveLength(2)
    expect(pods[0]!.outcome).toBe('Evicted')
    expect(pods[1]!.replaces).toBe('app-0')
    expect(pods[1]!.outcome).toBe('Succeeded')
    // It ran 30 min, kept 3 checkpoints (30 min), so the replacement needs the other 30 min.
    expect((pods[1]!.finished_s as number) - (pods[1]!.scheduled_s as number)).toBe(1800)
    expect(summary(t.summary).batch_work_lost_s).toBe(0)
    // Without checkpoints the whole 30 min is lost and re-run.
    const r2 = run(crashOnce(1800, 1, 'swarm', true))
    const t2 = r2.metrics.tables()
    expect(summary(t2.summary).batch_work_lost_s).toBe(1800)
    const p2 = rowsOf(t2.pods)
    expect((p2[1]!.finished_s as number) - (p2[1]!.scheduled_s as number)).toBe(3600)
    expect(summary(t2.summary).pods_evicted).toBe(1)
  })

  it('a node repaired before the eviction keeps its pods, which restart in place', () => {
    const yaml = crashOnce(600, 3).replace('repair: 10h', 'repair: 2m')
    const r = run(yaml)
    const t = r.metrics.tables()
    const pod = rowsOf(t.pods)[0]!
    expect(pod.outcome).toBe('Running')
    expect(pod.restarts).toBe(1)
    const events = rowsOf(t.extra.nodes!).filter((e) => e.node === 'n-0').map((e) => e.event)
    expect(events).toEqual(['added', 'ready', 'failed', 'not_ready', 'repaired', 'ready'])
  })

  it('with exponential failures and repairs the long-run fraction of nodes ready is MTBF/(MTBF+MTTR) within 0.015', () => {
    // 40 nodes x 120 days at MTBF 10 h, MTTR 2 h: about 9,600 failure cycles. The control plane
    // notices a crash about 50 s late, which biases readiness up by about 0.001.
    const r = run(`
name: avail
duration: 120d
seed: 5
cluster:
  pools: [{ name: n, nodes: 40, capacity: { cpu: 4, memory: 16Gi } }]
faults:
  - { kind: NodeCrash, pool: n, mtbf: 10h, repair: { dist: exponential, mean: 2h } }
metrics: { interval: 1h }
`)
    const s = summary(r.metrics.tables().summary)
    const expected = steadyStateAvailability(10, 2)
    expect(expected).toBeCloseTo(0.8333, 4)
    expect(Math.abs((s.nodes_ready_mean as number) / 40 - expected)).toBeLessThan(0.015)
    expect(Math.abs((s.node_availability as number) - expected)).toBeLessThan(0.015)
  })

  it('the cost of a static cluster is exactly nodes x hours x price', () => {
    const r = run(`
name: static
duration: 24h
cluster:
  pools:
    - { name: a, nodes: 10, capacity: { cpu: 4, memory: 16Gi }, costPerHour: 0.38 }
`)
    const t = r.metrics.tables()
    const s = summary(t.summary)
    expect(s.node_hours).toBe(240)
    expect(s.cost).toBe(10 * 24 * 0.38)
    expect(col(t.cluster, 'cost_so_far').at(-1)).toBe(10 * 24 * 0.38)
    expect(col(t.cluster, 'nodes_not_ready').every((v) => v === 0)).toBe(true)
  })
})
