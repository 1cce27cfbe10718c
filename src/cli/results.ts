/**
 * Writes a run's tables into a directory, atomically: every file is first written under a
 * temporary name, and only when all are complete are they renamed into place, so an interrupted
 * run leaves no file that looks finished. Wall-clock metadata goes to a sidecar (run.json), never
 * into the CSV.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { toCsv, type Table } from '../metrics/index.js'

export function writeResults(dir: string, tables: Readonly<Record<string, Table>>, sidecar: object): string[] {
  mkdirSync(dir, { recursive: true })
  const files = [
    ...Object.entries(tables).map(([name, t]) => ({ name: `${name}.csv`, text: toCsv(t) })),
    { name: 'run.json', text: `${JSON.stringify(sidecar, null, 2)}\n` },
  ]
  const tmp = files.map((f) => join(dir, `.${f.name}.${process.pid}.tmp`))
  try {
    files.forEach((f, i) => writeFileSync(tmp[i]!, f.text))
    files.forEach((f, i) => renameSync(tmp[i]!, join(dir, f.name)))
  } finally {
    for (const t of tmp) rmSync(t, { force: true })
  }
  return files.map((f) => join(dir, f.name))
}
