/**
 * `fleetsim merge <dir>... [--out DIR]`: joins the outputs of `fleetsim sweep --shard i/N` into one
 * runs.csv and comparison.csv, byte for byte what the unsharded sweep writes. Refuses outputs of
 * different sweeps, conflicting rows and missing runs, naming them.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { CommandModule } from 'yargs'
import { mergeRuns, sweepComparison, type SweepMeta } from '../compare/index.js'
import { parseCsv } from '../report/csv-table.js'
import { writeResults } from './results.js'
import { UsageError } from './usage-error.js'

interface Args {
  dirs: string[]
  out?: string | undefined
  quiet: boolean
}

function readShard(dir: string): { dir: string; meta: SweepMeta; runs: ReturnType<typeof parseCsv> } {
  const metaFile = join(dir, 'run.json')
  const runsFile = join(dir, 'runs.csv')
  if (!existsSync(metaFile) || !existsSync(runsFile)) throw new UsageError(`merge: ${dir} holds no finished sweep output (runs.csv and run.json); is the shard still running?`)
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as SweepMeta
  if (typeof meta.plan_key !== 'string') throw new UsageError(`merge: ${dir} is not the output of fleetsim sweep (its run.json has no plan_key)`)
  return { dir, meta, runs: parseCsv(readFileSync(runsFile, 'utf8')) }
}

export const mergeCommand: CommandModule<object, Args> = {
  command: 'merge <dirs..>',
  describe: 'join the outputs of sweep shards into one runs.csv and comparison.csv',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'output directories of fleetsim sweep --shard' })
      .option('out', { type: 'string', describe: 'output directory [default: merged/ beside the first shard]' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .example('$0 merge out/shard-* --out out/all', 'join every shard') as never,
  handler: (args) => {
    const shards = args.dirs.map(readShard)
    const runs = mergeRuns(shards)
    if (typeof runs === 'string') throw new UsageError(`merge: ${runs}`)
    const meta = shards[0]!.meta
    const comparison = sweepComparison(runs, meta.parameters, meta.baseline ?? undefined)
    const out = args.out ?? join(dirname(args.dirs[0]!), 'merged')
    const written = writeResults(out, { runs, comparison: comparison.table }, { ...meta, shard: 'merged', merged_from: args.dirs })
    if (!args.quiet) process.stdout.write(`merged ${shards.length} shard(s), ${runs.rows.length} runs; wrote ${written.filter((f) => f.endsWith('.csv')).join(', ')}\n`)
  },
}
