/**
 * Resource vectors and the Kubernetes rules that turn a pod spec's containers into one request.
 *
 * Units: cpu in millicores, memory in bytes (Kubernetes' own unit, so later scoring rounds exactly
 * as upstream; a Float64 holds bytes exactly up to 8 PiB), gpu in whole devices, extended
 * resources in their own unit (a count). This file does not parse quantities (scenario/ does).
 */

export interface Resources {
  readonly cpuMilli: number
  readonly memBytes: number
  readonly gpu: number
  /** Extended resources by name, e.g. `example.com/foo`. Absent means 0. */
  readonly ext: Readonly<Record<string, number>>
}

export const ZERO_RESOURCES: Resources = Object.freeze({ cpuMilli: 0, memBytes: 0, gpu: 0, ext: Object.freeze({}) })

/** A container's requests; a field that is undefined was not set (not the same as 0 for scoring). */
export interface ContainerRequests {
  readonly cpuMilli: number | undefined
  readonly memBytes: number | undefined
  readonly gpu: number | undefined
  readonly ext: Readonly<Record<string, number>>
}

/**
 * Non-zero defaults kube-scheduler uses for scoring a container that sets no cpu or memory request
 * (`pkg/scheduler/util` DefaultMilliCPURequest = 100, DefaultMemoryRequest = 200 * 1024 * 1024).
 * A request explicitly set to 0 stays 0. Used only for scoring, never for the fit filter.
 */
export const DEFAULT_CPU_REQUEST_MILLI = 100
export const DEFAULT_MEMORY_REQUEST_BYTES = 200 * 1024 * 1024

/** The pod's request as the fit filter sees it, and the non-zero variant used by Fit scoring. */
export interface PodRequest extends Resources {
  readonly cpuNonZeroMilli: number
  readonly memNonZeroBytes: number
}

export function addResources(a: Resources, b: Resources): Resources {
  const ext: Record<string, number> = { ...a.ext }
  for (const k of Object.keys(b.ext)) ext[k] = (ext[k] ?? 0) + (b.ext[k] ?? 0)
  return { cpuMilli: a.cpuMilli + b.cpuMilli, memBytes: a.memBytes + b.memBytes, gpu: a.gpu + b.gpu, ext }
}

function maxResources(a: Resources, b: Resources): Resources {
  const ext: Record<string, number> = { ...a.ext }
  for (const k of Object.keys(b.ext)) ext[k] = Math.max(ext[k] ?? 0, b.ext[k] ?? 0)
  return {
    cpuMilli: Math.max(a.cpuMilli, b.cpuMilli),
    memBytes: Math.max(a.memBytes, b.memBytes),
    gpu: Math.max(a.gpu, b.gpu),
    ext,
  }
}

const asResources = (c: ContainerRequests): Resources => ({
  cpuMilli: c.cpuMilli ?? 0,
  memBytes: c.memBytes ?? 0,
  gpu: c.gpu ?? 0,
  ext: c.ext,
})

/**
 * The pod's effective request, as `k8s.io/component-helpers/resource.PodRequests` computes it:
 * app containers are summed; init containers run one at a time, so each resource is the max of
 * that sum and every init container; pod overhead is added on top. The non-zero variant applies
 * the scoring defaults per container (app containers summed, init containers maxed) before overhead.
 */
export function podRequest(
  containers: readonly ContainerRequests[],
  initContainers: readonly ContainerRequests[] = [],
  overhead: Resources = ZERO_RESOURCES,
): PodRequest {
  let sum: Resources = ZERO_RESOURCES
  let cpuNonZero = 0
  let memNonZero = 0
  for (const c of containers) {
    sum = addResources(sum, asResources(c))
    cpuNonZero += c.cpuMilli ?? DEFAULT_CPU_REQUEST_MILLI
    memNonZero += c.memBytes ?? DEFAULT_MEMORY_REQUEST_BYTES
  }
  for (const c of initContainers) {
    sum = maxResources(sum, asResources(c))
    cpuNonZero = Math.max(cpuNonZero, c.cpuMilli ?? DEFAULT_CPU_REQUEST_MILLI)
    memNonZero = Math.max(memNonZero, c.memBytes ?? DEFAULT_MEMORY_REQUEST_BYTES)
  }
  const total = addResources(sum, overhead)
  return {
    ...total,
    cpuNonZeroMilli: cpuNonZero + overhead.cpuMilli,
    memNonZeroBytes: memNonZero + overhead.memBytes,
  }
}

/**
 * One pod's request as plain numbers, reused across pods (the controller fills one per arrival).
 * `ext` is indexed like the cluster's `extNames`.
 */
export class RequestValues {
  cpuMilli = 0
  cpuNonZeroMilli = 0
  memBytes = 0
  memNonZeroBytes = 0
  gpu = 0
  readonly ext: Float64Array
  constructor(extCount: number) {
    this.ext = new Float64Array(extCount)
  }
}
