/**
 * What a latency model of a service does, so the service controller can drive either one: it
 * brings the service's counters up to a time, hears when replicas start and stop serving, and
 * answers percentiles for an interval and for the whole run. The analytic model
 * (service-analytic.ts) is a closed-form queue per steady segment; the request-level model
 * (service-requests.ts) simulates every request as events.
 */
export interface ServiceModel {
  /** Brings the counters (and latency records) up to `nowMs`; call before any change. */
  advance(nowMs: number): void
  /** Replica `r` has just turned Serving (the state table already says so). */
  replicaServing(r: number): void
  /**
   * Replica `r` stops taking requests (Draining, already set). Returns the ms it still needs to
   * finish what it holds: 0 when idle; the controller ends the pod then, or at the grace period.
   */
  replicaDraining(r: number): number
  /** Replica `r` is gone at once (failure, grace period over): whatever it held is dropped. */
  replicaGone(r: number, wasServing: boolean): void
  /** Starts a new metrics interval (the previous one's percentiles are no longer asked for). */
  startInterval(): void
  /** The q-quantile of the response time (ms) of requests served in the current interval; NaN if none. */
  intervalQuantile(q: number): number
  /** Response-time quantile over the whole run so far. */
  runQuantile(q: number): number
  /** Served requests slower than `ms`, over the whole run (for merged summaries). */
  runCountAbove(ms: number): number
  /** Served requests over the whole run (the weight behind runQuantile). */
  runServed(): number
}
