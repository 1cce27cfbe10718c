/**
 * Turns zod's issues into ours: one `path: expected ..., got ...` per problem, in the words of
 * STYLE.md section 5. For a union, the branch that matches the input's shape best speaks for it
 * (e.g. `{dist: lognormal, median: "x"}` is reported at `.median`, not as "no branch matched").
 * An unknown key names the key it probably meant, or lists the keys its mapping accepts.
 * Issues come out in the order of the input when the caller says where each path is.
 */
import type * as z from 'zod'
import { describeValue, type Issue } from '../framework/index.js'
import { closestName } from './closest-name.js'

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

const KNOWN = 'known keys: '

/**
 * Pass as `error` to `safeParse`: an unknown-key issue then carries the keys its mapping accepts
 * (zod's finished issue no longer holds the schema), which `zodIssues` turns into a hint.
 */
export function scenarioErrorMap(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.code !== 'unrecognized_keys') return undefined
  const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape
  return shape ? KNOWN + Object.keys(shape).filter((k) => !k.startsWith('$')).join(', ') : undefined
}

function unknownKey(key: string, i: ZIssue): string {
  const known = i.message.startsWith(KNOWN) ? i.message.slice(KNOWN.length).split(', ') : []
  const guess = closestName(key, known)
  if (guess !== undefined) return `unknown key; did you mean ${guess}?`
  if (known.length === 0) return 'unknown key'
  return known.length === 1 ? `unknown key; expected ${known[0]!}` : `unknown key; expected one of ${known.join(', ')}`
}

interface Discriminated {
  note?: string
  discriminator?: string
  options?: unknown[]
}
const isNoDiscriminator = (i: ZIssue) => (i as unknown as Discriminated).note === 'No matching discriminator'

