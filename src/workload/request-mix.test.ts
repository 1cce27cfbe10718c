import { describe, expect, it } from 'vitest'
import { expectedPods, requestMix } from './request-mix.js'
import type { BatchWorkload, PodWorkload, RequestSpec } from './types.js'

const req = (cpuMilli: RequestSpec['cpuMilli'], gpu: RequestSpec['gpu']): RequestSpec => ({
  cpuMilli, memBytes: { dist: 'constant', value: 2 ** 30 }, gpu, ext: [], cpuNonZeroExtraMilli: 0, memNonZeroExtraBytes: 0,
})
const batch = (arrivals: BatchWorkload['arrivals'], requests: RequestSpec, extra: Partial<BatchWorkload> = {}): BatchWorkload => ({
  kind: 'Batch', app: 0, arrivals, startMs: 0, stopMs: Infinity, maxPods: Infinity, durationMs: { dist: 'constant', value: 60_000 }, requests, ...extra,
})
const HOUR = 3_600_000

describe('request mix of a scenario', () => {
  it('weights each shape by expected pods: rate x window, choice weights, one pod for a Pod', () => {
    const b = batch({ process: 'poisson', ratePerS: 0.1 }, req({ dist: 'constant', value: 4000 }, { dist: 'choice', values: [0.5, 1], weights: [3, 1] }))
    const p: PodWorkload = { kind: 'Pod', app: 1, atMs: 0, durationMs: null, requests: req({ dist: 'constant', value: 8000 }, { dist: 'constant', value: 8 }), nodeName: undefined }
    expect(requestMix([b, p], HOUR)).toEqual([
      { cpuMilli: 4000, gpu: 0.5, weight: 270 },
      { cpuMilli: 4000, gpu: 1, weight: 90 },
      { cpuMilli: 8000, gpu: 8, weight: 1 },
    ])
  })

  it('cpu and gpu choices combine as independent draws, and equal shapes merge', () => {
    const a = batch({ process: 'interval', everyMs: 60_000 }, req({ dist: 'choice', values: [1000, 2000] }, { dist: 'choice', values: [0.25, 0.25] }))
    expect(requestMix([a], HOUR)).toEqual([
      { cpuMilli: 1000, gpu: 0.25, weight: 30 },
      { cpuMilli: 2000, gpu: 0.25, weight: 30 },
    ])
  })

  it('counts arrivals only in the active window and up to the count', () => {
    expect(expectedPods(batch({ process: 'poisson', ratePerS: 1 }, req({ dist: 'constant', value: 1 }, { dist: 'constant', value: 0 }), { startMs: 600_000, stopMs: 1_200_000 }), HOUR)).toBe(600)
    expect(expectedPods(batch({ process: 'interval', everyMs: 1000 }, req({ dist: 'constant', value: 1 }, { dist: 'constant', value: 0 }), { maxPods: 7 }), HOUR)).toBe(7)
    expect(expectedPods(batch({ process: 'times', atMs: [0, 10, HOUR + 1] }, req({ dist: 'constant', value: 1 }, { dist: 'constant', value: 0 })), HOUR)).toBe(2)
  })
})
