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

/** Row indices per value of `column`, values in order of first appearance; all rows under '' without a column. */
export function rowsBy(t: TextTable, column?: string): Map<string, number[]> {
  const out = new Map<string, number[]>()
  const col = column === undefined ? -1 : t.columns.indexOf(column)
  t.rows.forEach((r, i) => {
    const key = col < 0 ? '' : r[col]!
    if (!out.has(key)) out.set(key, [])
    out.get(key)!.push(i)
  })
  return out
}

export const hasColumns = (t: TextTable | undefined, ...columns: string[]): t is TextTable =>
  t !== undefined && t.rows.length > 0 && columns.every((c) => t.columns.includes(c))
