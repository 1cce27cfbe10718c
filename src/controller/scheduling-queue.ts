/**
 * Kubernetes' scheduling queue, reduced to what placement needs: an active queue ordered by
 * priority (higher first), then creation time, then pod id; and the unschedulable pods, which
 * return to the active queue only when a node they could now fit on has changed (a pod finished,
 * a node was added), never by polling.
 *
 * The active queue is a fastpriorityqueue of pod ids with a comparator over the pod table's typed
 * arrays: off the per-event path (one push and pop per placement attempt), where its object model
 * fits (STYLE.md section 2).
 */
import FastPriorityQueue from 'fastpriorityqueue'
import type { PodId, Cluster } from '../model/index.js'

export class SchedulingQueue {
  private readonly active: FastPriorityQueue<number>
  /** Unschedulable pods in the order they failed (a pod at most once). */
  private waiting: number[] = []

  constructor(cluster: Cluster) {
    const t = cluster.pods
    // The comparator reads the table each call: the arrays may be replaced as the table grows.
    this.active = new FastPriorityQueue<number>((a, b) => {
      const pa = t.priority[a]!
      const pb = t.priority[b]!
      if (pa !== pb) return pa > pb
      const ca = t.createdMs[a]!
      const cb = t.createdMs[b]!
      return ca !== cb ? ca < cb : a < b
    })
  }

  push(p: PodId): void {
    this.active.add(p)
  }

  /** The next pod to try, or -1. */
  pop(): number {
    return this.active.isEmpty() ? -1 : this.active.poll()!
  }

  get activeCount(): number {
    return this.active.size
  }

  get waitingCount(): number {
    return this.waiting.length
  }

  markUnschedulable(p: PodId): void {
    this.waiting.push(p)
  }

  /** Moves every waiting pod for which `ready(pod)` holds back to the active queue, in order. */
  requeueWhere(ready: (p: PodId) => boolean): void {
    const keep: number[] = []
    for (const p of this.waiting) {
      if (ready(p as PodId)) this.active.add(p)
      else keep.push(p)
    }
    this.waiting = keep
  }

  /** Removes a pod from the waiting set (it was deleted or failed while pending). */
  forget(p: PodId): void {
    const i = this.waiting.indexOf(p)
    if (i >= 0) this.waiting.splice(i, 1)
  }
}
