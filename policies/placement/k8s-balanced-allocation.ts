/**
 * kube-scheduler's NodeResourcesBalancedAllocation (`noderesources/balanced_allocation.go`): favours
 * nodes whose resources would be used in equal proportions.
 *
 * Fractions f_i = requested_i / allocatable_i (capped at 1) over the configured resources, with the
 * real requests (no non-zero defaults) of the bound pods plus the pod's; a scalar resource the pod
 * does not request, or one the node lacks, is dropped. Spread: |f1 - f2| / 2 for two resources,
 * the population standard deviation for more, 0 for fewer. balance = int((1 - spread) * 100).
 *
 * - `kubernetesVersion` 1.36 and later (the default; PR #135573, noderesources/AGENTS.md):
 *   score = 50 + (50 + balance(with pod) - balance(without pod)) / 2 in integer arithmetic, so an
 *   unchanged balance scores 75, balanced -> fully unbalanced 50, the reverse 100.
 * - `kubernetesVersion` up to 1.35: score = balance(with pod).
 *
 * A pod that requests none of the configured resources (best effort) makes PreScore return Skip:
 * the plugin adds nothing for it (issue #129138). No NormalizeScore.
 */
import { describeValue, type Issue, type PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec } from '../../src/model/index.js'
import { allocatableOf, checkResources, DEFAULT_RESOURCES, isScalar, podRequestOf, RES_ABSENT, RES_CPU, RES_MEMORY, requestedOf, resolveResources, type ResourceSpec } from './k8s-resources.js'

export interface BalancedAllocationArgs {
  resources: readonly ResourceSpec[]
  /** The release whose formula to use, e.g. '1.36' (current) or '1.35' (before PR #135573). */
  kubernetesVersion: string
}

/** The first release scoring the change in balance (PR #135573). */
const CHANGE_IN_BALANCE_SINCE = [1, 36] as const

/** [major, minor] of '1.35', 'v1.35.2'; null when it does not read as a version. */
export function parseKubernetesVersion(v: string): [number, number] | null {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v)
  return m ? [Number(m[1]), Number(m[2])] : null
}

export function usesChangeInBalance(version: string): boolean {
  const v = parseKubernetesVersion(version)
  if (v === null) return true
  return v[0] > CHANGE_IN_BALANCE_SINCE[0] || (v[0] === CHANGE_IN_BALANCE_SINCE[0] && v[1] >= CHANGE_IN_BALANCE_SINCE[1])
}

function checkArgs(a: BalancedAllocationArgs, at: string): Issue[] {
  const issues = checkResources(a.resources, `${at}.resources`)
  if (typeof a.kubernetesVersion !== 'string' || parseKubernetesVersion(a.kubernetesVersion) === null) {
    issues.push({ path: `${at}.kubernetesVersion`, message: `expected a Kubernetes release such as "1.36" or "1.35", got ${describeValue(a.kubernetesVersion)}` })
  }
  return issues
}

export const k8sBalancedAllocation: PlacementModule<BalancedAllocationArgs> = {
  name: 'NodeResourcesBalancedAllocation',
  description: 'kube-scheduler BalancedAllocation: favours nodes whose cpu and memory would be used in equal proportions (v1.36 change-in-balance formula; kubernetesVersion 1.35 for the old one)',
  defaults: { resources: DEFAULT_RESOURCES, kubernetesVersion: '1.36' },
  check: checkArgs,
  create: (args) => {
    const changeInBalance = usesChangeInBalance(args.kubernetesVersion)
    let extNames: readonly string[] | null = null
    let codes: Int32Array = new Int32Array(0)
    let cpuMemOnly = false
    const podReq = new Float64Array(args.resources.length)
    const withPod = new Float64Array(args.resources.length)
    const withoutPod = new Float64Array(args.resources.length)

    /** int((1 - spread) * 100) over fractions[0..k). */
    const balance = (fractions: Float64Array, k: number): number => {
      let std = 0
      if (k === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2)
      else if (k > 2) {
        let total = 0
        for (let i = 0; i < k; i++) total += fractions[i]!
        const mean = total / k
        let sum = 0
        for (let i = 0; i < k; i++) sum += (fractions[i]! - mean) * (fractions[i]! - mean)
        std = Math.sqrt(sum / k)
      }
      return Math.trunc((1 - std) * 100)
    }

    // One node's score: `score` for a node, `scoreAll` for each feasible node (its loop inlines this).
    const scoreNode = (n: NodeId, v: ClusterView): number => {
      if (cpuMemOnly) {
        // perf: two resources (the default), without arrays or the generic loop; same arithmetic.
        const ac = v.cpuCapMilli(n)
        const am = v.memCapBytes(n)
        if (ac > 0 && am > 0) {
          const rc = v.cpuReqMilli(n)
          const rm = v.memReqBytes(n)
          const after = Math.trunc((1 - Math.abs((Math.min(1, (rc + podReq[0]!) / ac) - Math.min(1, (rm + podReq[1]!) / am)) / 2)) * 100)
          if (!changeInBalance) return after
          const before = Math.trunc((1 - Math.abs((Math.min(1, rc / ac) - Math.min(1, rm / am)) / 2)) * 100)
          return 50 + Math.trunc((50 + after - before) / 2)
        }
      }
      return scoreAnyResources(n, v)
    }
    // perf: the general case apart from scoreNode, so scoreNode stays under V8's inlining limit of
    // 460 bytes of bytecode (one function, 656 bytes, was not inlined into scoreAll).
    const scoreAnyResources = (n: NodeId, v: ClusterView): number => {
      let k = 0
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!
        const q = podReq[i]!
        if (code === RES_ABSENT || (q === 0 && isScalar(code))) continue
        const alloc = allocatableOf(v, n, code)
        if (alloc === 0) continue
        const req = requestedOf(v, n, code, false)
        withPod[k] = Math.min(1, (req + q) / alloc)
        withoutPod[k] = Math.min(1, req / alloc)
        k++
      }
      const after = balance(withPod, k)
      if (!changeInBalance) return after
      return 50 + Math.trunc((50 + after - balance(withoutPod, k)) / 2)
    }

    return {
      name: 'NodeResourcesBalancedAllocation',
      preScore: (pod: PodSpec, _feasible: Int32Array, _count: number, v: ClusterView) => {
        if (extNames !== v.extNames) {
          extNames = v.extNames
          codes = resolveResources(args.resources, v.extNames).codes
          cpuMemOnly = codes.length === 2 && codes[0] === RES_CPU && codes[1] === RES_MEMORY
        }
        let any = false
        for (let i = 0; i < codes.length; i++) {
          podReq[i] = podRequestOf(pod, codes[i]!, false)
          if (podReq[i]! > 0) any = true
        }
        return any // best-effort pod: Skip
      },
      score: (_pod: PodSpec, n: NodeId, v: ClusterView) => scoreNode(n, v),
      scoreAll: (_pod: PodSpec, nodes: Int32Array, count: number, v: ClusterView, out: Float64Array) => {
        for (let i = 0; i < count; i++) out[i] = scoreNode(nodes[i]! as NodeId, v)
      },
    }
  },
}
