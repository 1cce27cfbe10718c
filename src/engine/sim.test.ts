import { describe, expect, it } from 'vitest'
import { rngStream } from './rng.js'
import { type EventId, Sim } from './sim.js'

const Kind = { Tick: 0, PodStarted: 1, PodCompleted: 2, Other: 3 } as const

function recorder(sim: Sim) {
  const log: string[] = []
  for (const k of Object.values(Kind)) sim.on(k, (a, b) => log.push(`${sim.nowMs}:${k}:${a}:${b}`))
  return log
}

describe('Sim ordering', () => {
  it('events at the same time run in scheduling order', () => {
    const sim = new Sim(4)
    const seen: number[] = []
    sim.on(Kind.Tick, (a) => seen.push(a))
    for (let i = 0; i < 1000; i++) sim.schedule(i % 3 === 0 ? 10 : 20, Kind.Tick, i)
    sim.run()
    const expected = [...Array(1000).keys()].filter((i) => i % 3 === 0)
      .concat([...Array(1000).keys()].filter((i) => i % 3 !== 0))
    expect(seen).toEqual(expected)
  })

  it('events a handler schedules for now run after the events already queued for now', () => {
    const sim = new Sim()
    const seen: string[] = []
    sim.on(Kind.Tick, (a) => {
      seen.push(`tick ${a}`)
      if (a < 3) {
        sim.schedule(0, Kind.Other, a)
        sim.schedule(0, Kind.Tick, a + 10)
      }
    })
    sim.on(Kind.Other, (a) => seen.push(`other ${a}`))
    for (let i = 0; i < 3; i++) sim.schedule(5, Kind.Tick, i)
    sim.run()
    expect(seen).toEqual([
      'tick 0', 'tick 1', 'tick 2',
      'other 0', 'tick 10', 'other 1', 'tick 11', 'other 2', 'tick 12',
    ])
    expect(sim.nowMs).toBe(5)
  })

  it('runs events in time order and counts them', () => {
    const sim = new Sim()
    const log = recorder(sim)
    sim.schedule(30, Kind.Other, 3, -4)
    sim.schedule(10, Kind.Tick, 1, 2)
    sim.scheduleAt(20, Kind.PodStarted, 7, 8)
    expect(sim.pendingCount).toBe(3)
    expect(sim.peekTimeMs()).toBe(10)
    sim.run()
    expect(log).toEqual(['10:0:1:2', '20:1:7:8', '30:3:3:-4'])
    expect(sim.eventsProcessed).toBe(3)
    expect(sim.pendingCount).toBe(0)
    expect(sim.peekTimeMs()).toBe(Infinity)
  })

  it('step runs one event at a time and returns false when nothing is left', () => {
    const sim = new Sim()
    const log = recorder(sim)
    sim.schedule(1, Kind.Tick)
    sim.schedule(2, Kind.Tick)
    expect(sim.step()).toBe(true)
    expect(log).toEqual(['1:0:0:0'])
    expect(sim.step()).toBe(true)
    expect(sim.step()).toBe(false)
    expect(sim.nowMs).toBe(2)
  })

  it('a handler that schedules nothing leaves the queue consistent (its entry is popped)', () => {
    const sim = new Sim()
    const seen: number[] = []
    sim.on(Kind.Tick, (a) => {
      seen.push(a)
      expect(sim.pendingCount).toBe(3 - seen.length)
    })
    for (let i = 0; i < 3; i++) sim.schedule(i, Kind.Tick, i)
    sim.run()
    expect(seen).toEqual([0, 1, 2])
  })

  it('a handler that throws leaves the rest of the queue runnable', () => {
    const sim = new Sim()
    const seen: number[] = []
    sim.on(Kind.Tick, (a) => {
      if (a === 1) throw new Error('boom')
      seen.push(a)
    })
    for (let i = 0; i < 4; i++) sim.schedule(i, Kind.Tick, i)
    expect(() => sim.run()).toThrow('boom')
    expect(sim.pendingCount).toBe(2)
    sim.run()
    expect(seen).toEqual([0, 2, 3])
  })
})

