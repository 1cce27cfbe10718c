/**
 * A scenario in internal units, ready to run: everything past scenario/ reads this, never YAML.
 */
import type { ProfileSpec } from '../framework/index.js'
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
}

/** Overrides from the command line or an embedding program, applied before validation. */
export interface ScenarioOverrides {
  readonly placement?: string | undefined
  readonly seed?: string | number | undefined
  readonly durationMs?: number | undefined
  /**
   * A KubeSchedulerConfiguration (its file name and text, read by cli/ or the public API): its
   * first profile becomes the placement, unless `placement` is given.
   */
  readonly schedulerConfig?: { readonly file: string; readonly text: string } | undefined
}
