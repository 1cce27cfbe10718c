/**
 * FGD, Fragmentation Gradient Descent (Weng et al., "Beware of Fragmentation: Scheduling
 * GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC '23): prefers the node
 * whose expected GPU fragmentation grows least when the pod lands there. As the authors' artifact
 * computes it (hkust-adsl/kubernetes-scheduler-simulator `pkg/utils/frag.go`,
 * `pkg/simulator/plugin/fgd_score.go` @ 8f3d641):
 *
 * - Typical pods: the (cpu, gpu) request shapes of the workload, most frequent first, until they
 *   cover `popularityThreshold` % (95) of the pods, their frequencies renormalized to sum to 1.
 *   Given as `typicalPods` args, or taken from the scenario's workloads weighted by arrival rate
 *   (PluginContext.requestMix) when the list is empty.
 * - Fragmentation of a node (milli-GPU) = sum over typical pods t of freq(t) x:
 *   all the node's free milli-GPU if t asks no GPU (either way), or if t cannot be placed (not
 *   enough devices with t's milli-GPU free, or not enough cpu); otherwise the free milli-GPU on
 *   devices with less free than t's milli-GPU.
 * - Score = trunc(100 x sigmoid((frag before - frag after) / 1000)). A GPU share is tried on each
 *   device with room and the best device counts (and is the device the pod takes, the lowest index
 *   among equal integer scores); whole GPUs take the free devices, least free first; a pod with
 *   no request scores 100. GPU models (`gpu_spec`) are not modelled.
 *
 * Per scored node: O(devices x typical pods x devices); scratch arrays are sized once.
 */
import { describeValue, type Issue, type PlacementModule, type PlacementPolicy, type RequestShape } from '../../src/framework/index.js'
import { gpuDevicesOf, gpuMilliOf, MAX_GPUS_PER_NODE, MILLI_PER_GPU, normalizeGpu, type ClusterView, type NodeId, type PodSpec } from '../../src/model/index.js'

export interface TypicalPodArg {
  readonly cpuMilli: number
  readonly gpu: number
  readonly weight: number
}

type Args = { typicalPods: TypicalPodArg[]; popularityThreshold: number }

/** Typical pods as parallel arrays: cpu, devices needed, milli-GPU per device, frequency. */
export class TypicalPods {
  readonly cpuMilli: Float64Array
  readonly devices: Int32Array
  readonly milli: Int32Array
  readonly freq: Float64Array

  constructor(shapes: readonly TypicalPodArg[]) {
    this.cpuMilli = Float64Array.from(shapes, (s) => s.cpuMilli)
    this.devices = Int32Array.from(shapes, (s) => gpuDevicesOf(normalizeGpu(s.gpu)))
    this.milli = Int32Array.from(shapes, (s) => gpuMilliOf(normalizeGpu(s.gpu)))
    this.freq = Float64Array.from(shapes, (s) => s.weight)
  }

  get length(): number {
    return this.freq.length
  }

  /**
   * The artifact's GetTypicalPods: shapes by expected count, most first (ties: smaller gpu, then
   * smaller cpu), kept until they cover `thresholdPct` of all pods, frequencies renormalized.
   */
  static fromMix(mix: readonly RequestShape[], thresholdPct: number): TypicalPods {
    const sorted = [...mix].filter((s) => s.weight > 0).sort((a, b) => b.weight - a.weight || a.gpu - b.gpu || a.cpuMilli - b.cpuMilli)
    const total = sorted.reduce((a, s) => a + s.weight, 0)
    const kept: RequestShape[] = []
    let covered = 0
    for (const s of sorted) {
      if (covered >= (thresholdPct / 100) * total) break
      kept.push(s)
      covered += s.weight
    }
    return new TypicalPods(kept.map((s) => ({ cpuMilli: s.cpuMilli, gpu: s.gpu, weight: s.weight / covered })))
  }
}

/**
 * Fragmented milli-GPU of a node with `cpuFreeMilli` and devices' free milli-GPU
 * `free[0..count)`, measured against the typical pods (the artifact's NodeGpuShareFragAmountScore).
 */
export function nodeGpuFragMilli(cpuFreeMilli: number, free: ArrayLike<number>, count: number, typical: TypicalPods): number {
  let total = 0
  for (let d = 0; d < count; d++) total += free[d]!
  let frag = 0
  for (let t = 0; t < typical.length; t++) {
    const need = typical.devices[t]!
    const f = typical.freq[t]!
    if (need === 0) {
      frag += f * total
      continue
    }
    const milli = typical.milli[t]!
    let hosts = 0
    let small = 0
    for (let d = 0; d < count; d++) {
      if (free[d]! >= milli) hosts++
      else small += free[d]!
    }
    frag += f * (hosts >= need && cpuFreeMilli >= typical.cpuMilli[t]! ? small : total)
  }
  return frag
}

