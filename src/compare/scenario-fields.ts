/**
 * Overrides of scenario fields by path, as sweeps vary them: `cluster.pools[0].nodes = 8`. The path
 * is written as scenario error messages print it (`a.b[0].c`; `a.b.0.c` works too). Values are
 * set into the parsed YAML document, and the result is validated as any scenario is, so a typo in
 * a path is reported like a typo in the file: `cluster.pool: unknown key ...`.
 */
import { parseDocument } from 'yaml'

export type FieldValue = string | number | boolean

/** `cluster.pools[0].nodes` -> ['cluster', 'pools', 0, 'nodes']; a message (string) when malformed. */
export function parseFieldPath(path: string): (string | number)[] | string {
  const parts: (string | number)[] = []
  const re = /([^.[\]]+)|\[(\d+)\]/gy
  let expectSep = false
  let i = 0
  while (i < path.length) {
    if (expectSep && path[i] === '.') i++
    re.lastIndex = i
    const m = re.exec(path)
    if (!m) return `expected a field path such as cluster.pools[0].nodes, got "${path}"`
    parts.push(m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1]!)
    i = re.lastIndex
    expectSep = true
  }
  return parts.length > 0 ? parts : `expected a field path such as cluster.pools[0].nodes, got "${path}"`
}

/** The scenario text with the fields set (paths already checked by parseFieldPath). */
export function withFields(text: string, fields: readonly (readonly [string, FieldValue])[]): string {
  if (fields.length === 0) return text
  const doc = parseDocument(text)
  for (const [path, value] of fields) doc.setIn(parseFieldPath(path) as (string | number)[], value)
  return doc.toString()
}
