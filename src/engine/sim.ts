/**
 * The simulation clock and run loop: schedules `(kind, a, b)` events at whole-millisecond times and
 * dispatches each to the one handler registered for its kind, in (time, scheduling order).
 *
 * Owns the clock, the event payload tables and cancellation. It does not know what kinds mean
 * (the controller registers handlers), never reads the wall clock and holds no randomness.
 *
 * Layout: an event is a slot in one Int32Array payload table, four words per slot
 * (kind | cancelled flag, a, b, generation), recycled through a LIFO free list; the heap
 * (`event-queue.ts`) orders slots. Nothing is allocated per event: no closure, object or array;
 * the tables only grow, by doubling.
 *
 * EventId = (generation mod 128) * 2^24 + slot: at most 2^24 (16.7 M) events pending at once, and
 * the id fits in 31 bits, so V8 keeps it a small integer (no heap number per schedule; an id of
 * up to 2^53 cost 8 % of hold/engine/1e4 throughput, CPU time, three alternating runs each).
 * A slot's generation moves on when its event runs or its tombstone is popped, so a stale id
 * (for an event that already ran, whose slot now holds another event) never cancels the newcomer,
 * unless the slot was reused a multiple of 128 times since. Controllers drop an event's id when
 * the event runs, so a stale id can only come from a bug, and this check catches nearly all.
 */
import { EventQueue } from './event-queue.js'

/** A small integer < 64, defined by the layer that registers handlers (an `as const` object). */
export type EventKind = number
export type EventId = number & { readonly brand: 'EventId' }
/** Receives the event's two int32 payload values, such as a pod and a node. */
export type Handler = (a: number, b: number) => void

/** Kinds are 0..MAX_KINDS-1, so the handler table is a small dense array. */
export const MAX_KINDS = 64
const SLOT_BITS = 24
const SLOT_SPAN = 2 ** SLOT_BITS
const MAX_SLOTS = SLOT_SPAN
const GEN_MASK = 2 ** 29 - 1
/** Generation bits kept in an EventId (7: with 24 slot bits the id stays a 31-bit Smi). */
const ID_GEN_MASK = 0x7f
const DEFAULT_CAPACITY = 1024
// Payload words per slot: [KIND] = kind | CANCELLED, [A], [B], [GEN].
const WORDS = 4
const KIND = 0
const A = 1
const B = 2
const GEN = 3
const CANCELLED = 0x100 // above every kind (< 64), so `word & CANCELLED` tests the flag

export class Sim {
  private now = 0
  private processed = 0
  private stopped = false
  private running = false
  // True while a handler runs and the heap's head is still the entry of the event being
  // dispatched: the handler's first schedule() overwrites it (replaceTop: pop and push as one
  // sift-down); otherwise it is popped when the handler returns, or on the next step, run,
  // peekTimeMs or pendingCount if the handler threw.
  private headIsStale = false
  // perf: `declare` on fields the constructor assigns, as in event-queue.ts: an initializer-less
  // class field is first defined as `undefined`, which makes V8 generalize the field's type and
  // map-check every typed-array access on the per-event path.
  private declare readonly queue: EventQueue
  private readonly handlers: Handler[] = []
  private readonly registered = new Uint8Array(MAX_KINDS)
  // Slot tables, indexed by the slot the heap stores.
  // perf: one interleaved table rather than one array per field, so dispatching an event touches
  // one cache line instead of five (the popped slot is effectively random). hold/engine/1e4 in
  // bench/engine.bench.ts went from 0.60x to 0.71x of the reference (one run each on a busy machine).
  private declare payload: Int32Array
  private declare freeSlots: Int32Array
  private freeCount = 0
  private slotsUsed = 0 // high-water mark: slots below it have been handed out at least once

  /** `initialCapacity` pre-sizes the heap and slot tables (pending events); both grow as needed. */
  constructor(initialCapacity = DEFAULT_CAPACITY) {
    const cap = Math.min(MAX_SLOTS, Math.max(16, Math.ceil(initialCapacity)))
    this.queue = new EventQueue(cap)
    this.payload = new Int32Array(cap * WORDS)
    this.freeSlots = new Int32Array(cap)
    // Every kind starts with a handler that throws, so dispatch needs no "is it registered" branch.
    for (let k = 0; k < MAX_KINDS; k++) this.handlers.push(this.missingHandler(k))
  }

