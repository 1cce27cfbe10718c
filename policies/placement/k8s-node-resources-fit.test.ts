/**
 * Conformance of NodeResourcesFit with kube-scheduler's own unit tests, case by case. Upstream's
 * `cpu: "4000"` is 4000 cores (4,000,000 millicores) and memory figures are bytes; ratios, hence
 * scores, are the same in any unit.
 */
import { describe, expect, it } from 'vitest'
import { brokenLinear, k8sNodeResourcesFit, type NodeResourcesFitArgs } from './k8s-node-resources-fit.js'
import { k8sCluster, runPlugin, type K8sContainer, type K8sNode, type K8sPod } from './k8s-testing.js'

const C = 1000 // millicores per core
const MI = 1024 * 1024
const node = (name: string, cores: number, mem: number, ext?: Record<string, number>): K8sNode => ({ name, cpuMilli: cores * C, memBytes: mem, ...(ext ? { ext } : {}) })
const req = (cores?: number, mem?: number, ext?: Record<string, number>): K8sContainer => ({ ...(cores !== undefined ? { cpuMilli: cores * C } : {}), ...(mem !== undefined ? { memBytes: mem } : {}), ...(ext ? { ext } : {}) })
const on = (n: string, ...containers: K8sContainer[]): K8sPod => ({ node: n, containers })
const twoContainers = [req(1000, 2000), req(2000, 3000)]
const EXT = 'example.com/foo'
const extResources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: EXT, weight: 1 }]

function scores(type: 'LeastAllocated' | 'MostAllocated', nodes: K8sNode[], existing: K8sPod[], pod: K8sContainer[], resources?: { name: string; weight: number }[]) {
  const f = k8sCluster(nodes, existing)
  const args: Partial<NodeResourcesFitArgs> = { scoringStrategy: { type, resources: resources ?? [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } }
  // Unit tests call Score directly, without the filter: report scores for every node.
  const out = runPlugin({ ...k8sNodeResourcesFit, create: (a, c) => ({ ...k8sNodeResourcesFit.create(a, c), filter: undefined }) }, args, f, f.pod({ containers: pod }))
  return f.nodeNames.map((n) => out[n])
}

// kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go
// @008b3652959ca58af8be3fb5b6ecfe9ae7638282, TestLeastAllocatedScoringStrategy
describe('NodeResourcesFit LeastAllocated (upstream least_allocated_test.go)', () => {
  it.each([
    ['nothing scheduled, nothing requested', [node('node1', 4000, 10000), node('node2', 4000, 10000)], [], [], undefined, [100, 100]],
    ['nothing scheduled, resources requested, differently sized nodes', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], twoContainers, undefined, [37, 50]],
    ['no resources requested, pods scheduled', [node('node1', 4000, 10000), node('node2', 4000, 10000)], [on('node1'), on('node1'), on('node2'), on('node2')], [], undefined, [100, 100]],
    ['no resources requested, pods scheduled with resources', [node('node1', 10000, 20000), node('node2', 10000, 20000)],
      [on('node1', req(3000, 0)), on('node1', req(3000, 0)), on('node2', req(3000, 0)), on('node2', req(3000, 5000))], [], undefined, [70, 57]],
    ['resources requested, pods scheduled with resources', [node('node1', 10000, 20000), node('node2', 10000, 20000)],
      [on('node1', req(3000, 0)), on('node2', req(3000, 5000))], twoContainers, undefined, [57, 45]],
    ['resources requested, pods scheduled with resources, differently sized nodes', [node('node1', 10000, 20000), node('node2', 10000, 50000)],
      [on('node1', req(3000, 0)), on('node2', req(3000, 5000))], twoContainers, undefined, [57, 60]],
    ['requested resources exceed node capacity', [node('node1', 4000, 10000), node('node2', 4000, 10000)],
      [on('node1', req(3000, 0)), on('node2', req(3000, 5000))], [req(3000, 0)], undefined, [50, 25]],
    ['different weight on CPU (1) and memory (2), differently sized nodes', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], twoContainers,
      [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }], [41, 50]],
    ['bypass extended resource if the pod does not request', [node('node1', 6000, 10000), node('node2', 6000, 10000, { [EXT]: 4 })], [], twoContainers, extResources, [50, 50]],
    ['honor extended resource if the pod requests', [node('node1', 6000, 10000, { [EXT]: 4 }), node('node2', 6000, 10000, { [EXT]: 10 })], [], [req(3000, 5000, { [EXT]: 2 })], extResources, [50, 60]],
  ] as const)('%s', (_name, nodes, existing, pod, resources, want) => {
    expect(scores('LeastAllocated', [...nodes], [...existing], [...pod], resources ? [...resources] : undefined)).toEqual(want)
  })

  it('rejects resource weights of -1, 0 and 101 at the weight path, as upstream validation does', () => {
    const at = 'p.args'
    const check = (weights: number[]) => k8sNodeResourcesFit.check({ ...k8sNodeResourcesFit.defaults, scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'memory', weight: weights[0]! }, { name: 'cpu', weight: weights[1]! }] } }, at)
    expect(check([-1, 1]).map((i) => i.path)).toEqual(['p.args.scoringStrategy.resources[0].weight'])
    expect(check([1, 0]).map((i) => i.path)).toEqual(['p.args.scoringStrategy.resources[1].weight'])
    expect(check([1, 101]).map((i) => i.path)).toEqual(['p.args.scoringStrategy.resources[1].weight'])
  })
})

// kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/most_allocated_test.go
// @030880a5dc5449403c6d1f0aa146a7dc21d6c6dc, TestMostAllocatedScoringStrategy
describe('NodeResourcesFit MostAllocated (upstream most_allocated_test.go)', () => {
  it.each([
    ['nothing scheduled, nothing requested', [node('node1', 4000, 10000), node('node2', 4000, 10000)], [], [], undefined, [0, 0]],
    ['nothing scheduled, resources requested, differently sized nodes', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], twoContainers, undefined, [62, 50]],
    ['no resources requested, pods scheduled with resources', [node('node1', 10000, 20000), node('node2', 10000, 20000)],
      [on('node1', req(3000, 0)), on('node1', req(3000, 0)), on('node2', req(3000, 0)), on('node2', req(3000, 5000))], [], undefined, [30, 42]],
    ['resources requested, pods scheduled with resources', [node('node1', 10000, 20000), node('node2', 10000, 20000)],
      [on('node1', req(3000, 0)), on('node2', req(3000, 5000))], twoContainers, undefined, [42, 55]],
    ['resources requested equal node capacity', [node('node1', 5000, 10000), node('node2', 10000, 9000)], [], [req(2000, 4000), req(3000, 5000)], undefined, [95, 75]],
    ['different weight on memory (2) and cpu (1)', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], twoContainers,
      [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }], [58, 50]],
    ['bypass extended resource if the pod does not request', [node('node1', 6000, 10000), node('node2', 6000, 10000, { [EXT]: 4 })], [], twoContainers, extResources, [50, 50]],
    ['honor extended resource if the pod request', [node('node1', 6000, 10000, { [EXT]: 4 }), node('node2', 6000, 10000, { [EXT]: 10 })], [], [req(3000, 5000, { [EXT]: 2 })], extResources, [50, 40]],
    ["if the node doesn't have a resource", [node('node1', 6000, 10000), node('node2', 6000, 10000, { [EXT]: 4 })], [], [req(3000, 4000)],
      [{ name: EXT, weight: 2 }, { name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }], [45, 45]],
  ] as const)('%s', (_name, nodes, existing, pod, resources, want) => {
    expect(scores('MostAllocated', [...nodes], [...existing], [...pod], resources ? [...resources] : undefined)).toEqual(want)
  })

  it('no resources requested, pods scheduled, nonzero request for resource: the 100m / 200Mi defaults count and cpu is capped at capacity (80, 30)', () => {
    // Same file: nodes of 250m and 1000Mi; node1 runs two pods with one request-less container each.
    const nodes = [{ name: 'node1', cpuMilli: 250, memBytes: 1000 * MI }, { name: 'node2', cpuMilli: 250, memBytes: 1000 * MI }]
    const f = k8sCluster(nodes, [on('node1', {}), on('node1', {})])
    const out = runPlugin(k8sNodeResourcesFit, { scoringStrategy: { type: 'MostAllocated' } }, f, f.pod({ containers: [{}] }))
    expect(out).toEqual({ node1: 80, node2: 30 })
  })
})

// kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio_test.go
// @00b9ead02c37921011ebe5293558cea5277cd295
describe('NodeResourcesFit RequestedToCapacityRatio (upstream requested_to_capacity_ratio_test.go)', () => {
  const rtcr = (nodes: K8sNode[], existing: K8sPod[], pod: K8sContainer[], shape: { utilization: number; score: number }[], resources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]) => {
    const f = k8sCluster(nodes, existing)
    const out = runPlugin(k8sNodeResourcesFit, { scoringStrategy: { type: 'RequestedToCapacityRatio', resources, requestedToCapacityRatio: { shape } } }, f, f.pod({ containers: pod }))
    return f.nodeNames.map((n) => out[n])
  }
  const leastShape = [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }]

  it.each([
    ['nothing scheduled, nothing requested', [node('node1', 4000, 10000), node('node2', 4000, 10000)], [on('node1'), on('node1')], [], [100, 100]],
    ['nothing scheduled, resources requested, differently sized nodes', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [on('node1'), on('node1')], twoContainers, [38, 50]],
    ['no resources requested, pods scheduled with resources', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [on('node1', req(3000, 5000)), on('node2', req(3000, 5000))], [], [38, 50]],
  ] as const)('TestRequestedToCapacityRatioScoringStrategy: %s', (_n, nodes, existing, pod, want) => {
    expect(rtcr([...nodes], [...existing], [...pod], leastShape)).toEqual(want)
  })

  it.each([
    [[{ u: 10, s: 1 }, { u: 90, s: 9 }], [[-10, 1], [0, 1], [9, 1], [10, 1], [15, 1], [19, 1], [20, 2], [89, 8], [90, 9], [99, 9], [100, 9], [110, 9]]],
    [[{ u: 0, s: 2 }, { u: 40, s: 10 }, { u: 100, s: 0 }], [[-10, 2], [0, 2], [20, 6], [30, 8], [40, 10], [70, 5], [100, 0], [110, 0]]],
    [[{ u: 0, s: 2 }, { u: 40, s: 2 }, { u: 100, s: 2 }], [[-10, 2], [0, 2], [20, 2], [30, 2], [40, 2], [70, 2], [100, 2], [110, 2]]],
  ])('TestBrokenLinearFunction: shape %j', (points, assertions) => {
    const u = Float64Array.from(points, (p) => p.u)
    const s = Float64Array.from(points, (p) => p.s)
    for (const [p, want] of assertions) expect(brokenLinear(u, s, p!)).toBe(want)
  })

  const foo = 'intel.com/foo'
  const bar = 'intel.com/bar'
  const binNode = (name: string, ext: Record<string, number>): K8sNode => ({ name, cpuMilli: 4000, memBytes: 10000 * MI, ext })
  const packShape = [{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }]
  it.each([
    ['nothing scheduled, nothing requested', [], [], [0, 0]],
    ['resources requested, pods scheduled with less resources', [on('node1')], [{ ext: { [foo]: 2 } }], [2, 5]],
    ['resources requested, pods scheduled with resources, on node with existing pod running', [on('node2', { ext: { [foo]: 2 } })], [{ ext: { [foo]: 2 } }], [2, 10]],
    ['resources requested, pods scheduled with more resources', [on('node1')], [{ ext: { [foo]: 4 } }], [5, 10]],
  ] as const)('TestResourceBinPackingSingleExtended: %s', (_n, existing, pod, want) => {
    expect(rtcr([binNode('node1', { [foo]: 8 }), binNode('node2', { [foo]: 4 })], [...existing], [...pod], packShape, [{ name: foo, weight: 1 }])).toEqual(want)
  })

  it('TestResourceBinPackingMultipleExtended: weights 3 and 5 round (6 + 25) / 8 to 4 and (15 + 10) / 8 to 3', () => {
    const nodes = [binNode('node1', { [foo]: 8, [bar]: 4 }), binNode('node2', { [foo]: 4, [bar]: 8 })]
    const got = rtcr(nodes, [on('node1')], [{ ext: { [foo]: 2, [bar]: 2 } }], packShape, [{ name: foo, weight: 3 }, { name: bar, weight: 5 }])
    expect(got).toEqual([4, 3])
  })
})

describe('NodeResourcesFit filter', () => {
  it('rejects with upstream reasons: pod count first, then cpu, memory, extended; a pod requesting nothing fits anywhere with room for one more pod', () => {
    const f = k8sCluster([
      { name: 'full', cpuMilli: 4000, memBytes: 4 * MI, maxPods: 1 },
      { name: 'small', cpuMilli: 500, memBytes: 4 * MI },
      { name: 'nomem', cpuMilli: 4000, memBytes: MI },
      { name: 'noext', cpuMilli: 4000, memBytes: 4 * MI, ext: { 'example.com/foo': 1 } },
      { name: 'ok', cpuMilli: 4000, memBytes: 4 * MI, ext: { 'example.com/foo': 4 } },
    ], [on('full', req(0, 0))])
    const fit = (c: K8sContainer[]) => runPlugin(k8sNodeResourcesFit, {}, f, f.pod({ containers: c }))
    const r = fit([{ cpuMilli: 1000, memBytes: 2 * MI, ext: { 'example.com/foo': 2 } }])
    expect([r.full, r.small, r.nomem, r.noext, typeof r.ok]).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient example.com/foo', 'number'])
    const empty = fit([])
    expect([empty.full, typeof empty.small]).toEqual(['Too many pods', 'number'])
  })

  it('takes init containers and their max into the filter (computePodResourceRequest example: 3 CPU, 3G)', () => {
    const f = k8sCluster([{ name: 'a', cpuMilli: 2999, memBytes: 4e9 }, { name: 'b', cpuMilli: 3000, memBytes: 2.9e9 }, { name: 'c', cpuMilli: 3000, memBytes: 3e9 }])
    const pod = f.pod({ containers: [{ cpuMilli: 2000, memBytes: 1e9 }, { cpuMilli: 1000, memBytes: 1e9 }], initContainers: [{ cpuMilli: 2000, memBytes: 1e9 }, { cpuMilli: 2000, memBytes: 3e9 }] })
    const r = runPlugin(k8sNodeResourcesFit, {}, f, pod)
    expect([r.a, r.b, typeof r.c]).toEqual(['Insufficient cpu', 'Insufficient memory', 'number'])
  })
})
