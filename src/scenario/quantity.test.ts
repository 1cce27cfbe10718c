/**
 * Units at the boundary. Quantities follow Kubernetes' resource.Quantity (kubernetes/kubernetes
 * staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go and suffix.go: binary and decimal
 * suffixes, `e`/`E` plus digits as a decimal exponent, MilliValue and Value as ceil(q * 10^scale));
 * 128974848, 129M and 123Mi (about the same memory) are the example of Kubernetes' "Resource Management for Pods and
 * Containers" page.
 */
import { describe, expect, test } from 'vitest'
import { cpuText, durationText, memText, parseCount, parseCpuMilli, parseDurationMs, parseGpu, parseMemBytes, parseRatePerS, quantityValue } from './quantity.js'

describe('CPU quantities become millicores', () => {
  test.each([
    ['500m', 500],
    ['2', 2000],
    [2, 2000],
    ['0.1', 100],
    ['1.5', 1500],
    ['1e3', 1_000_000],
    ['100u', 1], // 0.1m rounds up, as MilliValue does
    ['0.0001', 1], // 0.1m again, written in cores
    ['0.0015', 2], // 1.5m rounds up to 2m
    ['0', 0],
    ['+250m', 250],
    ['.5', 500],
  ])('%j is %d millicores', (input, milli) => {
    expect(parseCpuMilli(input)).toBe(milli)
  })

  test('a negative CPU quantity is refused with the value as written', () => {
    expect(parseCpuMilli('-1')).toEqual({ error: 'expected a CPU quantity >= 0, got "-1"' })
    expect(parseCpuMilli(-0.5)).toEqual({ error: 'expected a CPU quantity >= 0, got -0.5' })
  })

  test.each([['lots'], ['1.5.3'], ['2 cores'], ['500 m'], [''], [true], [null], [[1]], ['1x']])('%j is not a CPU quantity', (input) => {
    const r = parseCpuMilli(input)
    expect(typeof r).toBe('object')
    expect((r as { error: string }).error).toMatch(/^expected a CPU quantity such as 500m or 2, got /)
  })

  test('the message quotes a string and shows a number as written', () => {
    expect(parseCpuMilli('lots')).toEqual({ error: 'expected a CPU quantity such as 500m or 2, got "lots"' })
    expect(parseCpuMilli('1.5.3')).toEqual({ error: 'expected a CPU quantity such as 500m or 2, got "1.5.3"' })
  })
})

describe('memory quantities become bytes', () => {
  test.each([
    ['512Mi', 512 * 2 ** 20],
    ['4Gi', 4 * 2 ** 30],
    ['1.5G', 1_500_000_000],
    ['1Ki', 1024],
    ['1k', 1000],
    ['1e3', 1000],
    ['1E3', 1000], // an exponent, not exa: Kubernetes reads E followed by digits as one
    ['2E', 2e18], // exa
    ['128974848', 128_974_848],
    [128974848, 128_974_848],
    ['129M', 129_000_000],
    ['123Mi', 128_974_848],
    ['0.067G', 67_000_000], // 0.067 * 1e9 is 67000000.00000001 in binary floating point
    ['0.5', 1], // Value() rounds a fractional byte up
    ['1.3Gi', 1_395_864_372], // 1395864371.2 rounded up
  ])('%j is %d bytes', (input, bytes) => {
    expect(parseMemBytes(input)).toBe(bytes)
  })

  test('a negative or non-numeric memory quantity is refused', () => {
    expect(parseMemBytes('-1Gi')).toEqual({ error: 'expected a memory quantity >= 0, got "-1Gi"' })
    expect(parseMemBytes('lots')).toEqual({ error: 'expected a memory quantity such as 512Mi, 4Gi or 1.5G, got "lots"' })
    expect(parseMemBytes('4GB')).toEqual({ error: 'expected a memory quantity such as 512Mi, 4Gi or 1.5G, got "4GB"' })
    expect(parseMemBytes('4gi')).toEqual({ error: 'expected a memory quantity such as 512Mi, 4Gi or 1.5G, got "4gi"' })
  })

  test('a count is a whole number of units, rounded up', () => {
    expect(parseCount(1)).toBe(1)
    expect(parseCount('2')).toBe(2)
    expect(parseCount('1k')).toBe(1000)
    expect(parseCount(0.5)).toBe(1)
    expect(parseCount('two')).toEqual({ error: 'expected a quantity such as 1 or 2, got "two"' })
  })

  test('quantityValue reads the number without rounding, and nothing else', () => {
    expect(quantityValue('250m')).toBe(0.25)
    expect(quantityValue('1Mi')).toBe(1_048_576)
    expect(quantityValue(Infinity)).toBeUndefined()
    expect(quantityValue(Number.NaN)).toBeUndefined()
    expect(quantityValue({})).toBeUndefined()
  })
})

