/** `fleetsim policies [--json]`: every placement policy and plugin, and every pod autoscaler, with its defaults. */
import type { CommandModule } from 'yargs'
import { builtins } from '../../policies/index.js'

interface Args {
  json: boolean
}

export const policiesCommand: CommandModule<object, Args> = {
  command: 'policies',
  describe: 'list placement policies and plugins, and pod autoscalers, with their defaults',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as never,
  handler: (args) => {
    const policies = [...builtins.policies.values()].map((p) => ({
      kind: 'placement-policy', name: p.name, description: p.description, tieBreak: p.profile.tieBreak,
      plugins: p.profile.plugins, ...(p.argsTo ? { argsTo: p.argsTo } : {}),
    }))
    const plugins = [...builtins.plugins.values()].map((m) => ({ kind: 'placement-plugin', name: m.name, description: m.description, defaults: m.defaults }))
    const podAutoscalers = [...builtins.podAutoscalers.values()].map((m) => ({ kind: 'pod-autoscaler', name: m.name, defaults: m.defaults }))
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ placementPolicies: policies, placementPlugins: plugins, podAutoscalers }, null, 2)}\n`)
      return
    }
    const width = Math.max(...[...policies, ...plugins].map((p) => p.name.length)) + 2
    const lines = ['Placement policies (policies.placement: NAME, or --placement NAME):']
    for (const p of policies) lines.push(`  ${p.name.padEnd(width)}${p.description}`)
    lines.push('', 'Placement plugins (policies.placement: {plugins: [{name, weight, args}]}):')
    for (const p of plugins) {
      const defaults = Object.keys(p.defaults).length ? `  defaults ${JSON.stringify(p.defaults)}` : ''
      lines.push(`  ${p.name.padEnd(width)}${p.description}${defaults}`)
    }
    lines.push('', 'Pod autoscalers (policies.podAutoscaler or a service\'s autoscaler: NAME or {name, ...args}; --pod-autoscaler NAME); minReplicas/maxReplicas default to the service\'s replicas.min/max; docs/services.md:')
    for (const p of podAutoscalers) lines.push(`  ${p.name.padEnd(width)}defaults ${JSON.stringify(p.defaults)}`)
    process.stdout.write(`${lines.join('\n')}\n`)
  },
}