/** `a number or a string`: what the branches of a failed union expected, when each wanted a type. */
function branchTypes(branches: readonly (readonly ZIssue[])[]): string {
  const words: string[] = []
  for (const b of branches) {
    const t = b.length === 1 && b[0]!.path.length === 0 && b[0]!.code === 'invalid_type' ? b[0]!.expected : undefined
    const w = t === undefined ? 'another shape' : TYPE_WORDS[t] ?? t
    if (!words.includes(w)) words.push(w)
  }
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}` : words[0] ?? 'another shape'
}

interface Fit {
  /** The worst single sign that this branch is not the shape the user meant (0 = only small slips). */
  worst: number
  /** All signs added up, to choose between branches that are equally wrong at worst. */
  total: number
}

/** How badly a union branch's issues say "this is not the shape the user meant". */
function mismatch(issues: readonly ZIssue[], depth: number): Fit {
  let worst = 0
  let total = 0
  for (const i of issues) {
    const rel = i.path.length - depth
    let p = 0
    let times = 1
    if (i.code === 'invalid_type' && rel === 0) p = 100
    else if (i.code === 'invalid_union' && isNoDiscriminator(i)) p = 30
    // A branch that is itself a union is as wrong as its best branch; a union-typed field deeper
    // down counts like any other field: a slip when present, missing when absent.
    else if (i.code === 'invalid_union' && rel === 0) p = i.errors.length ? Math.min(...i.errors.map((b) => mismatch(b, depth).worst)) : 30
    else if (i.code === 'invalid_union' && i.input === undefined) p = 20
    else if (i.code === 'unrecognized_keys' && rel === 0) [p, times] = [50, i.keys.length]
    else if (i.code === 'invalid_type' && i.input === undefined) p = 20
    worst = Math.max(worst, p)
    total += p * times
  }
  return { worst, total }
}

/** An issue whose path is still a list of keys, so it can be placed in the input. */
export interface Located {
  readonly at: readonly Key[]
  readonly message: string
}

function convert(i: ZIssue, base: readonly Key[], out: Located[]): void {
  const at = [...base, ...i.path]
  const got = describeValue(i.input)
  const push = (message: string, path: readonly Key[] = at) => out.push({ at: path, message })
  switch (i.code) {
    case 'invalid_type':
      push(i.input === undefined ? `missing; expected ${TYPE_WORDS[i.expected] ?? i.expected}` : `expected ${TYPE_WORDS[i.expected] ?? i.expected}, got ${got}`)
      return
    case 'unrecognized_keys':
      for (const k of i.keys) push(unknownKey(k, i), [...at, k])
      return
    case 'invalid_value': {
      const expected = `expected ${i.values.length === 1 ? String(i.values[0]) : `one of ${i.values.join(', ')}`}`
      push(i.input === undefined ? `missing; ${expected}` : `${expected}, got ${got}`)
      return
    }
    case 'too_small':
      push(i.origin === 'array' ? `expected at least ${String(i.minimum)} item${i.minimum === 1 ? '' : 's'}, got ${got}` : i.origin === 'string' ? 'expected a non-empty string' : `expected a number ${i.inclusive ? '>=' : '>'} ${String(i.minimum)}, got ${got}`)
      return
    case 'too_big':
      push(`expected a number ${i.inclusive ? '<=' : '<'} ${String(i.maximum)}, got ${got}`)
      return
    case 'invalid_format':
      push(i.message.startsWith('expected') ? `${i.message}, got ${got}` : `expected ${i.format}, got ${got}`)
      return
    case 'invalid_union': {
      const d = i as unknown as Discriminated
      if (isNoDiscriminator(i)) {
        // zod puts the discriminator key on the path already, and the whole mapping in `input`.
        const key = String(d.discriminator)
        const path = at[at.length - 1] === key ? at : [...at, key]
        const value = (i.input as Record<string, unknown> | undefined)?.[key]
        const choices = `one of ${(d.options ?? []).join(', ')}`
        push(value === undefined ? `missing; expected ${choices}` : `expected ${choices}, got ${describeValue(value)}`, path)
        return
      }
      const ranked = i.errors.map((b) => ({ b, m: mismatch(b, 0) })).sort((x, y) => x.m.worst - y.m.worst || x.m.total - y.m.total)
      const best = ranked[0]
      const second = ranked[1]
      const ambiguous = second !== undefined && best !== undefined && second.m.worst === best.m.worst && second.m.total === best.m.total && best.m.worst >= 50
      if (!best || best.m.worst >= 100 || ambiguous) {
        // The schema's own words when it has some (they may already say what was found), else
        // the types its branches take.
        const expected = i.message.startsWith('expected') ? i.message.replace(/, got .*$/, '') : `expected ${branchTypes(i.errors)}`
        push(i.input === undefined ? `missing; ${expected}` : `${expected}, got ${got}`)
        return
      }
      for (const sub of best.b) convert(sub, at, out)
      return
    }
    default:
      push(i.message)
  }
}

/**
 * zod's issues in our words, paths still as key lists. A required key reported missing next to
 * an unknown key that is its misspelling (`capacty`) is said once, by the unknown key's hint.
 */
export function zodLocated(error: z.ZodError): Located[] {
  const located: Located[] = []
  for (const i of error.issues) convert(i, [], located)
  const meant = new Set<string>()
  for (const l of located) {
    const m = /^unknown key; did you mean (.+)\?$/.exec(l.message)
    if (m) meant.add(formatPath([...l.at.slice(0, -1), m[1]!]))
  }
  return located.filter((l) => !(l.message.startsWith('missing;') && meant.has(formatPath(l.at))))
}

/**
 * Formats issues. `position` (optional) gives an offset in the input for a path, or undefined
 * when the path is not in the input (a missing key); issues are then listed in the order of the
 * input, a missing key at its parent.
 */
export function formatLocated(located: readonly Located[], position?: (path: readonly Key[]) => number | undefined): Issue[] {
  const where = (path: readonly Key[]): number => {
    for (let n = path.length; position && n >= 0; n--) {
      const p = position(path.slice(0, n))
      if (p !== undefined) return p
    }
    return 0
  }
  const order = located.map((l, k) => ({ l, k, pos: where(l.at) }))
  order.sort((a, b) => a.pos - b.pos || a.k - b.k)
  return order.map(({ l }) => ({ path: formatPath(l.at), message: l.message }))
}

/** Our issues for a failed parse, in the order of the input when `position` is given. */
export function zodIssues(error: z.ZodError, position?: (path: readonly Key[]) => number | undefined): Issue[] {
  return formatLocated(zodLocated(error), position)
}
