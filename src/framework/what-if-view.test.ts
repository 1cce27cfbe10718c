import { describe, expect, it } from 'vitest'
import { Cluster, fitsOnDevices, type AppId, type NodeId, type PoolId } from '../model/index.js'
import { GI, requestOf, testApp, testPool } from '../model/testing.js'
import { WhatIfView } from './what-if-view.js'

describe('what-if view', () => {
  it('gives the removed pods their GPU device shares back, on their node only', () => {
    const c = new Cluster([testPool(0, 'g', { cpuMilli: 8000, memBytes: 32 * GI, gpu: 2 }, { initial: 2, max: 2 })], [testApp(0, 'job')], [])
    c.addNode(0 as PoolId, 0)
    c.addNode(0 as PoolId, 0)
    const a = c.createPod(0 as AppId, requestOf(1000, GI, 0.6), Infinity, 0)
    c.bind(a, 0 as NodeId, 0)
    const b = c.createPod(0 as AppId, requestOf(1000, GI, 1), Infinity, 0)
    c.bind(b, 0 as NodeId, 0)
    const v = new WhatIfView(c)
    const removed = Int32Array.of(a)
    const w = v.without(0 as NodeId, removed, 1)
    expect([w.gpus!.freeMilli(0 as NodeId, 0), w.gpus!.freeMilli(0 as NodeId, 1)]).toEqual([1000, 0])
    expect(w.gpus!.freeMilli(1 as NodeId, 0)).toBe(1000)
    expect(fitsOnDevices(1, 0 as NodeId, c.gpus)).toBe(false)
    expect(fitsOnDevices(1, 0 as NodeId, w.gpus!)).toBe(true)
    v.without(0 as NodeId, removed, 0)
    expect(v.gpus!.freeMilli(0 as NodeId, 0)).toBe(400)
  })
})
