/** Scenario files: parse, validate (every issue at once), build a runnable Scenario. */
export { formatIssues, loadScenario, parseYaml, ScenarioError } from './load.js'
export { parseCount, parseCpuMilli, parseDurationMs, parseMemBytes, parseRatePerS, quantityValue } from './quantity.js'
export { scenarioJsonSchema } from './schema.js'
export type { Scenario, ScenarioOverrides } from './types.js'
