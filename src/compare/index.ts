/**
 * Comparisons and sweeps: statistics over seeds, run planning and shards, the worker pool, sweep
 * files and merging. Imports the programmatic API (src/index.ts), metrics and scenario; nothing
 * below this layer imports it. Reads no files: cli/ passes text in.
 */
export { checkAssertion, evaluateAssertion, parseAssertion } from './assertion.js'
export type { Assertion, AssertionOutcome } from './assertion.js'
export { compareRuns, labelAxes, labelOf, metricColumns, RUN_COLUMNS, runsTable, textCell } from './comparison.js'
export type { Comparison, ComparisonOptions, MetricResult, TextTable } from './comparison.js'
export { consoleTable } from './console-table.js'
export { executeRun, scenarioOf } from './execute.js'
export type { RunOutcome, RunTask } from './execute.js'
export { Better, betterOf } from './metric-direction.js'
export { parseSeeds, parseShard, planRuns, POLICY_AXES, policyCombinations, policyLabel, shardRuns } from './plan.js'
export type { PlannedRun, PolicyChoice, Shard } from './plan.js'
export { defaultWorkerUrl, hasCompiledWorker, RunFailed, runTasks } from './pool.js'
export type { PoolOptions } from './pool.js'
export { parseFieldPath, withFields } from './scenario-fields.js'
export type { FieldValue } from './scenario-fields.js'
export { estimate, isSignificant, pairedDifference } from './stats.js'
export type { Estimate } from './stats.js'
export { studentTCdf, studentTQuantile } from './student-t.js'
export { taskOf } from './tasks.js'
export type { TaskSource } from './tasks.js'
export { parseSweep, sweepParameters, sweepPoints } from './sweep-file.js'
export type { RandomRange, SweepPoint, SweepSpec } from './sweep-file.js'
export { journalLine, mergeRuns, planKey, readJournal, runKey, sweepComparison, sweepContext, sweepRunsTable } from './sweep-results.js'
export type { JournalEntry, SweepMeta } from './sweep-results.js'
