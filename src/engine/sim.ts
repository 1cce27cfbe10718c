/**
 * The simulation clock and run loop: schedules `(kind, a, b)` events at whole-millisecond times and
 * dispatches each to the one handler registered for its kind, in (time, scheduling order).
 *
 * Owns the clock, the event payload tables and cancellation. It does not know what kinds mean
 * (the controller registers handlers), never reads the wall clock and holds no randomness.
 *
 * Layout: an event is a slot in one Int32Array payload table, four words per slot
 * (kind | cancelled and free flags, a, b, generation), recycled through a LIFO free list that
 * starts out holding every slot of the table; the heap
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
/** At most 2^24 slots: the EventId keeps 24 slot bits and 7 generation bits. */
const MAX_SLOTS = 2 ** 24
const DEFAULT_CAPACITY = 1024

// Slot layout in `payload`, at `at = slot * 4` (the per-event code writes these as literals):
//   p[at]     kind | 0x100 when cancelled (0x100 is above every kind < 64); 0x200 when free
//   p[at + 1] a
//   p[at + 2] b
//   p[at + 3] generation, mod 2^29 (0x1fffffff)
// EventId = (generation & 0x7f) << 24 | slot.
// perf: literals, not named module constants, on the per-event path: V8 reads a module-level
// `const` from a context slot with a hole (TDZ) check at every use, even in optimized code, and
// counts those bytecodes against its inlining budget. Named constants in step/schedule/cancel measured
// 5.3 M events/s on hold/engine/1e4 against 6.6 M with literals (CPU time, medians of seven
// alternating runs).
const WORDS = 4

export class Sim {
  // perf: `now` is created holding a fraction, then set to 0 in the constructor, so V8 gives the
  // field its double representation from the start. Created as 0 it began as a small integer and
  // the first step() (storing a time read from the heap's Float64Array) changed it, deprecating
  // the Sim's map and deoptimizing every schedule() compiled before the run: hold/engine/1e4 then
  // ran at 5.4-5.6 M events/s in about one run of five, against 6.8-7.3 M (CPU time, `--trace-deopt`
  // and `--trace-generalization` show it). Times pass 2^31 ms (24.8 days) anyway in long runs.
  private declare now: number
  private processed = 0
  private stopped = false
  private running = false
  // True while a handler runs and the heap's head is still the entry of the event being
  // dispatched: the handler's first schedule() overwrites it (EventQueue.insert with replaceHead:
  // pop and push as one sift-down); otherwise it is popped when the handler returns, or on the next step, run,
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