describe('Sim.cancel', () => {
  it('a cancelled event never runs', () => {
    const sim = new Sim()
    const log = recorder(sim)
    const id = sim.schedule(10, Kind.Tick, 1)
    sim.schedule(20, Kind.Tick, 2)
    expect(sim.cancel(id)).toBe(true)
    expect(sim.cancel(id)).toBe(false) // already cancelled
    expect(sim.peekTimeMs()).toBe(20) // the tombstone at the head is skipped
    sim.run()
    expect(log).toEqual(['20:0:2:0'])
    expect(sim.eventsProcessed).toBe(1)
  })

  it('cancel returns false after the event ran, including from inside its own handler', () => {
    const sim = new Sim()
    let ownId = 0 as EventId
    let fromInside: boolean | undefined
    sim.on(Kind.Tick, () => {
      fromInside = sim.cancel(ownId)
    })
    ownId = sim.schedule(5, Kind.Tick)
    sim.run()
    expect(fromInside).toBe(false)
    expect(sim.cancel(ownId)).toBe(false)
  })

  it('a stale id is a harmless no-op after its slot is reused', () => {
    const sim = new Sim(1)
    const log = recorder(sim)
    const first = sim.schedule(1, Kind.Tick, 1)
    sim.run()
    const second = sim.schedule(1, Kind.Tick, 2) // reuses the slot `first` had
    expect(second % 2 ** 24).toBe(first % 2 ** 24)
    expect(second).not.toBe(first)
    expect(sim.cancel(first)).toBe(false)
    sim.run()
    expect(log).toEqual(['1:0:1:0', '2:0:2:0'])
  })

  it('a stale id stays harmless after a cancelled slot is reused', () => {
    const sim = new Sim(1)
    const log = recorder(sim)
    const first = sim.schedule(1, Kind.Tick, 1)
    sim.cancel(first)
    sim.run() // pops the tombstone, freeing the slot
    sim.schedule(1, Kind.Tick, 2)
    expect(sim.cancel(first)).toBe(false)
    sim.run()
    expect(log).toEqual(['1:0:2:0'])
  })

  it('a pod completion can be cancelled from another handler at the same time', () => {
    const sim = new Sim()
    const completions: number[] = []
    const completionOf = new Map<number, EventId>()
    sim.on(Kind.PodStarted, (pod) => completionOf.set(pod, sim.schedule(100, Kind.PodCompleted, pod)))
    sim.on(Kind.PodCompleted, (pod) => completions.push(pod))
    // At t = 100 the node fails (scheduled first, so it runs first) and evicts pod 1, whose
    // completion is due at the same millisecond.
    sim.on(Kind.Other, (pod) => expect(sim.cancel(completionOf.get(pod)!)).toBe(true))
    sim.schedule(100, Kind.Other, 1)
    sim.schedule(0, Kind.PodStarted, 1)
    sim.schedule(0, Kind.PodStarted, 2)
    sim.run()
    expect(completions).toEqual([2])
    expect(sim.nowMs).toBe(100)
  })

  it('a stale id whose generation wrapped (128 reuses) onto a now free slot cancels nothing', () => {
    const sim = new Sim(16)
    let runs = 0
    sim.on(1, () => {
      runs++
    })
    const first = sim.schedule(0, 1)
    sim.run()
    // The slot is reused at the top of the free list; every dispatch moves its generation on.
    for (let i = 1; i < 128; i++) {
      expect(sim.schedule(0, 1) & 0xffffff).toBe(first & 0xffffff)
      sim.run()
    }
    // Same slot, same 7 generation bits as `first`, but free: no event to cancel.
    expect(sim.cancel(first)).toBe(false)
    const next = sim.schedule(0, 1)
    expect(next).toBe(first) // the id wraps too: this is why stale ids are only caught mod 128
    sim.run()
    expect(runs).toBe(129)
  })

  it('ignores ids that were never issued', () => {
    const sim = new Sim()
    expect(sim.cancel(12345 as EventId)).toBe(false)
    expect(sim.cancel(-1 as EventId)).toBe(false)
    // Slots within the table that were never handed out are free, generation 0 or not.
    expect(sim.cancel(5 as EventId)).toBe(false)
    expect(sim.cancel(0 as EventId)).toBe(false)
  })
})

