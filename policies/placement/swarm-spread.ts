/**
 * Docker Swarm mode's ranking (swarmkit `manager/scheduler/scheduler.go` scheduleTaskGroup and
 * scheduleNTasksOnSubtree, `nodeset.go` tree): spread a service's tasks over the nodes, and over
 * the values of each placement preference label, nested in order.
 *
 * For one task (fleetsim places pods one at a time; swarmkit's batches give the same totals):
 * 1. Preferences: the nodes form a tree keyed by label value per preference (a missing label is the
 *    value ""); each branch knows how many running tasks of the service it holds, counted over all
 *    nodes present. At each level, with T tasks in the usable branches and B of them, a branch
 *    qualifies when its count c < floor((T+1)/B), or c equals it and (T+1) mod B > 0; branches are
 *    visited in random order (Go map order, drawn here from the seeded placement stream), and the
 *    first qualifying branch with a feasible node takes the task. A qualifying branch without room
 *    is set aside (its tasks leave T) and the split is recomputed, as upstream's `noRoom` does.
 * 2. Leaf: the feasible node with the fewest tasks of the service, then the fewest tasks in total
 *    (`nodeLess`); remaining ties uniformly at random. (Swarm's down-weighting of nodes with 5
 *    recent failures of the service is not modelled: fleetsim does not record task failures.)
 *
 * Scores: the chosen node 100, the others 0..99 by the leaf order (fewer service tasks, then fewer
 * tasks, higher), so `explain` shows the ranking. Raw score = service tasks x 1e6 + tasks.
 *
 * The decision is taken in `normalize`, which needs the whole feasible set: `preScore` records the
 * feasible nodes (index i = i-th feasible node, as `normalize` sees them). Per-workload trees are built once (labels are fixed per node slot); per pod the work
 * is one pass over the node slots (branch counts) and one over the feasible nodes, allocation-free.
 */
import type { PlacementModule, PlacementPlugin, PlacementPolicy } from '../../src/framework/index.js'
import type { AppId, ClusterView, NodeId, PodSpec } from '../../src/model/index.js'
import type { Rng } from '../../src/engine/index.js'

/** Branch ids per preference level for one list of spread descriptors. */
interface Tree {
  readonly levels: number
  /** pathOf[l][node] = branch id at level l (branch ids are dense per level). */
  readonly pathOf: Int32Array[]
  /** parentOf[l][branch] = branch id at level l-1 (0 at level 0: the root). */
  readonly parentOf: Int32Array[]
  readonly branchCount: number[]
}

const SERVICE_WEIGHT = 1e6

function labelValue(view: ClusterView, n: NodeId, descriptor: string): string {
  const key = descriptor.slice(descriptor.indexOf('.labels.') + '.labels.'.length)
  const labels = view.labels(n)
  const exact = labels[key]
  if (exact !== undefined) return exact
  for (const k in labels) if (k.toLowerCase() === key) return labels[k]!
  return ''
}

function buildTree(view: ClusterView, spread: readonly string[]): Tree {
  const slots = view.nodeSlots
  const pathOf: Int32Array[] = []
  const parentOf: Int32Array[] = []
  const branchCount: number[] = []
  for (let l = 0; l < spread.length; l++) {
    const ids = new Map<string, number>()
    const parents: number[] = []
    const level = new Int32Array(slots)
    for (let n = 0; n < slots; n++) {
      const parent = l === 0 ? 0 : pathOf[l - 1]![n]!
      const key = `${parent}\u0000${labelValue(view, n as NodeId, spread[l]!)}`
      let id = ids.get(key)
      if (id === undefined) {
        id = ids.size
        ids.set(key, id)
        parents.push(parent)
      }
      level[n] = id
    }
    pathOf.push(level)
    parentOf.push(Int32Array.from(parents))
    branchCount.push(ids.size)
  }
  return { levels: spread.length, pathOf, parentOf, branchCount }
}

class SwarmSpread implements PlacementPlugin {
  readonly name = 'swarm-spread'
  private readonly rng: Rng
  private readonly trees = new Map<number, Tree>()
  private tree: Tree | undefined
  private app = 0 as AppId
  private recorded = 0
  private nodes = new Int32Array(0)
  private same = new Int32Array(0)
  private total = new Int32Array(0)
  /** Per level: tasks of the service per branch, whether a branch has a node present, has a feasible node. */
  private tasks: Int32Array[] = []
  private exists: Uint8Array[] = []
  private room: Uint8Array[] = []
  private order = new Int32Array(0)
  private setAside = new Uint8Array(0)

  constructor(rng: Rng) {
    this.rng = rng
  }

  prepare(pod: PodSpec, view: ClusterView): void {
    this.app = pod.app
    this.recorded = 0
    if (this.nodes.length < view.nodeSlots) this.allocate(view.nodeSlots)
    const spread = pod.template.swarm?.spread ?? []
    let tree: Tree | undefined
    if (spread.length > 0) {
      tree = this.trees.get(pod.app)
      if (!tree) {
        tree = buildTree(view, spread)
        this.trees.set(pod.app, tree)
      }
      this.countBranches(tree, view)
    }
    this.tree = tree
  }

  /** Records the feasible nodes and their task counts (the decision needs the whole set). */
  preScore(pod: PodSpec, feasible: Int32Array, count: number, view: ClusterView): void {
    this.recorded = count
    for (let i = 0; i < count; i++) {
      const n = feasible[i]! as NodeId
      this.nodes[i] = n
      this.same[i] = view.podsOfApp(pod.app, n)
      this.total[i] = view.podCount(n)
    }
  }

  score(pod: PodSpec, n: NodeId, view: ClusterView): number {
    return view.podsOfApp(pod.app, n) * SERVICE_WEIGHT + view.podCount(n)
  }

