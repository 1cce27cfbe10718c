/**
 * The bookkeeping of one service that both latency models share: its replica table (which pod
 * each replica slot holds and whether it is starting, serving or draining) and its cumulative
 * counters (requests offered, served and dropped, replica-busy and replica-ready time, latency
 * sum), with a history of those counters over time so the metrics pipeline can hand autoscalers
 * window averages as of a past instant. Typed arrays, grown by doubling.
 */
import type { ServiceWorkload } from '../workload/index.js'

export const ReplicaState = {
  Free: 0,
  /** Created, waiting for a node. */
  Pending: 1,
  /** Bound, not ready yet (startup). */
  Starting: 2,
  Serving: 3,
  /** Scale-down: takes no new requests, finishes its own. */
  Draining: 4,
} as const
export type ReplicaState = (typeof ReplicaState)[keyof typeof ReplicaState]

/** Cumulative counters sampled into the history, by column. */
export const Hist = { Offered: 0, Served: 1, Dropped: 2, BusyMs: 3, ReadyMs: 4, LatencySumMs: 5 } as const
const HIST_COLUMNS = 6

const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T => {
  if (n <= a.length) return a
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2))
  b.set(a)
  return b
}

export class ServiceState {
  readonly index: number
  readonly name: string
  readonly spec: ServiceWorkload
  /** The replica count wanted (Kubernetes `spec.replicas`). */
  desired: number
  // Replica table, by replica slot.
  replicaCount = 0
  pod = new Int32Array(16).fill(-1)
  state = new Uint8Array(16)
  startMs = new Float64Array(16)
  readyMs = new Float64Array(16)
  /** The replica's pending ReplicaReady or drain-deadline event, or -1. */
  timer = new Float64Array(16).fill(-1)
  /** Replicas serving now. */
  serving = 0
  // Cumulative counters (requests are expected values in the analytic model).
  offered = 0
  served = 0
  dropped = 0
  /** Replica-ms spent busy (sum over serving replicas of their busy fraction x time). */
  busyMs = 0
  /** Replica-ms spent serving. */
  readyReplicaMs = 0
  latencySumMs = 0
  /** Served requests slower than the SLO's highest percentile threshold. */
  overSlo = 0
  lastMs = 0
  /** Time (ms) with at least `desired` replicas serving, counted up to `availabilityMarkMs`. */
  availableMs = 0
  availabilityMarkMs = 0
  // History of the counters at the times they were brought up to date.
  private histT = new Float64Array(256)
  private hist = new Float64Array(256 * HIST_COLUMNS)
  histCount = 0

  constructor(index: number, name: string, spec: ServiceWorkload) {
    this.index = index
    this.name = name
    this.spec = spec
    this.desired = spec.initialReplicas
  }

  /** Counts the time since the last mark as available when `serving >= desired`; call before either changes. */
  markAvailability(nowMs: number): void {
    if (this.serving >= this.desired) this.availableMs += nowMs - this.availabilityMarkMs
    this.availabilityMarkMs = nowMs
  }

  /** A free replica slot (growing the table when all are taken). */
  allocReplica(): number {
    for (let r = 0; r < this.replicaCount; r++) if (this.state[r] === ReplicaState.Free) return r
    const r = this.replicaCount++
    if (r >= this.pod.length) {
      const n = r + 1
      this.pod = grow(this.pod, n)
      this.state = grow(this.state, n)
      this.startMs = grow(this.startMs, n)
      this.readyMs = grow(this.readyMs, n)
      const t = this.timer.length
      this.timer = grow(this.timer, n)
      this.timer.fill(-1, t)
      this.pod.fill(-1, t)
    }
    return r
  }

  /** Replicas that count toward `desired`: every one not draining. */
  activeReplicas(): number {
    let n = 0
    for (let r = 0; r < this.replicaCount; r++) {
      const s = this.state[r]!
      if (s === ReplicaState.Pending || s === ReplicaState.Starting || s === ReplicaState.Serving) n++
    }
    return n
  }

  /** Appends the counters as of `tMs` to the history (replacing a sample at the same time). */
  record(tMs: number): void {
    let i = this.histCount
    if (i > 0 && this.histT[i - 1] === tMs) i--
    else {
      if (i === this.histT.length) {
        this.histT = grow(this.histT, i + 1)
        this.hist = grow(this.hist, this.histT.length * HIST_COLUMNS)
      }
      this.histCount++
    }
    this.histT[i] = tMs
    const h = this.hist
    const o = i * HIST_COLUMNS
    h[o + Hist.Offered] = this.offered
    h[o + Hist.Served] = this.served
    h[o + Hist.Dropped] = this.dropped
    h[o + Hist.BusyMs] = this.busyMs
    h[o + Hist.ReadyMs] = this.readyReplicaMs
    h[o + Hist.LatencySumMs] = this.latencySumMs
  }

  /** Counter `col` at `tMs`, linear between history samples (0 before the first). */
  at(col: number, tMs: number): number {
    const n = this.histCount
    if (n === 0 || tMs <= this.histT[0]!) return n === 0 ? 0 : this.hist[col]!
    if (tMs >= this.histT[n - 1]!) return this.hist[(n - 1) * HIST_COLUMNS + col]!
    let lo = 0
    let hi = n - 1
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1
      if (this.histT[mid]! <= tMs) lo = mid
      else hi = mid
    }
    const t0 = this.histT[lo]!
    const t1 = this.histT[hi]!
    const a = this.hist[lo * HIST_COLUMNS + col]!
    const b = this.hist[hi * HIST_COLUMNS + col]!
    return t1 > t0 ? a + ((b - a) * (tMs - t0)) / (t1 - t0) : b
  }

  /** Growth of counter `col` over [fromMs, toMs]. */
  delta(col: number, fromMs: number, toMs: number): number {
    return this.at(col, toMs) - this.at(col, fromMs)
  }

  /** The SLO threshold counted by `overSlo`: the highest percentile set (p99, else p95, else p50); NaN if none. */
  get sloThresholdMs(): number {
    const s = this.spec.slo
    return !Number.isNaN(s.p99Ms) ? s.p99Ms : !Number.isNaN(s.p95Ms) ? s.p95Ms : s.p50Ms
  }
}
