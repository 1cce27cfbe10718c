/**
 * `utilization-threshold`: a baseline cluster autoscaler. When the requested cpu fraction of the
 * ready nodes stays above `scaleUpAbove` (0.8) for `forMs` (5 min), or pods are pending that long,
 * it requests one node of the first pool with room; when it stays below `scaleDownBelow` (0.3) for
 * `forMs`, it removes one empty node (never below the pool minimum). No simulation, no expander.
 */
import { describeValue, type Issue } from '../../src/framework/issue.js'
import type { ClusterAutoscalerContext, ClusterAutoscalerModule, ClusterAutoscalerPolicy } from '../../src/framework/cluster-autoscaling.js'
import type { NodeId, PoolId } from '../../src/model/index.js'

export interface UtilizationThresholdArgs {
  readonly scaleUpAbove: number
  readonly scaleDownBelow: number
  readonly forMs: number
  readonly intervalMs: number
}

class UtilizationThreshold implements ClusterAutoscalerPolicy {
  readonly intervalMs: number
  private readonly args: UtilizationThresholdArgs
  private highSince = NaN
  private lowSince = NaN

  constructor(args: UtilizationThresholdArgs) {
    this.args = args
    this.intervalMs = args.intervalMs
  }

  loop(ctx: ClusterAutoscalerContext): void {
    const v = ctx.view
    let cap = 0
    let req = 0
    for (let n = 0; n < v.nodeSlots; n++) {
      if (!v.isReady(n as NodeId)) continue
      cap += v.cpuCapMilli(n as NodeId)
      req += v.cpuReqMilli(n as NodeId)
    }
    const util = cap > 0 ? req / cap : 1
    const now = ctx.nowMs
    const high = util > this.args.scaleUpAbove || ctx.unschedulable().length > 0
    const low = util < this.args.scaleDownBelow
    this.highSince = high ? (Number.isNaN(this.highSince) ? now : this.highSince) : NaN
    this.lowSince = low ? (Number.isNaN(this.lowSince) ? now : this.lowSince) : NaN
    if (high && now - this.highSince >= this.args.forMs) {
      for (let p = 0; p < v.pools.length; p++) {
        if (ctx.poolSize(p as PoolId) < v.pools[p]!.max) {
          ctx.scaleUp(p as PoolId, 1)
          this.highSince = now
          return
        }
      }
    }
    if (low && now - this.lowSince >= this.args.forMs) {
      for (let n = v.nodeSlots - 1; n >= 0; n--) {
        const id = n as NodeId
        const pool = v.poolOf(id)
        if (v.isReady(id) && v.podCount(id) === 0 && ctx.poolSize(pool) > v.pools[pool]!.min) {
          ctx.removeNode(id)
          this.lowSince = now
          return
        }
      }
    }
  }
}

export const utilizationThreshold: ClusterAutoscalerModule<UtilizationThresholdArgs> = {
  name: 'utilization-threshold',
  description: 'baseline: one node up when cpu allocation stays above a threshold, one empty node down below another',
  defaults: { scaleUpAbove: 0.8, scaleDownBelow: 0.3, forMs: 300_000, intervalMs: 30_000 },
  check(args, at) {
    const issues: Issue[] = []
    if (!(args.scaleDownBelow >= 0 && args.scaleDownBelow < args.scaleUpAbove && args.scaleUpAbove <= 1)) {
      issues.push({ path: `${at}.scaleDownBelow`, message: `expected 0 <= scaleDownBelow < scaleUpAbove <= 1, got ${describeValue(args.scaleDownBelow)} and ${describeValue(args.scaleUpAbove)}` })
    }
    return issues
  },
  create: (args) => new UtilizationThreshold(args),
}