  /** Simulated time in whole ms: the time of the event being (or last) dispatched. */
  get nowMs(): number {
    return this.now
  }

  /** Events dispatched so far; cancelled events are not counted. */
  get eventsProcessed(): number {
    return this.processed
  }

  /**
   * Events in the queue, including cancelled ones whose tombstones have not reached the head yet
   * (cancel is lazy), so this is an upper bound on the live events.
   */
  get pendingCount(): number {
    this.popStaleHead()
    return this.queue.size
  }

  /** Registers the handler for `kind`. One handler per kind: registering twice throws. */
  on(kind: EventKind, handler: Handler): void {
    checkKind('on', kind)
    if (this.registered[kind] === 1) throw new Error(`on: event kind ${kind} already has a handler`)
    this.registered[kind] = 1
    this.handlers[kind] = handler
  }

  /** Schedules an event `delayMs` (a whole number >= 0) after now; a and b must be int32. */
  schedule(delayMs: number, kind: EventKind, a = 0, b = 0): EventId {
    // perf: the int32 test is the common case and cheapest; delays past 2^31 ms (24.8 days) take
    // the second test. Rejects NaN, Infinity, fractions and negatives.
    if (((delayMs | 0) !== delayMs || delayMs < 0) && !(delayMs >= 0 && Number.isSafeInteger(delayMs))) {
      throw new Error(
        `schedule: delay must be a whole number of ms >= 0 for event kind ${kind}, got ${delayMs}`,
      )
    }
    return this.add('schedule', this.now + delayMs, kind, a, b)
  }

  /** Schedules an event at absolute time `timeMs`, a whole number >= nowMs. */
  scheduleAt(timeMs: number, kind: EventKind, a = 0, b = 0): EventId {
    if (!(timeMs >= this.now && Number.isSafeInteger(timeMs))) {
      throw new Error(
        `scheduleAt: time must be a whole number of ms >= nowMs (${this.now}) for event kind ${kind}, got ${timeMs}`,
      )
    }
    return this.add('scheduleAt', timeMs, kind, a, b)
  }

  /**
   * Cancels a pending event; it will never run. Lazy: the entry stays queued as a tombstone and is
   * dropped when it reaches the head. Returns false, and changes nothing, when the event already
   * ran, was already cancelled, or the id is stale (its slot now belongs to a later event).
   */
  cancel(id: EventId): boolean {
    const slot = id & (SLOT_SPAN - 1)
    const gen = id >>> SLOT_BITS
    if (!(slot >= 0 && slot < this.slotsUsed)) return false
    const p = this.payload
    const at = slot * WORDS
    if ((p[at + GEN]! & ID_GEN_MASK) !== gen || (p[at + KIND]! & CANCELLED) !== 0) return false
    // A free slot cannot match: its generation was bumped on release, past the ids issued for it
    // (up to the 128-reuse wrap of the id bits).
    p[at + KIND] = p[at + KIND]! | CANCELLED
    return true
  }

  /** Time of the next live event, or Infinity when none is left. Drops tombstones at the head. */
  peekTimeMs(): number {
    this.popStaleHead()
    this.dropCancelledHead()
    return this.queue.peekTimeMs()
  }

  /** Runs the next live event. Returns false, with nothing run, when none is left. */
  step(): boolean {
    this.popStaleHead()
    const q = this.queue
    while (q.size > 0) {
      const slot = q.peekSlot()
      if ((this.payload[slot * WORDS + KIND]! & CANCELLED) !== 0) {
        q.pop()
        this.releaseCancelled(slot)
        continue
      }
      this.dispatchHead(q.peekTimeMs(), slot)
      this.popStaleHead()
      return true
    }
    return false
  }

