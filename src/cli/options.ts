/**
 * Options shared by the commands that run a scenario, and their conversion into scenario
 * overrides (with the same unit parsers as scenario files, and the same kind of messages).
 */
import { readFileSync } from 'node:fs'
import type { Options } from 'yargs'
import { describeValue } from '../framework/index.js'
import { parseDurationMs, type ScenarioOverrides } from '../scenario/index.js'
import { UsageError } from './usage-error.js'

export const scenarioOptions = {
  placement: { type: 'string', describe: 'placement policy name (see "fleetsim policies"); overrides the scenario' },
  seed: { type: 'string', describe: 'random seed (integer or string); overrides the scenario' },
  duration: { type: 'string', describe: 'simulated time, e.g. 90m, 6h, 2d; overrides the scenario' },
  'pod-autoscaler': { type: 'string', describe: 'pod autoscaler of every service (hpa, or none); overrides the scenario' },
  'cluster-autoscaler': { type: 'string', describe: 'cluster autoscaler (cluster-autoscaler, utilization-threshold, or none); overrides the scenario' },
  'scheduler-config': { type: 'string', describe: 'a KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1) to place pods with; overrides the scenario' },
} as const satisfies Record<string, Options>

export interface ScenarioArgs {
  placement?: string | undefined
  seed?: string | undefined
  duration?: string | undefined
  'pod-autoscaler'?: string | undefined
  'cluster-autoscaler'?: string | undefined
  'scheduler-config'?: string | undefined
}

export function overridesOf(args: ScenarioArgs): ScenarioOverrides {
  let durationMs: number | undefined
  if (args.duration !== undefined) {
    const d = parseDurationMs(args.duration)
    if (typeof d !== 'number') throw new UsageError(`--duration: ${d.error}`)
    if (d <= 0) throw new UsageError(`--duration: expected a duration > 0, got ${describeValue(args.duration)}`)
    durationMs = d
  }
  let seed: string | number | undefined
  if (args.seed !== undefined) {
    if (args.seed.trim() === '') throw new UsageError('--seed: expected an integer or a string, got ""')
    seed = /^-?\d+$/.test(args.seed) ? Number(args.seed) : args.seed
  }
  let schedulerConfig: { file: string; text: string } | undefined
  const configFile = args['scheduler-config']
  if (configFile !== undefined) {
    if (args.placement !== undefined) throw new UsageError('give either --placement or --scheduler-config, not both')
    try {
      schedulerConfig = { file: configFile, text: readFileSync(configFile, 'utf8') }
    } catch (e) {
      throw new UsageError(`--scheduler-config: cannot read ${describeValue(configFile)} (${(e as NodeJS.ErrnoException).code ?? String(e)})`)
    }
  }
  return { placement: args.placement, seed, durationMs, schedulerConfig, clusterAutoscaler: args['cluster-autoscaler'], podAutoscaler: args['pod-autoscaler'] }
}
