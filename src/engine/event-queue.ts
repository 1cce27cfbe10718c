/**
 * The pending-event set: a binary min-heap over parallel typed arrays, ordered by (time, seq).
 *
 * Owns ordering only. It stores an opaque int32 `slot` per entry and knows nothing about event
 * kinds, payloads, cancellation or handlers; `sim.ts` keeps those in its slot tables.
 *
 * Why hand-written and typed: measured on our 2-core machine (docs: engine-performance.md, hold
 * model), `fastpriorityqueue` with an object comparator ran at 0.56x of this layout at 10^4 pending
 * events and 0.13-0.17x at 10^6, where every level of a sift touches a different heap object. Here
 * an entry is 16 bytes in three flat arrays: `Float64Array` time, `Uint32Array` seq, `Int32Array`
 * slot. Binary beat 4-ary there (0.82-0.99x for 4-ary).
 *
 * FIFO on ties: `seq` is counted at push, so equal times pop in push order (heaps are not stable).
 * A push never compares seq, because the new entry always has the newest seq and so sorts after
 * every equal-time entry already present; only sift-down compares (time, seq). Seq is a wrapping
 * Uint32 compared as `((a - b) | 0) < 0`, exact while no entry stays pending across 2^31 later
 * pushes.
 */

const INITIAL_CAPACITY = 1024

export class EventQueue {
  // perf: `declare` so the emitted class has no field initializers for these: an ES2022 class field
  // starts as `undefined`, V8 then generalizes the field's type, and the heap loops pay for it. A
  // queue-only hold loop (pop + push, 10^2 pending, the reference loop of bench/engine.bench.ts
  // driven through this class) ran at 14 M events/s with plain fields and 19.6 M with `declare`.
  private declare timeMs: Float64Array
  private declare seq: Uint32Array
  private declare slot: Int32Array
  private nextSeq = 0
  private count = 0

  constructor(initialCapacity = INITIAL_CAPACITY) {
    const cap = Math.max(16, Math.ceil(initialCapacity))
    this.timeMs = new Float64Array(cap)
    this.seq = new Uint32Array(cap)
    this.slot = new Int32Array(cap)
  }

  /** Entries in the heap. */
  get size(): number {
    return this.count
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTimeMs(): number {
    return this.count > 0 ? this.timeMs[0]! : Infinity
  }

  /** Slot of the earliest entry, or -1 when empty. */
  peekSlot(): number {
    return this.count > 0 ? this.slot[0]! : -1
  }

  // push and replaceTop are the queue's two operations as callers think of them; Sim calls insert,
  // which is both (see there).

  /** Adds an entry that sorts after every entry already present with the same time. */
  push(timeMs: number, slot: number): void {
    this.insert(timeMs, slot, false)
  }

  /** Removes the earliest entry and returns its slot. The caller checks `size > 0` first. */
  pop(): number {
    const top = this.slot[0]!
    const n = --this.count
    if (n > 0) this.siftDown(this.timeMs[n]!, this.seq[n]!, this.slot[n]!, n)
    return top
  }

  /**
   * Replaces the earliest entry with a new one (a pop and a push as one sift-down). The new entry
   * gets the newest seq. The caller checks `size > 0` first.
   */
  replaceTop(timeMs: number, slot: number): void {
    this.insert(timeMs, slot, true)
  }

  /**
   * `replaceTop` when `replaceHead` is true, else `push`: the one entry point of `Sim`'s schedule.
   *
   * perf: one method holding both, rather than Sim calling push or replaceTop. V8 inlines the
   * callees of a call site in order of how often each ran, within a cumulative budget (920 bytes
   * of bytecode), and that count is shared by every caller of the code. The 10^4 schedules that fill
   * hold/engine/1e4 run outside any handler and only push, so push looked the likelier callee
   * inside every handler, was inlined first (152 bytes, never run there) and could leave no room
   * for the sift-down. hold/engine/1e4 ran at 5.4-5.7 M events/s in five runs of nine with the two
   * calls and in none of nine with this method (6.6-7.2 M otherwise; CPU time, fresh processes).
   */
  insert(timeMs: number, slot: number, replaceHead: boolean): void {
    const s = this.nextSeq
    this.nextSeq = (s + 1) >>> 0
    if (replaceHead) {
      this.siftDown(timeMs, s, slot, this.count)
      return
    }
    let i = this.count
    if (i === this.timeMs.length) this.grow()
    this.count = i + 1
    const time = this.timeMs
    const seq = this.seq
    const slots = this.slot
    // Sift up on time alone: every entry above has an older seq, so `>` (strict) is the order.
    while (i > 0) {
      const p = (i - 1) >>> 1
      const pt = time[p]!
      if (pt <= timeMs) break
      time[i] = pt
      seq[i] = seq[p]!
      slots[i] = slots[p]!
      i = p
    }
    time[i] = timeMs
    seq[i] = s
    slots[i] = slot
  }

  /** Empties the heap; capacity and the seq counter are kept. */
  clear(): void {
    this.count = 0
  }

  // Moves the hole at the root down until (t, s) fits, then writes the entry there. `n` = size.
  private siftDown(t: number, s: number, id: number, n: number): void {
    const time = this.timeMs
    const seq = this.seq
    const slots = this.slot
    const half = n >>> 1
    let i = 0
    while (i < half) {
      let c = 2 * i + 1
      let ct = time[c]!
      let cs = seq[c]!
      const r = c + 1
      if (r < n) {
        const rt = time[r]!
        if (rt < ct || (rt === ct && ((seq[r]! - cs) | 0) < 0)) {
          c = r
          ct = rt
          cs = seq[r]!
        }
      }
      if (t < ct || (t === ct && ((s - cs) | 0) < 0)) break
      time[i] = ct
      seq[i] = cs
      slots[i] = slots[c]!
      i = c
    }
    time[i] = t
    seq[i] = s
    slots[i] = id
  }

  private grow(): void {
    const cap = this.timeMs.length * 2
    const time = new Float64Array(cap)
    const seq = new Uint32Array(cap)
    const slots = new Int32Array(cap)
    time.set(this.timeMs)
    seq.set(this.seq)
    slots.set(this.slot)
    this.timeMs = time
    this.seq = seq
    this.slot = slots
  }
}
