import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseScenario } from '../index.js'
import { invariantViolations, type NodeId } from '../model/index.js'
import { OfferScheduler } from './offer-scheduler.js'
import { Run } from './run.js'

/** A run of `workloads` (YAML list items) on `pools` under mesos-drf with `args`. */
function offerRun(pools: string, workloads: string, args: Record<string, unknown> = {}, duration = '20s'): Run {
  const scenario = parseScenario(`
name: offers
duration: ${duration}
cluster:
  pools:
${pools}
workloads:
${workloads}
policies:
  placement: { name: mesos-drf, args: ${JSON.stringify({ shuffleAgents: false, ...args })} }
`)
  const run = new Run(scenario, builtins)
  run.run()
  expect(invariantViolations(run.cluster)).toEqual([])
  return run
}

/** Scheduled time (ms) and node name of every pod of app `app`, in creation order. */
function placements(run: Run, app: number): [number, string][] {
  const c = run.cluster
  const out: [number, string][] = []
  for (let p = 0; p < c.pods.count; p++) {
    if (c.pods.app[p] !== app) continue
    const n = c.pods.node[p]!
    out.push([c.pods.scheduledMs[p]!, n < 0 ? 'none' : c.nodeName(n as NodeId)])
  }
  return out
}

const batch = (name: string, at: string[], cpu: string, duration = '1h', extra = '') => `
  - kind: Batch
    name: ${name}
    arrivals: { process: times, at: [${at.join(', ')}] }
    duration: ${duration}
    requests: { cpu: ${cpu}, memory: 1Gi }${extra}`

