/**
 * `cluster-autoscaler`: the Kubernetes Cluster Autoscaler model (kubernetes/autoscaler,
 * cluster-autoscaler/core). Every scan (10 s): pending pods that fit on nodes already being
 * provisioned wait for them; for the rest, each pool with room gets an option sized by the
 * binpacking estimator (placement filters on a template node), and the expander chain picks one.
 * Without a scale-up, and not sooner than `scaleDownDelayAfterAdd` after one, ready nodes whose
 * requested utilization max(cpu, memory) is at most the threshold (0.5) for `scaleDownUnneededTime`
 * (10 min) are removed when their pods fit elsewhere: empty ones in bulk (10 at a time), busy ones
 * one drain at a time, never below the pool minimum; the total never exceeds `maxNodesTotal`.
 */
import { describeValue, type Issue } from '../../src/framework/issue.js'
import type { ClusterAutoscalerContext, ClusterAutoscalerModule, ClusterAutoscalerPolicy } from '../../src/framework/cluster-autoscaling.js'
import type { NodeId, PodId, PoolId } from '../../src/model/index.js'
import { estimateNodes, type EstimatorPod } from './binpacking-estimator.js'
import { EXPANDERS, expand, gcePodPrice, type ExpanderName, type ExpanderOption, type Priorities } from './expanders.js'

export interface ClusterAutoscalerArgs {
  readonly expander: string
  readonly scanIntervalMs: number
  readonly scaleDownUtilizationThreshold: number
  readonly scaleDownUnneededTimeMs: number
  readonly scaleDownDelayAfterAddMs: number
  readonly maxNodesTotal: number
  readonly maxEmptyBulkDelete: number
  readonly priorities: Priorities
}

/** Upstream flag defaults (FAQ.md): scan 10 s, threshold 0.5, unneeded 10 min, delay after add 10 min, 10 empty nodes at a time. */
export const CA_DEFAULTS: ClusterAutoscalerArgs = {
  expander: 'least-waste', scanIntervalMs: 10_000, scaleDownUtilizationThreshold: 0.5, scaleDownUnneededTimeMs: 600_000,
  scaleDownDelayAfterAddMs: 600_000, maxNodesTotal: 0, maxEmptyBulkDelete: 10, priorities: {},
}

class ClusterAutoscaler implements ClusterAutoscalerPolicy {
  readonly intervalMs: number
  private readonly args: ClusterAutoscalerArgs
  private readonly chain: ExpanderName[]
  private lastScaleUpMs = -Infinity
  private readonly unneededSince = new Map<number, number>()

  constructor(args: ClusterAutoscalerArgs) {
    this.args = args
    this.intervalMs = args.scanIntervalMs
    this.chain = args.expander.split(',').map((s) => s.trim()) as ExpanderName[]
  }

  loop(ctx: ClusterAutoscalerContext): void {
    if (this.scaleUp(ctx)) {
      this.lastScaleUpMs = ctx.nowMs
      return
    }
    this.scaleDown(ctx)
  }

  private totalNodes(ctx: ClusterAutoscalerContext): number {
    let n = 0
    for (let p = 0; p < ctx.view.pools.length; p++) n += ctx.poolSize(p as PoolId)
    return n
  }

  private scaleUp(ctx: ClusterAutoscalerContext): boolean {
    const pending = ctx.unschedulable()
    if (pending.length === 0) return false
    const v = ctx.view
    const pods: EstimatorPod[] = pending.map((id) => ({ id, cpuMilli: v.podCpuMilli(id), memBytes: v.podMemBytes(id), gpu: v.podGpu(id), group: 0 }))
    // Equivalence groups: same app and same requests.
    const keys = new Map<string, number>()
    const grouped = pods.map((p) => {
      const k = `${v.podApp(p.id as PodId)}/${p.cpuMilli}/${p.memBytes}/${p.gpu}`
      let g = keys.get(k)
      if (g === undefined) keys.set(k, (g = keys.size))
      return { ...p, group: g }
    })
    // Pods that fit on nodes already on their way wait for them.
    let left = grouped
    for (let pool = 0; pool < v.pools.length; pool++) {
      const up = ctx.upcoming(pool as PoolId)
      if (up === 0 || left.length === 0) continue
      const est = estimateNodes(left, v.pools[pool]!.capacity, (p, use) => ctx.fitsTemplate(p.id as PodId, pool as PoolId, use), up)
      const taken = new Set(est.pods)
      left = left.filter((p) => !taken.has(p.id))
    }
    if (left.length === 0) return false
    const room = this.args.maxNodesTotal > 0 ? this.args.maxNodesTotal - this.totalNodes(ctx) : Infinity
    const options: ExpanderOption[] = []
    for (let pool = 0; pool < v.pools.length; pool++) {
      const spec = v.pools[pool]!
      const max = Math.min(spec.max - ctx.poolSize(pool as PoolId), room)
      if (max <= 0) continue
      const est = estimateNodes(left, spec.capacity, (p, use) => ctx.fitsTemplate(p.id as PodId, pool as PoolId, use), max)
      if (est.nodes === 0) continue
      options.push({
        pool, poolName: spec.name, nodeCount: est.nodes, nodeCpuMilli: spec.capacity.cpuMilli, nodeMemBytes: spec.capacity.memBytes,
        nodeGpu: spec.capacity.gpu, nodePricePerHour: spec.costPerHour,
        podCpuMilli: est.pods.map((id) => v.podCpuMilli(id as PodId)), podMemBytes: est.pods.map((id) => v.podMemBytes(id as PodId)),
      })
    }
    const best = expand(options, this.chain, { podPrice: gcePodPrice, clusterNodes: this.totalNodes(ctx) }, this.args.priorities, ctx.random)
    if (!best) return false
    ctx.scaleUp(best.pool as PoolId, best.nodeCount)
    return true
  }

