/**
 * `npm run bench`: runs the suites in `bench/`, printing a table or, with --json, one JSON object
 * per task per line.
 *
 *   npm run bench -- [--json] [--quick] [--filter SUBSTRING]
 *
 * --filter keeps the suites whose name contains SUBSTRING, and within the others the tasks whose
 * name contains it. Adding a suite: write `bench/<name>.bench.ts` exporting `suite` (see
 * `harness.ts`) and add one line to SUITES below.
 */
import { type BenchOptions, type BenchResult, type Suite } from './harness.js'
import { suite as compare } from './compare.bench.js'
import { suite as cluster } from './cluster.bench.js'
import { suite as engine } from './engine.bench.js'
import { suite as placement } from './placement.bench.js'
import { suite as scenario } from './scenario.bench.js'
import { suite as services } from './services.bench.js'

const SUITES: readonly { name: string; run: Suite }[] = [
  { name: 'engine', run: engine },
  { name: 'placement', run: placement },
  { name: 'scenario', run: scenario },
  { name: 'cluster', run: cluster },
  { name: 'compare', run: compare },
  { name: 'services', run: services },
]

function parseArgs(argv: readonly string[]): BenchOptions & { json: boolean } {
  let json = false
  let quick = false
  let filter: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--json') json = true
    else if (arg === '--quick') quick = true
    else if (arg === '--filter') {
      filter = argv[++i]
      if (filter === undefined) usage('--filter needs a SUBSTRING')
    } else if (arg.startsWith('--filter=')) filter = arg.slice('--filter='.length)
    else usage(`unknown argument "${arg}"`)
  }
  return { json, quick, filter }
}

function usage(problem: string): never {
  console.error(`bench: ${problem}\nusage: npm run bench -- [--json] [--quick] [--filter SUBSTRING]`)
  process.exit(2)
}

function formatRate(perS: number | undefined): string {
  return perS === undefined ? '' : `${(perS / 1e6).toFixed(2)} M`
}

/** The task's own rate: the first `*_per_s` field, shown with its unit (events, placements, pods). */
function rateOf(r: BenchResult): string {
  const key = Object.keys(r).find((k) => k.endsWith('_per_s'))
  if (key === undefined) return ''
  const v = (r as unknown as Record<string, number>)[key]!
  const unit = key.slice(0, -'_per_s'.length)
  return v >= 1e6 ? `${formatRate(v)} ${unit}/s` : `${Math.round(v).toLocaleString('en-US')} ${unit}/s`
}

function printTable(results: readonly BenchResult[]): void {
  const rows = results.map((r) => ({
    task: r.task,
    rate: rateOf(r),
    'mean/iteration': `${(r.mean_ns / 1e6).toFixed(3)} ms`,
    samples: String(r.samples),
    'ratio to reference': r.ratio_to_reference === undefined ? ''
      : `${r.ratio_to_reference.toFixed(2)}x` + (r.ratio_min === undefined ? ''
        : ` (${r.ratio_min.toFixed(2)}-${r.ratio_max!.toFixed(2)})`),
  }))
  const cols = Object.keys(rows[0] ?? {}) as (keyof (typeof rows)[number])[]
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)))
  const line = (cells: string[]) => cells.map((s, i) => (i === 0 ? s.padEnd(width[i]!) : s.padStart(width[i]!))).join('  ')
  console.log(line(cols))
  for (const r of rows) console.log(line(cols.map((c) => r[c])))
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2))
  const all: BenchResult[] = []
  for (const s of SUITES) {
    const suiteOpts = { quick: opts.quick, filter: opts.filter !== undefined && s.name.includes(opts.filter) ? undefined : opts.filter }
    if (!opts.json) console.error(`running suite ${s.name}${opts.quick ? ' (quick)' : ''}...`)
    const results = await s.run(suiteOpts)
    if (opts.json) for (const r of results) console.log(JSON.stringify(r))
    all.push(...results)
  }
  if (all.length === 0) usage(`no task matches --filter "${opts.filter}"`)
  if (!opts.json) {
    console.log(`node ${process.version}; ratio = events/s of the task over its reference measured in the same run (hold: median and min-max over rounds)`)
    printTable(all)
  }
}

await main()
