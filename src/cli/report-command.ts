/**
 * `fleetsim report <results-dir> [--out FILE]`: one self-contained HTML file with the charts of a
 * run or comparison directory (default: <results-dir>/report.html). Written to a temporary name and
 * renamed, like every result file.
 */
import { join } from 'node:path'
import type { CommandModule } from 'yargs'
import { writeFileAtomic } from './atomic-file.js'
import { readResultCsv } from './result-dir.js'

interface Args {
  dir: string
  out?: string | undefined
  quiet: boolean
}

/** The CSV tables a report can use; other files in the directory are ignored. */
const REPORTED = ['comparison', 'runs', 'summary', 'cluster', 'pods', 'services', 'services_summary', 'nodes'] as const

/** Builds the report of `dir` into `outFile`; returns the file name. */
export async function writeReport(dir: string, outFile: string): Promise<string> {
  const csv = readResultCsv(dir, {
    command: 'report',
    names: REPORTED,
    expectedDir: 'a results directory of fleetsim run or compare',
    expectedFiles: 'the output directory of fleetsim run, compare or sweep',
  })
  // Loaded on demand: Vega is a large import that the other commands do not need.
  const { buildReport } = await import('../report/index.js')
  writeFileAtomic(outFile, await buildReport({ title: dir, csv }))
  return outFile
}

export const reportCommand: CommandModule<object, Args> = {
  command: 'report <dir>',
  describe: 'write one self-contained HTML report (inline SVG charts) of a run or comparison directory',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'results directory of run, compare or sweep' })
      .option('out', { type: 'string', describe: 'HTML file to write [default: <dir>/report.html]' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .example('$0 report results/quickstart/compare-first-fit_best-fit', 'charts of a comparison') as never,
  handler: async (args) => {
    const file = await writeReport(args.dir, args.out ?? join(args.dir, 'report.html'))
    if (!args.quiet) process.stdout.write(`wrote ${file}\n`)
  },
}
