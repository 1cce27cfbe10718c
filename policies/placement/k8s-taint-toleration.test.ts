/**
 * Conformance of TaintToleration and NodeAffinity with upstream unit tests:
 * kubernetes/kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
 * @04c0d74f8e8bf18e93a9d8d082b218d3eb4c6395 (TestTaintTolerationScore, TestTaintTolerationFilter;
 * the Gt/Lt toleration operators behind a feature gate are not modelled), and
 * pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinityPriority).
 */
import { describe, expect, it } from 'vitest'
import type { NodeAffinity, Taint, Toleration } from '../../src/model/index.js'
import { k8sNodeAffinity } from './k8s-node-affinity.js'
import { k8sNodeUnschedulable, NODE_UNSCHEDULABLE } from './k8s-node-unschedulable.js'
import { k8sTaintToleration, UNTOLERATED_TAINT } from './k8s-taint-toleration.js'
import { k8sCluster, runPlugin } from './k8s-testing.js'

const tol = (key: string | undefined, operator: 'Equal' | 'Exists', value: string | undefined, effect?: Toleration['effect']): Toleration => ({ key, operator, value, effect })
const taint = (key: string, value: string, effect: Taint['effect']): Taint => ({ key, value, effect })
const PNS = 'PreferNoSchedule' as const

function taintScores(tolerations: Toleration[], nodes: Record<string, Taint[]>) {
  const f = k8sCluster(Object.entries(nodes).map(([name, taints]) => ({ name, taints })), [], [{ name: 'p', tolerations }])
  return runPlugin(k8sTaintToleration, {}, f, f.pod({}))
}

describe('TaintToleration score (upstream TestTaintTolerationScore)', () => {
  it('node with taints tolerated by the pod, gets a higher score than those node with intolerable taints', () => {
    expect(taintScores([tol('foo', 'Equal', 'bar', PNS)], { nodeA: [taint('foo', 'bar', PNS)], nodeB: [taint('foo', 'blah', PNS)] })).toEqual({ nodeA: 100, nodeB: 0 })
  })
  it('the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has', () => {
    const got = taintScores([tol('cpu-type', 'Equal', 'arm64', PNS), tol('disk-type', 'Equal', 'ssd', PNS)], {
      nodeA: [], nodeB: [taint('cpu-type', 'arm64', PNS)], nodeC: [taint('cpu-type', 'arm64', PNS), taint('disk-type', 'ssd', PNS)],
    })
    expect(got).toEqual({ nodeA: 100, nodeB: 100, nodeC: 100 })
  })
  it('the more intolerable taints a node has, the lower score it gets', () => {
    const got = taintScores([tol('foo', 'Equal', 'bar', PNS)], {
      nodeA: [], nodeB: [taint('cpu-type', 'arm64', PNS)], nodeC: [taint('cpu-type', 'arm64', PNS), taint('disk-type', 'ssd', PNS)],
    })
    expect(got).toEqual({ nodeA: 100, nodeB: 50, nodeC: 0 })
  })
  it('only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function', () => {
    // nodeB's NoSchedule taint is tolerated (so the filter passes); the score ignores it.
    const got = taintScores([tol('cpu-type', 'Equal', 'arm64', 'NoSchedule'), tol('disk-type', 'Equal', 'ssd', 'NoSchedule')], {
      nodeA: [], nodeB: [taint('cpu-type', 'arm64', 'NoSchedule')], nodeC: [taint('cpu-type', 'arm64', PNS), taint('disk-type', 'ssd', PNS)],
    })
    expect(got).toEqual({ nodeA: 100, nodeB: 100, nodeC: 0 })
  })
  it('Default behaviour No taints and tolerations, lands on node with no taints', () => {
    expect(taintScores([], { nodeA: [], nodeB: [taint('cpu-type', 'arm64', PNS)] })).toEqual({ nodeA: 100, nodeB: 0 })
  })
})

describe('TaintToleration filter (upstream TestTaintTolerationFilter)', () => {
  const filter = (tolerations: Toleration[], taints: Taint[]) => taintScores(tolerations, { nodeA: taints }).nodeA
  const fits = (r: unknown) => (typeof r === 'number' ? 'fits' : r)
  it.each([
    ['A pod having no tolerations can\'t be scheduled onto a node with nonempty taints', [], [taint('dedicated', 'user1', 'NoSchedule')], UNTOLERATED_TAINT],
    ['A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule', [tol('dedicated', 'Equal', 'user1', 'NoSchedule')], [taint('dedicated', 'user1', 'NoSchedule')], 'fits'],
    ['A pod which can\'t be scheduled on a dedicated node assigned to user2 with effect NoSchedule', [tol('dedicated', 'Equal', 'user2', 'NoSchedule')], [taint('dedicated', 'user1', 'NoSchedule')], UNTOLERATED_TAINT],
    ['A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node', [tol('foo', 'Exists', undefined, 'NoSchedule')], [taint('foo', 'bar', 'NoSchedule')], 'fits'],
    ['A pod has multiple tolerations, node has multiple taints, all the taints are tolerated', [tol('dedicated', 'Equal', 'user2', 'NoSchedule'), tol('foo', 'Exists', undefined, 'NoSchedule')],
      [taint('dedicated', 'user2', 'NoSchedule'), taint('foo', 'bar', 'NoSchedule')], 'fits'],
    ['A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn\'t match', [tol('foo', 'Equal', 'bar', PNS)], [taint('foo', 'bar', 'NoSchedule')], UNTOLERATED_TAINT],
    ['The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty', [tol('foo', 'Equal', 'bar')], [taint('foo', 'bar', 'NoSchedule')], 'fits'],
    ['The pod has a toleration that key and value don\'t match the taint on the node, but the effect of taint on node is PreferNoSchedule', [tol('dedicated', 'Equal', 'user2', 'NoSchedule')], [taint('dedicated', 'user1', PNS)], 'fits'],
    ['The pod has no toleration, but the effect of taint on node is PreferNoSchedule', [], [taint('dedicated', 'user1', PNS)], 'fits'],
  ] as const)('%s', (_n, tolerations, taints, want) => {
    expect(fits(filter([...tolerations], [...taints]))).toBe(want)
  })

  it('also rejects an untolerated NoExecute taint', () => {
    expect(filter([], [taint('node.kubernetes.io/unreachable', '', 'NoExecute')])).toBe(UNTOLERATED_TAINT)
  })
})

