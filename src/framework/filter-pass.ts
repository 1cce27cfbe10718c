/**
 * The filter phase of a placement (kube-scheduler's findNodesThatPassFilters): walks the nodes
 * round-robin from where the previous pod stopped, skips nodes that are not Ready, runs the
 * profile's filters in order on each node and keeps the feasible ones until `toFind` are found.
 * The first filter that rejects a node gives its reason, counted by `plugin: reason` over the
 * run ("why pods were pending" costs nothing extra) and, when a PostFilter may ask, remembered
 * per node for this attempt.
 *
 * Batched for speed, with the node-by-node result: the walk takes the next chunk of Ready nodes,
 * runs each filter over the chunk's surviving nodes at once (`filterAll` when the plugin has it,
 * so its per-node code runs inlined in its own loop, else `filter` node by node), then reads the
 * verdicts in walk order and stops at the `toFind`-th feasible node. Nodes of the last chunk
 * after that point were filtered but count as not examined: no rejection is counted or
 * remembered for them, they are not in the trace's examined nodes, and the next pod's walk
 * starts right after the stopping point (kube-scheduler's nextStartNodeIndex). Filters are pure,
 * so filtering a few extra nodes is invisible.
 *
 * Allocates nothing per pod or node: scratch arrays are sized once, to the node slots.
 */
import type { ClusterView, NodeId, PodSpec } from '../model/index.js'
import type { PlacementPlugin } from './placement.js'
import type { PlacementTrace } from './placement-trace.js'

const NOT_EXAMINED = 'not examined (percentageOfNodesToScore reached)'
/** Chunk size bounds: at least this many nodes per chunk, ... */
const MIN_CHUNK = 32
/** ... at most this many (the chunk aims at the number of feasible nodes still wanted). */
const MAX_CHUNK = 512
/** Placeholder for the last counter before the first rejection of a pass (never counted). */
const UNUSED_COUNTER = { count: 0 }

export class FilterPass {
  readonly filters: readonly PlacementPlugin[]
  /** Per filter: 1 when it runs for the current pod (0: its `prepare` returned Skip). */
  readonly active: Uint8Array
  private readonly counters = new Map<string, { count: number }>()
  /** Per filter: the distinct reasons it gave so far and their counters (see `counter`). */
  private readonly reasonLists: string[][]
  private readonly counterLists: { count: number }[][]
  // Chunk scratch: candidate nodes in walk order; the candidates that passed the filters so far,
  // in walk order; per rejected node, the filter and its reason.
  private readonly cand: Int32Array
  private readonly alive: Int32Array
  private readonly rejectedBy: Int32Array
  private readonly rejectedWhy: (string | null)[]
  /** The filter that runs now, for `reject`. */
  private current = 0
  /** True while a walk that cannot stop early counts each rejection as it comes (see `run`). */
  private direct = false
  /** Records that the current filter rejected `node` (the `reject` callback of `filterAll`). */
  private readonly reject = (node: NodeId, reason: string): void => {
    if (this.direct) this.tally(this.current, reason)
    else {
      this.rejectedBy[node] = this.current
      this.rejectedWhy[node] = reason
    }
  }
  // perf: the counter of the last (filter, reason) pair, so a run of rejections for one reason
  // (most of them) is counted without a lookup (bench/placement.bench.ts best-fit/5000).
  private lastFilter = -1
  private lastWhy: string | null = null
  private lastCounter = UNUSED_COUNTER
  /** Reason per node of the last pass (kept only with `keepReasons`). */
  private readonly lastReason: (string | null)[]
  // perf: the pass in which each node's lastReason was written; a node not walked in the current
  // pass has a stale stamp and reads as null, so nothing is cleared per unexamined node (5,000-node
  // k8s-default walks ~10 % of the nodes per pod).
  private readonly lastReasonPass: Int32Array
  private pass = 0
  private nextStartNodeIndex = 0

  /** `keepReasons`: remember each node's reason of the last pass, for `rejection`. */
  constructor(filters: readonly PlacementPlugin[], nodeSlots: number, keepReasons: boolean) {
    this.filters = filters
    this.active = new Uint8Array(filters.length)
    this.reasonLists = filters.map(() => [])
    this.counterLists = filters.map(() => [])
    const chunk = Math.min(nodeSlots, MAX_CHUNK)
    this.cand = new Int32Array(chunk)
    this.alive = new Int32Array(chunk)
    this.rejectedBy = new Int32Array(nodeSlots)
    this.rejectedWhy = new Array<string | null>(nodeSlots).fill(null)
    this.lastReason = keepReasons ? new Array<string | null>(nodeSlots).fill(null) : []
    this.lastReasonPass = new Int32Array(keepReasons ? nodeSlots : 0)
  }

  /** Nodes rejected, by `plugin: reason`, over the whole run (a fresh map on each read). */
  get rejections(): Map<string, number> {
    return new Map([...this.counters].map(([k, c]) => [k, c.count]))
  }

  /** The reason node `n` was rejected in the last pass; null if feasible, not examined or not Ready. */
  rejection(n: NodeId): string | null {
    return this.lastReasonPass[n] === this.pass ? (this.lastReason[n] ?? null) : null
  }

  /** Index of the first active filter that rejects `pod` on `n`, or -1 (nothing is counted). */
  firstRejection(pod: PodSpec, n: NodeId, view: ClusterView): number {
    const filters = this.filters
    for (let f = 0; f < filters.length; f++) {
      if (this.active[f] === 1 && filters[f]!.filter!(pod, n, view) !== null) return f
    }
    return -1
  }