describe('mesos-drf: two-level offers', () => {
  it('a task waits for the next allocation pass, every second', () => {
    // A task arriving at 2 s, after the 2 s pass has run (it was scheduled first), waits for 3 s.
    const run = offerRun('    - { name: agent, nodes: 1, capacity: { cpu: 4, memory: 8Gi } }', batch('job', ['300ms', '1500ms', '1999ms', '2s'], '1'))
    expect(placements(run, 0)).toEqual([[1000, 'agent-0'], [2000, 'agent-0'], [2000, 'agent-0'], [3000, 'agent-0']])
  })

  it('a longer allocation interval delays tasks to its grid', () => {
    const run = offerRun('    - { name: agent, nodes: 1, capacity: { cpu: 4, memory: 8Gi } }', batch('job', ['300ms', '2500ms'], '1'), { allocationIntervalSeconds: 2 })
    expect(placements(run, 0)).toEqual([[2000, 'agent-0'], [4000, 'agent-0']])
  })

  it('a declined agent is refused to the framework for 5 s, then offered again', () => {
    // At 1 s small-0 (1 cpu) is offered to job, whose only task needs 2 cpus: declined, refused
    // until 6 s. The 1-cpu task of the same framework arriving at 1.2 s waits for it.
    const pools = '    - { name: small, nodes: 1, capacity: { cpu: 1, memory: 8Gi } }'
    const run = offerRun(pools, batch('job', ['500ms'], '2') + batch('late', ['1200ms'], '1', '1h', '\n    tenant: job'))
    expect(placements(run, 1)).toEqual([[6000, 'small-0']])
    expect(placements(run, 0)).toEqual([[NaN, 'none']])
    const s = run.scheduler as OfferScheduler
    // Declines at 1 s, then every 5 s once refused: 6 s (the 1-cpu task launches: accepted), 7 s, 12 s, 17 s.
    expect(s.offersDeclined).toBe(4)
  })

  it('without refuse filters (refuseSeconds 0) the same task goes at the next pass', () => {
    const pools = '    - { name: small, nodes: 1, capacity: { cpu: 1, memory: 8Gi } }'
    const run = offerRun(pools, batch('job', ['500ms'], '2') + batch('late', ['1200ms'], '1', '1h', '\n    tenant: job'), { refuseSeconds: 0 })
    expect(placements(run, 1)).toEqual([[2000, 'small-0']])
  })

  it('resources freed on a refused agent lift its filter early (the offer is no longer a subset)', () => {
    // job's 2-cpu task runs 1 s to 3.5 s; the 3-cpu task is declined at 2 s (2 cpus free, refused
    // until 7 s), but at 3.5 s big-0 has 4 cpus free, more than refused: offered again at 4 s.
    const pools = '    - { name: big, nodes: 1, capacity: { cpu: 4, memory: 8Gi } }'
    const run = offerRun(pools, batch('job', ['500ms'], '2', '2500ms') + batch('late', ['1200ms'], '3', '1h', '\n    tenant: job'))
    expect(placements(run, 0)).toEqual([[1000, 'big-0']])
    expect(placements(run, 1)).toEqual([[4000, 'big-0']])
  })

  it('agents go to frameworks in DRF order: equal weights alternate, weight 3 takes three of four agents', () => {
    const pools = '    - { name: agent, nodes: 4, capacity: { cpu: 4, memory: 16Gi } }'
    const many = Array.from({ length: 16 }, () => '500ms')
    const tenants = (weightA: number) =>
      batch('a', many, '1', '1h', `\n    tenant: team-a\n    weight: ${weightA}`) + batch('b', many, '1', '1h', '\n    tenant: team-b')
    const nodesOf = (run: Run, app: number) => [...new Set(placements(run, app).map(([, n]) => n))].filter((n) => n !== 'none').sort()
    const equal = offerRun(pools, tenants(1), {}, '1500ms')
    // Pass at 1 s: agent-0 to team-a (tie on share and count: name), agent-1 to team-b, then a, b.
    expect(nodesOf(equal, 0)).toEqual(['agent-0', 'agent-2'])
    expect(nodesOf(equal, 1)).toEqual(['agent-1', 'agent-3'])
    const weighted = offerRun(pools, tenants(3), {}, '1500ms')
    // a: 4/16 / 3 = .083 after agent-0, so b gets agent-1; a (.083) < b (.25) takes agent-2, and
    // a (.5/3 = .167) < b takes agent-3.
    expect(nodesOf(weighted, 0)).toEqual(['agent-0', 'agent-2', 'agent-3'])
    expect(nodesOf(weighted, 1)).toEqual(['agent-1'])
  })

  it('a framework launches at most maxTasksPerOffer tasks on one offer', () => {
    const run = offerRun('    - { name: agent, nodes: 1, capacity: { cpu: 8, memory: 16Gi } }', batch('job', Array.from({ length: 7 }, () => '100ms'), '1'), { maxTasksPerOffer: 5 })
    // 5 at 1 s; the offer was used, so nothing is refused and the last 2 go at 2 s.
    expect(placements(run, 0).map(([t]) => t)).toEqual([1000, 1000, 1000, 1000, 1000, 2000, 2000])
  })

  it('Marathon constraints apply within offers (UNIQUE hostname: one task per agent)', () => {
    const run = offerRun('    - { name: agent, nodes: 3, capacity: { cpu: 8, memory: 16Gi } }', batch('db', ['100ms', '100ms', '100ms', '100ms'], '1', '1h', '\n    marathonConstraints: [[hostname, UNIQUE]]'))
    const got = placements(run, 0)
    expect(got.slice(0, 3).map(([, n]) => n).sort()).toEqual(['agent-0', 'agent-1', 'agent-2'])
    expect(got[3]).toEqual([NaN, 'none'])
  })

  it('the same seed gives the same placements with shuffled agents', () => {
    const pools = '    - { name: agent, nodes: 6, capacity: { cpu: 4, memory: 16Gi } }'
    const w = batch('job', Array.from({ length: 10 }, (_, i) => `${200 * i}ms`), '1')
    const a = placements(offerRun(pools, w, { shuffleAgents: true }), 0)
    const b = placements(offerRun(pools, w, { shuffleAgents: true }), 0)
    expect(a).toEqual(b)
    const c = new Set(a.map(([, n]) => n))
    expect(c.size).toBeGreaterThan(1)
  })

  it('refusal is per framework and agent', () => {
    const pools = '    - { name: small, nodes: 1, capacity: { cpu: 1, memory: 8Gi } }'
    const run = offerRun(pools, batch('big', ['100ms'], '2') + batch('fits', ['2500ms'], '1'))
    const s = run.scheduler as OfferScheduler
    expect(placements(run, 1)).toEqual([[3000, 'small-0']])
    expect(s.frameworks).toEqual(['big', 'fits'])
    // big's decline at 1 s refuses small-0 to big until 6 s; fits is offered it at 3 s all the same.
    // big is offered it again (nothing free but memory) and declines at 6, 11 and 16 s: refused at the end.
    expect(s.isRefused(0, 0 as NodeId)).toBe(true)
    expect(s.isRefused(1, 0 as NodeId)).toBe(false)
  })
})
