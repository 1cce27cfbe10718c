/**
 * The request-level latency model of a service: every request is an arrival event and a
 * completion event. Arrivals come from the load curve by thinning (the service's `load` stream),
 * service times from the service-time distribution (its `service` stream), routing choices from
 * its `routing` stream, so two policies compared on one seed see the same requests.
 *
 * Routing: `shared-queue` holds one FIFO queue at the load balancer and hands the head to the
 * first free slot (an M/M/c queue when the replicas are fixed); `least-outstanding`,
 * `round-robin` and `random` pick a replica at arrival, and each replica serves its own FIFO.
 *
 * Times inside are exact (fractional ms): an event runs at its exact time rounded up, and a
 * request starts at max(its arrival, the moment its slot freed), so latencies are not rounded to
 * whole ms. Queues are typed-array rings; the hot path allocates nothing.
 */
import type { EventId, Rng, Sampler, Sim } from '../engine/index.js'
import { LatencyHistogram } from '../metrics/index.js'
import type { LoadCurveArrivals } from '../workload/index.js'
import { Ev } from './event-kinds.js'
import type { ServiceModel } from './service-model.js'
import { ReplicaState, type ServiceState } from './service-state.js'

/** A FIFO of exact arrival times in a growable ring. */
class TimeRing {
  buf = new Float64Array(64)
  head = 0
  size = 0
  push(t: number): void {
    if (this.size === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2)
      for (let i = 0; i < this.size; i++) b[i] = this.buf[(this.head + i) % this.buf.length]!
      this.buf = b
      this.head = 0
    }
    this.buf[(this.head + this.size) % this.buf.length] = t
    this.size++
  }
  shift(): number {
    const t = this.buf[this.head]!
    this.head = (this.head + 1) % this.buf.length
    this.size--
    return t
  }
  clear(): void {
    this.head = 0
    this.size = 0
  }
}

const NO_EVENT = -1

export class RequestServiceModel implements ServiceModel {
  private readonly s: ServiceState
  private readonly sim: Sim
  private readonly arrivals: LoadCurveArrivals
  private readonly serviceTime: Sampler
  private readonly serviceRng: Rng
  private readonly routingRng: Rng
  private readonly k: number
  private readonly shared: boolean
  private readonly routing: number
  private readonly onIdle: (r: number) => void
  /** The next arrival's exact time (ms). */
  private nextArrivalMs = Infinity
  // Per slot (replica r, j < k: slot r * k + j).
  private slotBusy = new Uint8Array(64)
  private slotArrival = new Float64Array(64)
  private slotFinish = new Float64Array(64)
  private slotFreeSince = new Float64Array(64)
  private slotEvent = new Float64Array(64).fill(NO_EVENT)
  private inStack = new Uint8Array(64)
  private freeStack = new Int32Array(64)
  private freeTop = 0
  // Per replica.
  private busyCount = new Int32Array(16)
  private queues: TimeRing[] = []
  private servingList = new Int32Array(16)
  private rrCursor = 0
  private readonly sharedQueue = new TimeRing()
  private busySlots = 0
  private busySince = 0
  private readonly intervalHist = new LatencyHistogram()
  private readonly runHist = new LatencyHistogram()

  constructor(s: ServiceState, sim: Sim, arrivals: LoadCurveArrivals, serviceTime: Sampler, serviceRng: Rng, routingRng: Rng, onIdle: (r: number) => void) {
    this.s = s
    this.sim = sim
    this.arrivals = arrivals
    this.serviceTime = serviceTime
    this.serviceRng = serviceRng
    this.routingRng = routingRng
    this.k = s.spec.concurrency
    this.shared = s.spec.routing === 'shared-queue'
    this.routing = ['shared-queue', 'least-outstanding', 'round-robin', 'random'].indexOf(s.spec.routing)
    this.onIdle = onIdle
  }

  /** Schedules the first arrival. */
  start(): void {
    this.scheduleNextArrival()
  }

  private scheduleNextArrival(): void {
    const t = this.arrivals.next()
    this.nextArrivalMs = t
    if (t !== Infinity) this.sim.scheduleAt(Math.max(this.sim.nowMs, Math.ceil(t)), Ev.RequestArrived, this.s.index)
  }

