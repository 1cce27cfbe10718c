/**
 * kube-scheduler's DefaultPreemption, the PostFilter plugin
 * (`plugins/defaultpreemption/default_preemption.go`, `framework/preemption/preemption.go`): when
 * no node passes the filters, find running pods of strictly lower priority whose eviction lets
 * the pod fit, and propose the node where that costs least.
 *
 * 1. Candidate nodes are the Ready nodes whose filter reason is Unschedulable; a node rejected for
 *    a reason upstream returns as UnschedulableAndUnresolvable (taint, cordon, node affinity, a
 *    missing topology key, unmet pod affinity) is skipped: evicting pods cannot change it.
 * 2. Per node (SelectVictimsOnNode): remove every pod of lower priority; if the pod still does
 *    not fit, the node is no candidate. Otherwise put the removed pods back one at a time, most
 *    important first (higher priority, then earlier start), keeping each one the pod still fits
 *    beside ("reprieve"). Those that could not stay are the victims, most important first.
 * 3. The walk (DryRunPreemption) starts at a random offset among the candidate nodes and stops
 *    once `max(minCandidateNodesPercentage % of them, minCandidateNodesAbsolute)` candidates are
 *    found (upstream defaults 10 % and 100).
 * 4. The node (pickOneNodeForPreemption) is, in order: the lowest highest-victim priority; the
 *    lowest sum of victim priorities (each shifted by 2^31, so more negative-priority victims
 *    never win); the fewest victims; the latest start among the highest-priority victims.
 *    Upstream then takes the first of a Go map's (randomised) iteration; here a uniform draw
 *    among the tied nodes from the placement stream.
 *
 * Not modelled: PodDisruptionBudgets (no PDB violations, so the first rule upstream never
 * decides), `preemptionPolicy: Never`, nominated pods, and PreFilter extensions: filters that
 * count pods in `prepare` (PodTopologySpread, InterPodAffinity) judge the node as if no pod had
 * been removed, so preemption is found for resources and pod count, not to fix spread or
 * anti-affinity. The controller evicts the victims at once (no termination grace period).
 *
 * The random offset is drawn only when it matters (more candidate nodes than are looked for), so
 * the placement stream is not consumed by preemption attempts whose answer does not depend on it.
 */
import { intInRange, type Issue, type PlacementModule, type PostFilterHost, type PreemptionPlan } from '../../src/framework/index.js'
import type { Rng } from '../../src/engine/index.js'
import type { ClusterView, NodeId, PodId, PodSpec } from '../../src/model/index.js'
import { AFFINITY_MISMATCH } from './k8s-inter-pod-affinity.js'
import { NODE_AFFINITY_MISMATCH } from './k8s-node-affinity.js'
import { NODE_UNSCHEDULABLE } from './k8s-node-unschedulable.js'
import { SPREAD_MISSING_LABEL } from './k8s-pod-topology-spread.js'
import { UNTOLERATED_TAINT } from './k8s-taint-toleration.js'

export interface DefaultPreemptionArgs {
  /** Candidates to look for, as a percentage of the candidate nodes (upstream default 10). */
  minCandidateNodesPercentage: number
  /** ... but at least this many (upstream default 100). */
  minCandidateNodesAbsolute: number
}

/** Filter reasons upstream returns as UnschedulableAndUnresolvable: preemption skips those nodes. */
export const UNRESOLVABLE_REASONS: ReadonlySet<string> = new Set([
  NODE_UNSCHEDULABLE, UNTOLERATED_TAINT, NODE_AFFINITY_MISMATCH, SPREAD_MISSING_LABEL, AFFINITY_MISMATCH,
])

/** Upstream's sum shift (math.MaxInt32 + 1): every victim adds a positive amount. */
const PRIORITY_SHIFT = 2 ** 31

/** upstream calculateNumCandidates: how many candidates the walk looks for among `numNodes`. */
export function numCandidates(numNodes: number, args: DefaultPreemptionArgs): number {
  let n = Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100)
  if (n < args.minCandidateNodesAbsolute) n = args.minCandidateNodesAbsolute
  return n > numNodes ? numNodes : n
}

/** One candidate's victims and the numbers pickOneNodeForPreemption compares. */
export class Candidate {
  node = -1
  victims: Int32Array = new Int32Array(8)
  count = 0
  highest = 0
  sum = 0
  /** Earliest start among the victims of the highest priority (later is better). */
  earliestStartMs = 0