describe('Sim.run(untilMs)', () => {
  it('runs events before untilMs, keeps the one exactly at untilMs, and ends at untilMs', () => {
    const sim = new Sim()
    const log = recorder(sim)
    sim.schedule(99, Kind.Tick, 1)
    sim.schedule(100, Kind.Tick, 2)
    sim.run(100)
    expect(log).toEqual(['99:0:1:0'])
    expect(sim.nowMs).toBe(100)
    expect(sim.pendingCount).toBe(1)
    sim.run(101)
    expect(log).toEqual(['99:0:1:0', '100:0:2:0'])
    expect(sim.nowMs).toBe(101)
  })

  it('with nothing scheduled, run() returns and run(until) just advances the clock', () => {
    const sim = new Sim()
    sim.run()
    expect(sim.nowMs).toBe(0)
    sim.run(5000)
    expect(sim.nowMs).toBe(5000)
    expect(sim.eventsProcessed).toBe(0)
  })

  it('stop() makes run return after the current event, leaving the clock there', () => {
    const sim = new Sim()
    const seen: number[] = []
    sim.on(Kind.Tick, (a) => {
      seen.push(a)
      if (a === 2) sim.stop()
    })
    for (let i = 1; i <= 4; i++) sim.schedule(i * 10, Kind.Tick, i)
    sim.run(1000)
    expect(seen).toEqual([1, 2])
    expect(sim.nowMs).toBe(20)
    sim.run(1000)
    expect(seen).toEqual([1, 2, 3, 4])
    expect(sim.nowMs).toBe(1000)
  })

  it('refuses an untilMs in the past or a nested run from a handler', () => {
    const sim = new Sim()
    sim.run(50)
    expect(() => sim.run(49)).toThrow('run: untilMs must be a whole number of ms >= nowMs (50) or Infinity, got 49')
    sim.on(Kind.Tick, () => sim.run())
    sim.schedule(1, Kind.Tick)
    expect(() => sim.run()).toThrow('run: already running')
  })
})

describe('Sim input checks', () => {
  it.each([-1, 1.5, NaN, Infinity, -Infinity])('schedule rejects a delay of %s and names the kind', (delay) => {
    const sim = new Sim()
    expect(() => sim.schedule(delay, 3)).toThrow(
      `schedule: delay must be a whole number of ms >= 0 for event kind 3, got ${delay}`,
    )
  })

  it('takes delays past 2^31 and 2^32 ms (long runs) up to 2^53, whole numbers only', () => {
    const sim = new Sim()
    const ran: number[] = []
    sim.on(1, () => ran.push(sim.nowMs))
    sim.schedule(2 ** 32 + 5, 1)
    sim.schedule(2 ** 31, 1)
    sim.scheduleAt(2 ** 40, 1)
    expect(() => sim.schedule(2 ** 32 + 0.5, 1)).toThrow('schedule: delay must be a whole number of ms >= 0 for event kind 1')
    expect(() => sim.scheduleAt(2 ** 40 + 0.5, 1)).toThrow('scheduleAt: time must be a whole number of ms')
    expect(() => sim.scheduleAt(5, 64)).toThrow('scheduleAt: event kind must be an integer in 0..63, got 64')
    const late = new Sim()
    late.run(2 ** 53 - 10)
    expect(() => late.schedule(2 ** 33, 1)).toThrow('schedule: nowMs (9007199254740982) + delay (8589934592) passes 2^53 ms')
    sim.run()
    expect(ran).toEqual([2 ** 31, 2 ** 32 + 5, 2 ** 40])
  })

  it('scheduleAt after time has passed runs the event at that absolute time', () => {
    const sim = new Sim()
    const ran: number[] = []
    sim.on(2, () => ran.push(sim.nowMs))
    sim.run(100)
    sim.scheduleAt(150, 2)
    sim.schedule(20, 2)
    sim.run()
    expect(ran).toEqual([120, 150])
  })

  it('scheduleAt rejects a time in the past', () => {
    const sim = new Sim()
    sim.run(100)
    expect(() => sim.scheduleAt(99, 2)).toThrow(
      'scheduleAt: time must be a whole number of ms >= nowMs (100) for event kind 2, got 99',
    )
    expect(sim.scheduleAt(100, 2)).toBeTypeOf('number')
  })

  it('rejects kinds outside 0..63 and payloads that are not int32', () => {
    const sim = new Sim()
    expect(() => sim.schedule(0, 64)).toThrow('schedule: event kind must be an integer in 0..63, got 64')
    expect(() => sim.on(1.5, () => {})).toThrow('on: event kind must be an integer in 0..63, got 1.5')
    expect(() => sim.schedule(0, 1, 2 ** 31)).toThrow('schedule: payload a and b must be int32 for event kind 1')
    expect(() => sim.schedule(0, 1, 0, 0.5)).toThrow('schedule: payload a and b must be int32 for event kind 1')
  })

  it('refuses a second handler for the same kind', () => {
    const sim = new Sim()
    sim.on(4, () => {})
    expect(() => sim.on(4, () => {})).toThrow('on: event kind 4 already has a handler')
  })

  it('an event whose kind has no handler throws at dispatch, naming the kind', () => {
    const sim = new Sim()
    sim.schedule(7, 9)
    expect(() => sim.run()).toThrow('no handler registered for event kind 9 (event at 7 ms)')
  })

  it('grows past its initial capacity without losing order', () => {
    const sim = new Sim(16)
    const seen: number[] = []
    sim.on(0, (a) => seen.push(a))
    for (let i = 0; i < 5000; i++) sim.schedule(5000 - i, 0, i)
    sim.run()
    expect(seen).toEqual([...Array(5000).keys()].reverse())
  })
})

