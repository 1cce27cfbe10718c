/**
 * `fleetsim compare <scenario> --placement a,b,c`: every policy combination × seed on worker
 * threads with common random numbers (the same seed gives every policy the same workload), then
 * runs.csv, comparison.csv, a table on stdout and the --assert gates (exit 1 when one fails).
 */
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { SingleBar } from 'cli-progress'
import type { CommandModule } from 'yargs'
import {
  checkAssertion, compareRuns, consoleTable, evaluateAssertion, hasCompiledWorker, parseAssertion, parseSeeds, planRuns,
  policyCombinations, RUN_COLUMNS, runTasks, runsTable, scenarioOf, taskOf, type Assertion, type PoolOptions, type RunOutcome,
  type RunTask,
} from '../compare/index.js'
import { ScenarioError, simulate, type Table } from '../index.js'
import { overridesOf } from './options.js'
import { writeResults } from './results.js'
import { writeReport } from './report-command.js'
import { UsageError } from './usage-error.js'

interface Args {
  scenario: string
  placement?: string | undefined
  'pod-autoscaler'?: string | undefined
  seeds: string
  duration?: string | undefined
  jobs?: number | undefined
  baseline?: string | undefined
  assert: string[]
  out?: string | undefined
  'keep-runs': boolean
  report: boolean
  quiet: boolean
}

export const compareCommand: CommandModule<object, Args> = {
  command: 'compare <scenario>',
  describe: 'compare policies over several seeds: runs.csv, comparison.csv (mean, 95% CI, paired difference), a table',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('placement', { type: 'string', describe: 'placement policies to compare, comma-separated' })
      .option('pod-autoscaler', { type: 'string', describe: 'pod autoscalers of the services to compare, comma-separated (with --placement: every combination)' })
      .option('seeds', { type: 'string', default: '5', describe: 'a count (5 = seeds 1..5), a range (1..20) or a list (1,4,9)' })
      .option('duration', { type: 'string', describe: 'simulated time, e.g. 90m; overrides the scenario' })
      .option('jobs', { type: 'number', describe: 'worker threads [default: the number of cores]' })
      .option('baseline', { type: 'string', describe: 'policy the others are compared with [default: the first]' })
      .option('assert', { type: 'string', array: true, default: [], describe: 'gate, e.g. "pod_wait_p95_s < 30" or "best-fit.pod_wait_p95_s < 30" (exit 1 when it fails)' })
      .option('out', { type: 'string', describe: 'output directory [default: results/<scenario>/compare-<policies>]' })
      .option('keep-runs', { type: 'boolean', default: false, describe: 'also write each run\'s CSV files under runs/<policy>-seed<seed>/' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (charts) into the output directory' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors and failed assertions' })
      .example('$0 compare scenarios/quickstart.yaml --placement first-fit,best-fit --seeds 10', 'two policies, seeds 1..10')
      .example('$0 compare s.yaml --placement first-fit,best-fit --assert "best-fit.pod_wait_p95_s < 30"', 'gate a change in CI')
      .example('$0 compare scenarios/diurnal-web.yaml --pod-autoscaler hpa,target-tracking,predictive --seeds 3', 'three pod autoscalers on one load curve') as never,
  handler: async (args) => {
    if (args.placement === undefined && args['pod-autoscaler'] === undefined) throw new UsageError('expected --placement or --pod-autoscaler (or both): the policies to compare')
    const placements = namesOf(args.placement, '--placement')
    const podAutoscalers = namesOf(args['pod-autoscaler'], '--pod-autoscaler')
    const seeds = parseSeeds(args.seeds)
    if (typeof seeds === 'string') throw new UsageError(`--seeds: ${seeds}`)
    const jobs = jobsOf(args.jobs)
    const assertions = args.assert.map((text) => {
      const a = parseAssertion(text)
      if (typeof a === 'string') throw new UsageError(a)
      return a
    })
    const scenarioText = readScenarioText(args.scenario)
    const { durationMs } = overridesOf({ duration: args.duration })
    const policies = policyCombinations({ placement: placements, podAutoscaler: podAutoscalers })
    const axes = ([['placement', placements], ['podAutoscaler', podAutoscalers]] as const).filter(([, names]) => names !== undefined).map(([axis]) => axis)
    const plan = planRuns(1, policies, seeds)
    const src = { scenarioText, scenarioFile: args.scenario, overrides: { durationMs }, tables: args['keep-runs'] ? 'all' as const : 'summary' as const }
    const tasks = plan.map((r) => taskOf(r, src))
    // Validate every policy before running anything (bad input leaves no partial results).
    const first = policies.map((_, i) => tasks[i * seeds.length]!)
    const scenario = first.map(scenarioOf)[0]!
    const labels = plan.filter((r) => r.seed === seeds[0]).map((r) => r.label)
    if (args.baseline !== undefined && !labels.includes(args.baseline)) {
      throw new UsageError(`--baseline: "${args.baseline}" is not one of the compared policies (${labels.join(', ')})`)
    }
    checkAssertionNames(assertions, first[0]!, labels)

    const out = args.out ?? join('results', scenario.name, `compare-${labels.join('_')}`.replace(/[^A-Za-z0-9._-]/g, '_'))
    const started = performance.now()
    const outcomes = await runWithProgress(tasks, jobs, args.quiet)
    const wallS = (performance.now() - started) / 1000
    const runs = runsTable(outcomes.map((o) => ({ lead: [], summary: o.tables.summary! })))
    const comparison = compareRuns(runs, { baseline: args.baseline, axes })
    if (args['keep-runs']) {
      for (const o of outcomes) {
        const r = plan[o.index]!
        writeResults(join(out, 'runs', `${r.label}-seed${r.seed}`.replace(/[^A-Za-z0-9._+-]/g, '_')), o.tables, { placement: r.label, seed: r.seed })
      }
    }
    const written = writeResults(out, { runs, comparison: comparison.table }, {
      scenario: args.scenario, name: scenario.name, policies: labels, seeds, baseline: comparison.baseline, jobs,
      wall_time_s: +wallS.toFixed(3), node: process.version,
    })
    if (args.report) {
      const file = await writeReport(out, join(out, 'report.html'))
      written.push(file)
    }
    if (!args.quiet) {
      process.stdout.write(`${scenario.name}: ${plan.length} runs (${labels.length} policies × ${seeds.length} seeds) in ${wallS.toFixed(1)}s on ${jobs === 'inline' ? 1 : Math.min(jobs, plan.length)} worker(s)\n\n`)
      process.stdout.write(consoleTable(comparison))
      process.stdout.write(`\nwrote ${written.filter((f) => !f.endsWith('.json')).join(', ')}\n`)
    }
    let failed = 0
    for (const a of assertions) {
      const r = evaluateAssertion(a, comparison)
      if (r.passed && args.quiet) continue
      process.stderr.write(`${r.passed ? 'assertion passed' : 'assertion FAILED'}: ${a.text}\n${r.lines.map((l) => `  ${l}\n`).join('')}`)
      if (!r.passed) failed++
    }
    if (failed > 0) {
      process.stderr.write(`fleetsim: ${failed} of ${assertions.length} assertion(s) failed\n`)
      process.exitCode = 1
    }
  },
}

