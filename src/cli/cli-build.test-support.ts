/**
 * For tests that run the real command line (worker threads need compiled JavaScript): compiles the
 * project into a private directory under node_modules/.cache, so test files that do this in
 * parallel never write the same files, and runs `fleetsim` from there.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

/** Compiles the project; returns the path of its main.js. Type errors elsewhere do not stop emit. */
export function buildCli(name: string): string {
  const outDir = join(ROOT, 'node_modules', '.cache', `fleetsim-test-${name}`)
  spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json'), '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' })
  const main = join(outDir, 'src', 'cli', 'main.js')
  if (!existsSync(main)) throw new Error(`compiling the CLI into ${outDir} produced no main.js`)
  return main
}

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

export function runCli(main: string, args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export const repoPath = (...parts: string[]): string => join(ROOT, ...parts)