describe('durations become whole milliseconds', () => {
  test.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['5m', 300_000],
    ['5min', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['0.5ms', 1], // rounded to the millisecond
    [1.5, 1500], // a bare number is seconds
    ['1.5', 1500],
    [0, 0],
    ['0s', 0],
  ])('%j is %d ms', (input, ms) => {
    expect(parseDurationMs(input)).toBe(ms)
  })

  test.each([['5 parsecs'], ['5parsecs'], ['1h 30m'], ['-5s'], ['s'], [''], ['1.5.3s'], ['5 s']])('%j is not a duration', (input) => {
    expect(parseDurationMs(input)).toEqual({ error: `expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got ${JSON.stringify(input)}` })
  })

  test('a negative or infinite number of seconds is refused', () => {
    expect(parseDurationMs(-1)).toEqual({ error: 'expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got -1' })
    expect(parseDurationMs(Infinity)).toEqual({ error: 'expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got Infinity' })
  })
})

describe('rates become events per second', () => {
  test.each([
    ['3/min', 0.05],
    ['0.5/s', 0.5],
    ['120/h', 120 / 3600],
    ['2/m', 2 / 60],
    ['1 / sec', 1],
    ['86400/d', 1],
    [4, 4], // a bare number is per second
  ])('%j is %d per second', (input, perS) => {
    expect(parseRatePerS(input)).toBeCloseTo(perS, 12)
  })

  test.each([['2 per minute'], ['3/fortnight'], ['/s']])('%j is not a rate', (input) => {
    expect(parseRatePerS(input)).toEqual({ error: `expected a rate such as 3/min, 0.5/s or 120/h (a bare number is per second), got ${JSON.stringify(input)}` })
  })

  test.each([['-1/s'], [-1]])('%j is a negative rate, and the message says a rate is >= 0', (input) => {
    expect(parseRatePerS(input)).toEqual({ error: `expected a rate >= 0, got ${JSON.stringify(input)}` })
  })
})

describe('converted values are written back in the units a user writes', () => {
  test.each([[2000, '2'], [500, '500m'], [1500, '1500m'], [0, '0']])('%d millicores read %s', (milli, text) => {
    expect(cpuText(milli)).toBe(text)
  })
  test.each([[4 * 2 ** 30, '4Gi'], [1536 * 2 ** 20, '1536Mi'], [1_500_000_000, '1500M'], [1023, '1023'], [0, '0']])('%d bytes read %s', (bytes, text) => {
    expect(memText(bytes)).toBe(text)
  })
  test.each([[0, '0s'], [250, '250ms'], [90_000, '1m30s'], [5_400_000, '1h30m'], [172_800_000, '2d'], [1500, '1.5s']])('%d ms reads %s', (ms, text) => {
    expect(durationText(ms)).toBe(text)
  })
})

describe('GPU quantities become GPUs: a share of one device below 1, whole devices from 1', () => {
  test.each([
    ['0.5', 0.5],
    ['500m', 0.5],
    [0.25, 0.25],
    ['0.0001', 0.001],
    [2, 2],
    ['8', 8],
  ])('%j is %s GPU', (input, expected) => {
    expect(parseGpu(input)).toBe(expected)
  })

  test('says what it expected for a bad GPU quantity', () => {
    expect(parseGpu('lots')).toEqual({ error: 'expected a GPU quantity such as 0.5, 500m or 2, got "lots"' })
    expect(parseGpu(-1)).toEqual({ error: 'expected a GPU quantity >= 0, got -1' })
  })
})
