/**
 * Turns zod's issues into ours: one `path: expected ..., got ...` per problem, in the words of
 * STYLE.md section 5. For a union, the branch that matches the input's shape best speaks for it
 * (e.g. `{dist: lognormal, median: "x"}` is reported at `.median`, not as "no branch matched").
 */
import type * as z from 'zod'
import { describeValue, type Issue } from '../framework/index.js'

type ZIssue = z.core.$ZodIssue
type Key = PropertyKey

export function formatPath(path: readonly Key[]): string {
  let s = ''
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`
  return s === '' ? '(top level)' : s
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number', string: 'a string', object: 'a mapping', array: 'a list', boolean: 'true or false', int: 'a whole number',
}

/** How badly a union branch's issues say "this is not the shape the user meant". */
function mismatch(issues: readonly ZIssue[], depth: number): number {
  let worst = 0
  for (const i of issues) {
    const rel = i.path.length - depth
    let p = 0
    if (i.code === 'invalid_type' && rel === 0) p = 100
    else if (i.code === 'invalid_union' && rel <= 1) p = i.errors.length ? Math.min(...i.errors.map((b) => mismatch(b, depth))) : 30
    else if (i.code === 'unrecognized_keys' && rel === 0) p = 50
    else if (i.code === 'invalid_type' && i.input === undefined) p = 20
    worst = Math.max(worst, p)
  }
  return worst
}

function convert(i: ZIssue, base: readonly Key[], out: Issue[]): void {
  const path = [...base, ...i.path]
  const at = formatPath(path)
  const got = describeValue(i.input)
  switch (i.code) {
    case 'invalid_type':
      out.push({ path: at, message: i.input === undefined ? `missing; expected ${TYPE_WORDS[i.expected] ?? i.expected}` : `expected ${TYPE_WORDS[i.expected] ?? i.expected}, got ${got}` })
      return
    case 'unrecognized_keys':
      for (const k of i.keys) out.push({ path: formatPath([...path, k]), message: 'unknown key' })
      return
    case 'invalid_value':
      out.push({ path: at, message: `expected ${i.values.length === 1 ? String(i.values[0]) : `one of ${i.values.join(', ')}`}, got ${got}` })
      return
    case 'too_small':
      out.push({ path: at, message: i.origin === 'array' ? `expected at least ${String(i.minimum)} item${i.minimum === 1 ? '' : 's'}` : i.origin === 'string' ? 'expected a non-empty string' : `expected a number ${i.inclusive ? '>=' : '>'} ${String(i.minimum)}, got ${got}` })
      return
    case 'too_big':
      out.push({ path: at, message: `expected a number ${i.inclusive ? '<=' : '<'} ${String(i.maximum)}, got ${got}` })
      return
    case 'invalid_union': {
      const d = i as unknown as { note?: string; discriminator?: string; options?: unknown[] }
      if (d.note === 'No matching discriminator') {
        const key = String(d.discriminator)
        out.push({ path: formatPath([...path, key]), message: `expected one of ${(d.options ?? []).join(', ')}, got ${describeValue((i.input as Record<string, unknown> | undefined)?.[key])}` })
        return
      }
      const ranked = i.errors.map((b) => ({ b, m: mismatch(b, 0) })).sort((a, b) => a.m - b.m)
      const best = ranked[0]
      if (!best || best.m >= 100 || (ranked[1] && ranked[1].m === best.m && best.m >= 50)) {
        out.push({ path: at, message: i.message.startsWith('expected') ? `${i.message}, got ${got}` : `unexpected shape, got ${got}` })
        return
      }
      for (const sub of best.b) convert(sub, path, out)
      return
    }
    default:
      out.push({ path: at, message: i.message })
  }
}

export function zodIssues(error: z.ZodError): Issue[] {
  const out: Issue[] = []
  for (const i of error.issues) convert(i, [], out)
  return out
}
