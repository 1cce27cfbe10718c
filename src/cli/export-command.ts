/**
 * `fleetsim export openmetrics <results-dir> [--out FILE] [--start-epoch-s N]`: a run's time series
 * (cluster.csv, services.csv, nodes.csv) as OpenMetrics text with timestamps, for
 * `promtool tsdb create-blocks-from openmetrics` (docs/openmetrics.md). `export` is a group of
 * formats so that another (say, a Parquet file) is one more subcommand.
 */
import { join } from 'node:path'
import type { CommandModule } from 'yargs'
import { describeValue } from '../framework/index.js'
import { DEFAULT_START_EPOCH_S, toOpenMetrics } from '../report/openmetrics.js'
import { writeFileAtomic } from './atomic-file.js'
import { readResultCsv } from './result-dir.js'
import { UsageError } from './usage-error.js'

interface Args {
  dir: string
  out?: string | undefined
  'start-epoch-s'?: string | undefined
  quiet: boolean
}

/** The tables the export reads: the time series, the run's labels and the SLO thresholds. */
const READ = ['summary', 'cluster', 'services', 'services_summary', 'nodes'] as const
const SERIES = ['cluster', 'services', 'nodes'] as const

/** Seconds since the Unix epoch: digits with an optional fraction, nothing else (no sign, no exponent). */
function startEpochS(text: string | undefined): number {
  if (text === undefined) return DEFAULT_START_EPOCH_S
  const s = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN
  // 10^11 s is the year 5138: past it, Prometheus' millisecond timestamps still fit, but no one means it.
  if (!(s <= 1e11)) throw new UsageError(`--start-epoch-s: expected seconds since 1970-01-01T00:00:00Z, a number >= 0 such as ${DEFAULT_START_EPOCH_S}, got ${describeValue(text)}`)
  return s
}

/** Writes the OpenMetrics text of the run in `dir` to `outFile`; returns the number of samples. */
function writeOpenMetrics(dir: string, outFile: string, epochS: number): number {
  const csv = readResultCsv(dir, {
    command: 'export openmetrics',
    names: READ,
    needsOneOf: SERIES,
    expectedDir: 'the output directory of fleetsim run',
    expectedFiles: 'the output directory of fleetsim run (compare --keep-runs writes one per run under runs/)',
  })
  const text = toOpenMetrics({ csv, startEpochS: epochS })
  writeFileAtomic(outFile, text)
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length
}

const openMetricsCommand: CommandModule<object, Args> = {
  command: 'openmetrics <dir>',
  describe: 'write a run\'s time series as OpenMetrics text with timestamps, to backfill into Prometheus',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'output directory of fleetsim run' })
      .option('out', { type: 'string', describe: 'file to write [default: <dir>/metrics.om.txt]' })
      .option('start-epoch-s', { type: 'string', describe: `Unix time (s) of simulated time 0 [default: ${DEFAULT_START_EPOCH_S}, 2024-01-01T00:00:00Z]` })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .example('$0 export openmetrics results/diurnal-web/k8s-default-seed7', 'write results/diurnal-web/k8s-default-seed7/metrics.om.txt')
      .example('$0 export openmetrics DIR --start-epoch-s $(( $(date +%s) - 172800 ))', 'a two-day run placed so that it ends now')
      .epilogue('Then: promtool tsdb create-blocks-from openmetrics DIR/metrics.om.txt BLOCKS_DIR, and move the blocks into Prometheus\' data directory (docs/openmetrics.md).') as never,
  handler: (args) => {
    const out = args.out ?? join(args.dir, 'metrics.om.txt')
    const samples = writeOpenMetrics(args.dir, out, startEpochS(args['start-epoch-s']))
    if (!args.quiet) process.stdout.write(`wrote ${out} (${samples.toLocaleString('en-US')} samples)\n`)
  },
}

export const exportCommand: CommandModule<object, object> = {
  command: 'export',
  describe: 'write a run\'s results in another format: openmetrics',
  builder: (y) => y.command(openMetricsCommand).demandCommand(1, 'name a format: openmetrics') as never,
  handler: () => {},
}
