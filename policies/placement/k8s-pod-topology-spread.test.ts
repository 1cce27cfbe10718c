/**
 * Conformance of PodTopologySpread with upstream unit tests, case by case:
 * kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go
 * @008b3652959ca58af8be3fb5b6ecfe9ae7638282 (TestPodTopologySpreadScore) and filtering_test.go
 * (TestSingleConstraint, TestMultipleConstraints). Pods carry their app's labels, so upstream's
 * `Label("foo", "")` pods are pods of an app labelled {foo: ""}. Upstream's "failedNodes" are the
 * nodes left out of the candidates passed to PreScore.
 */
import { describe, expect, it } from 'vitest'
import type { LabelSelector, TopologySpreadConstraint } from '../../src/model/index.js'
import { k8sPodTopologySpread, SPREAD_MISMATCH, SPREAD_MISSING_LABEL } from './k8s-pod-topology-spread.js'
import { HOSTNAME_KEY } from './k8s-topology.js'
import { k8sCluster, runPlugin } from './k8s-testing.js'

const exists = (key: string): LabelSelector => ({ matchExpressions: [{ key, operator: 'Exists' }] })
const FOO = exists('foo')
const BAR = exists('bar')
const soft = (maxSkew: number, topologyKey: string, labelSelector?: LabelSelector): TopologySpreadConstraint => ({ maxSkew, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', ...(labelSelector ? { labelSelector } : {}) })
const hard = (maxSkew: number, topologyKey: string, labelSelector?: LabelSelector): TopologySpreadConstraint => ({ maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', ...(labelSelector ? { labelSelector } : {}) })
const APPS: { name: string; labels: Record<string, string> }[] = [
  { name: 'foo', labels: { foo: '' } },
  { name: 'bar', labels: { bar: '' } },
  { name: 'foobar', labels: { foo: '', bar: '' } },
]

/** `pods` maps node name to the apps of its pods, e.g. {"node-a": ["foo", "foo"]}. */
function spread(nodes: Record<string, Record<string, string>>, pods: Record<string, string[]>, constraints: TopologySpreadConstraint[], opts: { podLabels?: Record<string, string>; candidates?: string[] } = {}) {
  const existing = Object.entries(pods).flatMap(([node, apps]) => apps.map((app) => ({ node, app })))
  const f = k8sCluster(Object.entries(nodes).map(([name, labels]) => ({ name, labels })), existing, [...APPS, { name: 'p', labels: opts.podLabels ?? { foo: '' }, topologySpreadConstraints: constraints }])
  return runPlugin(k8sPodTopologySpread, {}, f, f.pod({}), opts.candidates)
}
const hosts = (...names: string[]) => Object.fromEntries(names.map((n) => [n, {}]))
const zoned = (zones: Record<string, string>) => Object.fromEntries(Object.entries(zones).map(([n, z]) => [n, { zone: z }]))
const times = (app: string, k: number) => Array.from({ length: k }, () => app)

describe('PodTopologySpread score (upstream TestPodTopologySpreadScore)', () => {
  it('one constraint on node, no existing pods', () => {
    expect(spread(hosts('node-a', 'node-b'), {}, [soft(1, HOSTNAME_KEY, FOO)])).toEqual({ 'node-a': 100, 'node-b': 100 })
  })
  it('one constraint on node, only one node is candidate', () => {
    expect(spread(hosts('node-a', 'node-b'), { 'node-a': times('foo', 2), 'node-b': ['foo'] }, [soft(1, HOSTNAME_KEY, FOO)], { candidates: ['node-a'] })['node-a']).toBe(100)
  })
  it('one constraint on node, all nodes have the same number of matching pods', () => {
    expect(spread(hosts('node-a', 'node-b'), { 'node-a': ['foo'], 'node-b': ['foo'] }, [soft(1, HOSTNAME_KEY, FOO)])).toEqual({ 'node-a': 100, 'node-b': 100 })
  })
  const twoOneZeroThree = { 'node-a': times('foo', 2), 'node-b': ['foo'], 'node-d': times('foo', 3) }
  it('one constraint on node, all 4 nodes are candidates (2/1/0/3)', () => {
    expect(spread(hosts('node-a', 'node-b', 'node-c', 'node-d'), twoOneZeroThree, [soft(1, HOSTNAME_KEY, FOO)])).toEqual({ 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 })
  })
  it('one constraint on node, null selector', () => {
    expect(spread(hosts('node-a', 'node-b', 'node-c', 'node-d'), twoOneZeroThree, [soft(1, HOSTNAME_KEY)])).toEqual({ 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 })
  })
  it('one constraint on node, all 4 nodes are candidates, maxSkew=2', () => {
    expect(spread(hosts('node-a', 'node-b', 'node-c', 'node-d'), twoOneZeroThree, [soft(2, HOSTNAME_KEY, FOO)])).toEqual({ 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 })
  })
  it('one constraint on node, all 4 nodes are candidates, maxSkew=3 (4/3/2/1)', () => {
    const pods = { 'node-a': times('foo', 4), 'node-b': times('foo', 3), 'node-c': times('foo', 2), 'node-d': ['foo'] }
    expect(spread(hosts('node-a', 'node-b', 'node-c', 'node-d'), pods, [soft(3, HOSTNAME_KEY, FOO)])).toEqual({ 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 })
  })
  it('one constraint on node, 3 out of 4 nodes are candidates (4/2/1/~3~)', () => {
    const pods = { 'node-a': times('foo', 4), 'node-b': times('foo', 2), 'node-x': ['foo'], 'node-y': times('foo', 3) }
    const got = spread(hosts('node-a', 'node-b', 'node-x', 'node-y'), pods, [soft(1, HOSTNAME_KEY, FOO)], { candidates: ['node-a', 'node-b', 'node-x'] })
    expect(got).toEqual({ 'node-a': 33, 'node-b': 83, 'node-x': 100, 'node-y': '-' })
  })
  it('one constraint on zone, 3 out of 4 nodes are candidates', () => {
    const pods = { 'node-a': times('foo', 4), 'node-b': times('foo', 2), 'node-x': ['foo'], 'node-y': times('foo', 3) }
    const got = spread(zoned({ 'node-a': 'zone1', 'node-b': 'zone1', 'node-x': 'zone2', 'node-y': 'zone2' }), pods, [soft(1, 'zone', FOO)], { candidates: ['node-a', 'node-b', 'node-x'] })
    expect(got).toEqual({ 'node-a': 75, 'node-b': 75, 'node-x': 100, 'node-y': '-' })
  })
  it('two Constraints on zone and node, 2 out of 4 nodes are candidates (2/~1~/2/~4~)', () => {
    const pods = { 'node-a': times('foo', 2), 'node-b': ['foo'], 'node-x': times('foo', 2), 'node-y': times('foo', 4) }
    const got = spread(zoned({ 'node-a': 'zone1', 'node-b': 'zone1', 'node-x': 'zone2', 'node-y': 'zone2' }), pods, [soft(1, 'zone', FOO), soft(1, HOSTNAME_KEY, FOO)], { candidates: ['node-a', 'node-x'] })
    expect([got['node-a'], got['node-x']]).toEqual([100, 63])
  })
  it('two Constraints on zone, 2 out of 4 nodes are candidates', () => {
    const pods = { 'node-a': ['foobar', 'foo'], 'node-b': ['foobar'], 'node-y': ['foo', 'foobar', 'foo'] }
    const got = spread(zoned({ 'node-a': 'zone1', 'node-b': 'zone1', 'node-x': 'zone2', 'node-y': 'zone2' }), pods, [soft(1, 'zone', FOO), soft(1, 'zone', BAR)],
      { podLabels: { foo: '', bar: '' }, candidates: ['node-a', 'node-x'] })
    expect([got['node-a'], got['node-x']]).toEqual([85, 100])
  })
  const fourNodes = zoned({ 'node-a': 'zone1', 'node-b': 'zone1', 'node-x': 'zone2', 'node-y': 'zone2' })
  it('two Constraints on zone and node, with different labelSelectors', () => {
    const pods = { 'node-a': ['foo'], 'node-b': ['foobar'], 'node-y': ['foo', 'bar'] }
    expect(spread(fourNodes, pods, [soft(1, 'zone', FOO), soft(1, HOSTNAME_KEY, BAR)], { podLabels: { foo: '', bar: '' } })).toEqual({ 'node-a': 60, 'node-b': 20, 'node-x': 100, 'node-y': 60 })
  })
  it('two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods', () => {
    const pods = { 'node-b': ['bar'], 'node-x': ['foo'], 'node-y': ['foobar'] }
    expect(spread(fourNodes, pods, [soft(1, 'zone', FOO), soft(1, HOSTNAME_KEY, BAR)], { podLabels: { foo: '', bar: '' } })).toEqual({ 'node-a': 100, 'node-b': 60, 'node-x': 40, 'node-y': 0 })
  })
  it('two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates', () => {
    const pods = { 'node-a': ['foo'], 'node-b': ['foobar'], 'node-y': ['foo', 'bar'] }
    const got = spread(fourNodes, pods, [soft(1, 'zone', FOO), soft(1, HOSTNAME_KEY, BAR)], { podLabels: { foo: '', bar: '' }, candidates: ['node-a', 'node-b', 'node-x'] })
    expect([got['node-a'], got['node-b'], got['node-x']]).toEqual([50, 25, 100])
  })

  it('skips a pod without soft constraints, and gives a Batch pod without constraints no system defaults', () => {
    expect(spread(hosts('node-a'), {}, [hard(1, HOSTNAME_KEY, FOO)])['node-a']).toBe('skip')
    expect(spread(hosts('node-a'), {}, [])['node-a']).toBe('skip')
  })

  it('applies the system defaults (hostname maxSkew 3, zone maxSkew 5) to a replicated workload without constraints', () => {
    // 4/3/2/1 pods of the workload itself on zoneless nodes: the hostname default alone, as the
    // upstream case "system defaulting, nodes don't have zone, pods match service" (44/66/77/100).
    const pods = { 'node-a': times('web', 4), 'node-b': times('web', 3), 'node-c': times('web', 2), 'node-d': ['web'] }
    const existing = Object.entries(pods).flatMap(([node, apps]) => apps.map((app) => ({ node, app })))
    const f = k8sCluster(['node-a', 'node-b', 'node-c', 'node-d'].map((name) => ({ name })), existing, [{ name: 'web', labels: { app: 'web' }, kind: 'Service' as never }, { name: 'p' }])
    const web = f.pod({ app: 'web' })
    expect(runPlugin(k8sPodTopologySpread, {}, f, web)).toEqual({ 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 })
  })
})

describe('PodTopologySpread filter (upstream TestSingleConstraint, TestMultipleConstraints)', () => {
  const nodeLabels = { 'node-a': { zone: 'zone1', node: 'node-a' }, 'node-b': { zone: 'zone1', node: 'node-b' }, 'node-x': { zone: 'zone2', node: 'node-x' }, 'node-y': { zone: 'zone2', node: 'node-y' } }
  const verdicts = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === SPREAD_MISMATCH ? 'Unschedulable' : v === SPREAD_MISSING_LABEL ? 'UnschedulableAndUnresolvable' : 'Success']))
  const S = 'Success'
  const U = 'Unschedulable'
  const twoOneZeroThree = { 'node-a': times('foo', 2), 'node-b': ['foo'], 'node-y': times('foo', 3) }
  it.each([
    ['no existing pods', nodeLabels, {}, [hard(1, 'zone', FOO)], { foo: '' }, [S, S, S, S]],
    ["no existing pods, incoming pod doesn't match itself", nodeLabels, {}, [hard(1, 'zone', BAR)], { foo: '' }, [S, S, S, S]],
    ['pods spread across zones as 3/3, all nodes fit', nodeLabels, twoOneZeroThree, [hard(1, 'zone', FOO)], { foo: '' }, [S, S, S, S]],
    ['pods spread across nodes as 2/1/0/3, only node-x fits', nodeLabels, twoOneZeroThree, [hard(1, 'node', FOO)], { foo: '' }, [U, U, S, U]],
    ['pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit', nodeLabels, twoOneZeroThree, [hard(2, 'node', FOO)], { foo: '' }, [U, S, S, U]],
    ["pods spread across nodes as 2/1/0/3, but pod doesn't match itself", nodeLabels, twoOneZeroThree, [hard(1, 'node', FOO)], { bar: '' }, [U, S, S, U]],
    ['two Constraints on zone and node, spreads = [3/3, 2/1/0/3]', nodeLabels, twoOneZeroThree, [hard(1, 'zone', FOO), hard(1, 'node', FOO)], { foo: '' }, [U, U, S, U]],
  ] as const)('%s', (_n, nodes, pods, constraints, podLabels, want) => {
    const r = verdicts(spread(nodes, pods, [...constraints], { podLabels }))
    expect(['node-a', 'node-b', 'node-x', 'node-y'].map((n) => r[n])).toEqual(want)
  })

  it("pods spread across zones as 1/2 due to absence of label 'zone' on node-b", () => {
    const nodes = { ...nodeLabels, 'node-b': { zon: 'zone1', node: 'node-b' } }
    const r = verdicts(spread(nodes, { 'node-a': ['foo'], 'node-b': ['foo'], 'node-x': ['foo'], 'node-y': ['foo'] }, [hard(1, 'zone', FOO)]))
    expect(r).toEqual({ 'node-a': S, 'node-b': 'UnschedulableAndUnresolvable', 'node-x': U, 'node-y': U })
  })
  it("pod cannot be scheduled as all nodes don't have label 'rack'", () => {
    const r = verdicts(spread({ 'node-a': { zone: 'zone1' }, 'node-x': { zone: 'zone2' } }, {}, [hard(1, 'rack', FOO)]))
    expect(r).toEqual({ 'node-a': 'UnschedulableAndUnresolvable', 'node-x': 'UnschedulableAndUnresolvable' })
  })
  it('incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits', () => {
    const existing = Object.entries(twoOneZeroThree).flatMap(([node, apps]) => apps.map((app) => ({ node, app })))
    const f = k8sCluster(Object.entries(nodeLabels).map(([name, labels]) => ({ name, labels })), existing, [...APPS, {
      name: 'p', labels: { foo: '' }, topologySpreadConstraints: [hard(1, 'node', FOO)],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node', operator: 'In', values: ['node-a', 'node-y'] }] }] } } },
    }])
    // The NodeAffinity filter is not run here, so node-b and node-x pass this plugin, as upstream notes.
    expect(verdicts(runPlugin(k8sPodTopologySpread, {}, f, f.pod({})))).toEqual({ 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U })
  })
})
