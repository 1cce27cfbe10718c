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

/** Twelve nodes of three shapes, one pool tainted PreferNoSchedule, filled unevenly. */
function cluster(): Cluster {
  const pools = [
    testPool(0, 'small', { cpuMilli: 4000, memBytes: 16 * GI }, FOUR),
    testPool(1, 'big', { cpuMilli: 16000, memBytes: 32 * GI }, { ...FOUR, taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] }),
    testPool(2, 'gpu', { cpuMilli: 8000, memBytes: 64 * GI, gpu: 4 }, FOUR),
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
