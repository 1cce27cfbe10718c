import { describe, expect, it } from 'vitest'
import { rngStream } from '../../src/engine/index.js'
import { buildProfile } from '../../src/framework/index.js'
import { Cluster, PodSpec, type AppId, type NodeId, type PoolId } from '../../src/model/index.js'
import { GI, requestOf, testApp, testPool } from '../../src/model/testing.js'
import { builtins } from '../index.js'
import { fgdPlugin, gpuFragMilli, nodeGpuFragMilli, TypicalPods } from './fgd.js'
import { profileOf } from './testing.js'

/** [cpuMilli, milliGpu, gpuNumber, percentage] rows as the artifact's test helpers list them. */
const shapes = (rows: [number, number, number, number][]) =>
  new TypicalPods(rows.map(([cpuMilli, milli, num, pct]) => ({ cpuMilli, gpu: num === 0 ? 0 : milli < 1000 ? milli / 1000 : num, weight: pct / 100 })))

// hkust-adsl/kubernetes-scheduler-simulator pkg/utils/frag_test.go, TestingGenerateGetTypicalPods
// (GpuType dropped: fleetsim has no GPU models; every figure below needs none).
const TYPICAL: [number, number, number, number][] = [
  [6000, 465, 1, 9.33], [8000, 440, 1, 9.15], [8000, 475, 1, 8.76], [8000, 440, 1, 8.72], [2000, 465, 1, 8.68],
  [12000, 900, 1, 8.65], [4000, 900, 1, 8.43], [16000, 678, 1, 8.36], [8000, 500, 1, 8.29], [6000, 511, 1, 8.11],
  [14000, 1000, 2, 0.54], [4000, 1000, 1, 0.43], [32000, 1000, 2, 0.43], [16000, 1000, 1, 0.4], [64000, 1000, 2, 0.4],
  [10000, 1000, 2, 0.4], [11400, 1000, 1, 0.36], [16000, 1000, 1, 0.36], [4000, 1000, 2, 0.36], [14000, 1000, 2, 0.36],
  [8000, 1000, 4, 0.36], [16000, 1000, 2, 0.32], [2000, 1000, 1, 0.32], [6000, 1000, 1, 0.32], [4000, 1000, 1, 0.32],
  [5000, 1000, 1, 0.32], [32000, 1000, 4, 0.32], [32000, 1000, 2, 0.32], [24000, 1000, 8, 0.32], [40000, 1000, 4, 0.29],
  [32000, 1000, 8, 0.29], [32000, 1000, 1, 0.29], [16000, 1000, 1, 0.25], [7000, 1000, 1, 0.25], [24000, 1000, 1, 0.25],
]
// Same file, TestingGenerateGetTypicalPodsWithNonGpu (CPU-only shapes have 0 GPUs).
const WITH_CPU_ONLY: [number, number, number, number][] = [
  [15700, 1000, 1, 28.69], [11900, 1000, 1, 18.93], [11400, 1000, 1, 12.27], [1000, 0, 0, 7.36], [18710, 1000, 1, 4.85],
  [8200, 1000, 1, 3.79], [16400, 1000, 1, 3.31], [9810, 1000, 1, 1.97], [15200, 1000, 1, 1.87], [11200, 1000, 1, 1.81],
  [14200, 1000, 1, 1.76], [12000, 0, 0, 1.65], [14900, 1000, 1, 1.39], [60200, 1000, 4, 1.23], [64200, 1000, 8, 1.07],
  [32200, 1000, 4, 1.01], [17400, 1000, 2, 0.91], [30200, 1000, 2, 0.69], [16000, 1000, 1, 0.64], [15000, 1000, 1, 0.59],
  [64000, 1000, 8, 0.53], [15000, 0, 0, 0.53], [11910, 1000, 1, 0.53], [120200, 1000, 8, 0.48], [11300, 1000, 1, 0.37],
  [30000, 1000, 2, 0.32], [9800, 1000, 1, 0.32], [8000, 1000, 1, 0.32], [2000, 1000, 1, 0.27], [2000, 80, 1, 0.27],
  [1000, 1000, 1, 0.27],
]

