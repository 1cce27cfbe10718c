/**
 * How the k8s-* resource plugins name and read resources: a resource name of a plugin's args
 * (`cpu`, `memory`, `nvidia.com/gpu`, an extended resource such as `example.com/foo`) becomes a
 * small code once, and the per-node and per-pod values are read through it without allocating.
 *
 * Units are upstream's: cpu in millicores, memory in bytes, the rest in counts. A name the cluster
 * does not have (for instance `ephemeral-storage`, which fleetsim does not model) reads as 0 on
 * every node, so the plugins drop it for that node as upstream drops a resource a node lacks.
 */
import { describeValue, intInRange, type Issue } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec } from '../../src/model/index.js'

export const RES_CPU = -1
export const RES_MEMORY = -2
export const RES_GPU = -3
/** A resource no node of this cluster has. */
export const RES_ABSENT = -4

export const GPU_NAMES: readonly string[] = ['nvidia.com/gpu', 'gpu']

/** The code of `name` in a cluster whose extended resources are `extNames` (>= 0 is an ext index). */
export function resourceCode(name: string, extNames: readonly string[]): number {
  if (name === 'cpu') return RES_CPU
  if (name === 'memory') return RES_MEMORY
  if (GPU_NAMES.includes(name)) return RES_GPU
  const r = extNames.indexOf(name)
  return r >= 0 ? r : RES_ABSENT
}

/** Scalar (extended) resources are dropped from a score when the pod requests none of them. */
export const isScalar = (code: number): boolean => code !== RES_CPU && code !== RES_MEMORY

export function allocatableOf(v: ClusterView, n: NodeId, code: number): number {
  if (code === RES_CPU) return v.cpuCapMilli(n)
  if (code === RES_MEMORY) return v.memCapBytes(n)
  if (code === RES_GPU) return v.gpuCap(n)
  return code >= 0 ? v.extCap(n, code) : 0
}

/** The node's requested sum; `nonZero` uses the scoring defaults for cpu and memory. */
export function requestedOf(v: ClusterView, n: NodeId, code: number, nonZero: boolean): number {
  if (code === RES_CPU) return nonZero ? v.cpuNonZeroReqMilli(n) : v.cpuReqMilli(n)
  if (code === RES_MEMORY) return nonZero ? v.memNonZeroReqBytes(n) : v.memReqBytes(n)
  if (code === RES_GPU) return v.gpuReq(n)
  return code >= 0 ? v.extReq(n, code) : 0
}

export function podRequestOf(pod: PodSpec, code: number, nonZero: boolean): number {
  if (code === RES_CPU) return nonZero ? pod.cpuNonZeroMilli : pod.cpuMilli
  if (code === RES_MEMORY) return nonZero ? pod.memNonZeroBytes : pod.memBytes
  if (code === RES_GPU) return pod.gpu
  return code >= 0 ? pod.ext[code]! : 0
}

/** One entry of a plugin's `resources` arg, as KubeSchedulerConfiguration writes it. */
export interface ResourceSpec {
  readonly name: string
  readonly weight: number
}

/** kube-scheduler's default `resources` for NodeResourcesFit and BalancedAllocation. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }]

/** Upstream validation (validateResources): a list of names with whole weights from 1 to 100. */
export function checkResources(list: unknown, at: string): Issue[] {
  if (!Array.isArray(list)) return [{ path: at, message: `expected a list of {name, weight}, got ${describeValue(list)}` }]
  const issues: Issue[] = []
  list.forEach((r: unknown, i) => {
    const e = r as Partial<ResourceSpec> | null
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string' || e.name === '') {
      issues.push({ path: `${at}[${i}].name`, message: `expected a resource name such as cpu, memory or example.com/foo, got ${describeValue(e?.name)}` })
      return
    }
    issues.push(...intInRange(e.weight ?? 1, 1, 100, `${at}[${i}].weight`))
  })
  return issues
}

/** Resolved resource list: codes for this cluster and weights (a missing weight is 1, as upstream defaults). */
export function resolveResources(list: readonly ResourceSpec[], extNames: readonly string[]): { codes: Int32Array; weights: Float64Array } {
  return {
    codes: Int32Array.from(list, (r) => resourceCode(r.name, extNames)),
    weights: Float64Array.from(list, (r) => r.weight ?? 1),
  }
}
