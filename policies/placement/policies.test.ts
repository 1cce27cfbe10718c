import { describe, expect, it } from 'vitest'
import { rngStream } from '../../src/engine/index.js'
import { buildProfile, checkProfile, resolveProfile, type ProfileSpec } from '../../src/framework/index.js'
import type { NodeId } from '../../src/model/index.js'
import { tinyCluster } from '../../src/model/testing.js'
import { builtins } from '../index.js'

/** The profile a built-in policy name (with optional args) stands for. */
function profileOf(name: string, args?: Record<string, unknown>): ProfileSpec {
  const p = resolveProfile({ kind: 'policy', name, args }, builtins, 'test')
  if (Array.isArray(p)) throw new Error(JSON.stringify(p))
  return p
}

function choose(name: string, args?: Record<string, unknown>, seed = 3): string {
  const { cluster, pod } = tinyCluster()
  const profile = buildProfile(profileOf(name, args), builtins, rngStream(seed, 'placement'), cluster.nodeSlots)
  const n = profile.place(pod, cluster)
  return n < 0 ? 'none' : cluster.nodeName(n as NodeId)
}

describe('built-in placement policies on tinyCluster', () => {
  it.each([
    ['first-fit', 'a-0'],
    ['best-fit', 'b-0'],
    ['worst-fit', 'c-0'],
    ['random', 'd-0'],
  ])('%s picks %s', (name, node) => {
    expect(choose(name)).toBe(node)
  })

  it('every policy picks a different node', () => {
    const picks = ['first-fit', 'best-fit', 'worst-fit', 'random'].map((n) => choose(n))
    expect(new Set(picks).size).toBe(picks.length)
  })

  it('random spreads its picks uniformly over the feasible nodes across seeds', () => {
    const counts = new Map<string, number>()
    for (let seed = 0; seed < 4000; seed++) {
      const n = choose('random', undefined, seed)
      counts.set(n, (counts.get(n) ?? 0) + 1)
    }
    // 4 feasible nodes, 1000 expected each; sd = sqrt(4000 * 1/4 * 3/4) = 27.4, so +-5 sd is +-137.
    for (const node of ['a-0', 'b-0', 'c-0', 'd-0']) expect(Math.abs(counts.get(node)! - 1000)).toBeLessThan(137)
  })

  it('best-fit by the cpu norm alone ranks b-0 (1/4 cpu left) first, by memory alone b-0 (1/8) too, and worst-fit by max picks c-0', () => {
    expect(choose('best-fit', { norm: 'cpu' })).toBe('b-0')
    expect(choose('best-fit', { norm: 'memory' })).toBe('b-0')
    expect(choose('worst-fit', { norm: 'max' })).toBe('c-0')
  })

  it('scores follow each norm: l1 mean, l2 root mean square, max, one resource', () => {
    const { cluster, pod } = tinyCluster()
    const score = (norm: string, node: number) => {
      const plugin = builtins.plugins.get('remaining-capacity')!.create({ prefer: 'least', norm } as never, { rng: () => 0 })
      return plugin.score!(pod, node as NodeId, cluster)
    }
    expect(score('l1', 0)).toBeCloseTo(100 * (1 - (3 / 8 + 15 / 32) / 2), 10)
    expect(score('l2', 0)).toBeCloseTo(100 * (1 - Math.sqrt(((3 / 8) ** 2 + (15 / 32) ** 2) / 2)), 10)
    expect(score('max', 3)).toBeCloseTo(100 * (1 - 7 / 16), 10)
    expect(score('cpu', 2)).toBeCloseTo(100 * (1 - 15 / 16), 10)
  })

  it('a pod bigger than every node is rejected everywhere and counted by reason', () => {
    const { cluster, pod } = tinyCluster()
    pod.cpuMilli = 64_000
    const profile = buildProfile(profileOf('best-fit'), builtins, rngStream(1, 'placement'), cluster.nodeSlots)
    expect(profile.place(pod, cluster)).toBe(-1)
    expect(profile.rejections.get('resource-fit: insufficient-cpu')).toBe(4)
  })

  it('a cordoned node is skipped', () => {
    const { cluster, pod } = tinyCluster()
    cluster.setUnschedulable(0 as NodeId, true)
    const profile = buildProfile(profileOf('first-fit'), builtins, rngStream(1, 'placement'), cluster.nodeSlots)
    expect(cluster.nodeName(profile.place(pod, cluster))).toBe('b-0')
  })

  it('checks plugin args and names, listing the choices', () => {
    const bad: ProfileSpec = { tieBreak: 'random', plugins: [{ name: 'remaining-capacity', args: { norm: 'l3', stratgy: 1 } }, { name: 'nope' }] }
    expect(checkProfile(bad, builtins, 'policies.placement')).toEqual([
      { path: 'policies.placement.plugins[0].args.stratgy', message: 'unknown argument; known: prefer, norm' },
      { path: 'policies.placement.plugins[0].args.norm', message: 'expected one of l1, l2, max, cpu, memory, got "l3"' },
      { path: 'policies.placement.plugins[1].name', message: expect.stringMatching(/^expected a placement plugin \(.*remaining-capacity.*\), got "nope"$/) },
    ])
  })
})
