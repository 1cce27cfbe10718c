/**
 * `scoreAll` is only a faster way to call `score` (src/framework/placement.ts): for every built-in
 * plugin that has it, with each of its modes, the batch scores equal the per-node scores exactly.
 */
import { describe, expect, it } from 'vitest'
import { rngStream } from '../../src/engine/index.js'
import { Cluster, PodSpec, type AppId, type NodeId, type PoolId } from '../../src/model/index.js'
import { GI, placePod, requestOf, testApp, testPool } from '../../src/model/testing.js'
import { builtins } from '../index.js'

const FOUR = { initial: 4, max: 4 }

/** Twelve nodes of three shapes, one pool tainted PreferNoSchedule and one NoSchedule, filled unevenly. */
function cluster(): Cluster {
  const pools = [
    testPool(0, 'small', { cpuMilli: 4000, memBytes: 16 * GI }, FOUR),
    testPool(1, 'big', { cpuMilli: 16000, memBytes: 32 * GI }, { ...FOUR, taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] }),
    testPool(2, 'gpu', { cpuMilli: 8000, memBytes: 64 * GI, gpu: 4 }, { ...FOUR, taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] }),
  ]
  const c = new Cluster(pools, [testApp(0, 'filler'), testApp(1, 'web')], [])
  for (let p = 0; p < 3; p++) for (let i = 0; i < 4; i++) c.addNode(p as PoolId, 0)
  for (let n = 0; n < 12; n++) for (let k = 0; k < n % 5; k++) placePod(c, 0, n, 300 + 250 * k, (1 + k) * GI)
  return c
}

const MODES: Record<string, Record<string, unknown>[]> = {
  NodeResourcesFit: [
    {},
    { scoringStrategy: { type: 'MostAllocated' } },
    { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] } } },
  ],
  NodeResourcesBalancedAllocation: [{}, { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }] }],
  'remaining-capacity': ['l1', 'l2', 'max', 'cpu', 'memory'].flatMap((norm) => [{ prefer: 'least', norm }, { prefer: 'most', norm }]),
}

describe('scoreAll equals score node by node', () => {
  const withBatch = [...builtins.plugins.values()].filter((m) => m.create(m.defaults, { rng: rngStream(1, 'placement') }).scoreAll)

  it('covers the hot scorers', () => {
    expect(withBatch.map((m) => m.name)).toEqual(expect.arrayContaining(['NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'TaintToleration', 'remaining-capacity']))
  })

  for (const m of withBatch) {
    for (const args of MODES[m.name] ?? [{}]) {
      it(`${m.name} ${JSON.stringify(args)}`, () => {
        const c = cluster()
        const merged = { ...m.defaults, ...args }
        expect(m.check(merged, 'args')).toEqual([])
        const plugin = m.create(merged, { rng: rngStream(1, 'placement') })
        const p = c.createPod(1 as AppId, requestOf(700, 3 * GI, 1), 60_000, 0)
        const pod = c.fillPodSpec(p, new PodSpec(c.apps[1]!, 0))
        const nodes = Int32Array.from({ length: 12 }, (_, i) => (i * 5) % 12)
        plugin.prepare?.(pod, c)
        plugin.preScore?.(pod, nodes, nodes.length, c)
        const batch = new Float64Array(nodes.length)
        plugin.scoreAll!(pod, nodes, nodes.length, c, batch)
        const single = Array.from(nodes, (n) => plugin.score!(pod, n as NodeId, c))
        expect(Array.from(batch)).toEqual(single)
        expect(new Set(single).size).toBeGreaterThan(1) // the cluster tells the nodes apart
      })
    }
  }
})

describe('filterAll gives the answers of filter node by node', () => {
  const withBatch = [...builtins.plugins.values()].filter((m) => m.create(m.defaults, { rng: rngStream(1, 'placement') }).filterAll)

  it('covers the hot filters', () => {
    expect(withBatch.map((m) => m.name)).toEqual(expect.arrayContaining(['NodeResourcesFit', 'TaintToleration', 'NodeUnschedulable', 'node-unschedulable', 'resource-fit']))
  })

  for (const m of withBatch) {
    it(m.name, () => {
      const c = cluster()
      c.setUnschedulable(3 as NodeId, true)
      const plugin = m.create(m.defaults, { rng: rngStream(1, 'placement') })
      // 2.5 cores and 3 GPUs: some nodes lack cpu, the non-GPU pools lack GPUs, node 3 is cordoned.
      const p = c.createPod(1 as AppId, requestOf(2500, 3 * GI, 3), 60_000, 0)
      const pod = c.fillPodSpec(p, new PodSpec(c.apps[1]!, 0))
      const nodes = Int32Array.from({ length: 12 }, (_, i) => (i * 5) % 12)
      plugin.prepare?.(pod, c)
      const single = Array.from(nodes, (n) => plugin.filter!(pod, n as NodeId, c))
      const rejected: [number, string][] = []
      const kept = plugin.filterAll!(pod, nodes, nodes.length, c, (n, reason) => rejected.push([n, reason]))
      const order = Int32Array.from({ length: 12 }, (_, i) => (i * 5) % 12)
      expect(Array.from(nodes.subarray(0, kept))).toEqual(Array.from(order).filter((_, i) => single[i] === null))
      expect(rejected).toEqual(Array.from(order).flatMap((n, i) => (single[i] === null ? [] : [[n, single[i]]])))
      expect(kept).toBeGreaterThan(0)
      expect(rejected.length).toBeGreaterThan(0)
    })
  }
})
