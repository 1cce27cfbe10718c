/**
 * Compiles the project once before any test file runs, for the tests that run the real command
 * line (`node .../src/cli/main.js`): test files run in parallel and must not each start a build.
 * The output goes to a private directory per vitest process, not dist/, so a `npm run build` or
 * another test run in the same tree cannot swap files under a test. Type errors do not stop the
 * emit (type-checking is `npm test`'s first step); a build that yields no main.js stops the run.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

const ROOT = resolve(import.meta.dirname)

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the freshly compiled CLI entry point (main.js). */
    cliMain: string
  }
}

export default function setup(project: TestProject): () => void {
  // One directory per vitest process: several engineers' test runs share this tree.
  const outDir = join(ROOT, 'node_modules', '.cache', `fleetsim-vitest-build-${process.pid}`)
  rmSync(outDir, { recursive: true, force: true })
  const tsc = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json'), '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' })
  const main = join(outDir, 'src', 'cli', 'main.js')
  if (!existsSync(main)) throw new Error(`vitest.global-setup: tsc produced no ${main}\n${tsc.stdout}${tsc.stderr}`)
  project.provide('cliMain', main)
  return () => rmSync(outDir, { recursive: true, force: true })
}
