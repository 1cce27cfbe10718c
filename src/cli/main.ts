#!/usr/bin/env node
/**
 * The fleetsim command line (yargs): a thin layer over the programmatic API. The only code that
 * reads argv, files and the wall clock. Exit status: 0 done; 1 a --assert gate failed; 2 bad input
 * (scenario or arguments), with a message and no stack trace; anything else is a bug (stack shown).
 */
import yargs from 'yargs'
import { hideBin } from 'yargs/helpers'
import { describeValue } from '../framework/index.js'
import { ScenarioError } from '../scenario/index.js'
import { compareCommand } from './compare-command.js'
import { explainCommand } from './explain-command.js'
import { exportCommand } from './export-command.js'
import { mergeCommand } from './merge-command.js'
import { policiesCommand } from './policies-command.js'
import { reportCommand } from './report-command.js'
import { runCommand } from './run-command.js'
import { schemaCommand } from './schema-command.js'
import { sweepCommand } from './sweep-command.js'
import { UsageError } from './usage-error.js'
import { validateCommand } from './validate-command.js'

const EXIT_BAD_INPUT = 2
const EXIT_BUG = 70

function fail(e: unknown): never {
  if (e instanceof ScenarioError || e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`)
    process.exit(EXIT_BAD_INPUT)
  }
  process.stderr.write(`fleetsim: internal error (a bug, please report it)\n${e instanceof Error ? e.stack : String(e)}\n`)
  process.exit(EXIT_BUG)
}

/**
 * A one-value option given twice arrives as an array, and one given without a value as "": both
 * are bad arguments (exit 2), not a crash further down.
 */
function singleValues(argv: Record<string, unknown>, ...rest: unknown[]): void {
  // yargs passes itself as the second argument (not in @types/yargs); its option table says which
  // options are strings and which of those may repeat.
  const { string, array } = (rest[0] as { getOptions(): { string: string[]; array: string[] } }).getOptions()
  for (const key of string) {
    const v = argv[key]
    if (array.includes(key) || v === undefined) continue
    if (Array.isArray(v)) throw new UsageError(`--${key}: given ${v.length} times (${v.map((x) => describeValue(x)).join(', ')}); give it once`)
    if (v === '') throw new UsageError(`--${key}: expected a value, got ""`)
  }
}

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
    .scriptName('fleetsim')
    .usage('$0 <command> [options]\n\nDiscrete-event simulator of a container cluster, for testing scheduling and autoscaling policies.')
    .command(runCommand)
    .command(compareCommand)
    .command(reportCommand)
    .command(exportCommand)
    .command(sweepCommand)
    .command(mergeCommand)
    .command(validateCommand)
    .command(explainCommand)
    .command(policiesCommand)
    .command(schemaCommand)
    .demandCommand(1, 'name a command: run, compare, report, export, sweep, merge, validate, explain, policies or schema')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .middleware(singleValues, true)
    .epilogue('Exit status: 0 done, 1 an --assert gate failed, 2 bad input (scenario or arguments). Docs: README.md and docs/.')
    .fail((msg, err) => {
      if (err) fail(err)
      // yargs' own words start with a capital ("Unknown argument: sed"); ours start lowercase.
      const text = /^[A-Z][a-z]/.test(msg) ? msg[0]!.toLowerCase() + msg.slice(1) : msg
      process.stderr.write(`fleetsim: ${text}\nRun "fleetsim --help" for usage.\n`)
      process.exit(EXIT_BAD_INPUT)
    })
    .parseAsync()
}

main().catch(fail)
