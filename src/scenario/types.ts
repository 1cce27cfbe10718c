/**
 * A scenario in internal units, ready to run: everything past scenario/ reads this, never YAML.
 */
import type { DistSpec } from '../engine/index.js'
import type { ControlPlaneSpec, FaultSpec } from '../failures/index.js'
import type { ProfileSpec } from '../framework/index.js'
import type { ClusterAutoscalerChoice } from './autoscaler-fields.js'
import type { AppSpec, PoolSpec } from '../model/index.js'
import type { Workload } from '../workload/index.js'

export interface Scenario {
  readonly name: string
  /** The file it came from, for messages and summary.csv ('' when built in memory). */
  readonly file: string
  readonly durationMs: number
  readonly seed: string | number
  readonly pools: readonly PoolSpec[]
  /** Extended resources named anywhere in the scenario, sorted. */
  readonly extNames: readonly string[]
  /** One app per workload, same index. */
  readonly apps: readonly AppSpec[]
  readonly workloads: readonly Workload[]
  /** The placement as named in summary.csv: a policy name, or `custom` for an inline profile. */
  readonly placementName: string
  readonly placement: ProfileSpec
  readonly metricsIntervalMs: number
  readonly faults: readonly FaultSpec[]
  /** How fast the control plane reacts to dead nodes (kubernetes, swarm or mesos delays). */
  readonly controlPlane: ControlPlaneSpec
  /** Per pool: time from a node request to the node being ready. */
  readonly provisionDelaysMs: readonly DistSpec[]
  /** The cluster autoscaler, if any. */
  readonly clusterAutoscaler: ClusterAutoscalerChoice | undefined
  /** The pod metrics pipeline of services: samples are `windowMs` averages, `delayMs` old when an autoscaler reads them. */
  readonly podMetrics?: { readonly windowMs: number; readonly delayMs: number } | undefined
}

/** Overrides from the command line or an embedding program, applied before validation. */
export interface ScenarioOverrides {
  readonly placement?: string | undefined
  readonly seed?: string | number | undefined
  readonly durationMs?: number | undefined
  /** A cluster autoscaler name (or `none`) instead of the scenario's. */
  readonly clusterAutoscaler?: string | undefined
  /** --pod-autoscaler: every service's pod autoscaler (`none` for fixed replicas). */
  readonly podAutoscaler?: string | undefined
  /** How files named in the scenario (load-curve CSVs) are read, relative to the scenario; absent: they cannot be. */
  readonly readFile?: ((path: string) => string) | undefined
  /**
   * A KubeSchedulerConfiguration (its file name and text, read by cli/ or the public API): its
   * first profile becomes the placement, unless `placement` is given.
   */
  readonly schedulerConfig?: { readonly file: string; readonly text: string } | undefined
}
