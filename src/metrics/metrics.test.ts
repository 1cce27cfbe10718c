import { describe, expect, it } from 'vitest'
import { quantiles } from './percentiles.js'
import { toCsv } from './table.js'
import { TimeAverage } from './time-average.js'

describe('quantiles', () => {
  it('interpolates linearly between order statistics, as numpy.percentile and pandas.quantile', () => {
    // numpy.percentile([1, 2, 3, 4, 10], [50, 95, 99, 100]) == [3, 8.8, 9.76, 10]
    const v = Float64Array.from([10, 3, 1, 4, 2])
    const [p50, p95, p99, max] = quantiles(v, 5, [0.5, 0.95, 0.99, 1])
    expect(p50).toBe(3)
    expect(p95).toBeCloseTo(8.8, 12)
    expect(p99).toBeCloseTo(9.76, 12)
    expect(max).toBe(10)
    expect([...v]).toEqual([10, 3, 1, 4, 2])
  })

  it('is NaN for an empty sample and the value itself for one', () => {
    expect(quantiles(new Float64Array(0), 0, [0.5])).toEqual([NaN])
    expect(quantiles(Float64Array.from([7]), 1, [0.01, 0.99])).toEqual([7, 7])
  })
})

describe('TimeAverage', () => {
  it('weights each value by how long it held', () => {
    const a = new TimeAverage(1, 0)
    a.set(0, 2) // 2 for 10 ms
    a.advance(10)
    a.set(0, 5) // 5 for 30 ms
    a.advance(40)
    expect(a.mean(0)).toBe((2 * 10 + 5 * 30) / 40)
  })

  it('ignores repeated advances at the same time', () => {
    const a = new TimeAverage(1, 0)
    a.set(0, 1)
    a.advance(5)
    a.advance(5)
    a.set(0, 3)
    a.advance(10)
    expect(a.mean(0)).toBe(2)
  })
})

describe('toCsv', () => {
  it('writes empty cells for NaN and undefined and quotes as RFC 4180', () => {
    expect(toCsv({ columns: ['a', 'b_s', 'c'], rows: [['x,y', NaN, 1.5], ['say "hi"', undefined, 0]] })).toBe('a,b_s,c\n"x,y",,1.5\n"say ""hi""",,0\n')
  })
})
