import { describe, expect, it } from 'vitest'
import { parseSeeds, parseShard, planRuns, policyCombinations, shardRuns } from './plan.js'

describe('run planning', () => {
  it('orders runs by point, then policy as given, then seed', () => {
    const runs = planRuns(2, policyCombinations({ placement: ['b', 'a'] }), [1, 2])
    expect(runs.map((r) => `${r.index}:${r.point}/${r.label}/${r.seed}`)).toEqual([
      '0:0/b/1', '1:0/b/2', '2:0/a/1', '3:0/a/2', '4:1/b/1', '5:1/b/2', '6:1/a/1', '7:1/a/2',
    ])
  })

  it('reads --seeds as a count, an inclusive range or a list', () => {
    expect(parseSeeds('3')).toEqual([1, 2, 3])
    expect(parseSeeds('1..20')).toHaveLength(20)
    expect(parseSeeds('7..9')).toEqual([7, 8, 9])
    expect(parseSeeds('4, 1,9')).toEqual([4, 1, 9])
    expect(parseSeeds('9..7')).toBe('range 9..7 is empty; write the lower seed first')
    expect(parseSeeds('many')).toBe('expected a count (5), a range (1..20) or a list (1,4,9), got "many"')
    expect(parseSeeds('0')).toBe('expected between 1 and 100000 seeds, got 0')
  })
})

describe('shard arithmetic', () => {
  it('parses i/N with i counted from 0 and rejects i >= N', () => {
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 })
    expect(parseShard('4/4')).toBe('expected i < N (shards are numbered 0..3), got 4/4')
    expect(parseShard('1of4')).toMatch(/^expected i\/N such as 0\/4/)
    expect(parseShard('0/0')).toBe('expected N >= 1, got 0')
  })

  it.each([[1, 1], [10, 4], [7, 3], [3, 5], [60, 7]])('puts each of %i runs in exactly one of %i shards, sizes within one', (total, count) => {
    const runs = Array.from({ length: total }, (_, index) => ({ index }))
    const shards = Array.from({ length: count }, (_, index) => shardRuns(runs, { index, count }))
    const seen = shards.flat().map((r) => r.index).sort((a, b) => a - b)
    expect(seen).toEqual(runs.map((r) => r.index))
    const sizes = shards.map((s) => s.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
  })

  it('gives shard 1/4 of 10 runs the runs 1, 5 and 9 (round-robin)', () => {
    const runs = Array.from({ length: 10 }, (_, index) => ({ index }))
    expect(shardRuns(runs, { index: 1, count: 4 }).map((r) => r.index)).toEqual([1, 5, 9])
  })
})