  /** `initialCapacity` pre-sizes the heap and slot tables (pending events); both grow as needed. */
  constructor(initialCapacity = DEFAULT_CAPACITY) {
    this.now = 0.5
    this.now = 0
    const cap = Math.min(MAX_SLOTS, Math.max(16, Math.ceil(initialCapacity)))
    this.queue = new EventQueue(cap)
    this.payload = new Int32Array(cap * WORDS)
    this.freeSlots = new Int32Array(cap)
    this.addFreeSlots(0, cap)
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

  /**
   * Schedules an event `delayMs` (a whole number >= 0) after now; a and b must be int32.
   *
   * perf: the whole path to the heap is written out here (no `add` helper shared with scheduleAt),
   * with the rare checks in cold functions. V8 inlines schedule into each handler only while the
   * handler's inlining budget (920 bytes of bytecode, a candidate counted at 1.2 times its size plus
   * what its own optimized code already inlined) has room for schedule with the queue's insert and
   * sift-down after the Exp draw. With schedule -> add -> insert, once `add` had optimized code of
   * its own the handlers called it instead: hold/engine/1e4 at 5.3-6.4 M events/s in about half of
   * the fresh worker rounds, against 7.1-7.3 M (`--trace-turbo-inlining` shows which).
   */
  schedule(delayMs: number, kind: EventKind, a = 0, b = 0): EventId {
    // One test passes every delay below 2^32 ms (49.7 days) and rejects NaN, Infinity, fractions
    // and negatives; longer delays are checked in checkLongDelay.
    if ((delayMs >>> 0) !== delayMs) checkLongDelay(kind, delayMs, this.now)
    // One mask test rejects fractions, negatives, NaN and kinds >= 64 (MAX_KINDS).
    if ((kind & 63) !== kind || (a | 0) !== a || (b | 0) !== b) badEvent('schedule', kind, a, b)
    // perf: the free list holds every slot not in use, fresh ones included, so this calls out
    // only to grow the tables. With a separate "first use of a slot" method, V8 inlined that
    // method into the handlers (it ran 10^4 times while hold/engine/1e4 filled its queue), using
    // budget the sift-down needed: 5.5-6.5 M events/s in five fresh processes of six, against
    // one of six with this free list (7.0-7.2 M otherwise; CPU time).
    if (this.freeCount === 0) this.growSlots()
    const slot = this.freeSlots[--this.freeCount]!
    const p = this.payload
    const at = slot * 4
    p[at] = kind
    p[at + 1] = a
    p[at + 2] = b
    const replaceHead = this.headIsStale
    this.headIsStale = false
    this.queue.insert(this.now + delayMs, slot, replaceHead)
    return (((p[at + 3]! & 0x7f) << 24) | slot) as EventId
  }

  /** Schedules an event at absolute time `timeMs`, a whole number >= nowMs. */
  scheduleAt(timeMs: number, kind: EventKind, a = 0, b = 0): EventId {
    if (!(timeMs >= this.now && Number.isSafeInteger(timeMs))) {
      throw new Error(
        `scheduleAt: time must be a whole number of ms >= nowMs (${this.now}) for event kind ${kind}, got ${timeMs}`,
      )
    }
    if ((kind & 63) !== kind || (a | 0) !== a || (b | 0) !== b) badEvent('scheduleAt', kind, a, b)
    // Exact: both are whole numbers below 2^53, and schedule adds nowMs back.
    return this.schedule(timeMs - this.now, kind, a, b)
  }

  /**
   * Cancels a pending event; it will never run. Lazy: the entry stays queued as a tombstone and is
   * dropped when it reaches the head. Returns false, and changes nothing, when the event already
   * ran, was already cancelled, or the id is stale (its slot now belongs to a later event).
   */
  cancel(id: EventId): boolean {
    const slot = id & 0xffffff
    const gen = id >>> 24
    const p = this.payload
    const at = slot * 4
    if (!(at >= 0 && at < p.length)) return false
    // 0x300: cancelled already, or free (never issued, or its event ran or was dropped). The
    // generation check catches a stale id whose slot now holds a later event.
    if ((p[at + 3]! & 0x7f) !== gen || (p[at]! & 0x300) !== 0) return false
    p[at] = p[at]! | 0x100
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
    // perf: the whole dispatch is written out here, not split into helper methods: with the
    // stale-head pop and the dispatch as separate methods, hold/engine/1e4 ran at 5.9 M events/s
    // (CPU time, median of five alternating runs) against 6.7 M for this form.
    const q = this.queue
    if (this.headIsStale) {
      this.headIsStale = false
      q.pop()
    }
    while (q.size > 0) {
      const slot = q.peekSlot()
      const p = this.payload
      const at = slot * 4
      const kind = p[at]!
      if ((kind & 0x100) !== 0) {
        q.pop()
        this.releaseCancelled(slot)
        continue
      }
      // The slot is freed before the handler runs, so the handler's own schedule() can reuse it,
      // and cancelling this event's id from inside its handler returns false. The heap entry
      // stays until the handler's first schedule() replaces it (see headIsStale) or it is popped
      // below.
      this.now = q.peekTimeMs()
      this.headIsStale = true
      const a = p[at + 1]!
      const b = p[at + 2]!
      p[at] = 0x200
      p[at + 3] = (p[at + 3]! + 1) & 0x1fffffff
      this.freeSlots[this.freeCount++] = slot
      this.processed++
      this.handlers[kind]!(a, b)
      if (this.headIsStale) {
        this.headIsStale = false
        q.pop()
      }
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
    try {
      while (!this.stopped && this.peekTimeMs() < untilMs) this.step()
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

  // Puts slots [from, to) on the free list, marked free, the lowest on top (handed out first).
  private addFreeSlots(from: number, to: number): void {
    for (let slot = to - 1; slot >= from; slot--) {
      this.payload[slot * WORDS] = 0x200
      this.freeSlots[this.freeCount++] = slot
    }
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
      if ((this.payload[slot * WORDS]! & 0x100) === 0) return
      q.pop()
      this.releaseCancelled(slot)
    }
  }

  private releaseCancelled(slot: number): void {
    const at = slot * WORDS
    this.payload[at] = 0x200
    this.payload[at + 3] = (this.payload[at + 3]! + 1) & 0x1fffffff
    this.freeSlots[this.freeCount++] = slot
  }

  private growSlots(): void {
    const slots = this.freeSlots.length
    if (slots >= MAX_SLOTS) {
      throw new Error(`schedule: more than ${MAX_SLOTS} events pending at once; EventId has 24 slot bits`)
    }
    // Capped, so no slot at or past 2^24 is handed out (its id would alias a lower slot).
    const next = Math.min(slots * 2, MAX_SLOTS)
    this.payload = grown(this.payload, new Int32Array(next * WORDS))
    this.freeSlots = grown(this.freeSlots, new Int32Array(next))
    this.addFreeSlots(slots, next)
  }

  private missingHandler(kind: number): Handler {
    return () => {
      throw new Error(`no handler registered for event kind ${kind} (event at ${this.now} ms)`)
    }
  }
}

// perf: the rare and throwing paths of schedule() live out here, so the per-event method stays
// small enough for V8 to inline schedule → insert → siftDown into every handler (its inlining
// budget is counted in bytecode, and template strings are long). With the messages inline, some
// handlers got the chain inlined and others did not, and hold/engine/1e4 swung between 0.61x and
// 0.75x of the reference from one run to the next.
function checkLongDelay(kind: number, delayMs: number, nowMs: number): void {
  if (!(delayMs >= 0 && Number.isSafeInteger(delayMs))) {
    throw new Error(`schedule: delay must be a whole number of ms >= 0 for event kind ${kind}, got ${delayMs}`)
  }
  if (!Number.isSafeInteger(nowMs + delayMs)) {
    throw new Error(`schedule: nowMs (${nowMs}) + delay (${delayMs}) passes 2^53 ms, where times stop being exact, for event kind ${kind}`)
  }
}

function badEvent(caller: string, kind: number, a: number, b: number): never {
  checkKind(caller, kind)
  throw new Error(`${caller}: payload a and b must be int32 for event kind ${kind}, got ${a} and ${b}`)
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
