/**
 * A problem found in user input: where (a field path such as `cluster.pools[0].max`, or a line
 * for CSV traces) and what was expected versus found. Every check returns all of its issues at
 * once; nothing throws for bad input.
 */
export interface Issue {
  readonly path: string
  /** `expected ..., got ...` or another short lowercase sentence without a final period. */
  readonly message: string
}

/** `"lots"` for strings, numbers as written, JSON for the rest; short, for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v)
  const s = JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

export function oneOf<T extends string>(value: string, choices: readonly T[], at: string): Issue[] {
  return (choices as readonly string[]).includes(value)
    ? []
    : [{ path: at, message: `expected one of ${choices.join(', ')}, got ${describeValue(value)}` }]
}

export function positive(value: number, at: string): Issue[] {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? []
    : [{ path: at, message: `expected a number > 0, got ${describeValue(value)}` }]
}

export function intInRange(value: number, min: number, max: number, at: string): Issue[] {
  return Number.isInteger(value) && value >= min && value <= max
    ? []
    : [{ path: at, message: `expected a whole number from ${min} to ${max}, got ${describeValue(value)}` }]
}
