/**
 * `fleetsim explain <scenario>`: why a pod went where it went, or why it is pending: every node
 * with its first rejecting filter, each plugin's raw and normalized score, the weighted total and
 * the chosen node, for the pod's last placement attempt up to --at. When no node was feasible and
 * the profile's PostFilter (DefaultPreemption) proposed evictions, `preemption` names the node
 * and the victims.
 */
import type { CommandModule } from 'yargs'
import { builtins } from '../../policies/index.js'
import { Run } from '../controller/index.js'
import { describeValue } from '../framework/index.js'
import { loadScenario } from '../index.js'
import { parseDurationMs } from '../scenario/index.js'
import { overridesOf, scenarioOptions, type ScenarioArgs } from './options.js'
import { UsageError } from './usage-error.js'

interface Args extends ScenarioArgs {
  scenario: string
  pod?: string | undefined
  at?: string | undefined
  json: boolean
}

export const explainCommand: CommandModule<object, Args> = {
  command: 'explain <scenario>',
  describe: 'show how the placement policy scored every node for one pod',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file' })
      .option('pod', { type: 'string', describe: 'pod name, e.g. etl-3 [default: the first pod that is not pre-bound]' })
      .option('at', { type: 'string', describe: 'explain the last attempt at or before this time, e.g. 2h' })
      .options(scenarioOptions)
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
      .example('$0 explain scenarios/quickstart.yaml --pod etl-3 --placement best-fit', 'why etl-3 went where it went under best-fit') as never,
  handler: (args) => {
    const overrides = overridesOf(args)
    let durationMs = overrides.durationMs
    if (args.at !== undefined) {
      const at = parseDurationMs(args.at)
      if (typeof at !== 'number') throw new UsageError(`--at: ${at.error}`)
      durationMs = at + 1
    }
    const scenario = loadScenario(args.scenario, { ...overrides, durationMs })
    const run = new Run(scenario, builtins, { explainPod: args.pod ?? true })
    run.run()
    const trace = run.scheduler.explained
    if (!trace || run.scheduler.explainedPod === undefined) {
      const which = args.pod === undefined ? 'no pod went through the scheduler' : `pod ${describeValue(args.pod)} never went through the scheduler`
      throw new UsageError(`explain: ${which} by ${(scenario.durationMs / 1000).toString()}s (pod names are <workload>-<index>, e.g. ${scenario.apps[0]?.name ?? 'web'}-0)`)
    }
    const c = run.cluster
    const json = {
      pod: c.podName(run.scheduler.explainedPod),
      placement: scenario.placementName,
      chosen: trace.chosen >= 0 ? c.nodeName(trace.chosen) : null,
      nodes: trace.nodes.map((n) => ({ node: c.nodeName(n.node), feasible: n.feasible, reason: n.reason, raw: n.raw, scores: n.scores, total: n.total })),
      /** The PostFilter's plan when no node was feasible (DefaultPreemption): where, and whom it evicts. */
      preemption: trace.preemption ? { node: c.nodeName(trace.preemption.node), victims: trace.preemption.victims.map((v) => c.podName(v)) } : null,
    }
    if (args.json) {
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
      return
    }
    const plugins = [...new Set(json.nodes.flatMap((n) => Object.keys(n.scores)))]
    const header = ['node', 'feasible', ...plugins, 'total']
    const rows = json.nodes.map((n) => [n.node, n.feasible ? 'yes' : `no (${n.reason})`, ...plugins.map((p) => (p in n.scores ? String(+n.scores[p]!.toFixed(3)) : '-')), n.feasible ? String(+n.total.toFixed(3)) : '-'])
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ')
    const outcome = json.chosen ? `placed on ${json.chosen}`
      : json.preemption ? `no feasible node; preempts ${json.preemption.victims.join(', ')} on ${json.preemption.node}`
        : 'no feasible node, stays pending'
    process.stdout.write(`pod ${json.pod} (placement ${json.placement}): ${outcome}\n${line(header)}\n${rows.map(line).join('\n')}\n`)
  },
}
