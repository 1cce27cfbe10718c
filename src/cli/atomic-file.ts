/**
 * Writes one file atomically: under a temporary name beside it, then renamed, so an interrupted
 * write leaves no file that looks finished (results.ts does the same for a run's set of tables).
 * A file that cannot be written (no such directory, no permission) is bad input: exit 2, no stack.
 * It creates no directory: a mistyped --out should fail, not grow a tree.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { UsageError } from './usage-error.js'

export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === undefined) throw e
    throw new UsageError(`cannot write "${file}" (${code}${existsSync(dirname(file)) ? '' : `: no directory "${dirname(file)}"`})`)
  } finally {
    rmSync(tmp, { force: true })
  }
}
