import { describe, expect, it } from 'vitest'
import { builtins } from '../index.js'
import { Run } from '../../src/controller/index.js'
import { parseScenario } from '../../src/index.js'
import { invariantViolations, NodeState } from '../../src/model/index.js'
import { estimateNodes, type EstimatorPod } from './binpacking-estimator.js'
import { expand, leastWaste, mostPods, priceScore, byPriority, type ExpanderOption, type PriceModel } from './expanders.js'

const MIB = 2 ** 20
const option = (poolName: string, nodeCount: number, cpu: number, mem: number, pods: [number, number][] = [], price = 0): ExpanderOption => ({
  pool: 0, poolName, nodeCount, nodeCpuMilli: cpu, nodeMemBytes: mem, nodeGpu: 0, nodePricePerHour: price,
  podCpuMilli: pods.map((p) => p[0]), podMemBytes: pods.map((p) => p[1]),
})

describe('expanders (figures from kubernetes/autoscaler cluster-autoscaler/expander)', () => {
  it('least-waste picks the low-cpu group for a 500m/1000Mi pod (waste/waste_test.go TestLeastWaste)', () => {
    const pod: [number, number] = [500, 1000 * MIB]
    const balanced = option('balanced', 1, 16 * 500, 16 * 1000 * MIB, [pod])
    const highmem = option('highmem', 1, 16 * 500, 32 * 1000 * MIB, [pod])
    const lowcpu = option('lowcpu', 1, 8 * 500, 16 * 1000 * MIB, [pod])
    expect(leastWaste([balanced, highmem])).toEqual([balanced])
    expect(leastWaste([balanced, highmem, lowcpu])).toEqual([lowcpu])
  })

  it('most-pods keeps the options that schedule the most pods (mostpods/mostpods_test.go)', () => {
    const eo0 = option('eo0', 1, 1000, MIB)
    const eo1 = option('eo1', 1, 1000, MIB, [[1, 1]])
    const eo1b = option('eo1b', 1, 1000, MIB, [[1, 1]])
    expect(mostPods([eo0])).toEqual([eo0])
    expect(mostPods([eo0, eo1])).toEqual([eo1])
    expect(mostPods([eo0, eo1, eo1b])).toEqual([eo1, eo1b])
  })

  it('price prefers the cheaper group, unless the other is the preferred size, unless many nodes are needed (price/price_test.go TestPriceExpander)', () => {
    // Pod prices p1 = 20, p2 = 10, stabilizer = 10, as in the upstream test pricing model.
    const prices: PriceModel = { clusterNodes: 0, podPrice: (cpu) => (cpu === 1000 ? 20 : 10) }
    const pods: [number, number][] = [[1000, 0], [500, 0]]
    const ng1 = (k: number, price: number) => option('ng1', k, 1000, 1000 * MIB, pods, price)
    const ng2 = (k: number, price: number) => option('ng2', k, 4000, 1000 * MIB, pods, price)
    const best = (a: ExpanderOption, b: ExpanderOption, pref: number) => (priceScore(a, prices, pref) < priceScore(b, prices, pref) ? a.poolName : b.poolName)
    expect(best(ng1(2, 20), ng2(1, 200), 2000)).toBe('ng1')
    expect(best(ng1(2, 50), ng2(1, 200), 4000)).toBe('ng2')
    expect(best(ng1(80, 20), ng2(40, 200), 4000)).toBe('ng1')
    expect(best(ng1(2, 200), ng2(1, 100), 2000)).toBe('ng2')
    // Equal prices, but ng2 takes both pods.
    const one = option('ng1', 2, 1000, 1000 * MIB, [[1000, 0]], 200)
    expect(best(one, ng2(1, 200), 2000)).toBe('ng2')
  })

  it('priority keeps the options of the highest matching priority, searched unanchored (priority/priority.go)', () => {
    const a = option('spot-small', 1, 1000, MIB)
    const b = option('ondemand-large', 1, 1000, MIB)
    expect(byPriority([a, b], { 10: ['spot'], 50: ['large$'] })).toEqual([b])
    expect(byPriority([a, b], { 10: ['gpu'] })).toEqual([a, b])
  })

  it('a tie left after the chain is broken by the random stream', () => {
    const a = option('a', 1, 1000, MIB)
    const b = option('b', 1, 1000, MIB)
    const prices: PriceModel = { clusterNodes: 0, podPrice: () => 1 }
    expect(expand([a, b], ['most-pods'], prices, {}, () => 0.99)).toBe(b)
    expect(expand([a, b], ['most-pods'], prices, {}, () => 0)).toBe(a)
  })
})

