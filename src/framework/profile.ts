/**
 * Runs a profile of placement plugins for one pod: prepare -> filter -> preScore -> score ->
 * normalize -> weighted sum -> choose. This is the hot path of placement: it allocates nothing per
 * pod or per node (scratch arrays are owned by the profile and sized once); a trace for `explain`
 * is built only on request.
 *
 * 1. `prepare` runs for every plugin that has it (kube-scheduler's PreFilter); a plugin that
 *    returns false (Skip) has its filter left out for this pod.
 * 2. Only Ready nodes are candidates (a NotReady node carries Kubernetes' not-ready NoSchedule
 *    taint, which ordinary pods do not tolerate). Nodes are walked round-robin from where the
 *    previous pod stopped, and the walk stops once `numFeasibleNodesToFind` nodes passed (every
 *    node by default; kube-scheduler's percentageOfNodesToScore when the profile sets it). The
 *    filters run in order on each; the first reason rejects the node and is counted, so "why pods
 *    were pending" costs nothing extra (the filter pass, filter-pass.ts, batched by chunks).
 * 3. With no feasible node the PostFilter plugins (preemption) may propose victims; otherwise the
 *    pod stays pending. With exactly one, scoring is skipped (as kube-scheduler does).
 * 4. `preScore` runs for each scorer (a false return is Skip: that plugin adds nothing for this
 *    pod); each scorer fills its own scratch array over the feasible nodes (with `scoreAll` when
 *    the plugin has it, else `score` node by node), then its `normalize`
 *    runs. A score outside 0..100 after that is a bug in the plugin and throws.
 * 5. Totals are `sum(weight x score)`; the highest wins. Ties go to a uniform draw from the
 *    `placement` stream (`random`, as kube-scheduler's selectHost) or to the lowest node id.
 */
import { NO_NODE, type ClusterView, type NodeId, type PodSpec } from '../model/index.js'
import type { Rng } from '../engine/index.js'
import { MAX_NODE_SCORE, type PlacementPlugin, type PostFilterHost, type PreemptionPlan, type TieBreak } from './placement.js'
import { FilterPass } from './filter-pass.js'
import type { NodeTrace, PlacementTrace } from './placement-trace.js'
import { WhatIfView } from './what-if-view.js'

export type { NodeTrace, PlacementTrace } from './placement-trace.js'

export interface ProfileEntry {
  readonly plugin: PlacementPlugin
  readonly weight: number
  /** false leaves the plugin's filter out (KubeSchedulerConfiguration `filter.disabled`). */
  readonly filter?: boolean | undefined
}

/** How many nodes a placement examines: kube-scheduler's percentageOfNodesToScore. */
export interface SamplingSpec {
  /** undefined or >= 100: all; 0: upstream adaptive; otherwise that percentage. */
  readonly percentageOfNodesToScore?: number | undefined
  readonly minFeasibleNodesToFind?: number | undefined
}

/** kube-scheduler's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind (schedule_one.go). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5

/**
 * kube-scheduler's numFeasibleNodesToFind: how many feasible nodes to look for among `allNodes`.
 * Below `minNodes` nodes, or at 100 % or more, all of them. Percentage 0 is adaptive:
 * 50 - allNodes/125 (integer), at least 5. The result is at least `minNodes`.
 */
