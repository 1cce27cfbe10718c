/**
 * fleetsim's programmatic API: load a scenario and simulate it in-process, getting the same tables
 * the CLI writes as CSV. With cli/, this is the top layer: the only code besides cli/ that imports
 * the built-in policy registry.
 *
 * ```ts
 * import { loadScenario, simulate, toCsv } from 'fleetsim'
 * const result = simulate(loadScenario('scenarios/quickstart.yaml', { seed: 7 }))
 * console.log(result.summary.rows[0])
 * ```
 */
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { builtins } from '../policies/index.js'
import { Run, type RunOptions } from './controller/index.js'
import type { Registry } from './framework/index.js'
import type { RunTables, Table } from './metrics/index.js'
import { loadScenario as loadScenarioText, parseYaml, ScenarioError, type Scenario, type ScenarioOverrides } from './scenario/index.js'

export interface LoadOptions extends ScenarioOverrides {
  /** Placement plugins and policies to resolve names against (default: the built-ins). */
  readonly registry?: Registry | undefined
}

/** Parses scenario text; throws ScenarioError listing every issue. */
export function parseScenario(text: string, file = '<scenario>', options: LoadOptions = {}): Scenario {
  return loadScenarioText(text, file, options.registry ?? builtins, options)
}

/** Reads and parses a scenario file; throws ScenarioError (also for a missing file). */
export function loadScenario(path: string, options: LoadOptions = {}): Scenario {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const got = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : `an error reading it (${code ?? String(e)})`
    throw new ScenarioError(path, [{ path: '(file)', message: `expected a YAML or JSON scenario file, got ${got}` }])
  }
  // Load-curve CSV files named in the scenario are read relative to it.
  const readFile = options.readFile ?? ((f: string) => readFileSync(isAbsolute(f) ? f : join(dirname(path), f), 'utf8'))
  return parseScenario(text, path, { ...options, readFile, schedulerConfig: options.schedulerConfig ?? referencedSchedulerConfig(text, path) })
}

/**
 * The KubeSchedulerConfiguration a scenario names in `policies.placement.schedulerConfig`, read
 * relative to the scenario file (src/ below this file reads no files, so it is read here).
 */
function referencedSchedulerConfig(text: string, path: string): { file: string; text: string } | undefined {
  const parsed = parseYaml(text, path)
  if ('issues' in parsed) return undefined // the loader reports them
  const v = parsed.value as { policies?: { placement?: { schedulerConfig?: unknown } } } | null
  const ref = v?.policies?.placement?.schedulerConfig
  if (typeof ref !== 'string') return undefined
  const file = isAbsolute(ref) ? ref : join(dirname(path), ref)
  try {
    return { file, text: readFileSync(file, 'utf8') }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new ScenarioError(path, [{ path: 'policies.placement.schedulerConfig', message: `expected a KubeSchedulerConfiguration file, got ${code === 'ENOENT' ? 'no such file' : `an error reading it (${code ?? String(e)})`} (${file})` }])
  }
}

export interface SimulateOptions extends RunOptions {
  readonly registry?: Registry | undefined
}

/**
 * Runs a scenario to its end and returns summary.csv alone: what a comparison keeps of a run,
 * without building the per-pod and per-interval tables (less work and garbage per run).
 */
export function simulateSummary(scenario: Scenario, options: SimulateOptions = {}): Table {
  const run = new Run(scenario, options.registry ?? builtins, options)
  run.run(options)
  return run.metrics.summaryTable()
}

export interface SimulateResult extends RunTables {
  readonly scenario: Scenario
}

/** Runs a scenario to its end and returns its tables (summary, cluster, pods, rejections). */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulateResult {
  const run = new Run(scenario, options.registry ?? builtins, options)
  run.run(options)
  return { scenario, ...run.metrics.tables() }
}

export { builtins } from '../policies/index.js'
export { Run } from './controller/index.js'
export { registry } from './framework/index.js'
export type { Issue, PlacementModule, PlacementPlugin, PlacementPolicy, Registry } from './framework/index.js'
export { toCsv } from './metrics/index.js'
export type { Cell, RunTables, Table } from './metrics/index.js'
export { formatIssues, scenarioJsonSchema, ScenarioError } from './scenario/index.js'
export type { Scenario, ScenarioOverrides } from './scenario/index.js'
