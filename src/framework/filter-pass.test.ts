/**
 * The batched filter pass gives exactly what a node-by-node walk gives (kube-scheduler's
 * findNodesThatPassFilters): the same feasible nodes in the same order, the same rejection counts
 * (none for nodes past the stopping point), the same per-node reasons and the same start for the
 * next pod, whatever the chunking, with batch (`filterAll`) and per-node filters mixed.
 */
import { describe, expect, it } from 'vitest'
import { rngStream } from '../engine/index.js'
import { Cluster, PodSpec, type AppId, type ClusterView, type NodeId, type PodId, type PoolId } from '../model/index.js'
import { GI, requestOf, testApp, testPool } from '../model/testing.js'
import { nodeUnschedulable } from '../../policies/placement/node-unschedulable.js'
import { resourceFit } from '../../policies/placement/resource-fit.js'
import { FilterPass } from './filter-pass.js'
import type { PlacementPlugin } from './placement.js'

/** A per-node filter without `filterAll`: rejects every third node id. */
const thirds: PlacementPlugin = { name: 'thirds', filter: (_p, n) => (n % 3 === 0 ? 'third' : null) }

/** `nodes` nodes of one 4-core pool, randomly filled, some cordoned and some NotReady. */
function cluster(nodes: number, seed: number): Cluster {
  const c = new Cluster([testPool(0, 'p', { cpuMilli: 4000, memBytes: 16 * GI }, { initial: nodes, max: nodes })], [testApp(0, 'a')], [])
  const rng = rngStream(seed, 'test')
  for (let i = 0; i < nodes; i++) c.addNode(0 as PoolId, 0)
  for (let n = 0; n < nodes; n++) {
    const fill = Math.floor(rng() * 4)
    for (let k = 0; k < fill; k++) {
      const p = c.createPod(0 as AppId, requestOf(1000, GI), Infinity, 0)
      c.bind(p as PodId, n as NodeId, 0)
    }
    const r = rng()
    if (r < 0.1) c.setUnschedulable(n as NodeId, true)
    else if (r < 0.15) c.setNodeReady(n as NodeId, false, 0)
  }
  return c
}

/** The node-by-node walk, as the profile ran it before batching. */
class Reference {
  next = 0
  readonly counts = new Map<string, number>()
  readonly reasons = new Map<number, string | null>()
  readonly filters: PlacementPlugin[]
  constructor(filters: PlacementPlugin[]) {
    this.filters = filters
  }
  run(pod: PodSpec, view: ClusterView, toFind: number): number[] {
    const slots = view.nodeSlots
    const out: number[] = []
    this.reasons.clear()
    let n = this.next < slots ? this.next : 0
    let walked = 0
    for (; walked < slots && out.length < toFind; walked++) {
      const node = n as NodeId
      n = n + 1 === slots ? 0 : n + 1
      if (!view.isReady(node)) continue
      let reason: string | null = null
      let f = 0
      for (; f < this.filters.length; f++) if ((reason = this.filters[f]!.filter!(pod, node, view)) !== null) break
      this.reasons.set(node, reason)
      if (reason === null) out.push(node)
      else {
        const key = `${this.filters[f]!.name}: ${reason}`
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
      }
    }
    this.next = n
    return out
  }
}

