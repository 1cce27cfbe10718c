/**
 * DefaultPreemption conformance: cases carried over (figures only) from kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go (TestPostFilter,
 * TestDryRunPreemption, TestSelectBestCandidate). Upstream's resources there: small 100m/100,
 * medium 200m/200, large 300m/300, very large 500m/500 (memory in bytes); priorities
 * neg -100, low 0, mid 100, high 1000, very high 10000; nodes of very large capacity unless said.
 */
import { describe, expect, it } from 'vitest'
import { Profile, type PostFilterHost } from '../../src/framework/index.js'
import { NO_NODE } from '../../src/model/index.js'
import { DefaultPreemption, k8sDefaultPreemption, numCandidates, type DefaultPreemptionArgs } from './k8s-default-preemption.js'
import { k8sNodeResourcesFit } from './k8s-node-resources-fit.js'
import { k8sCluster, type K8sContainer, type K8sNode } from './k8s-testing.js'
import { UNTOLERATED_TAINT } from './k8s-taint-toleration.js'

const UPSTREAM = 'kubernetes/kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go'

const NEG = -100
const LOW = 0
const MID = 100
const HIGH = 1000
const VERY_HIGH = 10000
const SMALL: K8sContainer = { cpuMilli: 100, memBytes: 100 }
const MEDIUM: K8sContainer = { cpuMilli: 200, memBytes: 200 }
const LARGE: K8sContainer = { cpuMilli: 300, memBytes: 300 }
const VERY_LARGE: K8sContainer = { cpuMilli: 500, memBytes: 500 }

interface UpPod {
  readonly name: string
  readonly node: string
  readonly prio: number
  readonly req?: K8sContainer
  /** Upstream's StartTime(epochTimeN) as N ms. */
  readonly start?: number
}

interface Preemptor {
  readonly prio: number
  readonly req?: K8sContainer
}

const DEFAULT_ARGS: DefaultPreemptionArgs = k8sDefaultPreemption.defaults

/**
 * A cluster of `nodes` (very large capacity unless given) running `pods`, a profile of
 * NodeResourcesFit + DefaultPreemption, and the pending preemptor.
 */
function setUp(nodes: readonly (string | K8sNode)[], pods: readonly UpPod[], preemptor: Preemptor, rng: () => number = () => 0) {
  const prios = [...new Set([...pods.map((p) => p.prio), preemptor.prio])]
  const apps = prios.map((prio) => ({ name: `prio${prio}`, priority: prio }))
  const nodeSpecs = nodes.map((n) => (typeof n === 'string' ? { name: n, cpuMilli: 500, memBytes: 500 } : n))
  const f = k8sCluster(nodeSpecs, pods.map((p) => ({ app: `prio${p.prio}`, node: p.node, containers: p.req ? [p.req] : [], startMs: p.start ?? 0 })), apps)
  const pod = f.pod({ app: `prio${preemptor.prio}`, containers: preemptor.req ? [preemptor.req] : [] })
  const fit = k8sNodeResourcesFit.create(k8sNodeResourcesFit.defaults, { rng })
  const preemption = k8sDefaultPreemption.create(DEFAULT_ARGS, { rng })
  const profile = new Profile([{ plugin: fit, weight: 1 }, { plugin: preemption, weight: 0 }], 'random', rng, f.cluster.nodeSlots)
  const podName = (p: number) => pods[p]!.name
  const nodeName = (n: number) => f.nodeNames[n]!
  return { f, pod, profile, podName, nodeName }
}

/** Runs the profile; the proposed node and victims (upstream names, most important first), or null. */
function postFilter(nodes: readonly (string | K8sNode)[], pods: readonly UpPod[], preemptor: Preemptor, rng?: () => number) {
  const s = setUp(nodes, pods, preemptor, rng)
  expect(s.profile.place(s.pod, s.f.cluster)).toBe(NO_NODE)
  const plan = s.profile.lastPreemption
  return plan === null ? null : { node: s.nodeName(plan.node), victims: plan.victims.map(s.podName) }
}

/**
 * Upstream DryRunPreemption after a failed filter pass: every candidate found walking from
 * `offset`, as `{node: victims sorted by name}` (upstream's test sorts both).
 */
