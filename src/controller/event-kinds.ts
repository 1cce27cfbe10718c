/**
 * The event kinds of a run: past-tense facts plus ticks, each with two integer payloads (a, b).
 * One table for the whole run, in ranges per area so that areas can add kinds without clashing:
 * 0-9 pods and scheduling, 10-19 services and pod autoscaling, 20-29 nodes, faults and cluster
 * autoscaling, 30-39 metrics. The engine allows kinds below 64.
 */
export const Ev = {
  /** a = workload (app) index: the next pod of that workload arrives. */
  PodArrived: 0,
  /** a = pod id: the pod ran its whole duration. */
  PodCompleted: 1,
  /** Run the scheduling queue once (coalesced: at most one pending). */
  SchedulingCycle: 2,
  /** Sample cluster.csv. */
  MetricsTick: 30,
} as const
