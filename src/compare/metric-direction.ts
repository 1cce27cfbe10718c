/**
 * Which way is better for a summary metric, judged from its name, so that metrics added later by
 * other areas (latency, cost, disruption) are classified without a list to keep in sync. Lower is
 * better for waits, latency, cost, replica-seconds, pending, dropped, failed and disrupted work; higher for
 * allocation/utilisation, throughput, availability and completed or served work. Anything else (event counts,
 * node counts, pods submitted) has no direction: it is reported but no value is marked best.
 */

export const Better = { Lower: 'lower', Higher: 'higher' } as const
export type Better = (typeof Better)[keyof typeof Better]

// Lower-is-better is checked first: `cost_per_million_served` is a cost even though it says served.
const LOWER = /wait|latency|cost|pending|dropped|drop_|failed|evict|restart|lost|preempt|stranded|violation|over_slo|slo_miss|unschedulable|rejected|replica_seconds/
const HIGHER = /alloc|util|used_mean|throughput|completed|scheduled|served|slo_met|availability/

export function betterOf(metric: string): Better | undefined {
  if (LOWER.test(metric)) return Better.Lower
  if (HIGHER.test(metric)) return Better.Higher
  return undefined
}
