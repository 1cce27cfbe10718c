/**
 * The event kinds of a run: past-tense facts plus ticks. Payloads are two integers (a, b).
 */
export const Ev = {
  /** a = workload (app) index: the next pod of that workload arrives. */
  PodArrived: 0,
  /** a = pod id: the pod ran its duration. */
  PodCompleted: 1,
  /** Run the scheduling queue once (coalesced: at most one pending). */
  SchedulingCycle: 2,
  /** Sample cluster.csv. */
  MetricsTick: 3,
} as const
