import { describe, expect, it } from 'vitest'
import { rngStream } from '../engine/index.js'
import { LoadCurveArrivals } from './load-curve-arrivals.js'
import { parseCurveCsv, traceRates } from './load-curve-csv.js'
import { expectedRequests, makeLoadCurve, type LoadCurveSpec } from './load-curve.js'

const H = 3_600_000
const curve = (s: LoadCurveSpec) => makeLoadCurve(s, 24 * H, rngStream(1, 'load', 'noise'))

describe('load curves', () => {
  it('a diurnal curve peaks at peakAt, bottoms half a period later and averages its mean over a period', () => {
    const c = curve({ curve: 'diurnal', meanPerS: 900, amplitudePerS: 700, periodMs: 24 * H, peakAtMs: 14 * H })
    expect(c.rateAt(14 * H)).toBeCloseTo(1600, 9)
    expect(c.rateAt(2 * H)).toBeCloseTo(200, 9)
    expect(expectedRequests(c, 0, 24 * H) / (24 * 3600)).toBeCloseTo(900, 6)
  })

  it('step, ramp, spike and piecewise give their values and bound their maxima', () => {
    expect(curve({ curve: 'step', fromPerS: 10, toPerS: 50, atMs: H }).rateAt(H)).toBe(50)
    const ramp = curve({ curve: 'ramp', fromPerS: 0, toPerS: 100, startMs: H, durationMs: H })
    expect(ramp.rateAt(1.5 * H)).toBe(50)
    expect(ramp.maxIn(0, 1.25 * H)).toBe(25)
    const tri = curve({ curve: 'spike', basePerS: 10, heightPerS: 90, startMs: H, durationMs: H, shape: 'triangle' })
    expect(tri.rateAt(1.5 * H)).toBe(100)
    expect(tri.maxIn(0, 0.5 * H)).toBe(10)
    const pw = curve({ curve: 'piecewise', timesMs: [0, H, 2 * H], ratesPerS: [10, 30, 20], repeatMs: 0 })
    expect(pw.rateAt(0.5 * H)).toBe(20)
    expect(pw.maxIn(0.5 * H, 1.5 * H)).toBe(30)
  })

  it('noise multiplies by a mean-1 factor drawn once per step, the same for the same seed', () => {
    const spec: LoadCurveSpec = { curve: 'noise', sigma: 0.1, stepMs: 60_000, of: { curve: 'constant', ratePerS: 100 } }
    const a = curve(spec)
    const b = curve(spec)
    expect(a.rateAt(30_000)).toBe(a.rateAt(59_999))
    expect(a.rateAt(5 * H)).toBe(b.rateAt(5 * H))
    expect(expectedRequests(a, 0, 24 * H, 60_000) / (24 * 3600)).toBeCloseTo(100, 0)
  })

  it('thinning gives Poisson arrivals at the curve rate: a ramp from 0 to 200/s brings 360,000 requests in an hour, within 3 sd', () => {
    const c = curve({ curve: 'ramp', fromPerS: 0, toPerS: 200, startMs: 0, durationMs: H })
    const arr = new LoadCurveArrivals(c, rngStream(1, 'load', 'web'), 0, H)
    let n = 0
    let firstHalf = 0
    for (let t = arr.next(); t !== Infinity; t = arr.next()) {
      n++
      if (t < H / 2) firstHalf++
    }
    expect(Math.abs(n - 360_000)).toBeLessThan(3 * Math.sqrt(360_000))
    expect(Math.abs(firstHalf - 90_000)).toBeLessThan(3 * Math.sqrt(90_000))
  })
})

describe('load-curve CSV files', () => {
  it('reads time,rate rows after a header', () => {
    expect(parseCurveCsv('time,rate\n0,10\n90s,20\n1h,5\n', 'c.csv', 'rate')).toEqual({ timesMs: [0, 90_000, H], values: [10, 20, 5] })
  })

  it('names the line of a bad row, a negative rate and unsorted times', () => {
    const r = parseCurveCsv('time,rate\n0,10\n60,x\n120,-4\n600,1\n300,2\n7\n', 'c.csv', 'rate')
    expect(r).toEqual([
      { path: 'c.csv:3', message: 'expected a number (rate), got "x"' },
      { path: 'c.csv:4', message: 'expected a rate >= 0, got -4' },
      { path: 'c.csv:6', message: 'expected times in increasing order, got 300 after the previous row\'s time' },
      { path: 'c.csv:7', message: 'expected 2 cells (time, rate), got 1: "7"' },
    ])
  })

  it('replays the NASA trace format: ISO minutes become a rate per minute bucket, gaps are 0', () => {
    const text = 'minute_start_local,requests\n1995-07-01T00:00:00-04:00,60\n1995-07-01T00:01:00-04:00,120\n1995-07-01T00:03:00-04:00,30\n'
    const pts = parseCurveCsv(text, 'nasa.csv', 'count')
    if (Array.isArray(pts)) throw new Error('unexpected issues')
    expect(traceRates(pts, 0, H)).toEqual({ bucketMs: 60_000, ratesPerS: [1, 2, 0, 0.5] })
  })
})
