/**
 * Node state as struct-of-arrays, sized once from the pools' maximum sizes. Each pool owns a block
 * of slots; node ids are `pool base + index`, and nodes are named `<pool>-<index>` (0-based).
 *
 * This table only stores; the invariants that span nodes and pods (requests never over capacity,
 * a pod on exactly one node) are kept by `Cluster`, the only writer.
 */
import type { NodeId, PoolId } from './ids.js'
import { NodeState } from './phases.js'
import { nodeLabels, type PoolSpec } from './pool.js'

export class NodeTable {
  readonly slotCount: number
  readonly pools: readonly PoolSpec[]
  /** First slot of each pool. */
  readonly poolBase: Int32Array
  readonly extNames: readonly string[]

  readonly pool: Int32Array
  readonly state: Uint8Array
  /** Cordoned: running pods stay, no new ones are placed (Kubernetes `spec.unschedulable`). */
  readonly unschedulable: Uint8Array
  readonly cpuCapMilli: Float64Array
  readonly cpuReqMilli: Float64Array
  /** Requests with kube-scheduler's non-zero defaults, used only by scoring. */
  readonly cpuNonZeroReqMilli: Float64Array
  readonly memCapBytes: Float64Array
  readonly memReqBytes: Float64Array
  readonly memNonZeroReqBytes: Float64Array
  readonly gpuCap: Float64Array
  readonly gpuReq: Float64Array
  readonly podsCap: Int32Array
  readonly podCount: Int32Array
  /** Extended resources, row-major: slot * extNames.length + resource index. */
  readonly extCap: Float64Array
  readonly extReq: Float64Array
  /**
   * 1 when the machine is up and its pods do their work. A crashed node stops serving at once,
   * while the control plane still sees it Ready until it notices (the gap services feel).
   */
  readonly serving: Uint8Array
  /** Time the node entered its current state (ms). */
  readonly stateSinceMs: Float64Array
  readonly names: string[]
  readonly labels: Readonly<Record<string, string>>[]

  constructor(pools: readonly PoolSpec[], extNames: readonly string[]) {
    this.pools = pools
    this.extNames = extNames
    this.poolBase = new Int32Array(pools.length)
    let slots = 0
    for (let p = 0; p < pools.length; p++) {
      this.poolBase[p] = slots
      slots += pools[p]!.max
    }
    this.slotCount = slots
    this.pool = new Int32Array(slots)
    this.state = new Uint8Array(slots)
    this.unschedulable = new Uint8Array(slots)
    this.cpuCapMilli = new Float64Array(slots)
    this.cpuReqMilli = new Float64Array(slots)
    this.cpuNonZeroReqMilli = new Float64Array(slots)
    this.memCapBytes = new Float64Array(slots)
    this.memReqBytes = new Float64Array(slots)
    this.memNonZeroReqBytes = new Float64Array(slots)
    this.gpuCap = new Float64Array(slots)
    this.gpuReq = new Float64Array(slots)
    this.podsCap = new Int32Array(slots)
    this.podCount = new Int32Array(slots)
    this.extCap = new Float64Array(slots * extNames.length)
    this.extReq = new Float64Array(slots * extNames.length)
    this.serving = new Uint8Array(slots)
    this.stateSinceMs = new Float64Array(slots)
    this.names = new Array<string>(slots)
    this.labels = new Array<Record<string, string>>(slots)
    for (let p = 0; p < pools.length; p++) {
      const pool = pools[p]!
      for (let i = 0; i < pool.max; i++) {
        const n = this.poolBase[p]! + i
        const name = `${pool.name}-${i}`
        this.pool[n] = p
        this.names[n] = name
        this.labels[n] = Object.freeze(nodeLabels(pool, i, name))
        this.cpuCapMilli[n] = pool.capacity.cpuMilli
        this.memCapBytes[n] = pool.capacity.memBytes
        this.gpuCap[n] = pool.capacity.gpu
        this.podsCap[n] = pool.maxPods
        for (let r = 0; r < extNames.length; r++) this.extCap[n * extNames.length + r] = pool.capacity.ext[extNames[r]!] ?? 0
      }
    }
  }

  nodeOf(pool: PoolId, index: number): NodeId {
    return (this.poolBase[pool]! + index) as NodeId
  }

  /** The node id of a name such as `general-3`, or undefined. */
  findByName(name: string): NodeId | undefined {
    const i = this.names.indexOf(name)
    return i < 0 ? undefined : (i as NodeId)
  }

  isPresent(n: NodeId): boolean {
    return this.state[n] !== NodeState.Absent
  }
}