  ensure(n: number): void {
    if (this.victims.length < n) this.victims = new Int32Array(Math.max(n, this.victims.length * 2))
  }

  /** Fills the comparison numbers from `victims[0..count)` (sorted most important first). */
  summarize(view: ClusterView): void {
    const v = this.victims
    this.highest = view.podPriority(v[0]! as PodId)
    let sum = 0
    let earliest = Infinity
    for (let i = 0; i < this.count; i++) {
      const p = v[i]! as PodId
      const prio = view.podPriority(p)
      sum += prio + PRIORITY_SHIFT
      if (prio === this.highest && view.podScheduledMs(p) < earliest) earliest = view.podScheduledMs(p)
    }
    this.sum = sum
    this.earliestStartMs = earliest
  }
}

/** <0: `a` is the better node to preempt on; >0: `b`; 0: tied on every rule. */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.highest !== b.highest) return a.highest - b.highest
  if (a.sum !== b.sum) return a.sum - b.sum
  if (a.count !== b.count) return a.count - b.count
  return b.earliestStartMs - a.earliestStartMs
}

/**
 * The evaluator: upstream's SelectVictimsOnNode, DryRunPreemption and SelectCandidate, over
 * scratch arrays reused across calls (grown when a node holds more pods than before).
 */
export class DefaultPreemption {
  readonly args: DefaultPreemptionArgs
  private readonly rng: Rng
  private potentialNodes = new Int32Array(0)
  private podsScratch = new Int32Array(16)
  private removed = new Int32Array(16)
  private current = new Candidate()
  private best = new Candidate()
  private ties = 0
  private potentialCount = 0

  constructor(args: DefaultPreemptionArgs, rng: Rng) {
    this.args = args
    this.rng = rng
  }

  /** The PostFilter: the plan for `pod`, or null when no eviction of lower-priority pods makes it fit. */
  plan(pod: PodSpec, view: ClusterView, host: PostFilterHost): PreemptionPlan | null {
    if (!this.anyLowerPriorityApp(pod, view)) return null
    const count = this.collectPotentialNodes(view, host)
    if (count === 0) return null
    const wanted = numCandidates(count, this.args)
    // Upstream draws the offset on every attempt; it only changes the answer when the walk can
    // stop before seeing every node, so it is drawn only then.
    const offset = wanted < count ? Math.floor(this.rng() * count) : 0
    this.best.node = -1
    this.ties = 0
    this.dryRun(pod, view, host, offset, wanted, () => this.consider(view))
    const b = this.best
    if (b.node < 0) return null
    const victims: PodId[] = []
    for (let i = 0; i < b.count; i++) victims.push(b.victims[i]! as PodId)
    return { node: b.node as NodeId, victims }
  }

  /**
   * Upstream DryRunPreemption over the candidate nodes collected by the last `plan` or
   * `collectPotentialNodes`: from `offset`, wrapping, until `wanted` candidates are found; calls
   * `found` with `this.candidate` filled for each. (Exposed for the conformance tests.)
   */
  dryRun(pod: PodSpec, view: ClusterView, host: PostFilterHost, offset: number, wanted: number, found: () => void, count = this.potentialCount): void {
    let candidates = 0
    for (let i = 0; i < count && candidates < wanted; i++) {
      const n = this.potentialNodes[(offset + i) % count]! as NodeId
      if (this.selectVictimsOnNode(pod, n, view, host, this.current)) {
        candidates++
        found()
      }
    }
  }

  /** The candidate the last `dryRun` step found (node, victims most important first). */
  get candidate(): Candidate {
    return this.current
  }

  /** Ready nodes rejected for a reason preemption may resolve, in node id order; their count. */
  collectPotentialNodes(view: ClusterView, host: PostFilterHost): number {
    if (this.potentialNodes.length < view.nodeSlots) this.potentialNodes = new Int32Array(view.nodeSlots)
    let count = 0
    for (let n = 0; n < view.nodeSlots; n++) {
      const node = n as NodeId
      if (!view.isReady(node)) continue
      const reason = host.rejection(node)
      if (reason !== null && !UNRESOLVABLE_REASONS.has(reason)) this.potentialNodes[count++] = n
    }
    this.potentialCount = count
    return count
  }

