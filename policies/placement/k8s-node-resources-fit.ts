/**
 * kube-scheduler's NodeResourcesFit (`pkg/scheduler/framework/plugins/noderesources/fit.go` and the
 * strategies in least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go): rejects
 * nodes without room for the pod's requests or pod count, and scores the rest with a strategy.
 *
 * Filter, in upstream's order: pod count (`Too many pods`); a pod that requests nothing fits; then
 * cpu, memory, and every requested scalar resource not in `ignoredResources` /
 * `ignoredResourceGroups`, each failing with `Insufficient <name>` when request > allocatable -
 * requested. The filter uses the real requests (init containers and overhead included, no
 * defaults).
 *
 * Score, per configured resource (config order): the node side is the sum of the bound pods'
 * requests with the non-zero defaults for cpu and memory (100m, 200 MiB per container without a
 * request), plus the pod's own (same defaults). A scalar resource the pod does not request, or a
 * resource the node does not have, is dropped with its weight. Then, in int64 arithmetic:
 * - LeastAllocated: ((alloc - req) * 100) / alloc per resource (0 if req > alloc), weighted mean,
 *   both divisions truncated.
 * - MostAllocated: (min(req, alloc) * 100) / alloc per resource, weighted mean, truncated.
 * - RequestedToCapacityRatio: utilization = req * 100 / alloc (100 if req > alloc) through the
 *   broken-linear `shape` (scores 0..10 scaled by 10); resources scoring 0 are left out; the
 *   weighted mean is rounded half away from zero.
 * There is no NormalizeScore: the 0..100 score is final.
 */
import { describeValue, intInRange, oneOf, type Issue, type PlacementModule } from '../../src/framework/index.js'
import { fitsOnDevices, type ClusterView, type NodeId, type PodSpec } from '../../src/model/index.js'
import {
  allocatableOf, checkResources, DEFAULT_RESOURCES, isScalar, podRequestOf, RES_ABSENT, RES_CPU, RES_MEMORY, requestedOf, resolveResources, type ResourceSpec,
} from './k8s-resources.js'

export const SCORING_TYPES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const
export type ScoringType = (typeof SCORING_TYPES)[number]

export interface UtilizationShapePoint {
  readonly utilization: number
  readonly score: number
}

export interface ScoringStrategy {
  readonly type?: ScoringType | undefined
  readonly resources?: readonly ResourceSpec[] | undefined
  readonly requestedToCapacityRatio?: { readonly shape: readonly UtilizationShapePoint[] } | undefined
}

export interface NodeResourcesFitArgs {
  scoringStrategy: ScoringStrategy
  ignoredResources: readonly string[]
  ignoredResourceGroups: readonly string[]
}

const MAX_UTILIZATION = 100
/** config.MaxCustomPriorityScore: shape scores are 0..10, scaled by MaxNodeScore / 10. */
const MAX_CUSTOM_PRIORITY_SCORE = 10

/**
 * helper.BuildBrokenLinearFunction: the shape's first score up to its first utilization, linear
 * between points with Go's integer division (truncation toward zero), the last score beyond.
 */
export function brokenLinear(utilization: Float64Array, score: Float64Array, p: number): number {
  for (let i = 0; i < utilization.length; i++) {
    if (p <= utilization[i]!) {
      if (i === 0) return score[0]!
      return score[i - 1]! + Math.trunc(((score[i]! - score[i - 1]!) * (p - utilization[i - 1]!)) / (utilization[i]! - utilization[i - 1]!))
    }
  }
  return score[score.length - 1]!
}

function checkShape(shape: unknown, at: string): Issue[] {
  if (!Array.isArray(shape) || shape.length === 0) return [{ path: at, message: `expected a list of {utilization, score} points, got ${describeValue(shape)}` }]
  const issues: Issue[] = []
  shape.forEach((p: UtilizationShapePoint, i) => {
    issues.push(...intInRange(p?.utilization, 0, 100, `${at}[${i}].utilization`), ...intInRange(p?.score, 0, MAX_CUSTOM_PRIORITY_SCORE, `${at}[${i}].score`))
    if (i > 0 && typeof p?.utilization === 'number' && p.utilization <= (shape[i - 1] as UtilizationShapePoint).utilization) {
      issues.push({ path: `${at}[${i}].utilization`, message: `expected utilization values in increasing order, got ${p.utilization} after ${(shape[i - 1] as UtilizationShapePoint).utilization}` })
    }
  })
  return issues
}

