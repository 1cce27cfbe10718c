/**
 * Pod state as struct-of-arrays that grow by doubling as pods arrive. A pod keeps its row for the
 * whole run (rows become pods.csv). Pods bound to a node are threaded on a per-node doubly linked
 * list through `nextOnNode`/`prevOnNode`, so evicting a node's pods allocates nothing.
 *
 * Only `Cluster` writes here, and it keeps the invariants (see cluster.ts).
 */
import { grow } from './growable.js'
import { NO_NODE, type NodeId, type PodId } from './ids.js'
import { PodPhase } from './phases.js'

const INITIAL_CAPACITY = 1024

export class PodTable {
  count = 0
  capacity = INITIAL_CAPACITY
  readonly extCount: number
  app = new Int32Array(INITIAL_CAPACITY)
  /** Index of the pod within its app (0-based); the pod's name is `<app>-<ordinal>`. */
  ordinal = new Int32Array(INITIAL_CAPACITY)
  phase = new Uint8Array(INITIAL_CAPACITY)
  /** PodEnd: why the pod ended, beyond its phase (0 = nothing more to say). */
  end = new Uint8Array(INITIAL_CAPACITY)
  node = new Int32Array(INITIAL_CAPACITY).fill(NO_NODE)
  priority = new Int32Array(INITIAL_CAPACITY)
  cpuMilli = new Float64Array(INITIAL_CAPACITY)
  cpuNonZeroMilli = new Float64Array(INITIAL_CAPACITY)
  memBytes = new Float64Array(INITIAL_CAPACITY)
  memNonZeroBytes = new Float64Array(INITIAL_CAPACITY)
  gpu = new Float64Array(INITIAL_CAPACITY)
  ext: Float64Array
  /** How long the pod runs once bound (ms); Infinity for pods that never finish by themselves. */
  durationMs = new Float64Array(INITIAL_CAPACITY)
  /** NaN until the moment has happened. */
  createdMs = new Float64Array(INITIAL_CAPACITY)
  scheduledMs = new Float64Array(INITIAL_CAPACITY).fill(NaN)
  finishedMs = new Float64Array(INITIAL_CAPACITY).fill(NaN)
  nextOnNode = new Int32Array(INITIAL_CAPACITY).fill(-1)
  prevOnNode = new Int32Array(INITIAL_CAPACITY).fill(-1)
  /** Container restarts on the same node (crash loops, node reboots), as kubectl shows them. */
  restarts = new Int32Array(INITIAL_CAPACITY)
  /** The pod this one replaces (an evicted pod of the same owner), or -1. */
  replaces = new Int32Array(INITIAL_CAPACITY).fill(-1)
  /** 1 while the pod's container is down on its node (crashed, backing off): bound but not serving. */
  containerDown = new Uint8Array(INITIAL_CAPACITY)

  constructor(extCount: number) {
    this.extCount = extCount
    this.ext = new Float64Array(INITIAL_CAPACITY * extCount)
  }

  /** Appends a Pending pod row and returns its id; the caller fills requests and times. */
  append(): PodId {
    if (this.count === this.capacity) this.growTo(this.capacity * 2)
    const id = this.count++ as PodId
    this.phase[id] = PodPhase.Pending
    return id
  }

  nodeOf(p: PodId): NodeId {
    return this.node[p]! as NodeId
  }

  private growTo(capacity: number): void {
    this.capacity = capacity
    this.app = grow(this.app, capacity)
    this.ordinal = grow(this.ordinal, capacity)
    this.phase = grow(this.phase, capacity)
    this.end = grow(this.end, capacity)
    this.node = grow(this.node, capacity, NO_NODE)
    this.priority = grow(this.priority, capacity)
    this.cpuMilli = grow(this.cpuMilli, capacity)
    this.cpuNonZeroMilli = grow(this.cpuNonZeroMilli, capacity)
    this.memBytes = grow(this.memBytes, capacity)
    this.memNonZeroBytes = grow(this.memNonZeroBytes, capacity)
    this.gpu = grow(this.gpu, capacity)
    this.ext = grow(this.ext, capacity * this.extCount)
    this.durationMs = grow(this.durationMs, capacity)
    this.createdMs = grow(this.createdMs, capacity)
    this.scheduledMs = grow(this.scheduledMs, capacity, NaN)
    this.finishedMs = grow(this.finishedMs, capacity, NaN)
    this.nextOnNode = grow(this.nextOnNode, capacity, -1)
    this.prevOnNode = grow(this.prevOnNode, capacity, -1)
    this.restarts = grow(this.restarts, capacity)
    this.replaces = grow(this.replaces, capacity, -1)
    this.containerDown = grow(this.containerDown, capacity)
  }
}