function dryRun(nodes: readonly string[], pods: readonly UpPod[], preemptor: Preemptor, args: DefaultPreemptionArgs = DEFAULT_ARGS, offset = 0) {
  const s = setUp(nodes, pods, preemptor)
  expect(s.profile.place(s.pod, s.f.cluster)).toBe(NO_NODE)
  const ev = new DefaultPreemption(args, () => 0)
  const count = ev.collectPotentialNodes(s.f.cluster, s.profile)
  const out: Record<string, string[]> = {}
  ev.dryRun(s.pod, s.f.cluster, s.profile, offset, numCandidates(count, args), () => {
    const c = ev.candidate
    out[s.nodeName(c.node)] = [...c.victims.subarray(0, c.count)].map(s.podName).sort()
  })
  return out
}

describe(`DefaultPreemption PostFilter (${UPSTREAM} TestPostFilter)`, () => {
  const onePod = (name: string): K8sNode => ({ name, maxPods: 1 })
  const nodeRes = (name: string): K8sNode => ({ name, cpuMilli: 200, memBytes: 400 })

  it('nominates node1 for a pod with higher priority when the node holds one pod at most ("pod with higher priority can be made schedulable")', () => {
    expect(postFilter([onePod('node1')], [{ name: 'p1', node: 'node1', prio: LOW }], { prio: HIGH })).toEqual({ node: 'node1', victims: ['p1'] })
  })

  it('proposes nothing for a pod of tied priority ("pod with tied priority is still unschedulable")', () => {
    expect(postFilter([onePod('node1')], [{ name: 'p1', node: 'node1', prio: LOW }], { prio: LOW })).toBeNull()
  })

  it('evicts only pods of strictly lower priority: a mid pod preempts on node2 (low), not node1 (high) ("pod can be made schedulable on one node")', () => {
    const pods = [{ name: 'p1', node: 'node1', prio: HIGH }, { name: 'p2', node: 'node2', prio: LOW }]
    expect(postFilter([onePod('node1'), onePod('node2')], pods, { prio: MID })).toEqual({ node: 'node2', victims: ['p2'] })
  })

  it('proposes nothing when the pod does not fit even with every lower-priority pod gone ("no candidate nodes found, no enough resource after removing low priority pods")', () => {
    const pods = [{ name: 'p1', node: 'node1', prio: LOW }, { name: 'p2', node: 'node2', prio: LOW }]
    expect(postFilter([nodeRes('node1'), nodeRes('node2')], pods, { prio: HIGH, req: LARGE })).toBeNull()
  })

  it('proposes nothing with mixed reasons: no lower-priority pod on node1 and node3, too little cpu on node2 ("no candidate nodes found with mixed reasons")', () => {
    const pods = [{ name: 'p1', node: 'node1', prio: HIGH }, { name: 'p2', node: 'node2', prio: LOW }, { name: 'p3', node: 'node3', prio: HIGH }]
    expect(postFilter([onePod('node1'), nodeRes('node2'), onePod('node3')], pods, { prio: HIGH, req: LARGE })).toBeNull()
  })

  it('does not try a node rejected as UnschedulableAndUnresolvable ("preemption should respect filteredNodesStatuses")', () => {
    const s = setUp([{ name: 'node1', maxPods: 1 }], [{ name: 'p1', node: 'node1', prio: LOW }], { prio: HIGH })
    let fitsCalls = 0
    const host: PostFilterHost = {
      rejection: () => UNTOLERATED_TAINT,
      fitsWithout: () => (fitsCalls++, true),
    }
    const plugin = k8sDefaultPreemption.create(DEFAULT_ARGS, { rng: () => 0 })
    expect(plugin.postFilter!(s.pod, s.f.cluster, host)).toBeNull()
    expect(fitsCalls).toBe(0)
  })
})