describe('binpacking estimator (figures from kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator_test.go)', () => {
  const pods = (n: number, cpu: number, memMiB: number, group = 0, first = 0): EstimatorPod[] =>
    Array.from({ length: n }, (_, i) => ({ id: first + i, cpuMilli: cpu, memBytes: memMiB * MIB, gpu: 0, group }))
  const fitsOn = (cpu: number, memMiB: number, maxPods: number) => (p: EstimatorPod, u: { cpuMilli: number; memBytes: number; pods: number }) =>
    u.cpuMilli + p.cpuMilli <= cpu && u.memBytes + p.memBytes <= memMiB * MIB && u.pods + 1 <= maxPods
  const est = (ps: EstimatorPod[], cpu: number, memMiB: number, maxPods: number, maxNodes = Infinity) =>
    estimateNodes(ps, { cpuMilli: cpu, memBytes: memMiB * MIB }, fitsOn(cpu, memMiB, maxPods), maxNodes)

  it('simple resource-based binpacking: 10 pods of 350m/1000Mi on 1000m/2000Mi nodes need 5 nodes', () => {
    const e = est(pods(10, 350, 1000), 350 * 3 - 50, 2000, 10)
    expect([e.nodes, e.pods.length]).toEqual([5, 10])
  })

  it('pods-per-node bound binpacking: 20 tiny pods at 10 pods per node need 2 nodes', () => {
    const e = est(pods(20, 10, 100), 10000, 20000, 10)
    expect([e.nodes, e.pods.length]).toEqual([2, 20])
  })

  it('limiter cuts binpacking: at most 5 nodes place 10 of 20 pods', () => {
    const e = est(pods(20, 500, 1000), 1000, 5000, 10, 5)
    expect([e.nodes, e.pods.length]).toEqual([5, 10])
  })

  it('decreasing ordered pods are processed first: the 10 large pods take the 5 nodes', () => {
    const small = pods(10, 50, 1000, 0, 0)
    const large = pods(10, 500, 1000, 1, 100)
    const e = est([...small, ...large], 1000, 5000, 10, 5)
    expect([e.nodes, e.pods.length]).toEqual([5, 10])
    expect(e.pods).toEqual(large.map((p) => p.id))
  })

  it('the upstream benchmark: 50,000 pods of 50m/100Mi and 1,000 of 95m/190Mi need 2,595 nodes of 1000m/5000Mi/100 pods', () => {
    const e = est([...pods(50000, 50, 100, 0, 0), ...pods(1000, 95, 190, 1, 50000)], 1000, 5000, 100, 3000)
    expect([e.nodes, e.pods.length]).toEqual([2595, 51000])
  })
})

describe('cluster-autoscaler in a run', () => {
  const scenario = (seed: number, expander: string, rate: number, max: number, maxTotal: number) => parseScenario(`
name: ca-${seed}
duration: 3h
seed: ${seed}
cluster:
  pools:
    - { name: a, nodes: 1, min: 1, max: ${max}, capacity: { cpu: 4, memory: 16Gi }, costPerHour: 0.2 }
    - { name: b, nodes: 0, min: 0, max: ${Math.max(1, max - 2)}, capacity: { cpu: 8, memory: 16Gi }, costPerHour: 0.3 }
workloads:
  - kind: Batch
    name: burst
    arrivals: { process: poisson, rate: ${rate}/min }
    start: 10m
    stop: 50m
    duration: { dist: exponential, mean: 15m }
    requests: { cpu: { choice: [500m, 1, 2] }, memory: { choice: [1Gi, 4Gi] } }
policies:
  clusterAutoscaler: { name: cluster-autoscaler, expander: ${expander}, maxNodesTotal: ${maxTotal} }
metrics: { interval: 1m }
`)

  it('never exceeds pool bounds or the total limit, and never drops below a pool minimum (random scenarios, seeded)', () => {
    const expanders = ['random', 'most-pods', 'least-waste', 'price', 'priority']
    for (let seed = 1; seed <= 12; seed++) {
      const max = 3 + (seed % 5)
      const maxTotal = seed % 3 === 0 ? 0 : 4 + (seed % 4)
      const s = scenario(seed, expanders[seed % expanders.length]!, 5 + seed * 3, max, maxTotal)
      const run = new Run(s, builtins)
      let worst = 0
      run.lifecycle.listeners.push(() => {
        const c = run.cluster
        let total = 0
        for (let p = 0; p < c.pools.length; p++) {
          let n = 0
          for (let i = 0; i < c.pools[p]!.max; i++) if (c.nodes.state[c.nodes.poolBase[p]! + i] !== NodeState.Absent) n++
          expect(n).toBeLessThanOrEqual(s.pools[p]!.max)
          expect(n).toBeGreaterThanOrEqual(s.pools[p]!.min)
          total += n
        }
        if (maxTotal > 0) expect(total).toBeLessThanOrEqual(maxTotal)
        worst = Math.max(worst, total)
      })
      run.run()
      expect(invariantViolations(run.cluster)).toEqual([])
      expect(worst).toBeGreaterThan(1)
    }
  })

  it('grows the pool after the provisioning delay and shrinks it after the unneeded time', () => {
    const run = new Run(scenario(3, 'least-waste', 20, 10, 0), builtins)
    run.run()
    const nodes = run.metrics.tables().extra.nodes!.rows
    const added = nodes.filter((r) => r[3] === 'added' && (r[0] as number) > 0)
    const removed = nodes.filter((r) => r[3] === 'removed')
    expect(added.length).toBeGreaterThan(0)
    expect(removed.length).toBeGreaterThan(0)
    const firstAdd = added[0]![0] as number
    const ready = nodes.find((r) => r[1] === added[0]![1] && r[3] === 'ready' && (r[0] as number) >= firstAdd)!
    expect((ready[0] as number) - firstAdd).toBeGreaterThanOrEqual(180)
    expect((ready[0] as number) - firstAdd).toBeLessThanOrEqual(240)
    // The first removal comes at least 10 min after the last addition before it.
    const firstRemoval = removed[0]![0] as number
    const lastAddBefore = Math.max(...added.map((r) => r[0] as number).filter((t) => t < firstRemoval))
    expect(firstRemoval - lastAddBefore).toBeGreaterThanOrEqual(600)
  })
})