function checkArgs(a: NodeResourcesFitArgs, at: string): Issue[] {
  const s = a.scoringStrategy
  if (typeof s !== 'object' || s === null) return [{ path: `${at}.scoringStrategy`, message: `expected {type, resources}, got ${describeValue(s)}` }]
  const issues: Issue[] = []
  for (const key of Object.keys(s)) {
    if (!['type', 'resources', 'requestedToCapacityRatio'].includes(key)) issues.push({ path: `${at}.scoringStrategy.${key}`, message: 'unknown argument; known: type, resources, requestedToCapacityRatio' })
  }
  const type = s.type ?? 'LeastAllocated'
  issues.push(...oneOf(type, SCORING_TYPES, `${at}.scoringStrategy.type`))
  if (s.resources !== undefined) issues.push(...checkResources(s.resources, `${at}.scoringStrategy.resources`))
  if (type === 'RequestedToCapacityRatio') issues.push(...checkShape(s.requestedToCapacityRatio?.shape, `${at}.scoringStrategy.requestedToCapacityRatio.shape`))
  for (const key of ['ignoredResources', 'ignoredResourceGroups'] as const) {
    if (!Array.isArray(a[key]) || a[key].some((x) => typeof x !== 'string')) issues.push({ path: `${at}.${key}`, message: `expected a list of resource names, got ${describeValue(a[key])}` })
  }
  return issues
}

