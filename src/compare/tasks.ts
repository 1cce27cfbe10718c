/** Turns planned runs into the tasks that workers execute. */
import type { ScenarioOverrides } from '../index.js'
import type { RunTask } from './execute.js'
import type { PlannedRun } from './plan.js'
import type { FieldValue } from './scenario-fields.js'

export interface TaskSource {
  readonly scenarioText: string
  readonly scenarioFile: string
  /** Overrides shared by every run (e.g. --duration). */
  readonly overrides?: ScenarioOverrides
  /** The parameter fields of a sweep point; none for `compare`. */
  readonly fieldsOf?: (point: number) => readonly (readonly [string, FieldValue])[]
  readonly tables?: RunTask['tables']
}

export const taskOf = (run: PlannedRun, src: TaskSource): RunTask => ({
  index: run.index,
  scenarioText: src.scenarioText,
  scenarioFile: src.scenarioFile,
  overrides: { ...src.overrides, ...run.policy, seed: run.seed },
  fields: src.fieldsOf?.(run.point) ?? [],
  tables: src.tables ?? 'summary',
})
