import { describe, expect, it } from 'vitest'
import { GI, nodePools, placer, testApp } from './testing.js'

const swarmApp = (id: number, name: string, spread: string[] = [], constraints: { key: string; equal: boolean; value: string }[] = [], maxReplicas = 0) =>
  testApp(id, name, { swarm: { constraints, spread, maxReplicas } })

describe('swarm-spread (swarmkit manager/scheduler)', () => {
  it('puts the next task on the node with the fewest tasks of the service, then the fewest tasks in total (scheduler.go nodeLess)', () => {
    const pools = nodePools(['n1', 'n2', 'n3'].map((name) => ({ name, cpuMilli: 8000, memBytes: 16 * GI })))
    const s = placer(pools, [swarmApp(0, 'web'), swarmApp(1, 'other')], 'swarm-spread')
    // n1: 1 web + 0 other; n2: 1 web + 2 other; n3: 1 web + 1 other: web ties, n1 has the fewest in total.
    const c = s.cluster
    for (const [app, node] of [[0, 0], [0, 1], [0, 2], [1, 1], [1, 1], [1, 2]] as const) {
      const p = c.createPod(app as never, { cpuMilli: 100, cpuNonZeroMilli: 100, memBytes: 0, memNonZeroBytes: 0, gpu: 0, ext: new Float64Array(0) }, Infinity, 0)
      c.bind(p, node as never, 0)
    }
    expect(s.place(0, 100, 0)).toBe('n1-0')
    // Now n1 has 2 web tasks; n3 (1 web, 2 total) beats n2 (1 web, 3 total).
    expect(s.place(0, 100, 0)).toBe('n3-0')
    expect(s.place(0, 100, 0)).toBe('n2-0')
  })

  it('spreads 8 tasks over az1 = {id1} and az2 = {id2..id5} as 4 + 1,1,1,1 (scheduler_test.go testPreferences)', () => {
    const az = ['az1', 'az2', 'az2', 'az2', 'az2']
    const pools = nodePools(az.map((a, i) => ({ name: `id${i + 1}`, cpuMilli: 64000, memBytes: 64 * GI, labels: { az: a } })))
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = placer(pools, [swarmApp(0, 'service1', ['node.labels.az'])], 'swarm-spread', seed)
      for (let i = 0; i < 8; i++) s.place(0, 0, 0)
      expect(s.countsOf(0)).toEqual({ 'id1-0': 4, 'id2-0': 1, 'id3-0': 1, 'id4-0': 1, 'id5-0': 1 })
    }
  })

  it('nests az then rack and re-splits when a branch is full: 12 tasks give id0 0, id1 5, az2 7 split 4/3 by rack (scheduler_test.go testMultiplePreferences)', () => {
    const nodes = [
      { az: 'az1', rack: 'rack1', mem: 1e8, apples: 1 },
      { az: 'az1', rack: 'rack1', mem: 1e9, apples: 10 },
      { az: 'az2', rack: 'rack1', mem: 1e9, apples: 6 },
      { az: 'az2', rack: 'rack1', mem: 1e9, apples: 6 },
      { az: 'az2', rack: 'rack1', mem: 1e9, apples: 6 },
      { az: 'az2', rack: 'rack2', mem: 1e9, apples: 6 },
      { az: 'az2', rack: 'rack2', mem: 1e9, apples: 6 },
    ]
    const pools = nodePools(nodes.map((n, i) => ({ name: `id${i}`, cpuMilli: 1000, memBytes: n.mem, labels: { az: n.az, rack: n.rack }, ext: { 'example.com/apple': n.apples } })))
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const s = placer(pools, [swarmApp(0, 'service1', ['node.labels.az', 'node.labels.rack'])], 'swarm-spread', seed, ['example.com/apple'])
      for (let i = 0; i < 12; i++) expect(s.place(0, 0, 2e8, { ext: [2] })).not.toBe('none')
      const a = s.countsOf(0)
      const at = (i: number) => a[`id${i}-0`] ?? 0
      expect(at(0)).toBe(0)
      expect(at(1)).toBe(5)
      const rack1 = at(2) + at(3) + at(4)
      const rack2 = at(5) + at(6)
      expect([rack1, rack2].sort()).toEqual([3, 4])
      // Within a rack the counts differ by at most one.
      expect(Math.max(at(2), at(3), at(4)) - Math.min(at(2), at(3), at(4))).toBeLessThanOrEqual(1)
      expect(Math.abs(at(5) - at(6))).toBeLessThanOrEqual(1)
    }
  })

  it('a missing preference label is the value "": nodes without it form one branch (nodeset.go tree)', () => {
    const pools = nodePools([
      { name: 'a', cpuMilli: 8000, memBytes: 8 * GI, labels: { zone: 'z1' } },
      { name: 'b', cpuMilli: 8000, memBytes: 8 * GI },
      { name: 'c', cpuMilli: 8000, memBytes: 8 * GI },
    ])
    const s = placer(pools, [swarmApp(0, 'web', ['node.labels.zone'])], 'swarm-spread', 7)
    for (let i = 0; i < 4; i++) s.place(0, 0, 0)
    expect(s.countsOf(0)).toEqual({ 'a-0': 2, 'b-0': 1, 'c-0': 1 })
  })

  it('honours constraints case-insensitively and maxReplicasPerNode (filter.go ConstraintFilter, MaxReplicasFilter)', () => {
    const pools = nodePools([
      { name: 'a', cpuMilli: 8000, memBytes: 8 * GI, labels: { zone: 'East' } },
      { name: 'b', cpuMilli: 8000, memBytes: 8 * GI, labels: { zone: 'west' } },
      { name: 'c', cpuMilli: 8000, memBytes: 8 * GI, labels: { zone: 'east' } },
    ])
    const app = swarmApp(0, 'web', [], [{ key: 'node.labels.zone', equal: true, value: 'east' }, { key: 'node.hostname', equal: false, value: 'c-0' }], 2)
    const s = placer(pools, [app], 'swarm-spread')
    expect([s.place(0, 0, 0), s.place(0, 0, 0), s.place(0, 0, 0)]).toEqual(['a-0', 'a-0', 'none'])
  })

  it('explains the choice: the chosen node scores 100, the others 0..99 by their tasks', () => {
    const pools = nodePools(['n1', 'n2'].map((name) => ({ name, cpuMilli: 8000, memBytes: 16 * GI })))
    const s = placer(pools, [swarmApp(0, 'web')], 'swarm-spread')
    const first = s.place(0, 0, 0)
    const trace = { chosen: -1 as never, nodes: [] }
    const second = s.place(0, 0, 0, { trace })
    expect(second).toBe(first === 'n1-0' ? 'n2-0' : 'n1-0')
    const scores = trace.nodes.map((t: { scores: Record<string, number> }) => t.scores['swarm-spread'])
    expect(scores).toEqual(second === 'n1-0' ? [100, 0] : [0, 100])
  })
})
