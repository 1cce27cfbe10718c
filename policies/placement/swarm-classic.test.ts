import { describe, expect, it } from 'vitest'
import { GI, nodePools, placer } from './testing.js'

/** classicswarm's test helper gives nodes 5 % memory overcommit, truncated to whole GiB (createNode in binpack_test.go). */
const node = (name: string, memGi: number, cpus: number) => ({ name, cpuMilli: cpus * 1000, memBytes: Math.trunc(memGi * 1.05) * GI })
const CPU = 1000

describe('classic swarm strategies (docker-archive/classicswarm scheduler/strategy)', () => {
  it('binpack: with equal weight the node with more containers wins (binpack_test.go TestPlaceEqualWeight)', () => {
    const s = placer(nodePools([node('node-0', 4, 0), node('node-1', 4, 0)]), 1, 'swarm-binpack')
    const c = s.cluster
    const bind = (n: number, gi: number) => c.bind(c.createPod(0 as never, { cpuMilli: 0, cpuNonZeroMilli: 0, memBytes: gi * GI, memNonZeroBytes: gi * GI, gpu: 0, ext: new Float64Array(0) }, Infinity, 0), n as never, 0)
    bind(0, 2)
    bind(1, 1)
    bind(1, 1)
    expect(s.place(0, 0, GI)).toBe('node-1-0')
  })

  it('binpack: two 1G containers on 2G nodes share a node, and two 1-CPU containers on 2-CPU nodes too (TestPlaceContainerMemory, TestPlaceContainerCPU)', () => {
    const m = placer(nodePools([node('node-0', 2, 0), node('node-1', 2, 0)]), 1, 'swarm-binpack')
    expect(m.place(0, 0, GI)).toBe(m.place(0, 0, GI))
    const c = placer(nodePools([node('node-0', 0, 2), node('node-1', 0, 2)]), 1, 'swarm-binpack')
    expect(c.place(0, CPU, 0)).toBe(c.place(0, CPU, 0))
  })

  it('binpack: the demo fills node by node and returns to the freed node (TestPlaceContainerDemo)', () => {
    const s = placer(nodePools([node('node-0', 2, 4), node('node-1', 2, 4), node('node-2', 2, 4)]), 1, 'swarm-binpack')
    expect(s.place(0, 0, 10 * GI)).toBe('none')
    const n1 = s.place(0, 0, GI)
    expect(s.place(0, 0, GI)).toBe(n1)
    const n2 = s.place(0, 0, 2 * GI)
    expect(n2).not.toBe(n1)
    const n3 = s.place(0, 0, GI)
    expect([n1, n2]).not.toContain(n3)
    expect(s.place(0, 0, GI)).toBe(n3)
    expect(s.place(0, 0, GI)).toBe('none')
  })

  it('binpack: a 1G container joins the 3G one rather than the 2G one on 4G nodes (TestComplexPlacement)', () => {
    const s = placer(nodePools([node('node-0', 4, 4), node('node-1', 4, 4)]), 1, 'swarm-binpack')
    const a = s.place(0, 0, 2 * GI)
    const b = s.place(0, 0, 3 * GI)
    expect(a).not.toBe(b)
    expect(s.place(0, 0, GI)).toBe(b)
  })

  it('binpack: a 100G node (105G with overcommit) takes 105G and refuses 106G (TestPlaceContainerOvercommit)', () => {
    const s = (gi: number) => placer(nodePools([node('node-1', 100, 1)]), 1, 'swarm-binpack').place(0, 0, gi * GI)
    expect([s(90), s(100), s(105), s(106)]).toEqual(['node-1-0', 'node-1-0', 'node-1-0', 'none'])
  })

  it('spread: 60 containers without requests split 30/30 over nodes of different sizes (spread_test.go TestSpreadPlaceDifferentNodeSize)', () => {
    const s = placer(nodePools([node('node-0', 64, 21), node('node-1', 128, 42)]), 1, 'swarm-spread-classic')
    for (let i = 0; i < 60; i++) s.place(0, 0, 0)
    expect(s.countsOf(0)).toEqual({ 'node-0-0': 30, 'node-1-0': 30 })
  })

  it('spread: 60 one-CPU containers split 20/40 by CPU percentage (TestSpreadPlaceDifferentNodeSizeCPUs)', () => {
    const s = placer(nodePools([node('node-0', 64, 21), node('node-1', 128, 42)]), 1, 'swarm-spread-classic')
    for (let i = 0; i < 60; i++) s.place(0, CPU, 0)
    expect(s.countsOf(0)).toEqual({ 'node-0-0': 20, 'node-1-0': 40 })
  })

  it('spread: with equal weight the node with fewer containers wins (TestSpreadPlaceEqualWeight)', () => {
    const s = placer(nodePools([node('node-0', 4, 0), node('node-1', 4, 0)]), 1, 'swarm-spread-classic')
    const c = s.cluster
    const bind = (n: number, gi: number) => c.bind(c.createPod(0 as never, { cpuMilli: 0, cpuNonZeroMilli: 0, memBytes: gi * GI, memNonZeroBytes: gi * GI, gpu: 0, ext: new Float64Array(0) }, Infinity, 0), n as never, 0)
    bind(0, 2)
    bind(1, 1)
    bind(1, 1)
    expect(s.place(0, 0, GI)).toBe('node-0-0')
  })

  it('spread: a 1G container joins the 2G one rather than the 3G one (TestSpreadComplexPlacement)', () => {
    const s = placer(nodePools([node('node-0', 4, 4), node('node-1', 4, 4)]), 1, 'swarm-spread-classic')
    const a = s.place(0, 0, 2 * GI)
    const b = s.place(0, 0, 3 * GI)
    expect(a).not.toBe(b)
    expect(s.place(0, 0, GI)).toBe(a)
  })

  it('spread: 100 one-CPU containers fill 100 one-CPU nodes, then 100 1G containers fill their memory (TestSpreadPlaceContainerHuge)', () => {
    const s = placer(nodePools(Array.from({ length: 100 }, (_, i) => node(`node-${i}`, 1, 1))), 1, 'swarm-spread-classic')
    for (let i = 0; i < 100; i++) expect(s.place(0, CPU, 0)).not.toBe('none')
    expect(s.place(0, CPU, 0)).toBe('none')
    for (let i = 0; i < 100; i++) expect(s.place(0, 0, GI)).not.toBe('none')
    expect(s.place(0, 0, GI)).toBe('none')
  })

  it('random picks every feasible node across seeds', () => {
    const seen = new Set<string>()
    for (let seed = 0; seed < 40; seed++) seen.add(placer(nodePools([node('a', 4, 4), node('b', 4, 4), node('c', 4, 4)]), 1, 'swarm-random', seed).place(0, CPU, GI))
    expect([...seen].sort()).toEqual(['a-0', 'b-0', 'c-0'])
  })
})
