/**
 * How fast each orchestrator's control plane notices a dead node and replaces its pods: the
 * delays of the `controlPlane:` profiles, with their upstream sources. Pure data; the node
 * lifecycle controller (controller/node-lifecycle.ts) runs the timeline:
 *
 *   crash ──(last heartbeat + grace, seen at the next monitor tick)──► node NotReady
 *         ──(eviction delay)──► pods evicted ──(replacement delay)──► replacements queued
 *
 * - kubernetes: the kubelet renews its Lease every 10 s; the node lifecycle controller checks
 *   every 5 s (`--node-monitor-period`) and marks a node unreachable after 50 s without a
 *   heartbeat (`--node-monitor-grace-period`, 50 s since v1.32); pods tolerate the
 *   `unreachable:NoExecute` taint for 300 s (DefaultTolerationSeconds) and are then evicted; the
 *   Deployment/Job controller creates replacements at once. Tainting is rate limited per zone
 *   (`--node-eviction-rate` 0.1/s; a zone with more than 2 and at least 55 % of its nodes not ready
 *   uses `--secondary-node-eviction-rate` 0.01/s, or 0 when it has at most 50 nodes
 *   (`--large-cluster-size-threshold`); when every zone is fully disrupted nothing is tainted).
 *   Sources: kubernetes/kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go
 *   (ComputeZoneState, ReducedQPSFunc), cmd/kube-controller-manager options.
 * - swarm: a node heartbeats every 5 s ± 0.5 s (drawn per node) and is marked down after 3
 *   missed periods; its tasks are rescheduled at once and start after the 5 s restart delay
 *   (moby/swarmkit manager/dispatcher/dispatcher.go, api/defaults/service.go).
 * - mesos: the master pings agents every 15 s and marks one unreachable after 5 missed pings
 *   (75 s, src/master/constants.hpp); Marathon's unreachableStrategy defaults to 0 s, so the
 *   replacement launches on the next offer (the allocator offers every 1 s).
 */
export const CONTROL_PLANE_PROFILES = ['kubernetes', 'swarm', 'mesos'] as const
export type ControlPlaneProfile = (typeof CONTROL_PLANE_PROFILES)[number]

export interface ControlPlaneSpec {
  readonly profile: ControlPlaneProfile
  /** Heartbeat (lease renewal, ping) period, and the ± jitter of each node's period. */
  readonly heartbeatMs: number
  readonly heartbeatJitterMs: number
  /** A node is dead once this long has passed since its last heartbeat (0 = use missedHeartbeats). */
  readonly gracePeriodMs: number
  /** With gracePeriodMs 0: dead after this many of the node's own heartbeat periods. */
  readonly missedHeartbeats: number
  /** Deadlines are noticed at the next tick of this period (0 = at once). */
  readonly monitorPeriodMs: number
  /** From NotReady to the eviction of the node's pods (toleration seconds). */
  readonly evictionDelayMs: number
  /** From the eviction to the replacement joining the scheduling queue. */
  readonly replacementDelayMs: number
  /** Replacements join the queue on the next tick of this period (an offer cycle; 0 = none). */
  readonly replacementAlignMs: number
  /** Per-zone rate limiting of NotReady marking (Kubernetes only): rate 0 = unlimited. */
  readonly evictionRatePerS: number
  readonly secondaryEvictionRatePerS: number
  readonly unhealthyZoneThreshold: number
  readonly largeClusterSize: number
}

const BASE: Omit<ControlPlaneSpec, 'profile'> = {
  heartbeatMs: 10_000, heartbeatJitterMs: 0, gracePeriodMs: 0, missedHeartbeats: 0, monitorPeriodMs: 0,
  evictionDelayMs: 0, replacementDelayMs: 0, replacementAlignMs: 0,
  evictionRatePerS: 0, secondaryEvictionRatePerS: 0, unhealthyZoneThreshold: 1, largeClusterSize: 0,
}

export const CONTROL_PLANE_DEFAULTS: Readonly<Record<ControlPlaneProfile, ControlPlaneSpec>> = {
  kubernetes: {
    ...BASE, profile: 'kubernetes', heartbeatMs: 10_000, gracePeriodMs: 50_000, monitorPeriodMs: 5_000, evictionDelayMs: 300_000,
    evictionRatePerS: 0.1, secondaryEvictionRatePerS: 0.01, unhealthyZoneThreshold: 0.55, largeClusterSize: 50,
  },
  swarm: { ...BASE, profile: 'swarm', heartbeatMs: 5_000, heartbeatJitterMs: 500, missedHeartbeats: 3, replacementDelayMs: 5_000 },
  mesos: { ...BASE, profile: 'mesos', heartbeatMs: 15_000, missedHeartbeats: 5, replacementAlignMs: 1_000 },
}
