import { describe, expect, it } from 'vitest'
import { rngStream } from '../../src/engine/index.js'
import { buildProfile } from '../../src/framework/index.js'
import type { NodeId } from '../../src/model/index.js'
import { tinyCluster } from '../../src/model/testing.js'
import { builtins } from '../index.js'
import { profileOf } from './testing.js'

function choose(name: string, seed = 3): string {
  const { cluster, pod } = tinyCluster()
  const profile = buildProfile(profileOf(name), builtins, rngStream(seed, 'placement'), cluster.nodeSlots)
  const n = profile.place(pod, cluster)
  return n < 0 ? 'none' : cluster.nodeName(n as NodeId)
}

// tinyCluster (src/model/testing.ts): a-0 8/32Gi half used, b-0 4/8Gi with 2/2Gi free, c-0 16/64Gi
// empty, d-0 8/16Gi half used; one filler pod on a, b and d; the pod asks 1 cpu / 1Gi.
describe('Swarm, Nomad and research policies on tinyCluster', () => {
  it.each([
    ['swarm-spread', 'c-0'], // the only node without tasks
    ['swarm-spread-classic', 'c-0'], // weight 6 + 1 = 7, the lowest
    ['swarm-binpack', 'b-0'], // weight 75 + 87 = 162, the highest
    ['tetris', 'b-0'], // alignment 1/4 x 2/4 + 1/8 x 2/8 = 0.156, the highest
    ['best-fit-l2', 'b-0'],
    ['nomad-binpack', 'SEED'],
    ['fgd', 'a-0'], // no GPUs: every node scores trunc(100 sigmoid(0)) = 50, ties to the lowest id (fgd.test.ts has a GPU table)
    ['mesos-drf', 'a-0'], // its profile alone is first fit; the offer cycle is tested in src/controller/offer-scheduler.test.ts
  ])('%s picks %s', (name, node) => {
    if (node !== 'SEED') expect(choose(name)).toBe(node)
    else expect(['a-0', 'b-0', 'c-0', 'd-0']).toContain(choose(name))
  })

  it('nomad-binpack samples 2 of the 4 nodes for a batch pod, so across seeds it picks the best of each pair', () => {
    const counts = new Map<string, number>()
    for (let seed = 0; seed < 600; seed++) {
      const n = choose('nomad-binpack', seed)
      counts.set(n, (counts.get(n) ?? 0) + 1)
    }
    // Fit after placing: b-0 best, then d-0, a-0, c-0 (empty). b wins whenever sampled (1/2 of pairs),
    // c never wins (it loses every pair), d wins the pairs {a,d} and {c,d} (1/3), a wins {a,c} (1/6).
    expect(counts.get('c-0')).toBeUndefined()
    expect(Math.abs(counts.get('b-0')! - 300)).toBeLessThan(60)
    expect(Math.abs(counts.get('d-0')! - 200)).toBeLessThan(55)
    expect(Math.abs(counts.get('a-0')! - 100)).toBeLessThan(45)
  })
})