describe(`DefaultPreemption victims per node (${UPSTREAM} TestDryRunPreemption)`, () => {
  it('finds both nodes when each holds one lower-priority pod in the way ("a pod that fits on both nodes when lower priority pods are preempted")', () => {
    const pods = [{ name: 'p1', node: 'node1', prio: MID, req: LARGE }, { name: 'p2', node: 'node2', prio: MID, req: LARGE }]
    expect(dryRun(['node1', 'node2'], pods, { prio: HIGH, req: LARGE })).toEqual({ node1: ['p1'], node2: ['p2'] })
  })

  it('finds no candidate when the running pods have higher priority ("a pod that would fit on the nodes, but other pods running are higher priority")', () => {
    const pods = [{ name: 'p1', node: 'node1', prio: MID, req: LARGE }, { name: 'p2', node: 'node2', prio: MID, req: LARGE }]
    expect(postFilter(['node1', 'node2'], pods, { prio: LOW, req: LARGE })).toBeNull()
  })

  it('reprieves the small low-priority pod and evicts the large mid one ("medium priority pod is preempted, but lower priority one stays as it is small")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: LOW, req: SMALL }, { name: 'p1.2', node: 'node1', prio: MID, req: LARGE },
      { name: 'p2', node: 'node2', prio: MID, req: LARGE },
    ]
    expect(dryRun(['node1', 'node2'], pods, { prio: HIGH, req: LARGE })).toEqual({ node1: ['p1.2'], node2: ['p2'] })
  })

  it('evicts the minimal mixed set p1.2 (low) and p1.3 (mid), keeping p1.1 and the equal-priority p1.4 ("mixed priority pods are preempted")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: SMALL }, { name: 'p1.2', node: 'node1', prio: LOW, req: SMALL },
      { name: 'p1.3', node: 'node1', prio: MID, req: MEDIUM }, { name: 'p1.4', node: 'node1', prio: HIGH, req: SMALL },
      { name: 'p2', node: 'node2', prio: HIGH, req: LARGE },
    ]
    expect(dryRun(['node1', 'node2'], pods, { prio: HIGH, req: LARGE })).toEqual({ node1: ['p1.2', 'p1.3'] })
  })

  it('reprieves the earlier-started of two equal-priority pods first ("mixed priority pods are preempted, pick later StartTime one when priorities are equal")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: LOW, req: SMALL, start: 5 }, { name: 'p1.2', node: 'node1', prio: LOW, req: SMALL, start: 4 },
      { name: 'p1.3', node: 'node1', prio: MID, req: MEDIUM, start: 3 }, { name: 'p1.4', node: 'node1', prio: HIGH, req: SMALL, start: 2 },
      { name: 'p2', node: 'node2', prio: HIGH, req: LARGE, start: 1 },
    ]
    expect(dryRun(['node1', 'node2'], pods, { prio: HIGH, req: LARGE })).toEqual({ node1: ['p1.1', 'p1.3'] })
  })

  const five = ['node1', 'node2', 'node3', 'node4', 'node5']
  const limitTo2: DefaultPreemptionArgs = { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 }

  it('stops after 2 candidates walking from offset 4 and wrapping ("all nodes are possible candidates, but DefaultPreemptionArgs limits to 2")', () => {
    const pods = five.map((n, i) => ({ name: `p${i + 1}`, node: n, prio: MID, req: LARGE }))
    expect(numCandidates(5, limitTo2)).toBe(2)
    expect(dryRun(five, pods, { prio: HIGH, req: LARGE }, limitTo2, 4)).toEqual({ node5: ['p5'], node1: ['p1'] })
  })

  it('skips nodes without victims and keeps walking until 2 are found ("some nodes are not possible candidates, DefaultPreemptionArgs limits to 2")', () => {
    const prio = [MID, VERY_HIGH, MID, MID, VERY_HIGH]
    const pods = five.map((n, i) => ({ name: `p${i + 1}`, node: n, prio: prio[i]!, req: LARGE }))
    expect(dryRun(five, pods, { prio: HIGH, req: LARGE }, limitTo2, 4)).toEqual({ node1: ['p1'], node3: ['p3'] })
  })

  it('walks from each cycle\'s own offset, 4 then 1 then 3 ("preemption offset across multiple scheduling cycles and wrap around")', () => {
    const pods = five.map((n, i) => ({ name: `p${i + 1}`, node: n, prio: MID, req: LARGE }))
    const walk = (offset: number) => Object.keys(dryRun(five, pods, { prio: HIGH, req: LARGE }, limitTo2, offset)).sort()
    expect([walk(4), walk(1), walk(3)]).toEqual([['node1', 'node5'], ['node2', 'node3'], ['node4', 'node5']])
  })

  it('draws the walk\'s offset from the placement stream when the walk stops early: 0.85 of 5 nodes starts at node5', () => {
    const pods = five.map((n, i) => ({ name: `p${i + 1}`, node: n, prio: MID, req: LARGE }))
    const s = setUp(five, pods, { prio: HIGH, req: LARGE })
    s.profile.place(s.pod, s.f.cluster)
    const ev = new DefaultPreemption({ minCandidateNodesPercentage: 20, minCandidateNodesAbsolute: 1 }, () => 0.85)
    // One candidate is wanted; the walk starts at offset floor(0.85 x 5) = 4, node5.
    expect(s.nodeName(ev.plan(s.pod, s.f.cluster, s.profile)!.node)).toBe('node5')
  })
})

