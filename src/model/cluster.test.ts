import { describe, expect, it } from 'vitest'
import { Cluster } from './cluster.js'
import type { AppId, NodeId, PodId, PoolId } from './ids.js'
import { invariantViolations } from './invariants.js'
import { PodPhase } from './phases.js'
import { GI, requestOf, testApp, testPool, tinyCluster } from './testing.js'

function twoNodes(): Cluster {
  const c = new Cluster([testPool(0, 'n', { cpuMilli: 4000, memBytes: 8 * GI }, { initial: 2, max: 3 })], [testApp(0, 'job')], [])
  c.addNode(0 as PoolId, 0)
  c.addNode(0 as PoolId, 0)
  return c
}

describe('Cluster', () => {
  it('names nodes <pool>-<index> and adds them in the lowest free slot', () => {
    const c = twoNodes()
    expect([c.nodeName(0 as NodeId), c.nodeName(1 as NodeId), c.nodeName(2 as NodeId)]).toEqual(['n-0', 'n-1', 'n-2'])
    expect(c.readyNodes).toBe(2)
    expect(c.addNode(0 as PoolId, 5)).toBe(2)
    expect(c.addNode(0 as PoolId, 5)).toBeUndefined()
  })

  it('binding moves requests onto the node and finishing releases them', () => {
    const c = twoNodes()
    const p = c.createPod(0 as AppId, requestOf(1500, 2 * GI), 1000, 0)
    expect(c.phaseCount[PodPhase.Pending]).toBe(1)
    c.bind(p, 1 as NodeId, 10)
    expect(c.cpuFreeMilli(1 as NodeId)).toBe(2500)
    expect(c.memFreeBytes(1 as NodeId)).toBe(6 * GI)
    expect(c.podsOfApp(0 as AppId, 1 as NodeId)).toBe(1)
    expect(c.readyCpuReqMilli).toBe(1500)
    c.finishPod(p, PodPhase.Succeeded, 20)
    expect(c.cpuFreeMilli(1 as NodeId)).toBe(4000)
    expect(c.phaseCount[PodPhase.Succeeded]).toBe(1)
    expect(c.pods.finishedMs[p]).toBe(20)
    expect(invariantViolations(c)).toEqual([])
  })

  it('refuses to bind a pod beyond the node capacity, twice, or onto an absent node', () => {
    const c = twoNodes()
    const big = c.createPod(0 as AppId, requestOf(5000, GI), 1000, 0)
    expect(() => c.bind(big, 0 as NodeId, 0)).toThrow('bind: pod 0 does not fit on node 0 (n-0)')
    const p = c.createPod(0 as AppId, requestOf(1000, GI), 1000, 0)
    c.bind(p, 0 as NodeId, 0)
    expect(() => c.bind(p, 1 as NodeId, 0)).toThrow('bind: pod 1 is Running, not Pending')
    const q = c.createPod(0 as AppId, requestOf(1000, GI), 1000, 0)
    expect(() => c.bind(q, 2 as NodeId, 0)).toThrow('not ready')
  })

  it('enforces the pod count limit of a node', () => {
    const c = new Cluster([testPool(0, 'n', { cpuMilli: 4000, memBytes: 8 * GI }, { maxPods: 2 })], [testApp(0, 'job')], [])
    c.addNode(0 as PoolId, 0)
    for (let i = 0; i < 2; i++) c.bind(c.createPod(0 as AppId, requestOf(10, 10), 1, 0), 0 as NodeId, 0)
    const third = c.createPod(0 as AppId, requestOf(10, 10), 1, 0)
    expect(c.canFit(third, 0 as NodeId)).toBe(false)
  })

  it('keeps the per-node pod list consistent when pods leave from the middle', () => {
    const c = twoNodes()
    const ps = [0, 1, 2, 3].map(() => c.createPod(0 as AppId, requestOf(100, GI), 1, 0))
    for (const p of ps) c.bind(p, 0 as NodeId, 0)
    c.finishPod(ps[1]!, PodPhase.Failed, 1)
    c.finishPod(ps[3]!, PodPhase.Succeeded, 1)
    const listed: number[] = []
    for (let p = c.firstPodOnNode(0 as NodeId); p >= 0; p = c.nextPodOnNode(p as PodId)) listed.push(p)
    expect(listed.sort()).toEqual([0, 2])
    expect(invariantViolations(c)).toEqual([])
  })

  it('tracks ready capacity when a node goes not-ready and back', () => {
    const c = twoNodes()
    c.bind(c.createPod(0 as AppId, requestOf(1000, GI), 1, 0), 0 as NodeId, 0)
    c.setNodeReady(0 as NodeId, false, 5)
    expect(c.readyCpuCapMilli).toBe(4000)
    expect(c.readyCpuReqMilli).toBe(0)
    c.setNodeReady(0 as NodeId, true, 6)
    expect(c.readyCpuReqMilli).toBe(1000)
    expect(invariantViolations(c)).toEqual([])
  })

  it('tinyCluster preloads three nodes and leaves a pending pod', () => {
    const { cluster, pod } = tinyCluster()
    expect(cluster.phaseCount[PodPhase.Running]).toBe(3)
    expect(pod.cpuMilli).toBe(1000)
    expect(invariantViolations(cluster)).toEqual([])
  })

  it('a provisioning node holds its slot but is not ready or serving until set ready', () => {
    const c = twoNodes()
    const n = c.provisionNode(0 as PoolId, 100)!
    expect(n).toBe(2)
    expect(c.isReady(n)).toBe(false)
    expect(c.isServing(n)).toBe(false)
    expect(c.readyNodes).toBe(2)
    expect(c.addNode(0 as PoolId, 100)).toBeUndefined()
    c.setNodeReady(n, true, 200)
    expect(c.isReady(n)).toBe(true)
    expect(c.isServing(n)).toBe(true)
    expect(c.readyNodes).toBe(3)
    expect(c.nodes.stateSinceMs[n]).toBe(200)
    expect(invariantViolations(c)).toEqual([])
  })

  it('a crashed node stops serving while the control plane still sees it ready, and its pods stop serving', () => {
    const c = twoNodes()
    const p = c.createPod(0 as AppId, requestOf(1000, GI), Infinity, 0)
    c.bind(p, 0 as NodeId, 0)
    expect(c.isPodServing(p)).toBe(true)
    c.setServing(0 as NodeId, false)
    expect(c.isReady(0 as NodeId)).toBe(true)
    expect(c.isPodServing(p)).toBe(false)
    c.setNodeReady(0 as NodeId, false, 50)
    expect(c.phaseCount[PodPhase.Running]).toBe(1)
    expect(invariantViolations(c)).toEqual([])
  })

  it('a crashed container counts one restart when it comes back up', () => {
    const c = twoNodes()
    const p = c.createPod(0 as AppId, requestOf(1000, GI), Infinity, 0)
    c.bind(p, 0 as NodeId, 0)
    c.setContainerDown(p, true)
    expect(c.isPodServing(p)).toBe(false)
    expect(c.pods.restarts[p]).toBe(0)
    c.setContainerDown(p, false)
    expect(c.pods.restarts[p]).toBe(1)
    expect(c.isPodServing(p)).toBe(true)
  })

  it('refuses to remove a node that still runs pods or is already absent', () => {
    const c = twoNodes()
    const p = c.createPod(0 as AppId, requestOf(1000, GI), Infinity, 0)
    c.bind(p, 1 as NodeId, 0)
    expect(() => c.removeNode(1 as NodeId, 5)).toThrow('removeNode: node 1 still runs 1 pods')
    expect(() => c.removeNode(2 as NodeId, 5)).toThrow('removeNode: node 2 is absent')
  })
})
