/**
 * One planned run, as a worker thread (or the main thread) executes it: scenario text plus
 * overrides in, tables out. A task is plain data, so it crosses the thread boundary by structured
 * clone; the scenario is parsed on the side that runs it.
 */
import { parseScenario, simulate, simulateSummary, type Scenario, type ScenarioOverrides, type Table } from '../index.js'
import { withFields, type FieldValue } from './scenario-fields.js'

export interface RunTask {
  /** Position in the plan; outcomes are put back in this order. */
  readonly index: number
  readonly scenarioText: string
  /** The scenario's file name, for messages and summary.csv. */
  readonly scenarioFile: string
  readonly overrides: ScenarioOverrides
  /** Sweep parameters set into the scenario before it is validated. */
  readonly fields: readonly (readonly [string, FieldValue])[]
  /** 'summary' for comparisons; 'all' when the run's own CSV files are kept or charted. */
  readonly tables: 'summary' | 'all'
}

export interface RunOutcome {
  readonly index: number
  readonly tables: Readonly<Record<string, Table>>
}

/** Parses the task's scenario; throws ScenarioError with every issue. */
export const scenarioOf = (task: RunTask): Scenario =>
  parseScenario(withFields(task.scenarioText, task.fields), task.scenarioFile, task.overrides)

export function executeRun(task: RunTask): RunOutcome {
  if (task.tables === 'summary') return { index: task.index, tables: { summary: simulateSummary(scenarioOf(task)) } }
  const { summary, cluster, pods, rejections, extra } = simulate(scenarioOf(task))
  return { index: task.index, tables: { summary, cluster, pods, rejections, ...extra } }
}