describe(`DefaultPreemption node choice (${UPSTREAM} TestSelectBestCandidate)`, () => {
  const three = ['node1', 'node2', 'node3']

  it('picks either node when both tie on every rule, as a draw from the placement stream ("a pod that fits on both nodes when lower priority pods are preempted")', () => {
    const pods = [{ name: 'p1', node: 'node1', prio: MID, req: LARGE }, { name: 'p2', node: 'node2', prio: MID, req: LARGE }]
    const chosen = new Set([0, 0.99].map((r) => postFilter(['node1', 'node2'], pods, { prio: HIGH, req: LARGE }, () => r)!.node))
    expect(chosen).toEqual(new Set(['node1', 'node2']))
  })

  it('picks the node whose highest victim priority is lowest ("node with min highest priority pod is picked")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: MEDIUM }, { name: 'p1.2', node: 'node1', prio: MID, req: LARGE },
      { name: 'p2.1', node: 'node2', prio: MID, req: MEDIUM }, { name: 'p2.2', node: 'node2', prio: LOW, req: MEDIUM },
      { name: 'p3.1', node: 'node3', prio: LOW, req: MEDIUM }, { name: 'p3.2', node: 'node3', prio: LOW, req: MEDIUM },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })!.node).toBe('node3')
  })

  it('picks the lowest sum of priorities when the highest are equal ("when highest priorities are the same, minimum sum of priorities is picked")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: MEDIUM }, { name: 'p1.2', node: 'node1', prio: MID, req: LARGE },
      { name: 'p2.1', node: 'node2', prio: MID, req: LARGE }, { name: 'p2.2', node: 'node2', prio: LOW, req: MEDIUM },
      { name: 'p3.1', node: 'node3', prio: MID, req: MEDIUM }, { name: 'p3.2', node: 'node3', prio: MID, req: MEDIUM },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })).toEqual({ node: 'node2', victims: ['p2.1', 'p2.2'] })
  })

  it('picks the fewest victims when highest priority and sum are equal ("when highest priority and sum are the same, minimum number of pods is picked")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: SMALL }, { name: 'p1.2', node: 'node1', prio: NEG, req: SMALL },
      { name: 'p1.3', node: 'node1', prio: MID, req: SMALL }, { name: 'p1.4', node: 'node1', prio: NEG, req: SMALL },
      { name: 'p2.1', node: 'node2', prio: MID, req: LARGE }, { name: 'p2.2', node: 'node2', prio: NEG, req: MEDIUM },
      { name: 'p3.1', node: 'node3', prio: MID, req: MEDIUM }, { name: 'p3.2', node: 'node3', prio: NEG, req: SMALL },
      { name: 'p3.3', node: 'node3', prio: LOW, req: SMALL },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })!.node).toBe('node2')
  })

  it('sums priorities shifted by 2^31, so three victims with a lower raw sum lose to two ("sum of adjusted priorities is considered")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: SMALL }, { name: 'p1.2', node: 'node1', prio: NEG, req: SMALL },
      { name: 'p1.3', node: 'node1', prio: NEG, req: SMALL },
      { name: 'p2.1', node: 'node2', prio: MID, req: LARGE }, { name: 'p2.2', node: 'node2', prio: NEG, req: MEDIUM },
      { name: 'p3.1', node: 'node3', prio: MID, req: MEDIUM }, { name: 'p3.2', node: 'node3', prio: NEG, req: SMALL },
      { name: 'p3.3', node: 'node3', prio: LOW, req: SMALL },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })!.node).toBe('node2')
  })

  it('applies the rules in order when each would pick another node ("non-overlapping lowest high priority, sum priorities, and number of pods")', () => {
    // p3.4 is small here, not medium: upstream's snapshot holds 600m on node3's 500m, which
    // fleetsim's cluster refuses to bind. node3 still has 4 victims, so node1 still wins on the sum.
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: SMALL }, { name: 'p1.2', node: 'node1', prio: LOW, req: SMALL },
      { name: 'p1.3', node: 'node1', prio: LOW, req: SMALL },
      { name: 'p2.1', node: 'node2', prio: HIGH, req: LARGE },
      { name: 'p3.1', node: 'node3', prio: MID, req: MEDIUM }, { name: 'p3.2', node: 'node3', prio: LOW, req: SMALL },
      { name: 'p3.3', node: 'node3', prio: LOW, req: SMALL }, { name: 'p3.4', node: 'node3', prio: LOW, req: SMALL },
      { name: 'p4.1', node: 'node4', prio: MID, req: MEDIUM }, { name: 'p4.2', node: 'node4', prio: MID, req: SMALL },
      { name: 'p4.3', node: 'node4', prio: MID, req: SMALL }, { name: 'p4.4', node: 'node4', prio: NEG, req: SMALL },
    ]
    expect(postFilter(['node1', 'node2', 'node3', 'node4'], pods, { prio: VERY_HIGH, req: VERY_LARGE })!.node).toBe('node1')
  })

  it('picks the node whose victims started latest ("same priority, same number of victims, different start time for each node\'s pod")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: MEDIUM, start: 2 }, { name: 'p1.2', node: 'node1', prio: MID, req: MEDIUM, start: 2 },
      { name: 'p2.1', node: 'node2', prio: MID, req: MEDIUM, start: 3 }, { name: 'p2.2', node: 'node2', prio: MID, req: MEDIUM, start: 3 },
      { name: 'p3.1', node: 'node3', prio: MID, req: MEDIUM, start: 1 }, { name: 'p3.2', node: 'node3', prio: MID, req: MEDIUM, start: 1 },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })!.node).toBe('node2')
  })

  it('compares the earliest start of each node\'s victims ("same priority, same number of victims, different start time for all pods")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: MID, req: MEDIUM, start: 4 }, { name: 'p1.2', node: 'node1', prio: MID, req: MEDIUM, start: 2 },
      { name: 'p2.1', node: 'node2', prio: MID, req: MEDIUM, start: 5 }, { name: 'p2.2', node: 'node2', prio: MID, req: MEDIUM, start: 1 },
      { name: 'p3.1', node: 'node3', prio: MID, req: MEDIUM, start: 3 }, { name: 'p3.2', node: 'node3', prio: MID, req: MEDIUM, start: 6 },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })!.node).toBe('node3')
  })

  it('looks only at the start of the highest-priority victims ("different priority, same number of victims, different start time for all pods")', () => {
    const pods = [
      { name: 'p1.1', node: 'node1', prio: LOW, req: MEDIUM, start: 4 }, { name: 'p1.2', node: 'node1', prio: MID, req: MEDIUM, start: 2 },
      { name: 'p2.1', node: 'node2', prio: MID, req: MEDIUM, start: 6 }, { name: 'p2.2', node: 'node2', prio: LOW, req: MEDIUM, start: 1 },
      { name: 'p3.1', node: 'node3', prio: LOW, req: MEDIUM, start: 3 }, { name: 'p3.2', node: 'node3', prio: MID, req: MEDIUM, start: 5 },
    ]
    expect(postFilter(three, pods, { prio: HIGH, req: VERY_LARGE })).toEqual({ node: 'node2', victims: ['p2.1', 'p2.2'] })
  })
})

describe('DefaultPreemption arguments (kubernetes/kubernetes pkg/scheduler/apis/config/validation/validation_pluginargs.go)', () => {
  const check = (a: Partial<DefaultPreemptionArgs>) => k8sDefaultPreemption.check({ ...DEFAULT_ARGS, ...a }, 'args').map((i) => i.path)

  it('defaults to 10 % and at least 100 candidates, capped by the node count', () => {
    expect([numCandidates(50, DEFAULT_ARGS), numCandidates(500, DEFAULT_ARGS), numCandidates(5000, DEFAULT_ARGS)]).toEqual([50, 100, 500])
  })

  it('rejects a percentage above 100, a negative absolute, and both zero', () => {
    expect(check({ minCandidateNodesPercentage: 101 })).toEqual(['args.minCandidateNodesPercentage'])
    expect(check({ minCandidateNodesAbsolute: -1 })).toEqual(['args.minCandidateNodesAbsolute'])
    expect(check({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 })).toEqual(['args.minCandidateNodesPercentage'])
    expect(check({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 })).toEqual([])
  })
})
