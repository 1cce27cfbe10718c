/** `fleetsim run <scenario>`: simulate one scenario and write its CSV tables. */
import { join } from 'node:path'
import type { CommandModule } from 'yargs'
import { loadScenario, simulate } from '../index.js'
import { formatDuration } from './format.js'
import { overridesOf, scenarioOptions, type ScenarioArgs } from './options.js'
import { progress } from './progress.js'
import { writeReport } from './report-command.js'
import { writeResults } from './results.js'

interface Args extends ScenarioArgs {
  scenario: string
  out?: string | undefined
  quiet: boolean
  report: boolean
}

/** results/<scenario>/<placement>-seed<seed>: stable, no timestamp, so reruns replace their own output. */
const defaultOut = (name: string, placement: string, seed: string | number): string =>
  join('results', name, `${placement}-seed${seed}`.replace(/[^A-Za-z0-9._-]/g, '_'))

export const runCommand: CommandModule<object, Args> = {
  command: 'run <scenario>',
  describe: 'simulate a scenario and write summary.csv, cluster.csv, pods.csv',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .options(scenarioOptions)
      .option('out', { type: 'string', describe: 'output directory [default: results/<scenario>/<placement>-seed<seed>]' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (charts) into the output directory' })
      .example('$0 run scenarios/quickstart.yaml', 'run the bundled quickstart')
      .example('$0 run scenarios/batch-day.yaml --placement best-fit --seed 7 --out A', 'another policy and seed, into ./A') as never,
  handler: async (args) => {
    const scenario = loadScenario(args.scenario, overridesOf(args))
    const out = args.out ?? defaultOut(scenario.name, scenario.placementName, scenario.seed)
    const bar = progress(scenario.durationMs, args.quiet)
    const started = performance.now()
    const result = simulate(scenario, { onProgress: bar.onProgress, progressEveryMs: Math.max(1, Math.ceil(scenario.durationMs / 200)) })
    bar.done()
    const wallS = (performance.now() - started) / 1000
    const { summary, cluster, pods, rejections, extra } = result
    writeResults(out, { summary, cluster, pods, rejections, ...extra }, {
      scenario: scenario.file, name: scenario.name, placement: scenario.placementName, seed: scenario.seed,
      wall_time_s: +wallS.toFixed(3), node: process.version,
    })
    if (args.report) await writeReport(out, join(out, 'report.html'))
    if (!args.quiet) {
      const row = Object.fromEntries(summary.columns.map((c, i) => [c, summary.rows[0]![i]]))
      const events = Number(row.events)
      process.stdout.write(
        `${scenario.name}: ${formatDuration(scenario.durationMs)} simulated in ${wallS.toFixed(2)}s (${events.toLocaleString('en-US')} events)\n` +
          `  placement ${scenario.placementName}, seed ${scenario.seed}: ${String(row.pods_submitted)} pods submitted, ${String(row.pods_scheduled)} scheduled, ` +
          `${String(row.pods_completed)} completed, ${String(row.pods_pending_end)} pending at the end\n` +
          `  pod wait p50 ${fmt(row.pod_wait_p50_s)}s, p95 ${fmt(row.pod_wait_p95_s)}s, p99 ${fmt(row.pod_wait_p99_s)}s; ` +
          `cpu allocated ${pct(row.cpu_alloc_mean)}, memory ${pct(row.mem_alloc_mean)}\n` +
          `  wrote ${out}/{${['summary', 'cluster', 'pods', 'rejections', ...Object.keys(extra)].join(',')}}.csv\n`,
      )
    }
  },
}

const fmt = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(+v.toFixed(3)) : '-')
const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '-')
