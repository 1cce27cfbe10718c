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
  /** Services: bring every service's load and latency up to date (a step of the analytic model). */
  ServiceTick: 10,
  /** a = pod: a service replica finished starting and is ready. */
  ReplicaReady: 11,
  /** a = pod: a draining replica's grace period is over (or its last request finished). */
  ReplicaDrained: 12,
  /** a = service index: one pod autoscaler sync. */
  AutoscalerSync: 13,
  /** a = service index: the next request arrives (request-level model). */
  RequestArrived: 14,
  /** a = service index, b = slot: a request finishes (request-level model). */
  RequestCompleted: 15,
  /** a = fault index, b = what the fault scheduled (a unit, a firing): a fault's own timer. */
  FaultTimer: 20,
  /** a = node: the node's heartbeat deadline has passed (seen at a monitor tick). */
  NodeDeadlinePassed: 21,
  /** a = node: the NotReady node's pods are past their toleration and are evicted. */
  NodePodsEvictionDue: 22,
  /** a = pod: a replacement pod joins the scheduling queue after the control plane's delay. */
  ReplacementDue: 23,
  /** a = node: a provisioning node has booted and is ready. */
  NodeProvisioned: 24,
  /** a = pod, b = fault index: the pod's container crashes. */
  ContainerCrashed: 25,
  /** a = pod, b = fault index: the crashed container restarts after its backoff. */
  ContainerRestarted: 26,
  /** a = fault index, b = node: retry evicting a draining node's pods. */
  DrainStep: 27,
  /** One cluster autoscaler loop. */
  ClusterAutoscalerTick: 28,
  /** Sample cluster.csv. */
  MetricsTick: 30,
} as const
