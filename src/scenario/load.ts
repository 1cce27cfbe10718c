/**
 * Text in (read by cli/ or an embedder), Scenario or every issue out. YAML syntax errors come with
 * line and column; shape errors with the field path; cross-field rules run when the shape is right.
 */
import { LineCounter, parseDocument } from 'yaml'
import { describeValue, type Issue, type Registry } from '../framework/index.js'
import { buildScenario, resourceKeyIssues } from './build.js'
import { scenarioSchema } from './schema.js'
import type { Scenario, ScenarioOverrides } from './types.js'
import { formatLocated, formatPath, scenarioErrorMap, zodLocated } from './zod-issues.js'

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

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s)

type Key = PropertyKey
type Parsed = { value: unknown; position: (path: readonly Key[]) => number | undefined } | { issues: Issue[] }

/**
 * Parses YAML (or JSON) text; returns the plain value and where each path starts in the text, or
 * the syntax issues as `file:line:column` and the parser's words (one per place: an unclosed
 * bracket makes the parser complain twice about the same spot).
 */
export function parseYaml(text: string, file: string): Parsed {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    const issues: Issue[] = []
    for (const e of doc.errors) {
      const { line, col } = lineCounter.linePos(e.pos[0])
      const path = `${file}:${line}:${col}`
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: lowerFirst(e.message.split('\n')[0]!) })
    }
    return { issues }
  }
  const position = (path: readonly Key[]): number | undefined => {
    if (path.length === 0) return 0
    const node = doc.getIn(path as Key[], true) as { range?: [number, number, number] } | undefined
    return node?.range?.[0]
  }
  return { value: doc.toJS({ maxAliasCount: 1000 }), position }
}

const WANTED = 'expected a scenario mapping with name, cluster and workloads'

/**
 * Loads a scenario from its text. Throws ScenarioError (bad input) with every issue found; any
 * other exception is a bug.
 */
export function loadScenario(text: string, file: string, reg: Registry, overrides: ScenarioOverrides = {}): Scenario {
  if (text.trim() === '') throw new ScenarioError(file, [{ path: '(top level)', message: `${WANTED}, got an empty file` }])
  const parsed = parseYaml(text, file)
  if ('issues' in parsed) throw new ScenarioError(file, parsed.issues)
  const v = parsed.value
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    const got = v === null || v === undefined ? 'no content (only comments?)' : Array.isArray(v) ? 'a list' : describeValue(v)
    throw new ScenarioError(file, [{ path: '(top level)', message: `${WANTED}, got ${got}` }])
  }
  const shape = scenarioSchema.safeParse(v, { reportInput: true, error: scenarioErrorMap })
  if (!shape.success) {
    // Misspelt resource names are otherwise found only once the shape is right: report them now.
    const keys = resourceKeyIssues(v)
    const taken = new Set(keys.map((k) => formatPath(k.at)))
    const located = [...zodLocated(shape.error).filter((l) => !taken.has(formatPath(l.at))), ...keys]
    throw new ScenarioError(file, formatLocated(located, parsed.position))
  }
  const built = buildScenario(shape.data, file, reg, overrides)
  if (Array.isArray(built)) throw new ScenarioError(file, built)
  return built
}