  private ensureReplica(r: number): void {
    if (r < this.busyCount.length && (r + 1) * this.k <= this.slotBusy.length && r < this.queues.length) return
    const slots = Math.max((r + 1) * this.k, this.slotBusy.length * 2)
    const g = <T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number, fill?: number): T => {
      if (n <= a.length) return a
      const b = new (a.constructor as new (n: number) => T)(n)
      if (fill !== undefined) b.fill(fill)
      b.set(a)
      return b
    }
    this.slotBusy = g(this.slotBusy, slots)
    this.slotArrival = g(this.slotArrival, slots)
    this.slotFinish = g(this.slotFinish, slots)
    this.slotFreeSince = g(this.slotFreeSince, slots)
    this.slotEvent = g(this.slotEvent, slots, NO_EVENT)
    this.inStack = g(this.inStack, slots)
    this.freeStack = g(this.freeStack, slots)
    const reps = Math.max(r + 1, this.busyCount.length * 2)
    this.busyCount = g(this.busyCount, reps)
    this.servingList = g(this.servingList, reps)
    while (this.queues.length < reps) this.queues.push(new TimeRing())
  }

  /** Brings the busy and ready integrals up to now (event times). */
  private integrate(nowMs: number): void {
    const dt = nowMs - this.busySince
    if (dt > 0) {
      this.s.busyMs += (this.busySlots * dt) / this.k
      this.s.readyReplicaMs += this.s.serving * dt
      this.busySince = nowMs
    }
  }

  advance(nowMs: number): void {
    this.integrate(nowMs)
    this.s.lastMs = nowMs
    this.s.record(nowMs)
  }

  // --- arrivals and routing ---

  onArrival(): void {
    const now = this.sim.nowMs
    const a = this.nextArrivalMs
    this.scheduleNextArrival()
    const s = this.s
    s.offered++
    if (s.serving === 0) {
      s.dropped++
      return
    }
    if (this.shared) {
      const slot = this.popFreeSlot()
      if (slot >= 0) this.startRequest(slot, a, Math.max(a, this.slotFreeSince[slot]!), now)
      else this.sharedQueue.push(a)
      return
    }
    const r = this.pickReplica()
    if (this.busyCount[r]! < this.k) {
      const base = r * this.k
      for (let j = 0; j < this.k; j++) {
        if (this.slotBusy[base + j] === 0) {
          this.startRequest(base + j, a, Math.max(a, this.slotFreeSince[base + j]!), now)
          return
        }
      }
    }
    this.queues[r]!.push(a)
  }

  private pickReplica(): number {
    const n = this.s.serving
    const list = this.servingList
    switch (this.routing) {
      case 1: { // least-outstanding: fewest in service + queued, ties to the earlier in the list
        let best = list[0]!
        let bestLoad = this.busyCount[best]! + this.queues[best]!.size
        for (let i = 1; i < n; i++) {
          const r = list[i]!
          const load = this.busyCount[r]! + this.queues[r]!.size
          if (load < bestLoad) {
            best = r
            bestLoad = load
          }
        }
        return best
      }
      case 2: { // round-robin
        this.rrCursor = (this.rrCursor + 1) % n
        return list[this.rrCursor]!
      }
      default: return list[Math.floor(this.routingRng() * n)]!
    }
  }

  private popFreeSlot(): number {
    while (this.freeTop > 0) {
      const slot = this.freeStack[--this.freeTop]!
      this.inStack[slot] = 0
      const r = (slot / this.k) | 0
      if (this.s.state[r] === ReplicaState.Serving && this.slotBusy[slot] === 0) return slot
    }
    return -1
  }

  private pushFreeSlot(slot: number): void {
    if (this.inStack[slot] === 1) return
    this.inStack[slot] = 1
    this.freeStack[this.freeTop++] = slot
  }

  private startRequest(slot: number, arrivalMs: number, startMs: number, nowMs: number): void {
    this.integrate(nowMs)
    const finish = startMs + Math.max(0, this.serviceTime.sample(this.serviceRng))
    this.slotBusy[slot] = 1
    this.slotArrival[slot] = arrivalMs
    this.slotFinish[slot] = finish
    this.busyCount[(slot / this.k) | 0]!++
    this.busySlots++
    this.slotEvent[slot] = this.sim.scheduleAt(Math.max(nowMs, Math.ceil(finish)), Ev.RequestCompleted, this.s.index, slot)
  }

  onCompletion(slot: number): void {
    const now = this.sim.nowMs
    this.integrate(now)
    const s = this.s
    const f = this.slotFinish[slot]!
    const latency = f - this.slotArrival[slot]!
    this.slotEvent[slot] = NO_EVENT
    this.slotBusy[slot] = 0
    const r = (slot / this.k) | 0
    this.busyCount[r]!--
    this.busySlots--
    s.served++
    s.latencySumMs += latency
    if (latency > s.sloThresholdMs) s.overSlo++
    this.intervalHist.record(latency)
    this.slotFreeSince[slot] = f
    const st = s.state[r]!
    const q = this.shared ? (st === ReplicaState.Serving ? this.sharedQueue : null) : this.queues[r]!
    if (q) {
      while (q.size > 0) {
        const a = q.shift()
        if (f - a > s.spec.timeoutMs) {
          s.dropped++
          continue
        }
        this.startRequest(slot, a, Math.max(a, f), now)
        return
      }
    }
    if (st === ReplicaState.Serving) {
      if (this.shared) this.pushFreeSlot(slot)
    } else if (st === ReplicaState.Draining && this.busyCount[r] === 0 && this.queues[r]!.size === 0) this.onIdle(r)
  }

  // --- replicas ---

  replicaServing(r: number): void {
    const now = this.sim.nowMs
    this.integrate(now)
    this.ensureReplica(r)
    this.servingList[this.s.serving - 1] = r
    const base = r * this.k
    for (let j = 0; j < this.k; j++) {
      const slot = base + j
      this.slotFreeSince[slot] = now
      this.slotBusy[slot] = 0
    }
    if (!this.shared) return
    for (let j = 0; j < this.k; j++) {
      const slot = base + j
      let started = false
      while (this.sharedQueue.size > 0) {
        const a = this.sharedQueue.shift()
        if (now - a > this.s.spec.timeoutMs) {
          this.s.dropped++
          continue
        }
        this.startRequest(slot, a, Math.max(a, now), now)
        started = true
        break
      }
      if (!started) this.pushFreeSlot(slot)
    }
  }

  /** Removes `r` from the serving list (the controller has already lowered `serving`). */
  private unlist(r: number): void {
    const n = this.s.serving + 1
    for (let i = 0; i < n; i++) {
      if (this.servingList[i] === r) {
        this.servingList[i] = this.servingList[n - 1]!
        return
      }
    }
  }

  replicaDraining(r: number): number {
    this.integrate(this.sim.nowMs)
    this.unlist(r)
    this.ensureReplica(r)
    return this.busyCount[r] === 0 && this.queues[r]!.size === 0 ? 0 : this.s.spec.terminationGraceMs
  }

  replicaGone(r: number, wasServing: boolean): void {
    const now = this.sim.nowMs
    this.integrate(now)
    if (wasServing) this.unlist(r)
    this.ensureReplica(r)
    const base = r * this.k
    for (let j = 0; j < this.k; j++) {
      const slot = base + j
      if (this.slotBusy[slot] === 1) {
        this.sim.cancel(this.slotEvent[slot]! as EventId)
        this.slotEvent[slot] = NO_EVENT
        this.slotBusy[slot] = 0
        this.busySlots--
        this.s.dropped++
      }
    }
    this.busyCount[r] = 0
    this.s.dropped += this.queues[r]!.size
    this.queues[r]!.clear()
  }

  startInterval(): void {
    this.runHist.merge(this.intervalHist)
    this.intervalHist.reset()
  }

  intervalQuantile(q: number): number {
    return this.intervalHist.quantile(q)
  }

  runQuantile(q: number): number {
    const h = new LatencyHistogram()
    h.merge(this.runHist)
    h.merge(this.intervalHist)
    return h.quantile(q)
  }

  runCountAbove(ms: number): number {
    return this.runHist.countAbove(ms) + this.intervalHist.countAbove(ms)
  }

  runServed(): number {
    return this.runHist.total + this.intervalHist.total
  }
}