/** Free milli-GPU on devices with less free than `milli` (the artifact's GetGpuFragMilliByNodeResAndPodRes). */
export function gpuFragMilli(free: ArrayLike<number>, count: number, milli: number): number {
  let s = 0
  for (let d = 0; d < count; d++) if (free[d]! < milli) s += free[d]!
  return s
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

export class FgdScorer {
  readonly name = 'fgd'
  private readonly fixed: TypicalPods | null
  private readonly mix: readonly RequestShape[]
  private readonly thresholdPct: number
  private typical: TypicalPods | null
  private readonly free = new Int32Array(MAX_GPUS_PER_NODE)
  /** The device chosen by the last `score` (mask), for `gpuDevices`. */
  private lastMask = 0

  constructor(args: Args, mix: readonly RequestShape[]) {
    this.fixed = args.typicalPods.length > 0 ? new TypicalPods(args.typicalPods) : null
    this.mix = mix
    this.thresholdPct = args.popularityThreshold
    this.typical = this.fixed
  }

  /** The typical pods in use (from args, else from the scenario's mix; none when both are empty). */
  typicalPods(): TypicalPods {
    this.typical ??= TypicalPods.fromMix(this.mix, this.thresholdPct)
    return this.typical
  }

  score(pod: PodSpec, n: NodeId, view: ClusterView): number {
    this.lastMask = 0
    if (pod.cpuMilli === 0 && pod.memBytes === 0 && pod.gpu === 0) return 100
    const typical = this.typicalPods()
    const count = this.loadDevices(n, view)
    const free = this.free
    const cpu = view.cpuFreeMilli(n)
    const before = nodeGpuFragMilli(cpu, free, count, typical)
    const need = gpuDevicesOf(pod.gpu)
    const milli = gpuMilliOf(pod.gpu)
    if (need === 1 && milli < MILLI_PER_GPU) {
      let best = 0
      for (let d = 0; d < count; d++) {
        if (free[d]! < milli) continue
        free[d]! -= milli
        const s = Math.trunc(sigmoid((before - nodeGpuFragMilli(cpu - pod.cpuMilli, free, count, typical)) / 1000) * 100)
        free[d]! += milli
        if (this.lastMask === 0 || s > best) {
          best = s
          this.lastMask = 1 << d
        }
      }
      return best
    }
    // Whole GPUs (or none): take the devices with enough free, least free first (index order on ties).
    let left = need
    while (left > 0) {
      let pick = -1
      for (let d = 0; d < count; d++) {
        if (free[d]! >= milli && (pick < 0 || free[d]! < free[pick]!)) pick = d
      }
      if (pick < 0) break
      free[pick]! -= milli
      this.lastMask |= 1 << pick
      left--
    }
    const after = nodeGpuFragMilli(cpu - pod.cpuMilli, free, count, typical)
    return Math.trunc(sigmoid((before - after) / 1000) * 100)
  }

  /** The devices of `n` the pod should take: the best device found by the last score of `n`. */
  gpuDevices(pod: PodSpec, n: NodeId, view: ClusterView): number {
    if (pod.gpu <= 0) return 0
    // Scored again: the node may not have been the last scored (or scored at all, when it was the only feasible one).
    this.score(pod, n, view)
    return this.lastMask
  }

  /** Copies node `n`'s devices' free milli-GPU into `free`; a view without devices gets whole free GPUs plus the remainder on one. */
  private loadDevices(n: NodeId, view: ClusterView): number {
    const g = view.gpus
    if (g) {
      const count = g.deviceCount(n)
      for (let d = 0; d < count; d++) this.free[d] = g.freeMilli(n, d)
      return count
    }
    const count = Math.min(MAX_GPUS_PER_NODE, Math.floor(view.gpuCap(n)))
    let freeMilli = Math.round(view.gpuFree(n) * MILLI_PER_GPU)
    for (let d = 0; d < count; d++) {
      this.free[d] = Math.min(MILLI_PER_GPU, freeMilli)
      freeMilli -= this.free[d]!
    }
    return count
  }
}

function checkTypical(list: unknown, at: string): Issue[] {
  if (!Array.isArray(list)) return [{ path: at, message: `expected a list of {cpuMilli, gpu, weight}, got ${describeValue(list)}` }]
  const issues: Issue[] = []
  list.forEach((t: unknown, i) => {
    const o = t as Record<string, unknown>
    if (typeof t !== 'object' || t === null || Array.isArray(t)) {
      issues.push({ path: `${at}[${i}]`, message: `expected {cpuMilli, gpu, weight}, got ${describeValue(t)}` })
      return
    }
    for (const k of Object.keys(o)) if (!['cpuMilli', 'gpu', 'weight'].includes(k)) issues.push({ path: `${at}[${i}].${k}`, message: 'unknown key; expected cpuMilli, gpu or weight' })
    for (const k of ['cpuMilli', 'gpu']) {
      if (!(typeof o[k] === 'number' && (o[k] as number) >= 0)) issues.push({ path: `${at}[${i}].${k}`, message: `expected a number >= 0, got ${describeValue(o[k])}` })
    }
    if (!(typeof o.weight === 'number' && o.weight > 0)) issues.push({ path: `${at}[${i}].weight`, message: `expected a number > 0, got ${describeValue(o.weight)}` })
  })
  return issues
}

export const fgdPlugin: PlacementModule<Args> = {
  name: 'fgd',
  description: 'FGD: prefers the node whose expected GPU fragmentation (against the typical pods) grows least; picks the GPU too',
  defaults: { typicalPods: [], popularityThreshold: 95 },
  check: (a, at) => {
    const issues = checkTypical(a.typicalPods, `${at}.typicalPods`)
    if (!(typeof a.popularityThreshold === 'number' && a.popularityThreshold > 0 && a.popularityThreshold <= 100)) {
      issues.push({ path: `${at}.popularityThreshold`, message: `expected a percentage > 0 and <= 100, got ${describeValue(a.popularityThreshold)}` })
    }
    return issues
  },
  create: (args, ctx) => {
    const s = new FgdScorer(args, ctx.requestMix ?? [])
    return {
      name: 'fgd',
      score: (pod, n, view) => s.score(pod, n, view),
      gpuDevices: (pod, n, view) => s.gpuDevices(pod, n, view),
    }
  },
}

export const fgd: PlacementPolicy = {
  name: 'fgd',
  description: 'FGD (ATC 23): the node whose GPU fragmentation grows least for the workload\'s typical pods; GPU shares on one device',
  argsTo: 'fgd',
  profile: { tieBreak: 'lowest-node-id', plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'fgd' }] },
}
