/**
 * The kube-scheduler profiles on a pinned cluster, and the framework's node sampling as upstream's
 * numFeasibleNodesToFind (kubernetes/kubernetes pkg/scheduler/schedule_one_test.go,
 * TestNumFeasibleNodesToFind).
 */
import { describe, expect, it } from 'vitest'
import { rngStream } from '../../src/engine/index.js'
import { buildProfile, numFeasibleNodesToFind, resolveProfile, type PlacementTrace } from '../../src/framework/index.js'
import { NO_NODE, type NodeId } from '../../src/model/index.js'
import { builtins } from '../index.js'
import { k8sCluster } from './k8s-testing.js'

const GI = 2 ** 30

function profile(name: string, nodeSlots: number) {
  const spec = resolveProfile({ kind: 'policy', name }, builtins, 'test')
  if (Array.isArray(spec)) throw new Error(JSON.stringify(spec))
  return buildProfile(spec, builtins, rngStream(1, 'placement'), nodeSlots)
}

/** Places `count` pods of 1 cpu / 2 GiB one after another, binding each; returns pods per node. */
function placeMany(policy: string, count: number) {
  const f = k8sCluster(['n1', 'n2', 'n3', 'n4'].map((name) => ({ name, cpuMilli: 8000, memBytes: 16 * GI })))
  const p = profile(policy, f.cluster.nodeSlots)
  for (let i = 0; i < count; i++) {
    const pod = f.pod({ containers: [{ cpuMilli: 1000, memBytes: 2 * GI }] })
    const n = p.place(pod, f.cluster)
    if (n === NO_NODE) throw new Error('no node')
    f.cluster.bind(pod.id, n, 0)
  }
  return f.nodeNames.map((name) => f.cluster.podCount(f.node(name)))
}

describe('k8s profiles on four empty 8-cpu / 16 GiB nodes, eight 1-cpu / 2 GiB pods', () => {
  it('k8s-default spreads: two pods per node', () => {
    expect(placeMany('k8s-default', 8)).toEqual([2, 2, 2, 2])
  })

  it('k8s-most-allocated packs: all eight on one node (filling it exactly)', () => {
    expect(placeMany('k8s-most-allocated', 8).sort()).toEqual([0, 0, 0, 8])
  })

  it('explains the second pod with upstream plugin names: an empty node scores 87 for LeastAllocated under k8s-default, a node with one pod 81', () => {
    const f = k8sCluster([{ name: 'n1', cpuMilli: 8000, memBytes: 16 * GI }, { name: 'n2', cpuMilli: 8000, memBytes: 16 * GI }], [{ node: 'n1', containers: [{ cpuMilli: 1000, memBytes: 2 * GI }] }])
    const trace: PlacementTrace = { chosen: NO_NODE, nodes: [] }
    const n = profile('k8s-default', f.cluster.nodeSlots).place(f.pod({ containers: [{ cpuMilli: 1000, memBytes: 2 * GI }] }), f.cluster, trace)
    expect(f.cluster.nodeName(n)).toBe('n2-0')
    // LeastAllocated: n1 (8-2)/8 -> 75 for cpu and memory = 75; n2 (8-1)/8 -> 87.
    // BalancedAllocation v1.36: both stay perfectly balanced -> 75. TaintToleration: no taints -> 100.
    expect(trace.nodes.map((t) => t.scores)).toEqual([
      { TaintToleration: 100, NodeResourcesFit: 75, NodeResourcesBalancedAllocation: 75 },
      { TaintToleration: 100, NodeResourcesFit: 87, NodeResourcesBalancedAllocation: 75 },
    ])
    expect(trace.nodes.map((t) => t.total)).toEqual([3 * 100 + 75 + 75, 3 * 100 + 87 + 75])
  })
})

describe('percentageOfNodesToScore (upstream TestNumFeasibleNodesToFind)', () => {
  it.each([
    ['not set, 10 nodes', 0, 10, 10],
    ['40 %, 10 nodes', 40, 10, 10],
    ['not set, 1000 nodes', 0, 1000, 420],
    ['40 %, 1000 nodes', 40, 1000, 400],
    ['not set, 6000 nodes (more than 50 * 125)', 0, 6000, 300],
  ])('%s: %i %% of %i nodes -> %i', (_n, pct, nodes, want) => {
    expect(numFeasibleNodesToFind(nodes, pct)).toBe(want)
  })

  it('gives 500 of 5000 and 500 of 10000 nodes with the adaptive default, and all nodes at 100 %', () => {
    expect([numFeasibleNodesToFind(5000, 0), numFeasibleNodesToFind(10000, 0), numFeasibleNodesToFind(5000, 100)]).toEqual([500, 500, 5000])
  })

  it('walks the nodes round-robin: with 200 nodes and 50 %, successive pods start where the previous stopped', () => {
    const f = k8sCluster(Array.from({ length: 200 }, (_, i) => ({ name: `n${i}`, cpuMilli: 8000, memBytes: 16 * GI })))
    const spec = { tieBreak: 'lowest-node-id' as const, plugins: [{ name: 'NodeResourcesFit' }], percentageOfNodesToScore: 50 }
    const p = buildProfile(spec, builtins, rngStream(1, 'placement'), f.cluster.nodeSlots)
    const examined = () => {
      const trace: PlacementTrace = { chosen: NO_NODE, nodes: [] }
      p.place(f.pod({ containers: [{ cpuMilli: 100, memBytes: GI }] }), f.cluster, trace)
      return trace.nodes.filter((t) => t.feasible).map((t) => t.node as number)
    }
    const first = examined()
    const second = examined()
    expect([first.length, Math.min(...first), Math.max(...first)]).toEqual([100, 0, 99])
    expect([second.length, Math.min(...second), Math.max(...second)]).toEqual([100, 100, 199])
    expect((examined() as NodeId[])[0]).toBe(0)
  })
})
