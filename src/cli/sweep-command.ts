/**
 * `fleetsim sweep <file> [--shard i/N]`: runs a sweep file's points × policies × seeds, or one
 * deterministic slice of them (run r belongs to shard r mod N). Finished runs are journaled as they
 * complete (journal.jsonl), so rerunning the same command resumes where it stopped. An unsharded
 * sweep writes runs.csv and comparison.csv; a shard writes its runs.csv, and `fleetsim merge` joins
 * the shards into exactly what the unsharded sweep writes.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { CommandModule } from 'yargs'
import {
  journalLine, parseShard, parseSweep, planKey, planRuns, policyCombinations, readJournal, runKey, scenarioOf, shardRuns,
  sweepComparison, sweepParameters, sweepPoints, sweepRunsTable, taskOf, type SweepMeta,
} from '../compare/index.js'
import { ScenarioError, type Table } from '../index.js'
import { jobsOf, readScenarioText, runWithProgress } from './compare-command.js'
import { writeResults } from './results.js'
import { UsageError } from './usage-error.js'

interface Args {
  file: string
  shard?: string | undefined
  jobs?: number | undefined
  out?: string | undefined
  quiet: boolean
}

export const JOURNAL = 'journal.jsonl'

export const sweepCommand: CommandModule<object, Args> = {
  command: 'sweep <file>',
  describe: 'run a sweep file (parameter grid or random samples × policies × seeds), whole or one shard',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'sweep file (YAML), see docs/sweep.md' })
      .option('shard', { type: 'string', describe: 'run only shard i of N (i from 0), e.g. --shard $JOB_COMPLETION_INDEX/8' })
      .option('jobs', { type: 'number', describe: 'worker threads [default: the number of cores]' })
      .option('out', { type: 'string', describe: 'output directory [default: results/<sweep>/all or results/<sweep>/shard-<i>-of-<N>]' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .example('$0 sweep docs/examples/sweep.yaml', 'the whole sweep on this machine')
      .example('$0 sweep s.yaml --shard 2/8 --out out/2', 'one slice of eight; then: fleetsim merge out/* --out all') as never,
  handler: async (args) => {
    const shard = args.shard === undefined ? { index: 0, count: 1 } : parseShard(args.shard)
    if (typeof shard === 'string') throw new UsageError(`--shard: ${shard}`)
    const jobs = jobsOf(args.jobs)
    const spec = parseSweep(readScenarioText(args.file), args.file)
    if (Array.isArray(spec)) throw new ScenarioError(args.file, spec)
    const scenarioFile = resolve(dirname(args.file), spec.scenario)
    const scenarioText = readScenarioText(scenarioFile)
    const points = sweepPoints(spec)
    const parameters = sweepParameters(spec)
    const policies = policyCombinations(spec.policies)
    const plan = planRuns(points.length, policies, spec.seeds)
    const tasks = plan.map((r) => taskOf(r, { scenarioText, scenarioFile: spec.scenario, overrides: { durationMs: spec.durationMs }, fieldsOf: (p) => points[p]! }))
    // Every point × policy is validated before anything runs, in every shard alike.
    for (let i = 0; i < tasks.length; i += spec.seeds.length) {
      try {
        scenarioOf(tasks[i]!)
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e
        const setting = points[plan[i]!.point]!.map(([p, v]) => `${p}=${String(v)}`).join(', ')
        throw new UsageError(`${args.file}: point ${plan[i]!.point}${setting ? ` (${setting})` : ''}, ${plan[i]!.label}: the scenario does not validate\n${e.message}`)
      }
    }
    const keys = tasks.map(runKey)
    const mine = shardRuns(plan, shard)
    const sharded = shard.count > 1
    const name = basename(args.file, extname(args.file))
    const out = args.out ?? join('results', name, sharded ? `shard-${shard.index}-of-${shard.count}` : 'all')
    mkdirSync(out, { recursive: true })
    const journalFile = join(out, JOURNAL)
    const journal = existsSync(journalFile) ? readJournal(readFileSync(journalFile, 'utf8')) : new Map()
    const summaries = new Map<number, Table>()
    for (const r of mine) {
      const e = journal.get(r.index)
      if (e && e.key === keys[r.index]) summaries.set(r.index, e.summary)
    }
    const todo = mine.filter((r) => !summaries.has(r.index)).map((r) => tasks[r.index]!)
    const started = performance.now()
    await runWithProgress(todo, jobs, args.quiet, (o) => {
      summaries.set(o.index, o.tables.summary!)
      appendFileSync(journalFile, journalLine({ run: o.index, key: keys[o.index]!, summary: o.tables.summary! }))
    })
    const wallS = (performance.now() - started) / 1000
    const runs = sweepRunsTable(mine, points, summaries)
    const meta: SweepMeta = { runs_total: plan.length, shard: `${shard.index}/${shard.count}`, parameters, baseline: spec.baseline, plan_key: planKey(keys) }
    const tables: Record<string, Table> = { runs }
    if (!sharded) tables.comparison = sweepComparison(runs, parameters, spec.baseline).table
    const written = writeResults(out, tables, { ...meta, sweep: args.file, scenario: scenarioFile, wall_time_s: +wallS.toFixed(3), node: process.version })
    if (!args.quiet) {
      const resumed = mine.length - todo.length
      process.stdout.write(`${name}: ${points.length} points × ${policies.length} policies × ${spec.seeds.length} seeds = ${plan.length} runs` +
        `${sharded ? `; shard ${shard.index}/${shard.count}: ${mine.length} runs` : ''}${resumed > 0 ? `, ${resumed} already done (resumed)` : ''}; ran ${todo.length} in ${wallS.toFixed(1)}s\n` +
        `wrote ${written.filter((f) => f.endsWith('.csv')).join(', ')}${sharded ? '\njoin the shards with: fleetsim merge <shard dirs>... --out DIR' : ''}\n`)
    }
  },
}
