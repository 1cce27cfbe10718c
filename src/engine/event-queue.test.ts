import { describe, expect, it } from 'vitest'
import { EventQueue } from './event-queue.js'
import { rngStream } from './rng.js'

describe('EventQueue', () => {
  it('pops in (time, push order) under 10^5 random pushes and pops, like a sorted reference', () => {
    const rng = rngStream(7, 'load', 'event-queue-test')
    const q = new EventQueue(4) // tiny, so capacity doubling is exercised
    // Reference: entries kept sorted by (time, push order); coarse times give many exact ties.
    const ref: { t: number; order: number; slot: number }[] = []
    const insert = (t: number, slot: number) => {
      // After every entry with time <= t: the newest entry goes last among equal times.
      let lo = 0
      let hi = ref.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (ref[mid]!.t <= t) lo = mid + 1
        else hi = mid
      }
      ref.splice(lo, 0, { t, order: slot, slot })
    }
    let order = 0
    let replaced = 0
    for (let op = 0; op < 100_000; op++) {
      const u = rng()
      if (q.size === 0 || u < 0.5) {
        const t = Math.floor(rng() * 200)
        q.push(t, order)
        insert(t, order)
        order++
      } else {
        const head = ref.shift()!
        expect(q.peekTimeMs()).toBe(head.t)
        expect(q.peekSlot()).toBe(head.slot)
        if (u < 0.6) {
          // replaceTop is a pop plus a push of a newer entry
          const t = head.t + Math.floor(rng() * 50)
          q.replaceTop(t, order)
          insert(t, order)
          order++
          replaced++
        } else {
          expect(q.pop()).toBe(head.slot)
        }
      }
      expect(q.size).toBe(ref.length)
    }
    expect(replaced).toBeGreaterThan(1000)
  })

  it('reports Infinity and slot -1 when empty', () => {
    const q = new EventQueue()
    expect(q.peekTimeMs()).toBe(Infinity)
    expect(q.peekSlot()).toBe(-1)
  })

  it('keeps FIFO order for ties when the sequence counter wraps past 2^32', () => {
    const q = new EventQueue()
    // Reach into the counter: a run would need 2^32 pushes to get here.
    ;(q as unknown as { nextSeq: number }).nextSeq = 2 ** 32 - 3
    for (let i = 0; i < 6; i++) q.push(5, i)
    const popped = []
    while (q.size > 0) popped.push(q.pop())
    expect(popped).toEqual([0, 1, 2, 3, 4, 5])
  })
})
