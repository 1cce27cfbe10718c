/**
 * Nomad's ranking for service and batch jobs (hashicorp/nomad `scheduler/feasible/stack.go`,
 * `rank.go`, `select.go`; `nomad/structs/funcs.go` ScoreFitBinPack / ScoreFitSpread):
 *
 * 1. Fit score (BestFit v3): with the pod placed, free_r = 1 - used_r / capacity_r for cpu and
 *    memory, total = 10^free_cpu + 10^free_mem (2..20); `binpack` = clamp(20 - total, 0, 18),
 *    `spread` = clamp(total - 2, 0, 18). The scheduler appends fit / 18.
 * 2. Job anti-affinity: a node already running c > 0 pods of the workload appends
 *    -(c + 1) / count, where count is the task group's count. fleetsim workloads have no fixed
 *    count, so count = the workload's running pods + 1 (this one).
 * 3. Final score = mean of the appended scores (-1..1).
 * 4. Limit: nodes are visited in random order (Nomad shuffles them; here from the seeded
 *    placement stream) and only the first `limit` feasible options are compared: 2 for batch jobs
 *    (power of two choices), max(2, ceil(log2 n)) for service jobs, n = ready nodes. Up to 3
 *    options with final score <= 0 are skipped while better ones remain (LimitIterator).
 * 5. The highest final score among the visited options wins; ties go to the first visited.
 *
 * `jobType: auto` treats Batch workloads as Nomad batch jobs and Pods as service jobs.
 * Scores (after normalize): the chosen node 100; other visited nodes 1 + 49 x (final + 1), so
 * 1..99; nodes not visited 0. Raw score = the final score. Reservations, devices, networks,
 * affinities, spread blocks and preemption are not modelled.
 */
import { oneOf, type PlacementModule, type PlacementPolicy, type PlacementPlugin } from '../../src/framework/index.js'
import type { Rng } from '../../src/engine/index.js'
import type { AppId, ClusterView, NodeId, PodSpec } from '../../src/model/index.js'

const ALGORITHMS = ['binpack', 'spread'] as const
const JOB_TYPES = ['auto', 'service', 'batch'] as const
type Args = { algorithm: (typeof ALGORITHMS)[number]; jobType: (typeof JOB_TYPES)[number] }

/** `structs/funcs.go`: 18 for a perfect fit .. 0 for an empty node. */
export function scoreFitBinPack(freeCpuFraction: number, freeMemFraction: number): number {
  const score = 20 - (pow10(freeCpuFraction) + pow10(freeMemFraction))
  return score > 18 ? 18 : score < 0 ? 0 : score
}

/** `structs/funcs.go`: 0 for a perfect fit .. 18 for an empty node. */
export function scoreFitSpread(freeCpuFraction: number, freeMemFraction: number): number {
  const score = pow10(freeCpuFraction) + pow10(freeMemFraction) - 2
  return score > 18 ? 18 : score < 0 ? 0 : score
}

// 10^x as upstream's math.Pow(10, x), within 7e-16 relative (a few ulps) for x in -1..1.
// perf: `10 ** x` calls V8's fdlibm pow, 55 ns here, against 19 ns for exp; pow was 58 % of
// placement/nomad-binpack/5000's CPU time (perf), which scores every feasible node.
const pow10 = (x: number): number => Math.exp(x * Math.LN10)

/** `stack.go` SetNodes: how many feasible options the LimitIterator lets through. */
export function nomadLimit(readyNodes: number, batch: boolean): number {
  if (batch || readyNodes <= 0) return 2
  return Math.max(2, Math.ceil(Math.log2(readyNodes)))
}

const SKIP_THRESHOLD = 0

const pick3 = (k: number, a: number, b: number, c: number): number => (k === 0 ? a : k === 1 ? b : c)
const MAX_SKIP = 3

/**
 * LimitIterator then MaxScoreIterator over options in visiting order: returns the index (into
 * `order`) of the chosen option. `final[order[j]]` is the j-th option's final score.
 */
export function limitThenMax(order: Int32Array, count: number, final: Float64Array, limit: number, visited?: Uint8Array): number {
  let cursor = 0
  let s0 = -1
  let s1 = -1
  let s2 = -1
  let skippedLen = 0
  let skippedUsed = 0
  let seen = 0
  let best = -1
  while (seen < limit) {
    // nextOption: the source first; once it is exhausted, the skipped options in order.
    let option = -1
    if (cursor < count) option = order[cursor++]!
    else if (skippedUsed < skippedLen) option = pick3(skippedUsed++, s0, s1, s2)
    if (option < 0) break
    // Skip ahead past up to MAX_SKIP options scoring <= 0, drawing from the source only.
    while (option >= 0 && skippedLen < MAX_SKIP && final[option]! <= SKIP_THRESHOLD) {
      if (skippedLen === 0) s0 = option
      else if (skippedLen === 1) s1 = option
      else s2 = option
      skippedLen++
      option = cursor < count ? order[cursor++]! : -1
    }
    seen++
    if (option < 0) {
      if (cursor < count) option = order[cursor++]!
      else if (skippedUsed < skippedLen) option = pick3(skippedUsed++, s0, s1, s2)
    }
    if (option < 0) break
    if (visited) visited[option] = 1
    if (best < 0 || final[option]! > final[best]!) best = option
  }
  return best
}

