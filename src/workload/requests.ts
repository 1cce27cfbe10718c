/**
 * Draws each pod's request from its workload's RequestSpec into a reusable RequestValues, from the
 * workload's own `requests` stream. CPU is rounded up to whole millicores and memory up to whole
 * bytes (as Kubernetes reads quantities); draws below 0 (a normal's tail) are clamped to 0.
 */
import { makeSampler, type Rng, type Sampler } from '../engine/index.js'
import type { RequestSpec } from './types.js'

/** Where a draw goes (the model's RequestValues has this shape). */
export interface RequestTarget {
  cpuMilli: number
  cpuNonZeroMilli: number
  memBytes: number
  memNonZeroBytes: number
  gpu: number
  readonly ext: Float64Array
}

export class RequestSampler {
  private readonly cpu: Sampler
  private readonly mem: Sampler
  private readonly gpu: Sampler
  private readonly ext: readonly Sampler[]

  private readonly spec: RequestSpec
  private readonly rng: Rng

  constructor(spec: RequestSpec, rng: Rng) {
    this.spec = spec
    this.rng = rng
    this.cpu = makeSampler(spec.cpuMilli)
    this.mem = makeSampler(spec.memBytes)
    this.gpu = makeSampler(spec.gpu)
    this.ext = spec.ext.map(makeSampler)
  }

  fill<T extends RequestTarget>(out: T): T {
    const rng = this.rng
    out.cpuMilli = Math.max(0, Math.ceil(this.cpu.sample(rng)))
    out.memBytes = Math.max(0, Math.ceil(this.mem.sample(rng)))
    out.gpu = Math.max(0, this.gpu.sample(rng))
    for (let r = 0; r < this.ext.length; r++) out.ext[r] = Math.max(0, this.ext[r]!.sample(rng))
    out.cpuNonZeroMilli = out.cpuMilli + this.spec.cpuNonZeroExtraMilli
    out.memNonZeroBytes = out.memBytes + this.spec.memNonZeroExtraBytes
    return out
  }
}
