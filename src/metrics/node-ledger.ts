/**
 * Nodes and what they cost: one nodes.csv row per node lifecycle event, node-hours and cost per
 * pool (a node is billed from the moment it is requested, provisioning included, until it is
 * removed, whether or not it is ready), and the disruption counts of the run (work lost,
 * availability of the nodes). cluster.csv gains `nodes_not_ready` and `cost_so_far`.
 *
 * Node time is summed in whole milliseconds per pool, so the cost of a static cluster is exactly
 * nodes x hours x price. It does not decide anything: controllers call `record` when they change
 * a node, and `workLost` when a batch pod loses progress.
 */
import { NodeState, PodEnd, type Cluster, type NodeId, type PodId } from '../model/index.js'
import { quantiles } from './percentiles.js'
import type { MetricsCollector } from './run-metrics.js'
import { seconds, type Cell, type Table } from './table.js'

/** The events of nodes.csv, in the words. */
export const NodeEvent = {
  Added: 0,
  Ready: 1,
  NotReady: 2,
  Failed: 3,
  Repaired: 4,
  Cordoned: 5,
  Uncordoned: 6,
  Removed: 7,
} as const
export type NodeEvent = (typeof NodeEvent)[keyof typeof NodeEvent]
export const NODE_EVENT_NAMES = ['added', 'ready', 'not_ready', 'failed', 'repaired', 'cordoned', 'uncordoned', 'removed'] as const

const MS_PER_H = 3_600_000

export class NodeLedger implements MetricsCollector {
  readonly clusterColumns = ['nodes_not_ready', 'cost_so_far'] as const
  private readonly cluster: Cluster
  private timeMs: number[] = []
  private node: number[] = []
  private event: number[] = []
  /** Present nodes (billed) per pool now, and their node-milliseconds so far. */
  private readonly billed: Int32Array
  private readonly nodeMs: Float64Array
  private lastMs = 0
  private workLostMs = 0
  /** Ready node-milliseconds vs present node-milliseconds (node availability). */
  private readyNodeMs = 0
  private presentNodeMs = 0

  constructor(cluster: Cluster) {
    this.cluster = cluster
    this.billed = new Int32Array(cluster.pools.length)
    this.nodeMs = new Float64Array(cluster.pools.length)
  }

  /** Records a node event at `nowMs`. Call `added` right after a node took a slot, `removed` right after it left. */
  record(nowMs: number, n: NodeId, event: NodeEvent): void {
    this.advance(nowMs)
    this.timeMs.push(nowMs)
    this.node.push(n)
    this.event.push(event)
    const pool = this.cluster.poolOf(n)
    if (event === NodeEvent.Added) this.billed[pool]!++
    else if (event === NodeEvent.Removed) this.billed[pool]!--
  }

  /** A batch pod lost `ms` of work (progress since its last checkpoint). */
  workLost(ms: number): void {
    this.workLostMs += ms
  }

  private advance(nowMs: number): void {
    const dt = nowMs - this.lastMs
    if (dt <= 0) return
    let present = 0
    for (let p = 0; p < this.billed.length; p++) {
      this.nodeMs[p]! += this.billed[p]! * dt
      present += this.billed[p]!
    }
    this.presentNodeMs += present * dt
    this.readyNodeMs += this.cluster.readyNodes * dt
    this.lastMs = nowMs
  }

  /** Cost so far, summed over pools in pool order. */
  costAt(nowMs: number): number {
    this.advance(nowMs)
    let cost = 0
    for (let p = 0; p < this.nodeMs.length; p++) cost += (this.nodeMs[p]! / MS_PER_H) * this.cluster.pools[p]!.costPerHour
    return cost
  }

  sample(nowMs: number, out: Float64Array): void {
    const c = this.cluster
    let notReady = 0
    for (let n = 0; n < c.nodeSlots; n++) if (c.nodes.state[n] === NodeState.NotReady) notReady++
    out[0] = notReady
    out[1] = this.costAt(nowMs)
  }

  close(endMs: number): void {
    this.advance(endMs)
  }

  summary(): readonly (readonly [string, Cell])[] {
    const c = this.cluster
    const t = c.pods
    let evicted = 0
    let restarts = 0
    const delays = new Float64Array(t.count)
    let replaced = 0
    for (let p = 0; p < t.count; p++) {
      if (t.end[p] === PodEnd.Evicted) evicted++
      restarts += t.restarts[p]!
      const old = t.replaces[p]!
      if (old >= 0 && !Number.isNaN(t.scheduledMs[p]!)) delays[replaced++] = (t.scheduledMs[p]! - t.finishedMs[old as PodId]!) / 1000
    }
    const [p50, p99] = quantiles(delays, replaced, [0.5, 0.99])
    let hours = 0
    for (let p = 0; p < this.nodeMs.length; p++) hours += this.nodeMs[p]! / MS_PER_H
    return [
      ['node_hours', hours],
      ['cost', this.costAt(this.lastMs)],
      ['pods_evicted', evicted],
      ['pods_restarted', restarts],
      ['batch_work_lost_s', seconds(this.workLostMs)],
      // Empty (not NaN) without replacements: an empty string survives JSON round trips (sweep journals).
      ['reschedule_p50_s', replaced ? p50 : ''],
      ['reschedule_p99_s', replaced ? p99 : ''],
      ['node_availability', this.presentNodeMs > 0 ? this.readyNodeMs / this.presentNodeMs : NaN],
    ]
  }

  tables(): Readonly<Record<string, Table>> {
    const c = this.cluster
    const rows: Cell[][] = this.timeMs.map((ms, i) => {
      const n = this.node[i]! as NodeId
      return [seconds(ms), c.nodeName(n), c.pools[c.poolOf(n)]!.name, NODE_EVENT_NAMES[this.event[i]!]]
    })
    return { nodes: { columns: ['time_s', 'node', 'pool', 'event'], rows } }
  }
}
