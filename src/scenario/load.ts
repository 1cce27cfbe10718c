/**
 * Text in (read by cli/ or an embedder), Scenario or every issue out. YAML syntax errors come with
 * line and column; shape errors with the field path; cross-field rules run when the shape is right.
 */
import { LineCounter, parseDocument } from 'yaml'
import type { Issue, Registry } from '../framework/index.js'
import { buildScenario } from './build.js'
import { scenarioSchema } from './schema.js'
import type { Scenario, ScenarioOverrides } from './types.js'
import { zodIssues } from './zod-issues.js'

/** Why a scenario could not be loaded: all issues, found at once. */
export class ScenarioError extends Error {
  readonly file: string
  readonly issues: readonly Issue[]
  constructor(file: string, issues: readonly Issue[]) {
    super(formatIssues(file, issues))
    this.name = 'ScenarioError'
    this.file = file
    this.issues = issues
  }
}

/** `file has N issues:` then one indented `path: message` per line (syntax errors as file:line:col). */
export function formatIssues(file: string, issues: readonly Issue[]): string {
  const head = issues.length === 1 ? `${file} has 1 issue:` : `${file} has ${issues.length} issues:`
  return [head, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n')
}

/** Parses YAML (or JSON) text; returns the plain value or the syntax issues. */
export function parseYaml(text: string, file: string): { value: unknown } | { issues: Issue[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0]
        const where = pos ? `${file}:${pos.line}:${pos.col}` : file
        return { path: where, message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '') }
      }),
    }
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }) }
}

/**
 * Loads a scenario from its text. Throws ScenarioError (bad input) with every issue found; any
 * other exception is a bug.
 */
export function loadScenario(text: string, file: string, reg: Registry, overrides: ScenarioOverrides = {}): Scenario {
  if (text.trim() === '') throw new ScenarioError(file, [{ path: '(top level)', message: 'the file is empty; expected a scenario mapping with name, cluster and workloads' }])
  const parsed = parseYaml(text, file)
  if ('issues' in parsed) throw new ScenarioError(file, parsed.issues)
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    throw new ScenarioError(file, [{ path: '(top level)', message: `expected a mapping with name, cluster and workloads, got ${Array.isArray(parsed.value) ? 'a list' : JSON.stringify(parsed.value)}` }])
  }
  const shape = scenarioSchema.safeParse(parsed.value, { reportInput: true })
  if (!shape.success) throw new ScenarioError(file, zodIssues(shape.error))
  const built = buildScenario(shape.data, file, reg, overrides)
  if (Array.isArray(built)) throw new ScenarioError(file, built)
  return built
}
