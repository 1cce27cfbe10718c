import { describe, expect, it } from 'vitest'
import { limitThenMax, nomadFinalScore, nomadLimit, scoreFitBinPack, scoreFitSpread } from './nomad-rank.js'
import { GI, nodePools, placer } from './testing.js'

describe('Nomad BestFit v3 (hashicorp/nomad nomad/structs/funcs_test.go TestScoreFitBinPack)', () => {
  // Node 4096 MHz / 8192 MB with 2048 / 4096 reserved: 2048 MHz and 4096 MB usable.
  const free = (cpu: number, mem: number) => [1 - cpu / 2048, 1 - mem / 4096] as const
  it.each([
    ['almost filled node, but with just enough hole', 2048, 4096, 18, 0],
    ['unutilized node', 0, 0, 0, 18],
    ['mid-case scenario', 1024, 2048, 13.675, 4.325],
  ])('%s: binpack %d, spread %d', (_name, cpu, mem, binpack, spread) => {
    const [c, m] = free(cpu, mem)
    expect(scoreFitBinPack(c, m)).toBeCloseTo(binpack, 3)
    expect(scoreFitSpread(c, m)).toBeCloseTo(spread, 3)
    expect(scoreFitBinPack(c, m) + scoreFitSpread(c, m)).toBeCloseTo(18, 3)
  })
})

describe('Nomad limit and anti-affinity (scheduler/feasible/stack.go, rank_test.go, select.go)', () => {
  it('service jobs visit max(2, ceil(log2 n)) feasible nodes, batch jobs 2 (stack.go SetNodes)', () => {
    expect([nomadLimit(1, false), nomadLimit(4, false), nomadLimit(8, false), nomadLimit(9, false), nomadLimit(1000, false), nomadLimit(5000, false)]).toEqual([2, 2, 3, 4, 10, 13])
    expect(nomadLimit(5000, true)).toBe(2)
  })

  it('two allocations of the job on a node with count 4 append -(2+1)/4 = -0.75; a node without them scores its fit alone (rank_test.go TestJobAntiAffinity_PlannedAlloc)', () => {
    const s = placer(nodePools([{ name: 'n1', cpuMilli: 4000, memBytes: 8 * GI }, { name: 'n2', cpuMilli: 4000, memBytes: 8 * GI }]), 2, 'first-fit')
    s.place(0, 0, 0)
    s.place(0, 0, 0)
    s.place(1, 0, 0)
    // An empty ask on empty nodes fits at 0 (binpack), so the final score is the mean of 0 and -0.75.
    const spec = { app: 0, cpuMilli: 0, memBytes: 0 } as never
    expect(nomadFinalScore(spec, 0 as never, s.cluster, false, 4)).toBe(-0.375)
    expect(nomadFinalScore(spec, 1 as never, s.cluster, false, 4)).toBe(0)
  })

  it('the limit iterator skips up to 3 options scoring <= 0 and falls back to them when nothing else is left (select.go LimitIterator)', () => {
    const final = Float64Array.from([-0.5, -0.2, 0, 0.3, 0.1])
    const order = Int32Array.from([0, 1, 2, 3, 4])
    // Limit 2: options 0, 1, 2 are skipped, then 3 and 4 are the two seen: 3 (0.3) wins.
    expect(limitThenMax(order, 5, final, 2)).toBe(3)
    // Only non-positive options: after the source runs out the skipped ones come back in order; the first max wins.
    expect(limitThenMax(Int32Array.from([0, 1, 2]), 3, final, 2)).toBe(1)
    // Limit 1 sees only the first positive option in visiting order, even if a better one follows.
    expect(limitThenMax(Int32Array.from([4, 3]), 2, final, 1)).toBe(4)
  })
})

describe('nomad-binpack and nomad-spread policies', () => {
  const pools = nodePools([
    { name: 'a', cpuMilli: 4000, memBytes: 8 * GI },
    { name: 'b', cpuMilli: 4000, memBytes: 8 * GI },
  ])
  it('binpack puts a second job on the fuller node; spread on the emptier one (two nodes: limit 2 sees both)', () => {
    const b = placer(pools, 2, 'nomad-binpack')
    const first = b.place(0, 2000, 4 * GI)
    expect(b.place(1, 1000, 2 * GI)).toBe(first)
    const s = placer(pools, 2, 'nomad-spread')
    const one = s.place(0, 2000, 4 * GI)
    expect(s.place(1, 1000, 2 * GI)).not.toBe(one)
  })

  it('binpack still moves the third pod of a job off a node when anti-affinity outweighs the fit', () => {
    const b = placer(pools, 1, 'nomad-binpack')
    const first = b.place(0, 500, GI)
    // Second pod: same node has fit ~0.36 but penalty -(1+1)/2 = -1, mean -0.32 < the empty node's fit.
    expect(b.place(0, 500, GI)).not.toBe(first)
  })
})