class NomadRank implements PlacementPlugin {
  readonly name = 'nomad-rank'
  private readonly rng: Rng
  private readonly spread: boolean
  private readonly jobType: Args['jobType']
  private batch = false
  private readyNodes = 0
  private appRunning = 0
  private order = new Int32Array(0)
  private final = new Float64Array(0)
  private visited = new Uint8Array(0)

  constructor(args: Args, rng: Rng) {
    this.rng = rng
    this.spread = args.algorithm === 'spread'
    this.jobType = args.jobType
  }

  prepare(pod: PodSpec, view: ClusterView): void {
    if (this.order.length < view.nodeSlots) {
      this.order = new Int32Array(view.nodeSlots)
      this.final = new Float64Array(view.nodeSlots)
      this.visited = new Uint8Array(view.nodeSlots)
    }
    this.batch = this.jobType === 'batch' || (this.jobType === 'auto' && pod.template.kind === 'Batch')
    let ready = 0
    let running = 0
    for (let n = 0 as NodeId; n < view.nodeSlots; n++) {
      if (view.isReady(n)) ready++
      running += view.podsOfApp(pod.app, n)
    }
    this.readyNodes = ready
    this.appRunning = running
  }

  score(pod: PodSpec, n: NodeId, view: ClusterView): number {
    return nomadFinalScore(pod, n, view, this.spread, this.appRunning + 1)
  }

  normalize(scores: Float64Array, count: number): void {
    const order = this.order
    for (let i = 0; i < count; i++) {
      order[i] = i
      this.final[i] = scores[i]!
      this.visited[i] = 0
    }
    // Nomad visits nodes in shuffled order; a full Fisher-Yates keeps every order equally likely.
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1))
      const o = order[i]!
      order[i] = order[j]!
      order[j] = o
    }
    const chosen = limitThenMax(order, count, this.final, nomadLimit(this.readyNodes, this.batch), this.visited)
    for (let i = 0; i < count; i++) {
      scores[i] = i === chosen ? 100 : this.visited[i] === 1 ? Math.min(99, 1 + 49 * (this.final[i]! + 1)) : 0
    }
  }
}

/** The mean of Nomad's appended scores for node `n`: fit / 18 and, if any, the anti-affinity penalty. */
export function nomadFinalScore(pod: PodSpec, n: NodeId, view: ClusterView, spread: boolean, desiredCount: number): number {
  const freeCpu = 1 - (view.cpuReqMilli(n) + pod.cpuMilli) / view.cpuCapMilli(n)
  const freeMem = 1 - (view.memReqBytes(n) + pod.memBytes) / view.memCapBytes(n)
  const fit = (spread ? scoreFitSpread(freeCpu, freeMem) : scoreFitBinPack(freeCpu, freeMem)) / 18
  const collisions = view.podsOfApp(pod.app as AppId, n)
  if (collisions === 0) return fit
  return (fit + -(collisions + 1) / desiredCount) / 2
}

export const nomadRank: PlacementModule<Args> = {
  name: 'nomad-rank',
  description: "Nomad's ranking: BestFit v3 binpack or spread, job anti-affinity, over a random sample of log2(n) (service) or 2 (batch) feasible nodes",
  defaults: { algorithm: 'binpack', jobType: 'auto' },
  check: (a, at) => [...oneOf(a.algorithm, ALGORITHMS, `${at}.algorithm`), ...oneOf(a.jobType, JOB_TYPES, `${at}.jobType`)],
  create: (args, ctx) => new NomadRank(args, ctx.rng),
}

const fit = [{ name: 'node-unschedulable' }, { name: 'resource-fit' }] as const

export const nomadBinpack: PlacementPolicy = {
  name: 'nomad-binpack',
  description: "Nomad's default scheduler: BestFit v3 bin packing with job anti-affinity over a sampled set of nodes (args: jobType)",
  argsTo: 'nomad-rank',
  profile: { tieBreak: 'lowest-node-id', plugins: [...fit, { name: 'nomad-rank', args: { algorithm: 'binpack' } }] },
}

export const nomadSpread: PlacementPolicy = {
  name: 'nomad-spread',
  description: "Nomad with the spread scheduler algorithm: worst fit with job anti-affinity over a sampled set of nodes (args: jobType)",
  argsTo: 'nomad-rank',
  profile: { tieBreak: 'lowest-node-id', plugins: [...fit, { name: 'nomad-rank', args: { algorithm: 'spread' } }] },
}