describe('Sim against a sorted reference', () => {
  it('runs the same events in the same order as a sorted reference over 10^5 steps with random schedules and cancels from handlers', () => {
    const rng = rngStream(11, 'load', 'sim-test')
    const sim = new Sim(8)
    // Reference model: pending events as (time, order) with a tag; run = take the smallest.
    type Ev = { t: number; order: number; tag: number; id: EventId; dead: boolean }
    const pending: Ev[] = []
    let order = 0
    let nextTag = 0
    const ran: number[] = []
    const expected: number[] = []
    const add = (delay: number) => {
      const tag = nextTag++
      const id = sim.schedule(delay, tag % 4, tag)
      pending.push({ t: sim.nowMs + delay, order: order++, tag, id, dead: false })
    }
    const handler = (tag: number) => {
      ran.push(tag)
      // New events with coarse delays (many ties), sometimes a cancel. The fan-out averages 1.5
      // below 200 pending events and 0.5 above, so the population hovers around 200.
      const n = pending.length < 200 ? 1 + Math.floor(rng() * 2) : Math.floor(rng() * 2)
      for (let i = 0; i < n; i++) add(Math.floor(rng() * 5))
      if (rng() < 0.2 && pending.length > 0) {
        const victim = pending[Math.floor(rng() * pending.length)]!
        expect(sim.cancel(victim.id)).toBe(!victim.dead)
        victim.dead = true
      }
    }
    for (let k = 0; k < 4; k++) sim.on(k, handler)
    for (let i = 0; i < 50; i++) add(Math.floor(rng() * 5))
    let steps = 0
    while (steps < 100_000 && pending.some((e) => !e.dead)) {
      // Reference: the earliest live event, oldest first on ties.
      let best = -1
      for (let i = 0; i < pending.length; i++) {
        const e = pending[i]!
        if (e.dead) continue
        const b = pending[best]
        if (best < 0 || e.t < b!.t || (e.t === b!.t && e.order < b!.order)) best = i
      }
      const [next] = pending.splice(best, 1)
      expected.push(next!.tag)
      for (let i = pending.length - 1; i >= 0; i--) if (pending[i]!.dead && pending[i]!.t < next!.t) pending.splice(i, 1)
      expect(sim.step()).toBe(true)
      expect(sim.nowMs).toBe(next!.t)
      steps++
    }
    expect(ran).toEqual(expected)
    expect(steps).toBe(100_000)
  })
})