  /**
   * Walks the nodes for `pod` and writes the first `toFind` feasible ones into `feasible` in walk
   * order; returns how many. `trace` gets every node, examined or not.
   */
  run(pod: PodSpec, view: ClusterView, toFind: number, feasible: Int32Array, trace: PlacementTrace | undefined): number {
    const slots = view.nodeSlots
    const start = this.nextStartNodeIndex < slots ? this.nextStartNodeIndex : 0
    const keepReasons = this.lastReason.length > 0
    if (keepReasons) this.pass = (this.pass + 1) | 0
    const { cand, alive, rejectedBy, rejectedWhy } = this
    // Slots walked from `start` up to and including `node` (each slot is walked at most once).
    const walkedTo = (node: number): number => ((node - start + slots) % slots) + 1
    // perf: a walk that examines every Ready node (it can stop early only after the last one,
    // when all pass), with no per-node reason or trace wanted, counts rejections as the filters
    // give them and keeps every passing node,
    // without the verdict loop in walk order (best-fit/5000: 7,800 -> 9,900 placements/s on a busy machine).
    const direct = toFind >= view.readyNodes && !keepReasons && !trace
    this.direct = direct
    let count = 0
    let walked = 0
    let n = start
    while (walked < slots && count < toFind) {
      const want = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, toFind - count))
      let m = 0
      while (m < want && walked < slots) {
        const node = n
        n = n + 1 === slots ? 0 : n + 1
        walked++
        if (!view.isReady(node as NodeId)) continue
        alive[m] = node
        if (!direct) cand[m] = node
        m++
      }
      const passed = this.filterChunk(pod, view, m)
      if (direct) {
        for (let k = 0; k < passed; k++) {
          const node = alive[k]!
          feasible[count++] = node
          if (count === toFind) {
            // Every Ready node passed (toFind counts them all): the walk stops right after this
            // one, the last Ready node in walk order, as the node-by-node walk does, so the next
            // pod starts there and not back at `start` (slots after it in the chunk were walked
            // but hold no Ready node).
            walked = walkedTo(node)
            break
          }
        }
        continue
      }
      // Verdicts in walk order: the passing nodes are `alive[0..passed)`, in walk order too.
      let s = 0
      for (let j = 0; j < m; j++) {
        const node = cand[j]! as NodeId
        let f = -1
        let reason: string | null = null
        if (s < passed && alive[s] === node) {
          s++
          feasible[count++] = node
        } else {
          f = rejectedBy[node]!
          reason = rejectedWhy[node]!
        }
        if (reason !== null) this.tally(f, reason)
        if (keepReasons) {
          this.lastReason[node] = reason
          this.lastReasonPass[node] = this.pass
        }
        if (trace) {
          const key = reason === null ? null : `${this.filters[f]!.name}: ${reason}`
          trace.nodes.push({ node, feasible: reason === null, reason: key, raw: {}, scores: {}, total: 0 })
        }
        if (count === toFind) {
          walked = walkedTo(node)
          break
        }
      }
    }
    // kube-scheduler: nextStartNodeIndex = (start + processed) mod numAllNodes.
    n = (start + walked) % slots
    this.nextStartNodeIndex = n
    if (trace) {
      for (let rest = walked; rest < slots; rest++) {
        const node = n as NodeId
        n = n + 1 === slots ? 0 : n + 1
        if (view.isReady(node)) trace.nodes.push({ node, feasible: false, reason: NOT_EXAMINED, raw: {}, scores: {}, total: 0 })
      }
    }
    return count
  }

  // Runs the active filters in order over alive[0..m), keeping the passing nodes there in order
  // and recording each rejected node's filter and reason; returns how many passed.
  private filterChunk(pod: PodSpec, view: ClusterView, m: number): number {
    const { filters, active, alive } = this
    let count = m
    for (let f = 0; f < filters.length && count > 0; f++) {
      if (active[f] === 0) continue
      const plugin = filters[f]!
      this.current = f
      if (plugin.filterAll) count = plugin.filterAll(pod, alive, count, view, this.reject)
      else {
        let kept = 0
        for (let k = 0; k < count; k++) {
          const node = alive[k]! as NodeId
          const reason = plugin.filter!(pod, node, view)
          if (reason === null) alive[kept++] = node
          else this.reject(node, reason)
        }
        count = kept
      }
    }
    return count
  }

  /** Counts one rejection of a node by filter `f` for `reason`. */
  private tally(f: number, reason: string): void {
    if (f !== this.lastFilter || reason !== this.lastWhy) {
      this.lastCounter = this.counter(f, reason)
      this.lastFilter = f
      this.lastWhy = reason
    }
    this.lastCounter.count++
  }

  /** The rejection counter of `filter: reason`. */
  private counter(filterIndex: number, reason: string): { count: number } {
    // perf: reasons are constant strings and a filter has only a few, so a linear scan by
    // identity over the filter's own list finds the counter without hashing; the `plugin: reason`
    // key is built once per distinct reason (bench/placement.bench.ts best-fit/5000).
    const reasons = this.reasonLists[filterIndex]!
    const counters = this.counterLists[filterIndex]!
    for (let i = 0; i < reasons.length; i++) if (reasons[i] === reason) return counters[i]!
    const key = `${this.filters[filterIndex]!.name}: ${reason}`
    let c = this.counters.get(key)
    if (c === undefined) this.counters.set(key, (c = { count: 0 }))
    reasons.push(reason)
    counters.push(c)
    return c
  }
}
