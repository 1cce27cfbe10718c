import { describe, expect, it } from 'vitest'
import { DEFAULT_CPU_REQUEST_MILLI, DEFAULT_MEMORY_REQUEST_BYTES, podRequest, type ContainerRequests } from './resources.js'

const G = 1e9
const c = (cpuMilli?: number, memBytes?: number): ContainerRequests => ({ cpuMilli, memBytes, gpu: undefined, ext: {} })

describe('podRequest', () => {
  it('takes the max of the app containers sum and each init container, as upstream PodRequests', () => {
    // kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go, comment of
    // computePodResourceRequest: init (2 CPU, 1G), (2 CPU, 3G); containers (2, 1G), (1, 1G) -> (3 CPU, 3G).
    const r = podRequest([c(2000, G), c(1000, G)], [c(2000, G), c(2000, 3 * G)])
    expect(r.cpuMilli).toBe(3000)
    expect(r.memBytes).toBe(3 * G)
  })

  it('adds pod overhead on top', () => {
    const r = podRequest([c(500, G)], [], { cpuMilli: 250, memBytes: 120e6, gpu: 0, ext: {} })
    expect(r.cpuMilli).toBe(750)
    expect(r.memBytes).toBe(G + 120e6)
  })

  it('applies the non-zero scoring defaults only to containers that set no request', () => {
    const r = podRequest([c(undefined, undefined), c(0, 0), c(300, undefined)])
    expect(r.cpuMilli).toBe(300)
    expect(r.memBytes).toBe(0)
    expect(r.cpuNonZeroMilli).toBe(DEFAULT_CPU_REQUEST_MILLI + 0 + 300)
    expect(r.memNonZeroBytes).toBe(DEFAULT_MEMORY_REQUEST_BYTES * 2)
  })

  it('sums extended resources across containers', () => {
    const r = podRequest([{ ...c(100, 1), ext: { 'example.com/foo': 2 } }, { ...c(100, 1), ext: { 'example.com/foo': 3 } }])
    expect(r.ext['example.com/foo']).toBe(5)
  })
})
