/**
 * Reading a results directory for the commands that turn one into something else (report,
 * export): the named CSV files it holds, or a UsageError saying what was expected.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError } from './usage-error.js'

export interface ResultDirSpec {
  /** The command, first in every message, e.g. 'report'. */
  readonly command: string
  /** The tables to read (file names without `.csv`); absent ones are skipped. */
  readonly names: readonly string[]
  /** At least one of these must be present (default: any of `names`). */
  readonly needsOneOf?: readonly string[]
  /** What `dir` should have been, when it is not a directory. */
  readonly expectedDir: string
  /** What `dir` should have been, when it holds none of `needsOneOf`. */
  readonly expectedFiles: string
}

/** The text of each CSV of `spec.names` present in `dir`, by table name. */
export function readResultCsv(dir: string, spec: ResultDirSpec): Record<string, string> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${spec.command}: "${dir}" is not a directory; expected ${spec.expectedDir}`)
  const present = new Set(readdirSync(dir))
  const csv: Record<string, string> = {}
  for (const name of spec.names) if (present.has(`${name}.csv`)) csv[name] = readFileSync(join(dir, `${name}.csv`), 'utf8')
  const needed = spec.needsOneOf ?? spec.names
  if (!needed.some((name) => csv[name] !== undefined)) {
    throw new UsageError(`${spec.command}: "${dir}" holds none of ${needed.map((n) => `${n}.csv`).join(', ')}; expected ${spec.expectedFiles}`)
  }
  return csv
}