/** A comma-separated list of distinct policy names (undefined when the option is absent). */
function namesOf(text: string | undefined, option: string): string[] | undefined {
  if (text === undefined) return undefined
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (names.length === 0) throw new UsageError(`${option}: expected one or more policy names separated by commas`)
  if (new Set(names).size !== names.length) throw new UsageError(`${option}: a policy is named twice in "${text}"`)
  return names
}

/** --jobs: a positive integer; default the number of cores; inline when no compiled worker exists. */
export function jobsOf(jobs: number | undefined): PoolOptions['jobs'] {
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs: expected an integer >= 1, got ${String(jobs)}`)
  if (!hasCompiledWorker()) return 'inline'
  return jobs ?? availableParallelism()
}

export function readScenarioText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new ScenarioError(path, [{ path: '(file)', message: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})` }])
  }
}

/** Metric names come from the summary columns, known after a 1 ms run of the scenario. */
function checkAssertionNames(assertions: readonly Assertion[], task: RunTask, labels: readonly string[]): void {
  if (assertions.length === 0) return
  const summary: Table = simulate(scenarioOf({ ...task, overrides: { ...task.overrides, durationMs: 1 } })).summary
  const metrics = summary.columns.filter((c, i) => !RUN_COLUMNS.includes(c) && typeof summary.rows[0]?.[i] !== 'string')
  for (const a of assertions) {
    const problem = checkAssertion(a, metrics, labels)
    if (problem) throw new UsageError(problem)
  }
}

/** Runs the tasks with a progress bar (runs done, ETA) on stderr when it is a terminal. */
export async function runWithProgress(tasks: readonly RunTask[], jobs: PoolOptions['jobs'], quiet: boolean, onOutcome?: (o: RunOutcome) => void): Promise<RunOutcome[]> {
  const show = !quiet && process.stderr.isTTY && tasks.length > 0
  const bar = show ? new SingleBar({ format: 'runs {bar} {value}/{total} | ETA {eta_formatted} | {duration_formatted} elapsed', stream: process.stderr, hideCursor: true, clearOnComplete: true }) : undefined
  bar?.start(tasks.length, 0)
  try {
    return await runTasks(tasks, { jobs, onDone: (done, _total, o) => { onOutcome?.(o); bar?.update(done) } })
  } finally {
    bar?.stop()
  }
}

