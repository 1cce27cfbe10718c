/** Parses CSV text (as fleetsim writes it) into a table of text cells, via csv-parse. */
import { parse } from 'csv-parse/sync'
import type { TextTable } from '../compare/index.js'

export function parseCsv(text: string): TextTable {
  const records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][]
  const [columns = [], ...rows] = records
  return { columns, rows }
}

/** The column's cells as numbers (NaN for empty); throws naming the column when it is missing. */
export function numbers(t: TextTable, column: string): number[] {
  const i = t.columns.indexOf(column)
  if (i < 0) throw new Error(`column "${column}" is missing; the table has ${t.columns.join(', ')}`)
  return t.rows.map((r) => (r[i] === '' || r[i] === undefined ? NaN : Number(r[i])))
}

export const hasColumns = (t: TextTable | undefined, ...columns: string[]): t is TextTable =>
  t !== undefined && t.rows.length > 0 && columns.every((c) => t.columns.includes(c))
