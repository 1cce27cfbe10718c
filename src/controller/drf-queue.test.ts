import { describe, expect, it } from 'vitest'
import { Cluster, type AppId, type NodeId, type PodId, type PoolId } from '../model/index.js'
import { GI, requestOf, testApp, testPool } from '../model/testing.js'
import { DrfQueue } from './drf-queue.js'

/** One scheduling cycle, first fit, as the scheduler drives a queue. */
function cycle(c: Cluster, q: DrfQueue): void {
  q.startCycle()
  for (let p = q.next(); p >= 0; p = q.next()) {
    let placed = false
    for (let n = 0; n < c.nodeSlots && !placed; n++) {
      if (c.isReady(n as NodeId) && c.canFit(p as PodId, n as NodeId)) {
        c.bind(p as PodId, n as NodeId, 0)
        placed = true
      }
    }
    if (!placed) q.keepWaiting(p as PodId)
  }
  q.endCycle()
}

describe('DRF queue order', () => {
  it('reproduces the DRF paper example: 9 CPU / 18 GB, A tasks <1 CPU, 4 GB>, B tasks <3 CPU, 1 GB> give A 3 tasks and B 2, both at share 2/3', () => {
    const c = new Cluster([testPool(0, 'n', { cpuMilli: 9000, memBytes: 18 * GI })], [testApp(0, 'a'), testApp(1, 'b')], [])
    c.addNode(0 as PoolId, 0)
    const q = new DrfQueue(c)
    for (let i = 0; i < 10; i++) {
      q.push(c.createPod(0 as AppId, requestOf(1000, 4 * GI), Infinity, 0))
      q.push(c.createPod(1 as AppId, requestOf(3000, GI), Infinity, 0))
    }
    cycle(c, q)
    expect(c.podsOfApp(0 as AppId, 0 as NodeId)).toBe(3)
    expect(c.podsOfApp(1 as AppId, 0 as NodeId)).toBe(2)
    const shares = q.shares()
    expect(shares[0]).toBeCloseTo(2 / 3, 12)
    expect(shares[1]).toBeCloseTo(2 / 3, 12)
  })

  it('a tenant weight divides its share: with weight 2, tenant a gets about twice the dominant resource', () => {
    const apps = [testApp(0, 'a', { tenant: 'team-a', tenantWeight: 2 }), testApp(1, 'b', { tenant: 'team-b' })]
    const c = new Cluster([testPool(0, 'n', { cpuMilli: 12000, memBytes: 64 * GI })], apps, [])
    c.addNode(0 as PoolId, 0)
    const q = new DrfQueue(c)
    for (let i = 0; i < 20; i++) {
      q.push(c.createPod(0 as AppId, requestOf(1000, GI), Infinity, 0))
      q.push(c.createPod(1 as AppId, requestOf(1000, GI), Infinity, 0))
    }
    cycle(c, q)
    expect([c.podsOfApp(0 as AppId, 0 as NodeId), c.podsOfApp(1 as AppId, 0 as NodeId)]).toEqual([8, 4])
    expect(q.tenants).toEqual(['team-a', 'team-b'])
  })

  it('a tenant whose next pod does not fit is passed over for the rest of the cycle (progressive filling)', () => {
    const c = new Cluster([testPool(0, 'n', { cpuMilli: 4000, memBytes: 16 * GI })], [testApp(0, 'big'), testApp(1, 'small')], [])
    c.addNode(0 as PoolId, 0)
    const q = new DrfQueue(c)
    q.push(c.createPod(0 as AppId, requestOf(8000, GI), Infinity, 0))
    for (let i = 0; i < 3; i++) q.push(c.createPod(1 as AppId, requestOf(1000, GI), Infinity, 0))
    cycle(c, q)
    expect(c.podsOfApp(1 as AppId, 0 as NodeId)).toBe(3)
    expect(q.waitingCount).toBe(1)
  })
})
