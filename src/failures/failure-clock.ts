/**
 * Time to failure and time to repair of one failing unit (a node, a group, a container): draws
 * from the scenario's distributions on the unit's own `failures` and `repairs` streams, so one
 * unit's times do not depend on what happens elsewhere (two policies on one seed see the same
 * failures). Draws are rounded to whole milliseconds and are at least 1 ms, so a process always
 * moves forward.
 */
import { makeSampler, type DistSpec, type Rng, type Sampler } from '../engine/index.js'

export class FailureClock {
  private readonly ttf: Sampler | undefined
  private readonly ttr: Sampler | undefined
  private readonly failures: Rng
  private readonly repairs: Rng

  constructor(ttf: DistSpec | undefined, ttr: DistSpec | undefined, failures: Rng, repairs: Rng) {
    this.ttf = ttf ? makeSampler(ttf) : undefined
    this.ttr = ttr ? makeSampler(ttr) : undefined
    this.failures = failures
    this.repairs = repairs
  }

  /** Time from now (up) to the next failure, ms; Infinity without a failure distribution. */
  nextFailureInMs(): number {
    return this.ttf ? wholeMs(this.ttf.sample(this.failures)) : Infinity
  }

  /** Time from a failure to its repair, ms; Infinity without a repair distribution (never repaired). */
  nextRepairInMs(): number {
    return this.ttr ? wholeMs(this.ttr.sample(this.repairs)) : Infinity
  }
}

const wholeMs = (ms: number): number => Math.max(1, Math.round(ms))

/** The long-run fraction of time up for mean time between failures and mean time to repair. */
export function steadyStateAvailability(mtbfMs: number, mttrMs: number): number {
  return mtbfMs / (mtbfMs + mttrMs)
}
