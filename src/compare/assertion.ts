/**
 * `--assert` gates: `pod_wait_p95_s < 30` (every policy's mean over seeds must satisfy it) or
 * `best-fit.pod_wait_p95_s < 30` (that policy's mean only). Comparisons: < <= > >= == !=.
 * Parsing returns a message for a malformed expression; checking names against the metrics and
 * policies of a comparison returns a message listing the known ones.
 */
import type { Comparison } from './comparison.js'

const OPS = ['<=', '>=', '==', '!=', '<', '>'] as const
type Op = (typeof OPS)[number]

export interface Assertion {
  readonly text: string
  /** undefined: every policy. */
  readonly policy: string | undefined
  readonly metric: string
  readonly op: Op
  readonly value: number
}

const holds = (a: number, op: Op, b: number): boolean =>
  op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : op === '>=' ? a >= b : op === '==' ? a === b : a !== b

export function parseAssertion(text: string): Assertion | string {
  const m = /^\s*([^<>=!\s]+)\s*(<=|>=|==|!=|<|>)\s*(\S+)\s*$/.exec(text)
  if (!m) return `--assert "${text}": expected METRIC OP NUMBER or POLICY.METRIC OP NUMBER with OP one of ${OPS.join(' ')}, e.g. "pod_wait_p95_s < 30"`
  const value = Number(m[3])
  if (m[3] === '' || !Number.isFinite(value)) return `--assert "${text}": expected a number after ${m[2]}, got "${m[3]}"`
  const lhs = m[1]!
  const dot = lhs.lastIndexOf('.')
  return { text: text.trim(), policy: dot > 0 ? lhs.slice(0, dot) : undefined, metric: lhs.slice(dot + 1), op: m[2] as Op, value }
}

/** A message naming the unknown metric or policy and listing the known ones; undefined when fine. */
export function checkAssertion(a: Assertion, metrics: readonly string[], policies: readonly string[]): string | undefined {
  if (!metrics.includes(a.metric)) return `--assert "${a.text}": unknown metric "${a.metric}"; known metrics: ${metrics.join(', ')}`
  if (a.policy !== undefined && !policies.includes(a.policy)) return `--assert "${a.text}": unknown policy "${a.policy}"; compared policies: ${policies.join(', ')}`
  return undefined
}

export interface AssertionOutcome {
  readonly assertion: Assertion
  readonly passed: boolean
  /** One line per policy checked: `best-fit: pod_wait_p95_s mean 41.2 is not < 30`. */
  readonly lines: readonly string[]
}

const show = (v: number): string => (Number.isFinite(v) ? String(+v.toPrecision(6)) : 'missing')

/** Evaluates on the mean over seeds (of the first sweep point, as `compare` has one). */
export function evaluateAssertion(a: Assertion, c: Comparison): AssertionOutcome {
  const lines: string[] = []
  let passed = true
  for (const r of c.results) {
    if (r.metric !== a.metric || (a.policy !== undefined && r.label !== a.policy)) continue
    const ok = holds(r.estimate.mean, a.op, a.value)
    passed &&= ok
    lines.push(`${r.label}: ${a.metric} mean ${show(r.estimate.mean)} ${ok ? '' : 'is not '}${a.op} ${a.value}`)
  }
  if (lines.length === 0) return { assertion: a, passed: false, lines: [`${a.policy ?? 'every policy'}: no run produced a value of ${a.metric}`] }
  return { assertion: a, passed, lines }
}
