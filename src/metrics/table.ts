/**
 * A tidy table: named columns (snake_case, units in the name) and rows of cells. Numbers are
 * written as JavaScript prints them (shortest round-trip form), so the same run gives the same
 * bytes anywhere; empty cells stand for "has not happened" (NaN, undefined).
 */
import { stringify } from 'csv-stringify/sync'

export type Cell = string | number | undefined
export interface Table {
  readonly columns: readonly string[]
  readonly rows: readonly (readonly Cell[])[]
}

const cell = (v: Cell): string => (v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v))

/** A field csv-stringify would quote: one holding the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[,"\r\n]/

/**
 * The table as CSV text with a header line (RFC 4180 quoting by csv-stringify). perf: rows whose
 * fields need no quoting (numbers, plain names: nearly all) are joined directly, the same bytes
 * csv-stringify writes for them; it writes the rest. Saves most of the CSV time of 288,000
 * autoscaler.csv rows (bench/services.bench.ts).
 */
export function toCsv(t: Table): string {
  const parts: string[] = [stringify([t.columns as string[]], { eof: true })]
  const fields: string[] = []
  for (const r of t.rows) {
    fields.length = r.length
    let plain = true
    for (let i = 0; i < r.length; i++) {
      const f = cell(r[i])
      fields[i] = f
      if (typeof r[i] === 'string' && NEEDS_QUOTES.test(f)) plain = false
    }
    parts.push(plain ? `${fields.join(',')}\n` : stringify([fields], { eof: true }))
  }
  return parts.join('')
}

/** Seconds from milliseconds, for CSV columns named `_s`. */
export const seconds = (ms: number): number => ms / 1000
