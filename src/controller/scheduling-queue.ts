/**
 * Kubernetes' scheduling queue, reduced to what placement needs. Pods are tried in queue order:
 * higher priority first, then earlier creation, then lower pod id. Two parts:
 * - the active queue: pods not yet tried (a fastpriorityqueue of pod ids with a comparator over
 *   the pod table; off the per-event path, one push and pop per pod, where its object model fits,
 *   STYLE.md section 2);
 * - the waiting pods: tried and found unschedulable, kept sorted in queue order. A waiting pod is
 *   tried again only when a node it could now fit on has changed (a pod finished, a node was
 *   added), never by polling.
 *
 * A scheduling cycle walks both parts merged in queue order (`startCycle`, `next` until -1,
 * `keepWaiting` for pods that stay unschedulable, `endCycle`); pods kept during a walk come out
 * in queue order, so the waiting list stays sorted without a sort.
 */
import FastPriorityQueue from 'fastpriorityqueue'
import type { Cluster, PodId } from '../model/index.js'

export class SchedulingQueue {
  private readonly active: FastPriorityQueue<number>
  private readonly before: (a: number, b: number) => boolean
  private waiting = new Int32Array(64)
  private waitingLen = 0
  private kept = new Int32Array(64)
  private keptLen = 0
  private cursor = 0
  /** Whether the pod last returned by `next` came from the waiting pods. */
  lastWasWaiting = false

  constructor(cluster: Cluster) {
    const t = cluster.pods
    // The comparator reads the table on each call: its arrays are replaced as the table grows.
    this.before = (a, b) => {
      const pa = t.priority[a]!
      const pb = t.priority[b]!
      if (pa !== pb) return pa > pb
      const ca = t.createdMs[a]!
      const cb = t.createdMs[b]!
      return ca !== cb ? ca < cb : a < b
    }
    this.active = new FastPriorityQueue<number>(this.before)
  }

  push(p: PodId): void {
    this.active.add(p)
  }

  get activeCount(): number {
    return this.active.size
  }

  get waitingCount(): number {
    return this.waitingLen
  }

  startCycle(): void {
    this.cursor = 0
    this.keptLen = 0
  }

  /** The next pod in queue order over active and waiting pods, or -1 when both are exhausted. */
  next(): number {
    const w = this.cursor < this.waitingLen ? this.waiting[this.cursor]! : -1
    const a = this.active.isEmpty() ? -1 : this.active.peek()!
    if (w < 0 && a < 0) return -1
    if (w >= 0 && (a < 0 || this.before(w, a))) {
      this.cursor++
      this.lastWasWaiting = true
      return w
    }
    this.active.poll()
    this.lastWasWaiting = false
    return a
  }

  /** The pod returned by `next` stays unschedulable. */
  keepWaiting(p: PodId): void {
    if (this.keptLen === this.kept.length) {
      const grown = new Int32Array(this.kept.length * 2)
      grown.set(this.kept)
      this.kept = grown
    }
    this.kept[this.keptLen++] = p
  }

  endCycle(): void {
    if (this.cursor < this.waitingLen || !this.active.isEmpty()) throw new Error('endCycle: the cycle did not walk every pod')
    const old = this.waiting
    this.waiting = this.kept
    this.waitingLen = this.keptLen
    this.kept = old.length >= this.waiting.length ? old : new Int32Array(this.waiting.length)
    this.keptLen = 0
  }
}
