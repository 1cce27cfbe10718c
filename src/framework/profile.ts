/**
 * Runs a profile of placement plugins for one pod: filter -> score -> normalize -> weighted sum ->
 * choose. This is the hot path of placement: it allocates nothing per pod or per node (scratch
 * arrays are owned by the profile and sized once); a trace for `explain` is built only on request.
 *
 * 1. Only Ready nodes are candidates (a NotReady node carries Kubernetes' not-ready NoSchedule
 *    taint, which ordinary pods do not tolerate). The filters run in order on each; the first
 *    reason rejects the node and is counted, so "why pods were pending" costs nothing extra.
 * 2. With no feasible node the pod stays pending. With exactly one, scoring is skipped (as
 *    kube-scheduler does).
 * 3. Each scorer fills its own scratch array over the feasible nodes, then its `normalize` runs.
 *    A score outside 0..100 after that is a bug in the plugin and throws.
 * 4. Totals are `sum(weight x score)`; the highest wins. Ties go to a uniform draw from the
 *    `placement` stream (`random`, as kube-scheduler's selectHost) or to the lowest node id.
 */
import { NO_NODE, type ClusterView, type NodeId, type PodSpec } from '../model/index.js'
import type { Rng } from '../engine/index.js'
import { MAX_NODE_SCORE, type PlacementPlugin, type TieBreak } from './placement.js'

export interface ProfileEntry {
  readonly plugin: PlacementPlugin
  readonly weight: number
}

/** Per-node detail of one placement, for `fleetsim explain`. */
export interface NodeTrace {
  node: NodeId
  feasible: boolean
  /** `plugin: reason` of the first filter that rejected the node, or null. */
  reason: string | null
  /** Score per plugin name before normalize. */
  raw: Record<string, number>
  /** Score per plugin name after normalize, before weight. */
  scores: Record<string, number>
  total: number
}

export interface PlacementTrace {
  chosen: NodeId
  nodes: NodeTrace[]
}

export class Profile {
  readonly entries: readonly ProfileEntry[]
  readonly tieBreak: TieBreak
  /** Nodes rejected, by `plugin: reason`, over the whole run. */
  readonly rejections = new Map<string, number>()
  private readonly rng: Rng
  private readonly filters: PlacementPlugin[]
  private readonly preparers: PlacementPlugin[]
  private readonly scorers: ProfileEntry[]
  private readonly reasonKeys: Map<string, string>[]
  private readonly feasible: Int32Array
  private readonly totals: Float64Array
  private readonly scratch: Float64Array[]

  constructor(entries: readonly ProfileEntry[], tieBreak: TieBreak, rng: Rng, nodeSlots: number) {
    this.entries = entries
    this.tieBreak = tieBreak
    this.rng = rng
    this.filters = entries.filter((e) => e.plugin.filter).map((e) => e.plugin)
    this.preparers = entries.filter((e) => e.plugin.prepare).map((e) => e.plugin)
    this.scorers = entries.filter((e) => e.plugin.score && e.weight > 0)
    this.reasonKeys = this.filters.map(() => new Map<string, string>())
    this.feasible = new Int32Array(nodeSlots)
    this.totals = new Float64Array(nodeSlots)
    this.scratch = this.scorers.map(() => new Float64Array(nodeSlots))
  }

  /** The chosen node for `pod`, or NO_NODE when no node is feasible. */
  place(pod: PodSpec, view: ClusterView, trace?: PlacementTrace): NodeId {
    for (let i = 0; i < this.preparers.length; i++) this.preparers[i]!.prepare!(pod, view)
    const count = this.filterNodes(pod, view, trace)
    let chosen: NodeId = NO_NODE
    if (count === 1 && !trace) chosen = this.feasible[0]! as NodeId
    else if (count > 0) {
      this.scoreNodes(pod, view, count, trace)
      chosen = this.choose(count)
    }
    if (trace) trace.chosen = chosen
    return chosen
  }

  /**
   * True when some node of `nodes[0..count)` passes every filter for `pod` (no scoring, no
   * counting): the scheduling queue's test for moving an unschedulable pod back to active.
   */
  anyFeasible(pod: PodSpec, view: ClusterView, nodes: Int32Array, count: number): boolean {
    for (let i = 0; i < this.preparers.length; i++) this.preparers[i]!.prepare!(pod, view)
    for (let i = 0; i < count; i++) {
      const n = nodes[i]! as NodeId
      if (!view.isReady(n)) continue
      let f = 0
      while (f < this.filters.length && this.filters[f]!.filter!(pod, n, view) === null) f++
      if (f === this.filters.length) return true
    }
    return false
  }

  private filterNodes(pod: PodSpec, view: ClusterView, trace: PlacementTrace | undefined): number {
    const filters = this.filters
    const slots = view.nodeSlots
    let count = 0
    for (let n = 0 as NodeId; n < slots; n++) {
      if (!view.isReady(n)) continue
      let reason: string | null = null
      let f = 0
      for (; f < filters.length; f++) {
        reason = filters[f]!.filter!(pod, n, view)
        if (reason !== null) break
      }
      if (reason === null) this.feasible[count++] = n
      else this.reject(f, reason)
      if (trace) {
        const key = reason === null ? null : `${filters[f]!.name}: ${reason}`
        trace.nodes.push({ node: n, feasible: reason === null, reason: key, raw: {}, scores: {}, total: 0 })
      }
    }
    return count
  }

  private reject(filterIndex: number, reason: string): void {
    // perf: the `plugin: reason` key is built once per distinct reason, then looked up.
    const keys = this.reasonKeys[filterIndex]!
    let key = keys.get(reason)
    if (key === undefined) {
      key = `${this.filters[filterIndex]!.name}: ${reason}`
      keys.set(reason, key)
    }
    this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1)
  }

  private scoreNodes(pod: PodSpec, view: ClusterView, count: number, trace: PlacementTrace | undefined): void {
    const totals = this.totals
    totals.fill(0, 0, count)
    for (let s = 0; s < this.scorers.length; s++) {
      const { plugin, weight } = this.scorers[s]!
      const scores = this.scratch[s]!
      for (let i = 0; i < count; i++) scores[i] = plugin.score!(pod, this.feasible[i]! as NodeId, view)
      if (trace) this.traceScores(trace, plugin.name, scores, count, 'raw')
      if (plugin.normalize) plugin.normalize(scores, count)
      for (let i = 0; i < count; i++) {
        const v = scores[i]!
        if (!(v >= 0 && v <= MAX_NODE_SCORE)) {
          throw new Error(`plugin "${plugin.name}" scored node ${this.feasible[i]} at ${v}; must be 0..${MAX_NODE_SCORE}`)
        }
        totals[i]! += weight * v
      }
      if (trace) this.traceScores(trace, plugin.name, scores, count, 'scores')
    }
    if (trace) {
      for (let i = 0; i < count; i++) this.traceOf(trace, this.feasible[i]! as NodeId).total = totals[i]!
    }
  }

  private choose(count: number): NodeId {
    const totals = this.totals
    let best = 0
    let ties = 1
    for (let i = 1; i < count; i++) {
      const v = totals[i]!
      if (v > totals[best]!) {
        best = i
        ties = 1
      } else if (v === totals[best]! && this.tieBreak === 'random') {
        // Reservoir sampling over the tied nodes, as kube-scheduler's selectHost: the i-th tie
        // replaces the pick with probability 1/i, so every tied node is equally likely.
        ties++
        if (Math.floor(this.rng() * ties) === 0) best = i
      }
    }
    return this.feasible[best]! as NodeId
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
