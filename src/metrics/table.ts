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

/** The table as CSV text with a header line (RFC 4180 quoting by csv-stringify). */
export function toCsv(t: Table): string {
  return stringify([t.columns as string[], ...t.rows.map((r) => r.map(cell))], { eof: true })
}

/** Seconds from milliseconds, for CSV columns named `_s`. */
export const seconds = (ms: number): number => ms / 1000