  /**
   * Runs every event with time < untilMs in order, including events the handlers schedule, then
   * sets nowMs = untilMs when it is finite. Events at exactly untilMs stay pending, so
   * `run(t1); run(t2)` equals `run(t2)`. After `stop()` it returns early and leaves nowMs at the
   * last event. Handlers must not call `run` or `step`.
   */
  run(untilMs = Infinity): void {
    if (!(untilMs >= this.now) || (untilMs !== Infinity && Math.floor(untilMs) !== untilMs)) {
      throw new Error(`run: untilMs must be a whole number of ms >= nowMs (${this.now}) or Infinity, got ${untilMs}`)
    }
    if (this.running) throw new Error('run: already running; handlers must not call run or step')
    this.running = true
    this.stopped = false
    this.popStaleHead()
    const q = this.queue
    try {
      while (!this.stopped && q.size > 0) {
        const slot = q.peekSlot()
        if ((this.payload[slot * WORDS + KIND]! & CANCELLED) !== 0) {
          q.pop()
          this.releaseCancelled(slot)
          continue
        }
        const t = q.peekTimeMs()
        if (t >= untilMs) break
        this.dispatchHead(t, slot)
        this.popStaleHead()
      }
    } finally {
      this.running = false
    }
    if (!this.stopped && untilMs !== Infinity) this.now = untilMs
    this.stopped = false
  }

  /** Makes the current `run()` return after the event being dispatched (for progress or abort). */
  stop(): void {
    this.stopped = true
  }

  // Runs the head event (slot, at time t), leaving its heap entry to be replaced or popped (see
  // headIsStale). The slot is freed before the handler runs, so the handler's own schedule() can
  // reuse it, and cancelling this event's id from inside its handler returns false.
  private dispatchHead(t: number, slot: number): void {
    this.headIsStale = true
    this.now = t
    const p = this.payload
    const at = slot * WORDS
    const kind = p[at + KIND]!
    const a = p[at + A]!
    const b = p[at + B]!
    p[at + GEN] = (p[at + GEN]! + 1) & GEN_MASK
    this.freeSlots[this.freeCount++] = slot
    this.processed++
    this.handlers[kind]!(a, b)
  }

  private add(caller: string, timeMs: number, kind: EventKind, a: number, b: number): EventId {
    // perf: one mask test rejects fractions, negatives, NaN and kinds >= 64 (MAX_KINDS).
    if ((kind & (MAX_KINDS - 1)) !== kind) checkKind(caller, kind)
    if ((a | 0) !== a || (b | 0) !== b) {
      throw new Error(`${caller}: payload a and b must be int32 for event kind ${kind}, got ${a} and ${b}`)
    }
    let slot: number
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!
    else {
      slot = this.slotsUsed
      if (slot * WORDS === this.payload.length) this.growSlots()
      this.slotsUsed = slot + 1
    }
    const p = this.payload
    const at = slot * WORDS
    p[at + KIND] = kind
    p[at + A] = a
    p[at + B] = b
    if (this.headIsStale) {
      this.headIsStale = false
      this.queue.replaceTop(timeMs, slot)
    } else this.queue.push(timeMs, slot)
    return (((p[at + GEN]! & ID_GEN_MASK) << SLOT_BITS) | slot) as EventId
  }

  private popStaleHead(): void {
    if (this.headIsStale) {
      this.headIsStale = false
      this.queue.pop()
    }
  }

  private dropCancelledHead(): void {
    const q = this.queue
    while (q.size > 0) {
      const slot = q.peekSlot()
      if ((this.payload[slot * WORDS + KIND]! & CANCELLED) === 0) return
      q.pop()
      this.releaseCancelled(slot)
    }
  }

  private releaseCancelled(slot: number): void {
    const at = slot * WORDS
    this.payload[at + KIND] = 0
    this.payload[at + GEN] = (this.payload[at + GEN]! + 1) & GEN_MASK
    this.freeSlots[this.freeCount++] = slot
  }

  private growSlots(): void {
    const slots = this.freeSlots.length
    if (slots >= MAX_SLOTS) {
      throw new Error(`schedule: more than ${MAX_SLOTS} events pending at once; EventId has 24 slot bits`)
    }
    this.payload = grown(this.payload, new Int32Array(slots * 2 * WORDS))
    this.freeSlots = grown(this.freeSlots, new Int32Array(slots * 2))
  }

  private missingHandler(kind: number): Handler {
    return () => {
      throw new Error(`no handler registered for event kind ${kind} (event at ${this.now} ms)`)
    }
  }
}

function checkKind(caller: string, kind: number): void {
  if (!(kind >= 0 && kind < MAX_KINDS && (kind | 0) === kind)) {
    throw new Error(`${caller}: event kind must be an integer in 0..${MAX_KINDS - 1}, got ${kind}`)
  }
}

function grown(from: Int32Array, to: Int32Array): Int32Array {
  to.set(from)
  return to
}
