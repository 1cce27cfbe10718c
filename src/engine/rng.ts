/**
 * Seeded random streams, one per purpose (and per workload key).
 *
 * Owns the mapping from (seed, purpose, key) to an independent uniform generator. It does not
 * shape numbers into distributions (`distributions.ts`) and never uses an unseeded generator.
 *
 * One stream per purpose: enabling failures draws from the `failures` and `repairs` streams only,
 * so arrival times do not shift, and two policies compared on one seed see the same workload and
 * failures (common random numbers); only their decisions differ. A workload key (such as the
 * workload's name) gives each workload its own stream, so adding a workload leaves the others'
 * draws unchanged.
 */
import seedrandom from 'seedrandom'

/** Uniform in [0, 1). */
export type Rng = () => number

export const STREAMS = [
  'arrivals',
  'durations',
  'requests',
  'failures',
  'repairs',
  'placement',
  'autoscaling',
  'load',
  'routing',
  'service',
] as const
export type StreamPurpose = (typeof STREAMS)[number]

/**
 * The stream for `purpose` (one of STREAMS) and optional `key`, seeded from
 * `${seed}/${purpose}[/${key}]` with seedrandom's `alea`.
 *
 * Returns alea's own `prng()`: 32 bits of resolution (steps of 2^-32), not `prng.double()`'s 53.
 * perf: `double()` calls the generator twice per value; in `bench/engine.bench.ts` (`rng/*` tasks)
 * `double()` ran at 0.54x the draws/s of `prng()`, and returning `prng` itself avoids a wrapper
 * call. 2^-32 is fine for simulation: the largest Exp draw, -ln(2^-32), is about 22.2 means, and
 * no two distinct draws are closer than 2^-32.
 */
export function rngStream(seed: string | number, purpose: string, key?: string): Rng {
  const prng = seedrandom.alea(`${seed}/${purpose}` + (key ? `/${key}` : ''))
  return prng
}