  private scaleDown(ctx: ClusterAutoscalerContext): void {
    const v = ctx.view
    const now = ctx.nowMs
    const a = this.args
    const candidates: NodeId[] = []
    for (let n = 0; n < v.nodeSlots; n++) {
      const id = n as NodeId
      const util = v.isReady(id) ? Math.max(v.cpuReqMilli(id) / v.cpuCapMilli(id), v.memReqBytes(id) / v.memCapBytes(id)) : Infinity
      if (util <= a.scaleDownUtilizationThreshold) {
        const since = this.unneededSince.get(n)
        if (since === undefined) this.unneededSince.set(n, now)
        else if (now - since >= a.scaleDownUnneededTimeMs) candidates.push(id)
      } else this.unneededSince.delete(n)
    }
    if (now - this.lastScaleUpMs < a.scaleDownDelayAfterAddMs || candidates.length === 0) return
    const size = v.pools.map((_, p) => ctx.poolSize(p as PoolId))
    let empties = 0
    let drained = 0
    for (const n of candidates) {
      const pool = v.poolOf(n)
      if (size[pool]! <= v.pools[pool]!.min) continue
      const empty = v.podCount(n) === 0
      if (empty ? empties >= a.maxEmptyBulkDelete : drained >= 1) continue
      if (!empty && !ctx.podsFitElsewhere(n)) continue
      ctx.removeNode(n)
      this.unneededSince.delete(n)
      size[pool]!--
      if (empty) empties++
      else drained++
    }
  }
}

export const clusterAutoscaler: ClusterAutoscalerModule<ClusterAutoscalerArgs> = {
  name: 'cluster-autoscaler',
  description: 'the Kubernetes Cluster Autoscaler: scale-up for unschedulable pods (binpacking estimate, expanders), scale-down of under-used nodes',
  defaults: CA_DEFAULTS,
  check(args, at) {
    const issues: Issue[] = []
    for (const e of args.expander.split(',').map((s) => s.trim())) {
      if (!(EXPANDERS as readonly string[]).includes(e)) issues.push({ path: `${at}.expander`, message: `expected ${EXPANDERS.join(', ')} (or a comma-separated chain), got ${describeValue(e)}` })
    }
    const t = args.scaleDownUtilizationThreshold
    if (!(t >= 0 && t <= 1)) issues.push({ path: `${at}.scaleDownUtilizationThreshold`, message: `expected a number from 0 to 1, got ${describeValue(t)}` })
    if (!(args.scanIntervalMs > 0)) issues.push({ path: `${at}.scanInterval`, message: `expected a duration > 0, got ${describeValue(args.scanIntervalMs)}` })
    if (!(Number.isInteger(args.maxNodesTotal) && args.maxNodesTotal >= 0)) issues.push({ path: `${at}.maxNodesTotal`, message: `expected an integer >= 0 (0 = no limit), got ${describeValue(args.maxNodesTotal)}` })
    for (const [p, res] of Object.entries(args.priorities)) {
      if (!Number.isFinite(Number(p))) issues.push({ path: `${at}.priorities.${p}`, message: `expected a number as the priority, got ${describeValue(p)}` })
      for (const r of res) {
        try { new RegExp(r) } catch { issues.push({ path: `${at}.priorities.${p}`, message: `expected a regular expression, got ${describeValue(r)}` }) }
      }
    }
    return issues
  },
  create: (args) => new ClusterAutoscaler(args),
}
