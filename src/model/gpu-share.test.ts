import { describe, expect, it } from 'vitest'
import seedrandom from 'seedrandom'
import { Cluster } from './cluster.js'
import { defaultDevices, fitsOnDevices, normalizeGpu } from './gpu-share.js'
import type { AppId, NodeId, PodId, PoolId } from './ids.js'
import { invariantViolations } from './invariants.js'
import { PodPhase } from './phases.js'
import { GI, requestOf, testApp, testPool } from './testing.js'

/** One node per entry with `gpus` devices; the cluster is returned with every node added. */
function gpuCluster(...gpus: number[]): Cluster {
  const pools = gpus.map((g, i) => testPool(i, `g${i}`, { cpuMilli: 64_000, memBytes: 256 * GI, gpu: g }))
  const c = new Cluster(pools, [testApp(0, 'job')], [])
  for (let p = 0; p < pools.length; p++) c.addNode(p as PoolId, 0)
  return c
}

function bindGpu(c: Cluster, n: number, gpu: number): PodId {
  const p = c.createPod(0 as AppId, requestOf(1000, GI, gpu), Infinity, 0)
  c.bind(p, n as NodeId, 0)
  return p
}

const freeOf = (c: Cluster, n: number): number[] => Array.from({ length: c.gpus.deviceCount(n as NodeId) }, (_, d) => c.gpus.freeMilli(n as NodeId, d))

describe('GPU devices one by one', () => {
  it('a share below 1 is whole milli-GPU on one device; 1 or more is whole devices', () => {
    expect(normalizeGpu(0.5)).toBe(0.5)
    expect(normalizeGpu(0.3)).toBe(0.3)
    expect(normalizeGpu(0.0004)).toBe(0.001)
    expect(normalizeGpu(2)).toBe(2)
    expect(normalizeGpu(1.5)).toBe(2)
    expect(normalizeGpu(0)).toBe(0)
  })

  it('shares go to the device with the least free that fits; whole GPUs take free devices in index order', () => {
    const c = gpuCluster(4)
    bindGpu(c, 0, 0.5)
    expect(freeOf(c, 0)).toEqual([500, 1000, 1000, 1000])
    bindGpu(c, 0, 0.3)
    expect(freeOf(c, 0)).toEqual([200, 1000, 1000, 1000])
    bindGpu(c, 0, 0.25)
    expect(freeOf(c, 0)).toEqual([200, 750, 1000, 1000])
    const whole = bindGpu(c, 0, 2)
    expect(freeOf(c, 0)).toEqual([200, 750, 0, 0])
    expect(c.gpus.podDevices(whole)).toBe(0b1100)
    expect(invariantViolations(c)).toEqual([])
  })

  it('a pod that fits the node total but no single device does not fit', () => {
    const c = gpuCluster(2)
    bindGpu(c, 0, 0.6)
    bindGpu(c, 0, 0.6)
    // 0.8 GPU free in total, 0.4 on each device.
    const p = c.createPod(0 as AppId, requestOf(1000, GI, 0.5), Infinity, 0)
    expect(c.canFit(p, 0 as NodeId)).toBe(false)
    expect(() => c.bind(p, 0 as NodeId, 0)).toThrow(/does not fit on node 0/)
    const q = c.createPod(0 as AppId, requestOf(1000, GI, 0.4), Infinity, 0)
    expect(c.canFit(q, 0 as NodeId)).toBe(true)
    const r = c.createPod(0 as AppId, requestOf(1000, GI, 1), Infinity, 0)
    expect(c.canFit(r, 0 as NodeId)).toBe(false)
  })

  it('finishing a pod gives its devices back', () => {
    const c = gpuCluster(2)
    const a = bindGpu(c, 0, 0.5)
    const b = bindGpu(c, 0, 1)
    expect(freeOf(c, 0)).toEqual([500, 0])
    c.finishPod(a, PodPhase.Succeeded, 1)
    expect(freeOf(c, 0)).toEqual([1000, 0])
    c.finishPod(b, PodPhase.Succeeded, 1)
    expect(freeOf(c, 0)).toEqual([1000, 1000])
    expect(c.gpus.podDevices(a)).toBe(0)
    expect(invariantViolations(c)).toEqual([])
  })

  it('a preferred device set is used when it fits, and ignored when it does not', () => {
    const c = gpuCluster(4)
    const p = c.createPod(0 as AppId, requestOf(1000, GI, 0.5), Infinity, 0)
    c.gpus.prefer(p, 0b0100)
    c.bind(p, 0 as NodeId, 0)
    expect(freeOf(c, 0)).toEqual([1000, 1000, 500, 1000])
    const q = c.createPod(0 as AppId, requestOf(1000, GI, 0.6), Infinity, 0)
    c.gpus.prefer(q, 0b0100) // only 500 left there: the default rule applies
    c.bind(q, 0 as NodeId, 0)
    expect(freeOf(c, 0)).toEqual([400, 1000, 500, 1000])
  })

  it('the default choice and the fit test agree with the FGD artifact figures (4 GPUs at 200/1000/1000/500)', () => {
    const c = gpuCluster(4)
    bindGpu(c, 0, 0.8)
    bindGpu(c, 0, 0.5)
    expect(freeOf(c, 0)).toEqual([200, 500, 1000, 1000])
    expect(fitsOnDevices(2, 0 as NodeId, c.gpus)).toBe(true)
    expect(fitsOnDevices(3, 0 as NodeId, c.gpus)).toBe(false)
    expect(defaultDevices(0.2, 0 as NodeId, c.gpus)).toBe(0b0001)
    expect(defaultDevices(0.3, 0 as NodeId, c.gpus)).toBe(0b0010)
    expect(defaultDevices(2, 0 as NodeId, c.gpus)).toBe(0b1100)
  })

  it('keeps the per-device invariants through 5,000 random binds and finishes', () => {
    const c = gpuCluster(8, 4, 2, 1, 0)
    const rng = seedrandom.alea('gpu-devices')
    const shares = [0, 0.1, 0.25, 0.5, 0.75, 1, 2, 4, 8]
    const running: PodId[] = []
    let binds = 0
    for (let i = 0; i < 5000; i++) {
      if (i % 500 === 0) expect(invariantViolations(c)).toEqual([])
      if (running.length > 0 && rng() < 0.45) {
        const k = Math.floor(rng() * running.length)
        c.finishPod(running[k]!, PodPhase.Succeeded, i)
        running[k] = running[running.length - 1]!
        running.pop()
        continue
      }
      const p = c.createPod(0 as AppId, requestOf(100, GI / 16, shares[Math.floor(rng() * shares.length)]!), Infinity, i)
      const n = Math.floor(rng() * 5) as NodeId
      if (c.canFit(p, n)) {
        if (rng() < 0.3) c.gpus.prefer(p, 1 << Math.floor(rng() * 8))
        c.bind(p, n, i)
        binds++
        running.push(p)
      } else c.finishPod(p, PodPhase.Failed, i)
    }
    expect(binds).toBeGreaterThan(1000)
    expect(invariantViolations(c)).toEqual([])
  })
})