export const k8sNodeResourcesFit: PlacementModule<NodeResourcesFitArgs> = {
  name: 'NodeResourcesFit',
  description: 'kube-scheduler NodeResourcesFit: rejects nodes without room; scores LeastAllocated (spread), MostAllocated (pack) or RequestedToCapacityRatio',
  defaults: { scoringStrategy: { type: 'LeastAllocated', resources: DEFAULT_RESOURCES }, ignoredResources: [], ignoredResourceGroups: [] },
  check: checkArgs,
  create: (args) => {
    const type = args.scoringStrategy.type ?? 'LeastAllocated'
    const resources = args.scoringStrategy.resources && args.scoringStrategy.resources.length > 0 ? args.scoringStrategy.resources : DEFAULT_RESOURCES
    const shape = args.scoringStrategy.requestedToCapacityRatio?.shape ?? []
    const shapeUtil = Float64Array.from(shape, (p) => p.utilization)
    const shapeScore = Float64Array.from(shape, (p) => p.score * (100 / MAX_CUSTOM_PRIORITY_SCORE))
    const ignored = new Set(args.ignoredResources)
    const ignoredGroups = new Set(args.ignoredResourceGroups)
    const isIgnored = (name: string) => ignored.has(name) || ignoredGroups.has(name.split('/')[0]!)
    // Per cluster (resolved on first use; extNames is fixed for a run).
    let extNames: readonly string[] | null = null
    let codes: Int32Array = new Int32Array(0)
    let weights: Float64Array = new Float64Array(0)
    let extReason: string[] = []
    let extChecked = new Uint8Array(0)
    let gpuChecked = true
    // Per pod (prepare).
    const podReq = new Float64Array(resources.length)
    let requestsNothing = false

    let cpuMemOnly = false
    const resolve = (v: ClusterView) => {
      extNames = v.extNames
      ;({ codes, weights } = resolveResources(resources, v.extNames))
      cpuMemOnly = codes.length === 2 && codes[0] === RES_CPU && codes[1] === RES_MEMORY
      extReason = v.extNames.map((n) => `Insufficient ${n}`)
      extChecked = Uint8Array.from(v.extNames, (n) => (isIgnored(n) ? 0 : 1))
      gpuChecked = !isIgnored('nvidia.com/gpu')
    }

    const scoreResource = (req: number, alloc: number): number => {
      if (type === 'LeastAllocated') return req > alloc ? 0 : Math.floor(((alloc - req) * 100) / alloc)
      if (type === 'MostAllocated') return Math.floor(((req > alloc ? alloc : req) * 100) / alloc)
      return brokenLinear(shapeUtil, shapeScore, req > alloc ? MAX_UTILIZATION : Math.floor((req * MAX_UTILIZATION) / alloc))
    }

    // One node's score: `score` for a node, `scoreAll` for each feasible node (its loop inlines this).
    const scoreNode = (n: NodeId, v: ClusterView): number => {
      if (cpuMemOnly) {
        // perf: the default resources (cpu, memory) without the generic per-resource loop; same
        // arithmetic (bench/placement.bench.ts k8s-default/5000).
        const ac = v.cpuCapMilli(n)
        const am = v.memCapBytes(n)
        if (type !== 'RequestedToCapacityRatio' && ac > 0 && am > 0) {
          const wc = weights[0]!
          const wm = weights[1]!
          return Math.floor((scoreResource(v.cpuNonZeroReqMilli(n) + podReq[0]!, ac) * wc + scoreResource(v.memNonZeroReqBytes(n) + podReq[1]!, am) * wm) / (wc + wm))
        }
      }
      return scoreAnyResources(n, v)
    }
    // perf: the general case apart from scoreNode, so scoreNode stays under V8's inlining limit of
    // 460 bytes of bytecode (one function, 472 bytes, was not inlined into scoreAll).
    const scoreAnyResources = (n: NodeId, v: ClusterView): number => {
      let sum = 0
      let weightSum = 0
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!
        const q = podReq[i]!
        if (code === RES_ABSENT || (q === 0 && isScalar(code))) continue
        const alloc = allocatableOf(v, n, code)
        if (alloc === 0) continue
        const s = scoreResource(requestedOf(v, n, code, code === RES_CPU || code === RES_MEMORY) + q, alloc)
        if (type === 'RequestedToCapacityRatio' && s <= 0) continue
        sum += s * weights[i]!
        weightSum += weights[i]!
      }
      if (weightSum === 0) return 0
      // RTCR: math.Round (half away from zero; scores are >= 0 so Math.round agrees).
      return type === 'RequestedToCapacityRatio' ? Math.round(sum / weightSum) : Math.floor(sum / weightSum)
    }

    // One node's verdict: `filter` itself, and `filterAll`'s loop over a chunk of nodes (inlined there).
    const filterNode = (pod: PodSpec, n: NodeId, v: ClusterView): string | null => {
      if (v.podCount(n) + 1 > v.podsCap(n)) return 'Too many pods'
      if (requestsNothing) return null
      if (pod.cpuMilli > 0 && pod.cpuMilli > v.cpuFreeMilli(n)) return 'Insufficient cpu'
      if (pod.memBytes > 0 && pod.memBytes > v.memFreeBytes(n)) return 'Insufficient memory'
      if (gpuChecked && pod.gpu > 0 && pod.gpu > v.gpuFree(n)) return 'Insufficient nvidia.com/gpu'
      // Not upstream (GPUs are an integer extended resource there, without sharing): with GPU
      // shares on the node, a pod's GPUs must fit device by device, as the model binds them
      // (model/gpu-share.ts): a share on one device, whole GPUs on fully free ones.
      if (gpuChecked && pod.gpu > 0 && v.gpus && !fitsOnDevices(pod.gpu, n, v.gpus)) return 'Insufficient nvidia.com/gpu'
      for (let r = 0; r < pod.ext.length; r++) {
        const q = pod.ext[r]!
        if (q > 0 && extChecked[r] === 1 && q > v.extCap(n, r) - v.extReq(n, r)) return extReason[r]!
      }
      return null
    }

    return {
      name: 'NodeResourcesFit',
      prepare: (pod: PodSpec, v: ClusterView) => {
        if (extNames !== v.extNames) resolve(v)
        let any = pod.cpuMilli > 0 || pod.memBytes > 0 || pod.gpu > 0
        for (let r = 0; r < pod.ext.length && !any; r++) any = pod.ext[r]! > 0
        requestsNothing = !any
        for (let i = 0; i < codes.length; i++) podReq[i] = podRequestOf(pod, codes[i]!, true)
      },
      filter: filterNode,
      filterAll: (pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, reject: (node: NodeId, reason: string) => void) => {
        let kept = 0
        for (let i = 0; i < count; i++) {
          const n = nodes[i]! as NodeId
          const reason = filterNode(pod, n, v)
          if (reason === null) nodes[kept++] = n
          else reject(n, reason)
        }
        return kept
      },
      score: (_pod: PodSpec, n: NodeId, v: ClusterView) => scoreNode(n, v),
      scoreAll: (_pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, out: Float64Array) => {
        for (let i = 0; i < count; i++) out[i] = scoreNode(nodes[i]! as NodeId, v)
      },
    }
  },
}