describe('FGD fragmentation (hkust-adsl/kubernetes-scheduler-simulator pkg/utils/frag_test.go)', () => {
  it.each([
    ['4x1080_used', 1000, [200, 1000, 1000, 500], 2566.62],
    ['4x1080_full', 1000, [1000, 1000, 1000, 1000], 3802.4],
    ['8x1080_full', 1000, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 7604.8],
  ])('TestNodeGpuShareFragAmountScore %s: %s milli-CPU free, GPUs %j -> %s', (_name, cpu, free, expected) => {
    expect(nodeGpuFragMilli(cpu, free, free.length, shapes(TYPICAL))).toBeCloseTo(expected, 2)
  })

  it('TestNodeGpuShareFragAmountScore 4x1080_used_lack_CPU: one typical pod lacking cpu counts all 2700 free (x 9.33 %)', () => {
    expect(nodeGpuFragMilli(1000, [200, 1000, 1000, 500], 4, shapes([[6000, 465, 1, 9.33]]))).toBeCloseTo(251.91, 2)
  })

  it.each([
    ['8xP100_empty', 64000, [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 887.2],
    ['8xP100_halved', 32000, [1000, 1000, 1000, 1000, 0, 0, 0, 0], 554.4],
    ['8xP100_nocpu', 0, [1000, 1000, 1000, 1000, 0, 0, 0, 0], 4000],
  ])('TestNodeGpuShareFragAmountWithNonGpu %s -> %s (CPU-only typical pods count all free GPU)', (_name, cpu, free, expected) => {
    expect(nodeGpuFragMilli(cpu, free, free.length, shapes(WITH_CPU_ONLY))).toBeCloseTo(expected, 2)
  })

  it.each([
    [[200, 1000, 1000, 500], 1000, 700],
    [[1000, 1000, 1000, 1000], 1000, 0],
    [[1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], 1000, 0],
    [[200, 1000, 1000, 500], 200, 0],
  ])('TestGetGpuFragMilliByNodeResAndPodRes: GPUs %j, pod %s milli-GPU -> %s fragmented', (free, milli, expected) => {
    expect(gpuFragMilli(free, free.length, milli)).toBe(expected)
  })
})

describe('typical pods from the workload mix', () => {
  it('keeps the most frequent shapes until they cover 95 % and renormalizes them', () => {
    const t = TypicalPods.fromMix([
      { cpuMilli: 1000, gpu: 0.5, weight: 50 },
      { cpuMilli: 2000, gpu: 1, weight: 30 },
      { cpuMilli: 4000, gpu: 8, weight: 16 },
      { cpuMilli: 8000, gpu: 0, weight: 4 },
    ], 95)
    // 50 + 30 + 16 = 96 >= 95: the fourth shape is dropped.
    expect(Array.from(t.freq)).toEqual([50 / 96, 30 / 96, 16 / 96])
    expect(Array.from(t.milli)).toEqual([500, 1000, 1000])
    expect(Array.from(t.devices)).toEqual([1, 1, 8])
  })
})

/**
 * Four GPU nodes (8 cpu, 32 GiB each, nothing else used) and a pending 1-cpu, 0.5-GPU pod:
 * a-0 GPUs free [1000, 1000], b-0 [600], c-0 [1000 x 4], d-0 [500, 1000]. Typical pod: 0.6 GPU.
 * first-fit a-0; best-fit b-0 (least GPU left: 0.1 of 1); worst-fit c-0 (3.5 of 4 left);
 * fgd d-0: the share on d-0's half-used device leaves [0, 1000], where a 0.6 pod still fits, so
 * fragmentation drops by 500 (score trunc(100 sigmoid(0.5)) = 62); everywhere else it grows.
 */
function gpuTiny(): { cluster: Cluster; pod: PodSpec } {
  const pools = [
    testPool(0, 'a', { cpuMilli: 8000, memBytes: 32 * GI, gpu: 2 }),
    testPool(1, 'b', { cpuMilli: 8000, memBytes: 32 * GI, gpu: 1 }),
    testPool(2, 'c', { cpuMilli: 8000, memBytes: 32 * GI, gpu: 4 }),
    testPool(3, 'd', { cpuMilli: 8000, memBytes: 32 * GI, gpu: 2 }),
  ]
  const apps = [testApp(0, 'filler'), testApp(1, 'infer')]
  const c = new Cluster(pools, apps, [])
  for (let p = 0; p < 4; p++) c.addNode(p as PoolId, 0)
  c.bind(c.createPod(0 as AppId, requestOf(0, 0, 0.4), Infinity, 0), 1 as NodeId, 0)
  c.bind(c.createPod(0 as AppId, requestOf(0, 0, 0.5), Infinity, 0), 3 as NodeId, 0)
  const p = c.createPod(1 as AppId, requestOf(1000, GI, 0.5), Infinity, 0)
  return { cluster: c, pod: c.fillPodSpec(p, new PodSpec(apps[1]!, 0)) }
}

const TYPICAL_06 = { typicalPods: [{ cpuMilli: 1000, gpu: 0.6, weight: 1 }] }

function chooseGpu(policy: string, args?: Record<string, unknown>): string {
  const { cluster, pod } = gpuTiny()
  const n = buildProfile(profileOf(policy, args), builtins, rngStream(1, 'placement'), cluster.nodeSlots).place(pod, cluster)
  return n < 0 ? 'none' : cluster.nodeName(n)
}

describe('fgd on a four-node GPU-sharing cluster', () => {
  it.each([
    ['first-fit', undefined, 'a-0'],
    ['best-fit', undefined, 'b-0'],
    ['worst-fit', undefined, 'c-0'],
    ['fgd', TYPICAL_06, 'd-0'],
  ])('%s picks %s', (policy, args, node) => {
    expect(chooseGpu(policy, args)).toBe(node)
  })

  it('scores each node by how much fragmentation the best device adds', () => {
    const { cluster, pod } = gpuTiny()
    const plugin = fgdPlugin.create({ ...TYPICAL_06, popularityThreshold: 95 }, { rng: () => 0 })
    const score = (n: number) => plugin.score!(pod, n as NodeId, cluster)
    // a-0: [500, 1000] leaves 500 a 0.6 pod cannot use: -500 -> trunc(100 sigmoid(-0.5)) = 37.
    // b-0: [100] fits no 0.6 pod: all 100 fragmented, -100 -> 47. c-0 as a-0. d-0: +500 -> 62.
    expect([0, 1, 2, 3].map(score)).toEqual([37, 47, 37, 62])
    expect(plugin.gpuDevices!(pod, 3 as NodeId, cluster)).toBe(0b01)
  })

  it('a share that fits no single device is filtered out by resource-fit', () => {
    const { cluster, pod } = gpuTiny()
    pod.gpu = 0.7
    // b-0 has 0.6 free in total and on its one device: rejected; d-0 still has a whole free device.
    const profile = buildProfile(profileOf('first-fit'), builtins, rngStream(1, 'placement'), cluster.nodeSlots)
    const trace = { chosen: -1 as NodeId, nodes: [] }
    profile.place(pod, cluster, trace)
    expect(trace.nodes.map((t: { feasible: boolean }) => t.feasible)).toEqual([true, false, true, true])
  })

  it('typical pods default to the scenario mix passed by the run', () => {
    const plugin = fgdPlugin.create({ typicalPods: [], popularityThreshold: 95 }, { rng: () => 0, requestMix: [{ cpuMilli: 1000, gpu: 0.6, weight: 7 }] })
    const { cluster, pod } = gpuTiny()
    expect(plugin.score!(pod, 3 as NodeId, cluster)).toBe(62)
  })

  it('rejects bad typical pods and thresholds, naming the field', () => {
    expect(fgdPlugin.check({ typicalPods: [{ cpuMilli: -1, gpu: 0.5, weight: 0, x: 1 } as never], popularityThreshold: 0 }, 'policies.placement.args')).toEqual([
      { path: 'policies.placement.args.typicalPods[0].x', message: 'unknown key; expected cpuMilli, gpu or weight' },
      { path: 'policies.placement.args.typicalPods[0].cpuMilli', message: 'expected a number >= 0, got -1' },
      { path: 'policies.placement.args.typicalPods[0].weight', message: 'expected a number > 0, got 0' },
      { path: 'policies.placement.args.popularityThreshold', message: 'expected a percentage > 0 and <= 100, got 0' },
    ])
  })
})
