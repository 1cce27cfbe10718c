/**
 * Conformance: the orders asserted by apache/mesos `src/tests/sorter_tests.cpp` (DRFSorterTest.DRF,
 * WDRF, UpdateWeight, AllocationCountTieBreak, UpdateTotal, MultipleSlavesUpdateTotal,
 * RemoveResources; master, commit 5ce5d20360b82da6bc0dda5fed82748b0812aa67), replayed step by step
 * on fleetsim's sorter. Upstream's `remove(client)` is a deactivation here (the client is no longer
 * sorted); agents' totals are summed into `total` (cpus, mem).
 */
import { describe, expect, it } from 'vitest'
import { DrfSorter } from './drf-sorter.js'

function sorter(total: [number, number]): DrfSorter {
  const s = new DrfSorter(2)
  s.total.set(total)
  return s
}

function client(s: DrfSorter, name: string, cpus: number, mem: number, weight = 1): number {
  const c = s.add(name, weight)
  s.activate(c)
  s.allocated(c, [cpus, mem])
  return c
}

describe('DRF sorter (apache/mesos src/tests/sorter_tests.cpp)', () => {
  it('DRF: clients sort by dominant share as allocations and the pool change', () => {
    const s = sorter([100, 100])
    expect(s.sortedNames()).toEqual([])
    const a = client(s, 'a', 5, 5)
    const b = client(s, 'b', 6, 6)
    // shares: a = .05, b = .06
    expect(s.sortedNames()).toEqual(['a', 'b'])
    const c = client(s, 'c', 1, 1)
    const d = client(s, 'd', 3, 1)
    // shares: a = .05, b = .06, c = .01, d = .03
    expect(s.sortedNames()).toEqual(['c', 'd', 'a', 'b'])
    s.deactivate(a)
    s.unallocated(b, [4, 4])
    // shares: b = .02, c = .01, d = .03
    expect(s.sortedNames()).toEqual(['c', 'b', 'd'])
    client(s, 'e', 1, 5)
    s.total.set([50, 100])
    // shares: b = .04, c = .02, d = .06, e = .05
    expect(s.sortedNames()).toEqual(['c', 'b', 'e', 'd'])
    s.total.set([50, 200])
    client(s, 'f', 5, 1)
    s.allocated(c, [0, 15])
    // shares: b = .04, c = .08, d = .06, e = .025, f = .1
    expect(s.sortedNames()).toEqual(['e', 'b', 'd', 'c', 'f'])
    s.deactivate(d)
    expect(s.sortedNames()).toEqual(['e', 'b', 'c', 'f'])
    s.activate(d)
    expect(s.sortedNames()).toEqual(['e', 'b', 'd', 'c', 'f'])
  })

  it('WDRF: a share is divided by the client weight', () => {
    const s = sorter([100, 100])
    const a = client(s, 'a', 5, 5)
    const b = client(s, 'b', 6, 6, 2)
    // shares: a = .05, b = .03
    expect(s.sortedNames()).toEqual(['b', 'a'])
    client(s, 'c', 4, 4)
    // shares: a = .05, b = .03, c = .04
    expect(s.sortedNames()).toEqual(['b', 'c', 'a'])
    const d = client(s, 'd', 10, 20, 10)
    // shares: a = .05, b = .03, c = .04, d = .02
    expect(s.sortedNames()).toEqual(['d', 'b', 'c', 'a'])
    s.deactivate(b)
    expect(s.sortedNames()).toEqual(['d', 'c', 'a'])
    s.allocated(d, [10, 25])
    // shares: a = .05, c = .04, d = .045
    expect(s.sortedNames()).toEqual(['c', 'd', 'a'])
    client(s, 'e', 1, 1, 0.1)
    // shares: a = .05, c = .04, d = .045, e = .1
    expect(s.sortedNames()).toEqual(['c', 'd', 'a', 'e'])
    s.deactivate(a)
    expect(s.sortedNames()).toEqual(['c', 'd', 'e'])
  })

  it('UpdateWeight: raising b to weight 2 flips the order', () => {
    const s = sorter([100, 100])
    client(s, 'a', 5, 5)
    const b = client(s, 'b', 6, 6)
    expect(s.sortedNames()).toEqual(['a', 'b'])
    s.updateWeight(b, 2)
    expect(s.sortedNames()).toEqual(['b', 'a'])
    expect(s.shareOf(b)).toBeCloseTo(0.03, 12)
  })

  it('AllocationCountTieBreak: equal shares sort by allocations ever made, which never reset', () => {
    const s = sorter([100, 100])
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n) => {
      const i = s.add(n)
      s.activate(i)
      return i
    }) as [number, number, number, number, number]
    s.allocated(a, [3, 3])
    s.allocated(b, [3, 3])
    s.allocated(c, [1, 1])
    s.allocated(c, [1, 1])
    s.allocated(c, [1, 1])
    s.allocated(d, [2, 2])
    s.allocated(d, [1, 1])
    s.allocated(e, [3, 3])
    // Allocation count: {a,b,e} = 1, {d} = 2, {c} = 3.
    expect(s.sortedNames()).toEqual(['a', 'b', 'e', 'd', 'c'])
    s.unallocated(c, [3, 3])
    expect(s.sortedNames()).toEqual(['c', 'a', 'b', 'e', 'd'])
    s.allocated(c, [3, 3])
    expect(s.sortedNames()).toEqual(['a', 'b', 'e', 'd', 'c'])
    s.deactivate(c)
    s.activate(c)
    expect(s.sortedNames()).toEqual(['a', 'b', 'e', 'd', 'c'])
    s.unallocated(c, [3, 3])
    s.allocated(c, [3, 3])
    expect(s.allocationCount(c)).toBe(5)
    expect(s.sortedNames()).toEqual(['a', 'b', 'e', 'd', 'c'])
    s.deactivate(a)
    s.unallocated(a, [1, 3])
    s.allocated(a, [1, 3])
    // Allocation count: {b,e} = 1, {d} = 2, {c} = 5.
    expect(s.sortedNames()).toEqual(['b', 'e', 'd', 'c'])
    s.activate(a)
    // Allocation count: {b,e} = 1, {a,d} = 2, {c} = 5.
    expect(s.sortedNames()).toEqual(['b', 'e', 'a', 'd', 'c'])
  })

  it('UpdateTotal: the dominant resource follows the pool (a .2 cpu -> .1 mem, b .1 cpu -> .2 mem)', () => {
    const s = sorter([10, 100])
    client(s, 'a', 2, 1)
    client(s, 'b', 1, 2)
    expect(s.sortedNames()).toEqual(['b', 'a'])
    s.total.set([100, 10])
    expect(s.sortedNames()).toEqual(['a', 'b'])
  })

  it('MultipleSlavesUpdateTotal: two agents of cpus 5 / mem 50, then agent A grows to 95 cpus', () => {
    const s = sorter([5 + 5, 50 + 50])
    client(s, 'a', 2, 1)
    client(s, 'b', 1, 3)
    expect(s.sortedNames()).toEqual(['b', 'a'])
    s.total.set([95 + 5, 50 + 50])
    // a = .02 (cpus), b = .03 (mem)
    expect(s.sortedNames()).toEqual(['a', 'b'])
  })

  it('RemoveResources: removing 5 cpus from the pool and from a turns a .6/b .4 into a .2/b .8', () => {
    const s = new DrfSorter(1)
    s.total.set([10])
    const a = s.add('a')
    const b = s.add('b')
    s.activate(a)
    s.activate(b)
    s.allocated(a, [6])
    s.allocated(b, [4])
    expect(s.sortedNames()).toEqual(['b', 'a'])
    s.total.set([5])
    s.setAllocation(a, [1])
    expect(s.sortedNames()).toEqual(['a', 'b'])
  })

  it('a resource with no capacity in the pool is left out of every share', () => {
    const s = new DrfSorter(3)
    s.total.set([100, 100, 0])
    const a = s.add('a')
    s.allocated(a, [5, 10, 4])
    expect(s.shareOf(a)).toBeCloseTo(0.1, 12)
  })
})