  normalize(scores: Float64Array, count: number): void {
    if (count !== this.recorded) throw new Error(`swarm-spread: normalize saw ${count} nodes, preScore recorded ${this.recorded}`)
    const leaf = this.tree ? this.chooseLeafBranch(this.tree, count) : -1
    let best = -1
    let ties = 0
    let minKey = Infinity
    let maxKey = -Infinity
    const lastLevel = this.tree ? this.tree.pathOf[this.tree.levels - 1]! : undefined
    for (let i = 0; i < count; i++) {
      const key = scores[i]!
      if (key < minKey) minKey = key
      if (key > maxKey) maxKey = key
      if (lastLevel && lastLevel[this.nodes[i]!] !== leaf) continue
      if (best < 0 || this.less(i, best)) {
        best = i
        ties = 1
      } else if (!this.less(best, i)) {
        ties++
        if (Math.floor(this.rng() * ties) === 0) best = i
      }
    }
    const range = maxKey - minKey
    for (let i = 0; i < count; i++) scores[i] = i === best ? 100 : range > 0 ? (99 * (maxKey - scores[i]!)) / range : 99
  }

  /** swarmkit's nodeLess: fewer tasks of the service, then fewer tasks in total. */
  private less(a: number, b: number): boolean {
    const sa = this.same[a]!
    const sb = this.same[b]!
    return sa !== sb ? sa < sb : this.total[a]! < this.total[b]!
  }

  private allocate(slots: number): void {
    this.nodes = new Int32Array(slots)
    this.same = new Int32Array(slots)
    this.total = new Int32Array(slots)
    this.order = new Int32Array(slots)
    this.setAside = new Uint8Array(slots)
  }

  private countBranches(tree: Tree, view: ClusterView): void {
    for (let l = 0; l < tree.levels; l++) {
      const b = tree.branchCount[l]!
      if (!this.tasks[l] || this.tasks[l]!.length < b) {
        this.tasks[l] = new Int32Array(Math.max(b, view.nodeSlots))
        this.exists[l] = new Uint8Array(Math.max(b, view.nodeSlots))
        this.room[l] = new Uint8Array(Math.max(b, view.nodeSlots))
      }
      this.tasks[l]!.fill(0, 0, b)
      this.exists[l]!.fill(0, 0, b)
      this.room[l]!.fill(0, 0, b)
    }
    const app = this.app
    for (let n = 0 as NodeId; n < view.nodeSlots; n++) {
      // A node is in swarm's node set while it is known: ready, or down but still holding tasks.
      const c = view.podsOfApp(app, n)
      if (!view.isReady(n) && view.podCount(n) === 0) continue
      for (let l = 0; l < tree.levels; l++) {
        const p = tree.pathOf[l]![n]!
        this.tasks[l]![p]! += c
        this.exists[l]![p] = 1
      }
    }
  }

  /** The branch at the last level that takes the task (walks the preference levels top-down). */
  private chooseLeafBranch(tree: Tree, count: number): number {
    for (let i = 0; i < count; i++) {
      const n = this.nodes[i]!
      for (let l = 0; l < tree.levels; l++) this.room[l]![tree.pathOf[l]![n]!] = 1
    }
    let parent = 0
    for (let l = 0; l < tree.levels; l++) parent = this.chooseBranch(tree, l, parent)
    return parent
  }

  /** One level of scheduleNTasksOnSubtree for a single task. */
  private chooseBranch(tree: Tree, l: number, parent: number): number {
    const tasks = this.tasks[l]!
    const exists = this.exists[l]!
    const room = this.room[l]!
    const parents = tree.parentOf[l]!
    let k = 0
    let usableTasks = 0
    for (let b = 0; b < tree.branchCount[l]!; b++) {
      if (parents[b] !== parent || exists[b] === 0) continue
      this.order[k] = b
      this.setAside[k] = 0
      usableTasks += tasks[b]!
      k++
    }
    let usable = k
    while (usable > 0) {
      const desired = Math.floor((usableTasks + 1) / usable)
      const remainder = (usableTasks + 1) % usable
      this.shuffle(k)
      let progressed = false
      for (let j = 0; j < k; j++) {
        if (this.setAside[j] === 1) continue
        const b = this.order[j]!
        const c = tasks[b]!
        if (c < desired || (c === desired && remainder > 0)) {
          if (room[b] === 1) return b
          this.setAside[j] = 1
          usable--
          usableTasks -= c
          progressed = true
        }
      }
      if (!progressed) break
    }
    throw new Error(`swarm-spread: no branch at level ${l} took the task although a feasible node exists`)
  }

  /** Fisher-Yates over order[0..k) together with the set-aside flags. */
  private shuffle(k: number): void {
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1))
      const o = this.order[i]!
      this.order[i] = this.order[j]!
      this.order[j] = o
      const s = this.setAside[i]!
      this.setAside[i] = this.setAside[j]!
      this.setAside[j] = s
    }
  }
}

export const swarmSpreadPlugin: PlacementModule<Record<string, never>> = {
  name: 'swarm-spread',
  description: "swarmkit's ranking: placement preferences (spread over labels, nested), then fewest tasks of the workload, then fewest tasks",
  defaults: {},
  check: () => [],
  create: (_args, ctx) => new SwarmSpread(ctx.rng),
}

export const swarmSpread: PlacementPolicy = {
  name: 'swarm-spread',
  description: 'Docker Swarm mode: constraints, max replicas per node, spread by placement preferences, then by tasks of the service and in total',
  profile: {
    tieBreak: 'random',
    plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'swarm-constraints' }, { name: 'swarm-spread' }],
  },
}