export function numFeasibleNodesToFind(allNodes: number, percentage: number, minNodes = MIN_FEASIBLE_NODES_TO_FIND): number {
  if (allNodes < minNodes || percentage >= 100) return allNodes
  let p = percentage
  if (p <= 0) {
    p = 50 - Math.trunc(allNodes / 125)
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const n = Math.trunc((allNodes * p) / 100)
  return n < minNodes ? minNodes : n
}

export class Profile implements PostFilterHost {
  readonly entries: readonly ProfileEntry[]
  readonly tieBreak: TieBreak
  /** Nodes rejected, by `plugin: reason`, over the whole run (a fresh map on each read). */
  get rejections(): Map<string, number> {
    return this.filterPass.rejections
  }
  /** The last PostFilter proposal of `place` (null when none was asked for or found). */
  lastPreemption: PreemptionPlan | null = null
  private readonly rng: Rng
  private readonly percentage: number
  private readonly minFeasible: number
  private readonly filterPass: FilterPass
  private readonly preparers: PlacementPlugin[]
  /** Index in `filters` of each preparer's filter, or -1. */
  private readonly preparerFilter: Int32Array
  private readonly scorers: ProfileEntry[]
  private readonly postFilters: PlacementPlugin[]
  private readonly feasible: Int32Array
  private readonly totals: Float64Array
  private readonly scratch: Float64Array[]
  private whatIf: WhatIfView | null = null

  constructor(entries: readonly ProfileEntry[], tieBreak: TieBreak, rng: Rng, nodeSlots: number, sampling: SamplingSpec = {}) {
    this.entries = entries
    this.tieBreak = tieBreak
    this.rng = rng
    this.percentage = sampling.percentageOfNodesToScore ?? 100
    this.minFeasible = sampling.minFeasibleNodesToFind ?? MIN_FEASIBLE_NODES_TO_FIND
    const filterEntries = entries.filter((e) => e.plugin.filter && e.filter !== false)
    const preparerEntries = entries.filter((e) => e.plugin.prepare)
    this.preparers = preparerEntries.map((e) => e.plugin)
    this.preparerFilter = Int32Array.from(preparerEntries, (e) => filterEntries.indexOf(e))
    this.scorers = entries.filter((e) => e.plugin.score && e.weight > 0)
    this.postFilters = entries.filter((e) => e.plugin.postFilter).map((e) => e.plugin)
    // Each node's reason is kept only when a PostFilter plugin may ask for it.
    this.filterPass = new FilterPass(filterEntries.map((e) => e.plugin), nodeSlots, this.postFilters.length > 0)
    this.feasible = new Int32Array(nodeSlots)
    this.totals = new Float64Array(nodeSlots)
    this.scratch = this.scorers.map(() => new Float64Array(nodeSlots))
  }

  /**
   * The chosen node for `pod`, or NO_NODE when no node is feasible. In that case `lastPreemption`
   * holds the PostFilter's proposal, if any (the caller evicts and retries later).
   */
  place(pod: PodSpec, view: ClusterView, trace?: PlacementTrace): NodeId {
    this.prepareAll(pod, view)
    const toFind = numFeasibleNodesToFind(view.readyNodes, this.percentage, this.minFeasible)
    const count = this.filterPass.run(pod, view, toFind, this.feasible, trace)
    let chosen: NodeId = NO_NODE
    this.lastPreemption = null
    if (count === 0) {
      if (this.postFilters.length > 0) this.lastPreemption = this.postFilter(pod, view)
      if (trace) trace.preemption = this.lastPreemption
    } else if (count === 1 && !trace) chosen = this.feasible[0]! as NodeId
    else {
      this.scoreNodes(pod, view, count, trace)
      chosen = this.choose(count)
    }
    if (trace) {
      trace.chosen = chosen
      trace.nodes.sort((a, b) => a.node - b.node)
    }
    return chosen
  }

  /**
   * True when some node of `nodes[0..count)` passes every filter for `pod` (no scoring, no
   * counting): the scheduling queue's test for moving an unschedulable pod back to active.
   */
  anyFeasible(pod: PodSpec, view: ClusterView, nodes: Int32Array, count: number): boolean {
    this.prepareAll(pod, view)
    for (let i = 0; i < count; i++) {
      const n = nodes[i]! as NodeId
      if (view.isReady(n) && this.filterPass.firstRejection(pod, n, view) < 0) return true
    }
    return false
  }

  // ---- PostFilterHost ------------------------------------------------------------------------

  rejection(n: NodeId): string | null {
    return this.filterPass.rejection(n)
  }

  fitsWithout(pod: PodSpec, n: NodeId, removed: Int32Array, count: number): boolean {
    // Filters keep the per-pod state their `prepare` computed on the real view (domain counts of
    // topology spread and inter-pod affinity are not updated for the removed pods).
    const view = this.whatIf!.without(n, removed, count)
    const fits = this.filterPass.firstRejection(pod, n, view) < 0
    this.whatIf!.without(n, removed, 0)
    return fits
  }

  // ---- internals -----------------------------------------------------------------------------

  private prepareAll(pod: PodSpec, view: ClusterView): void {
    const active = this.filterPass.active
    active.fill(1)
    for (let i = 0; i < this.preparers.length; i++) {
      const skip = this.preparers[i]!.prepare!(pod, view) === false
      const f = this.preparerFilter[i]!
      if (skip && f >= 0) active[f] = 0
    }
  }

  private postFilter(pod: PodSpec, view: ClusterView): PreemptionPlan | null {
    if (this.whatIf === null || this.whatIf.base !== view) this.whatIf = new WhatIfView(view)
    for (let i = 0; i < this.postFilters.length; i++) {
      const plan = this.postFilters[i]!.postFilter!(pod, view, this)
      if (plan !== null) return plan
    }
    return null
  }

  private scoreNodes(pod: PodSpec, view: ClusterView, count: number, trace: PlacementTrace | undefined): void {
    const totals = this.totals
    const feasible = this.feasible
    totals.fill(0, 0, count)
    for (let s = 0; s < this.scorers.length; s++) {
      const { plugin, weight } = this.scorers[s]!
      if (plugin.preScore && plugin.preScore(pod, feasible, count, view) === false) continue
      const scores = this.scratch[s]!
      if (plugin.scoreAll) plugin.scoreAll(pod, feasible, count, view, scores)
      else for (let i = 0; i < count; i++) scores[i] = plugin.score!(pod, feasible[i]! as NodeId, view)
      if (trace) this.traceScores(trace, plugin.name, scores, count, 'raw')
      if (plugin.normalize) plugin.normalize(scores, count)
      for (let i = 0; i < count; i++) {
        const v = scores[i]!
        if (!(v >= 0 && v <= MAX_NODE_SCORE)) {
          throw new Error(`plugin "${plugin.name}" scored node ${feasible[i]} at ${v}; must be 0..${MAX_NODE_SCORE}`)
        }
        totals[i]! += weight * v
      }
      if (trace) this.traceScores(trace, plugin.name, scores, count, 'scores')
    }
    if (trace) {
      for (let i = 0; i < count; i++) this.traceOf(trace, feasible[i]! as NodeId).total = totals[i]!
    }
  }

  private choose(count: number): NodeId {
    const totals = this.totals
    const feasible = this.feasible
    let best = 0
    let ties = 1
    for (let i = 1; i < count; i++) {
      const v = totals[i]!
      if (v > totals[best]!) {
        best = i
        ties = 1
      } else if (v === totals[best]!) {
        if (this.tieBreak === 'random') {
          // Reservoir sampling over the tied nodes, as kube-scheduler's selectHost: the i-th tie
          // replaces the pick with probability 1/i, so every tied node is equally likely.
          ties++
          if (Math.floor(this.rng() * ties) === 0) best = i
        } else if (feasible[i]! < feasible[best]!) best = i // the walk may start mid-list
      }
    }
    return feasible[best]! as NodeId
  }

  private traceScores(trace: PlacementTrace, name: string, scores: Float64Array, count: number, field: 'raw' | 'scores'): void {
    for (let i = 0; i < count; i++) this.traceOf(trace, this.feasible[i]! as NodeId)[field][name] = scores[i]!
  }

  private traceOf(trace: PlacementTrace, node: NodeId): NodeTrace {
    const t = trace.nodes.find((x) => x.node === node)
    if (!t) throw new Error(`trace: node ${node} was not filtered`)
    return t
  }
}
