/**
 * GPU devices one by one, for GPU-sharing pods (Alibaba's openb trace, the FGD paper): a node
 * with `gpu: 8` has devices 0..7 of 1000 milli-GPU each. A pod's `gpu` request below 1 is a share
 * of ONE device (`gpu: 0.5` = 500 milli-GPU, rounded up to whole milli-GPU); 1 or more is that
 * many whole devices (rounded up). The node-level sums (`gpuReq`) stay in GPUs; this file keeps
 * the per-device free milli-GPU and which devices each running pod holds, and is written only by
 * `Cluster` (bind and finish), which calls `bind` and `release` here.
 *
 * Device choice when a pod is bound: a device set given by the scheduler (`prefer`, from a
 * placement plugin such as `fgd`) if it still fits, else the FGD artifact's default ("best"): a
 * share goes to the device with the least free milli-GPU that still fits (lowest index on a
 * tie); whole GPUs are the fully free devices in index order.
 *
 * At most 32 devices per node (a pod's devices are a 32-bit mask). No allocation per pod except
 * when the per-pod mask table doubles.
 */
import type { NodeId, PodId } from './ids.js'

export const MILLI_PER_GPU = 1000
export const MAX_GPUS_PER_NODE = 32

/** A gpu request as the model keeps it: a share in whole milli-GPU below 1, else whole devices. */
export function normalizeGpu(gpu: number): number {
  if (!(gpu > 0)) return 0
  // 1e-9: a decimal share such as 0.3 * 1000 is 300.00000000000006 in binary, not 301.
  if (gpu < 1) return Math.min(MILLI_PER_GPU, Math.ceil(gpu * MILLI_PER_GPU - 1e-9)) / MILLI_PER_GPU
  return Math.ceil(gpu - 1e-9)
}

/** Devices a (normalized) request takes: 0, 1 for a share, or the whole count. */
export function gpuDevicesOf(gpu: number): number {
  return gpu <= 0 ? 0 : gpu < 1 ? 1 : gpu
}

/** Milli-GPU the request takes on each of its devices. */
export function gpuMilliOf(gpu: number): number {
  return gpu <= 0 ? 0 : gpu < 1 ? Math.round(gpu * MILLI_PER_GPU) : MILLI_PER_GPU
}

/** What policies see of the devices (ClusterView.gpus). */
export interface GpuDevicesView {
  /** Devices on node `n` (its pool's `gpu` capacity). */
  deviceCount(n: NodeId): number
  /** Free milli-GPU on device `d` of node `n`. */
  freeMilli(n: NodeId, d: number): number
  /** The devices running pod `p` holds, bit d = device d; 0 when none. */
  podDevices(p: PodId): number
}

/** True when `gpu` (normalized) fits on node `n` device by device. */
export function fitsOnDevices(gpu: number, n: NodeId, v: GpuDevicesView): boolean {
  const need = gpuDevicesOf(gpu)
  if (need === 0) return true
  const milli = gpuMilliOf(gpu)
  let found = 0
  const count = v.deviceCount(n)
  for (let d = 0; d < count; d++) {
    if (v.freeMilli(n, d) >= milli && ++found >= need) return true
  }
  return false
}

/** The default device choice (see the file comment) as a mask, or 0 when the pod does not fit. */
export function defaultDevices(gpu: number, n: NodeId, v: GpuDevicesView): number {
  const need = gpuDevicesOf(gpu)
  if (need === 0) return 0
  const milli = gpuMilliOf(gpu)
  const count = v.deviceCount(n)
  if (need === 1) {
    let best = -1
    for (let d = 0; d < count; d++) {
      const free = v.freeMilli(n, d)
      if (free >= milli && (best < 0 || free < v.freeMilli(n, best))) best = d
    }
    return best < 0 ? 0 : 1 << best
  }
  let mask = 0
  let found = 0
  for (let d = 0; d < count && found < need; d++) {
    if (v.freeMilli(n, d) >= milli) {
      mask |= 1 << d
      found++
    }
  }
  return found === need ? mask : 0
}

export class GpuShare implements GpuDevicesView {
  /** Device count per node slot. */
  readonly count: Int32Array
  /** Index in `free` of each node's device 0. */
  readonly first: Int32Array
  /** Free milli-GPU per device. */
  readonly free: Int32Array
  private masks = new Uint32Array(1024)
  private preferPod = -1
  private preferMask = 0

  /** `gpuCap[n]` = devices of node slot n (whole numbers). */
  constructor(gpuCap: ArrayLike<number>, names: readonly string[]) {
    const slots = gpuCap.length
    this.count = new Int32Array(slots)
    this.first = new Int32Array(slots)
    let total = 0
    for (let n = 0; n < slots; n++) {
      const c = Math.floor(gpuCap[n]!)
      if (c > MAX_GPUS_PER_NODE) throw new Error(`node ${names[n]} has ${c} GPUs; per-device GPU tracking supports at most ${MAX_GPUS_PER_NODE} per node`)
      this.count[n] = c
      this.first[n] = total
      total += c
    }
    this.free = new Int32Array(total).fill(MILLI_PER_GPU)
  }

  deviceCount(n: NodeId): number {
    return this.count[n]!
  }

  freeMilli(n: NodeId, d: number): number {
    return this.free[this.first[n]! + d]!
  }

  podDevices(p: PodId): number {
    return p < this.masks.length ? this.masks[p]! : 0
  }

  /** The devices the next `bind` of pod `p` should take (a scheduler's choice from a plugin). */
  prefer(p: PodId, mask: number): void {
    this.preferPod = p
    this.preferMask = mask
  }

  /** Takes devices on `n` for pod `p` (its normalized `gpu`); throws when they are not free. */
  bind(p: PodId, n: NodeId, gpu: number): void {
    const preferred = this.preferPod === p ? this.preferMask : 0
    this.preferPod = -1
    if (gpuDevicesOf(gpu) === 0) return
    const milli = gpuMilliOf(gpu)
    const mask = preferred !== 0 && this.isValidChoice(preferred, gpu, n) ? preferred : defaultDevices(gpu, n, this)
    if (mask === 0) throw new Error(`bind: pod ${p} (gpu ${gpu}) does not fit on the devices of node ${n}`)
    const base = this.first[n]!
    for (let d = 0; d < this.count[n]!; d++) if (mask & (1 << d)) this.free[base + d]! -= milli
    if (p >= this.masks.length) {
      let len = this.masks.length
      while (len <= p) len *= 2
      const grown = new Uint32Array(len)
      grown.set(this.masks)
      this.masks = grown
    }
    this.masks[p] = mask
  }

  /** Gives back the devices pod `p` held on `n`. */
  release(p: PodId, n: NodeId, gpu: number): void {
    const mask = this.podDevices(p)
    if (mask === 0) return
    const milli = gpuMilliOf(gpu)
    const base = this.first[n]!
    for (let d = 0; d < this.count[n]!; d++) if (mask & (1 << d)) this.free[base + d]! += milli
    this.masks[p] = 0
  }

  private isValidChoice(mask: number, gpu: number, n: NodeId): boolean {
    const milli = gpuMilliOf(gpu)
    let bits = 0
    for (let d = 0; d < 32; d++) {
      if (!(mask & (1 << d))) continue
      if (d >= this.count[n]! || this.freeMilli(n, d) < milli) return false
      bits++
    }
    return bits === gpuDevicesOf(gpu)
  }
}