  /**
   * Upstream SelectVictimsOnNode: true when evicting some lower-priority pods of `n` lets `pod`
   * fit; `out` then holds the minimal set found by the reprieve, most important first.
   */
  selectVictimsOnNode(pod: PodSpec, n: NodeId, view: ClusterView, host: PostFilterHost, out: Candidate): boolean {
    // Potential victims: every pod of strictly lower priority.
    let k = 0
    for (let p = view.firstPodOnNode(n); p >= 0; p = view.nextPodOnNode(p as PodId)) {
      if (view.podPriority(p as PodId) >= pod.priority) continue
      if (k === this.podsScratch.length) this.podsScratch = grow(this.podsScratch)
      this.podsScratch[k++] = p
    }
    if (k === 0) return false
    const cand = this.podsScratch
    if (this.removed.length < k) this.removed = new Int32Array(Math.max(k, this.removed.length * 2))
    if (!host.fitsWithout(pod, n, cand, k)) return false
    sortMostImportantFirst(cand, k, view)
    // Reprieve, most important first: the removed set is the victims so far plus the pods not yet
    // considered; a pod that cannot come back becomes a victim.
    out.ensure(k)
    out.node = n
    let victims = 0
    const removed = this.removed
    for (let i = 0; i < k; i++) {
      let r = 0
      for (let j = 0; j < victims; j++) removed[r++] = out.victims[j]!
      for (let j = i + 1; j < k; j++) removed[r++] = cand[j]!
      if (!host.fitsWithout(pod, n, removed, r)) out.victims[victims++] = cand[i]!
    }
    out.count = victims
    // Upstream's "expected at least one victim" error: the pod fit without evicting anything.
    return victims > 0
  }

  /** Keeps the better of the current candidate and the best so far (pickOneNodeForPreemption). */
  private consider(view: ClusterView): void {
    const c = this.current
    c.summarize(view)
    const b = this.best
    const cmp = b.node < 0 ? -1 : compareCandidates(c, b)
    if (cmp > 0) return
    if (cmp < 0) this.ties = 1
    else {
      // Reservoir sampling over the tied candidates: each is kept with probability 1/ties.
      this.ties++
      if (Math.floor(this.rng() * this.ties) !== 0) return
    }
    this.current = b
    this.best = c
  }

  /** Cheap exit: no app has a lower priority than the pod, so no running pod can be a victim. */
  private anyLowerPriorityApp(pod: PodSpec, view: ClusterView): boolean {
    const apps = view.apps
    for (let i = 0; i < apps.length; i++) if (apps[i]!.priority < pod.priority) return true
    return false
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

/** upstream util.MoreImportantPod order: higher priority, then earlier start; then pod id. */
function sortMostImportantFirst(a: Int32Array, count: number, view: ClusterView): void {
  for (let i = 1; i < count; i++) {
    const p = a[i]!
    let j = i - 1
    while (j >= 0 && moreImportant(p, a[j]!, view)) {
      a[j + 1] = a[j]!
      j--
    }
    a[j + 1] = p
  }
}

function moreImportant(p: number, q: number, view: ClusterView): boolean {
  const pp = view.podPriority(p as PodId)
  const pq = view.podPriority(q as PodId)
  if (pp !== pq) return pp > pq
  const sp = view.podScheduledMs(p as PodId)
  const sq = view.podScheduledMs(q as PodId)
  if (sp !== sq) return sp < sq
  return p < q
}

export const k8sDefaultPreemption: PlacementModule<DefaultPreemptionArgs> = {
  name: 'DefaultPreemption',
  description: 'kube-scheduler DefaultPreemption (PostFilter): when a pod fits nowhere, evicts the cheapest minimal set of lower-priority pods on one node',
  defaults: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 },
  check: (a, at) => {
    const issues: Issue[] = [
      ...intInRange(a.minCandidateNodesPercentage, 0, 100, `${at}.minCandidateNodesPercentage`),
      ...intInRange(a.minCandidateNodesAbsolute, 0, 2 ** 31 - 1, `${at}.minCandidateNodesAbsolute`),
    ]
    if (issues.length === 0 && a.minCandidateNodesPercentage === 0 && a.minCandidateNodesAbsolute === 0) {
      issues.push({ path: `${at}.minCandidateNodesPercentage`, message: 'cannot be zero at the same time as minCandidateNodesAbsolute' })
    }
    return issues
  },
  create: (args, ctx) => {
    const evaluator = new DefaultPreemption(args, ctx.rng)
    return {
      name: 'DefaultPreemption',
      postFilter: (pod, view, host) => evaluator.plan(pod, view, host),
    }
  },
}