describe('NodeUnschedulable', () => {
  it('rejects a cordoned node unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const nodes = [{ name: 'cordoned', unschedulable: true }, { name: 'open' }]
    const plain = k8sCluster(nodes)
    expect(runPlugin(k8sNodeUnschedulable, {}, plain, plain.pod({}))).toEqual({ cordoned: NODE_UNSCHEDULABLE, open: 'fits' })
    const tolerant = k8sCluster(nodes, [], [{ name: 'p', tolerations: [tol('node.kubernetes.io/unschedulable', 'Exists', undefined, 'NoSchedule')] }])
    expect(runPlugin(k8sNodeUnschedulable, {}, tolerant, tolerant.pod({}))).toEqual({ cordoned: 'fits', open: 'fits' })
  })
})

describe('NodeAffinity score (upstream node_affinity_test.go TestNodeAffinityPriority)', () => {
  const label1 = { foo: 'bar' }
  const label2 = { key: 'value' }
  const label3 = { az: 'az1' }
  const label4 = { abc: 'az11', def: 'az22' }
  const label5 = { foo: 'bar', key: 'value', az: 'az1' }
  const term = (key: string, value: string) => ({ key, operator: 'In' as const, values: [value] })
  const affinity1: NodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: { matchExpressions: [term('foo', 'bar')] } }] }
  const affinity2: NodeAffinity = {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 2, preference: { matchExpressions: [term('foo', 'bar')] } },
      { weight: 4, preference: { matchExpressions: [term('key', 'value')] } },
      { weight: 5, preference: { matchExpressions: [term('foo', 'bar'), term('key', 'value'), term('az', 'az1')] } },
    ],
  }
  const run = (nodes: Record<string, Record<string, string>>, nodeAffinity: NodeAffinity | undefined, addedAffinity: NodeAffinity | null = null) => {
    const f = k8sCluster(Object.entries(nodes).map(([name, labels]) => ({ name, labels })), [], [{ name: 'p', ...(nodeAffinity ? { affinity: { nodeAffinity } } : {}) }])
    return runPlugin(k8sNodeAffinity, { addedAffinity }, f, f.pod({}))
  }
  it('Skip is returned in PreScore when NodeAffinity is nil', () => {
    expect(run({ node1: label1 }, undefined)).toEqual({ node1: 'skip' })
  })
  it('no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes\' priority is zero', () => {
    expect(run({ node1: label4, node2: label2, node3: label3 }, affinity1)).toEqual({ node1: 0, node2: 0, node3: 0 })
  })
  it('only node1 matches the preferred scheduling requirements of pod', () => {
    expect(run({ node1: label1, node2: label2, node3: label3 }, affinity1)).toEqual({ node1: 100, node2: 0, node3: 0 })
  })
  it('all nodes matches the preferred scheduling requirements of pod but with different priorities', () => {
    expect(run({ node1: label1, node5: label5, node2: label2 }, affinity2)).toEqual({ node1: 18, node5: 100, node2: 36 })
  })
  it('added affinity', () => {
    expect(run({ node1: label1, node2: label2 }, undefined, affinity1)).toEqual({ node1: 100, node2: 0 })
  })
  it('added affinity and pod has default affinity', () => {
    const added: NodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, preference: { matchExpressions: [term('key', 'value')] } }] }
    expect(run({ node1: label1, node2: label2, node3: label5 }, affinity1, added)).toEqual({ node1: 40, node2: 60, node3: 100 })
  })

  it('filters by nodeSelector and required terms (ORed terms, ANDed expressions, Gt on integers)', () => {
    const f = k8sCluster([
      { name: 'a', labels: { zone: 'z1', cores: '8' } }, { name: 'b', labels: { zone: 'z2', cores: '64' } }, { name: 'c', labels: { zone: 'z3', cores: '64' } },
    ], [], [{
      name: 'p', nodeSelector: {},
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['z1', 'z3'] }, { key: 'cores', operator: 'Gt', values: ['16'] }] },
      ] } } },
    }])
    const r = runPlugin(k8sNodeAffinity, {}, f, f.pod({}))
    expect([r.a, r.b, r.c]).toEqual(['skip', 'skip', "node(s) didn't match Pod's node affinity/selector"])
  })
})