describe('FilterPass', () => {
  for (const [nodes, toFind] of [[50, 1000], [700, 30], [700, 100], [2000, 333], [2000, 1500], [1200, 1]] as const) {
    it(`matches the node-by-node walk: ${nodes} nodes, ${toFind} to find, 12 pods in a row`, () => {
      const c = cluster(nodes, nodes + toFind)
      const plugins = [nodeUnschedulable.create({}, { rng: rngStream(1, 'p') }), thirds, resourceFit.create({}, { rng: rngStream(1, 'p') })]
      const pass = new FilterPass(plugins, c.nodeSlots, true)
      const ref = new Reference(plugins)
      const feasible = new Int32Array(c.nodeSlots)
      const spec = new PodSpec(c.apps[0]!, 0)
      for (let i = 0; i < 12; i++) {
        const p = c.createPod(0 as AppId, requestOf(500 + 700 * (i % 5), GI), Infinity, 0)
        const pod = c.fillPodSpec(p, spec)
        pass.active.fill(1)
        const count = pass.run(pod, c, toFind, feasible, undefined)
        const want = ref.run(pod, c, toFind)
        expect(Array.from(feasible.subarray(0, count))).toEqual(want)
        for (let n = 0; n < c.nodeSlots; n++) expect(pass.rejection(n as NodeId)).toBe(ref.reasons.get(n) ?? null)
      }
      expect(pass.rejections).toEqual(ref.counts)
      expect([...ref.counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(20)
    })
  }

  it('a full walk where every Ready node passes stops after the last one, also when nodes come and go', () => {
    // Regression: the direct walk used to end at the last slot, so the next pod started back at
    // the same node and saw a node that turned Ready in between in another order (random picks
    // then differed). Pods here fit everywhere, so each walk ends at the last Ready node.
    for (const keepReasons of [false, true]) {
      const c = cluster(300, 5)
      const rng = rngStream(11, 'test')
      const plugins = [nodeUnschedulable.create({}, { rng: rngStream(1, 'p') }), resourceFit.create({}, { rng: rngStream(1, 'p') })]
      const pass = new FilterPass(plugins, c.nodeSlots, keepReasons)
      const ref = new Reference(plugins)
      const feasible = new Int32Array(c.nodeSlots)
      const spec = new PodSpec(c.apps[0]!, 0)
      const p = c.createPod(0 as AppId, requestOf(1, 1), Infinity, 0)
      const pod = c.fillPodSpec(p, spec)
      for (let i = 0; i < 40; i++) {
        if (i % 2 === 1) {
          const n = Math.floor(rng() * c.nodeSlots) as NodeId
          c.setNodeReady(n, !c.isReady(n), 0)
          if (rng() < 0.3) c.setUnschedulable(n, !c.isUnschedulable(n))
        }
        pass.active.fill(1)
        const count = pass.run(pod, c, c.readyNodes, feasible, undefined)
        expect(Array.from(feasible.subarray(0, count))).toEqual(ref.run(pod, c, c.readyNodes))
      }
      expect(pass.rejections).toEqual(ref.counts)
    }
  })

  it('the next pod starts after the last Ready node: a node turned Ready behind it comes first', () => {
    for (const keepReasons of [false, true]) {
      const c = cluster(10, 1)
      for (let n = 0; n < 10; n++) {
        c.setUnschedulable(n as NodeId, false)
        c.setNodeReady(n as NodeId, n < 6, 0)
      }
      const plugins = [nodeUnschedulable.create({}, { rng: rngStream(1, 'p') })]
      const pass = new FilterPass(plugins, c.nodeSlots, keepReasons)
      const feasible = new Int32Array(c.nodeSlots)
      const pod = c.fillPodSpec(c.createPod(0 as AppId, requestOf(1, 1), Infinity, 0), new PodSpec(c.apps[0]!, 0))
      pass.active.fill(1)
      expect(Array.from(feasible.subarray(0, pass.run(pod, c, c.readyNodes, feasible, undefined)))).toEqual([0, 1, 2, 3, 4, 5])
      c.setNodeReady(6 as NodeId, true, 0)
      expect(Array.from(feasible.subarray(0, pass.run(pod, c, c.readyNodes, feasible, undefined)))).toEqual([6, 0, 1, 2, 3, 4, 5])
    }
  })

  it('without per-node reasons (the direct full walk) counts the same', () => {
    const c = cluster(1500, 9)
    const plugins = [nodeUnschedulable.create({}, { rng: rngStream(1, 'p') }), thirds, resourceFit.create({}, { rng: rngStream(1, 'p') })]
    const pass = new FilterPass(plugins, c.nodeSlots, false)
    const ref = new Reference(plugins)
    const feasible = new Int32Array(c.nodeSlots)
    const p = c.createPod(0 as AppId, requestOf(2500, GI), Infinity, 0)
    const pod = c.fillPodSpec(p, new PodSpec(c.apps[0]!, 0))
    pass.active.fill(1)
    const count = pass.run(pod, c, c.nodeSlots, feasible, undefined)
    expect(Array.from(feasible.subarray(0, count))).toEqual(ref.run(pod, c, c.nodeSlots))
    expect(pass.rejections).toEqual(ref.counts)
  })
})
