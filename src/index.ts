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
import { builtins } from '../policies/index.js'
import { Run, type RunOptions } from './controller/index.js'
import type { Registry } from './framework/index.js'
import type { RunTables } from './metrics/index.js'
import { loadScenario as loadScenarioText, ScenarioError, type Scenario, type ScenarioOverrides } from './scenario/index.js'

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
  return parseScenario(text, path, options)
}

export interface SimulateOptions extends RunOptions {
  readonly registry?: Registry | undefined
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
