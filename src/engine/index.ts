/**
 * The engine's public API: clock and run loop, event queue, seeded streams, distributions.
 * Knows nothing about clusters; other areas import the engine from here.
 */
export { Sim, MAX_KINDS } from './sim.js'
export type { EventKind, EventId, Handler } from './sim.js'
export { EventQueue } from './event-queue.js'
export { rngStream, STREAMS } from './rng.js'
export type { Rng, StreamPurpose } from './rng.js'
export {
  makeSampler, constant, uniform, exponential, normal, lognormal, weibull, choice,
} from './distributions.js'
export type { Sampler, DistSpec } from './distributions.js'
export { standardExponential } from './standard-exponential.js'
export { gamma, logGamma } from './gamma.js'
