/**
 * `policies.clusterAutoscaler` (or `--cluster-autoscaler NAME`): a name, or `{name, ...args}` with
 * args in scenario units (durations such as `10m` for the module's `...Ms` arguments), merged
 * over the module's defaults and checked by the module.
 */
import { describeValue, type ClusterAutoscalerModule, type Issue, type Registry } from '../framework/index.js'
import { parseDurationMs } from './quantity.js'

export type RawClusterAutoscaler = string | ({ name: string } & Record<string, unknown>)

export interface ClusterAutoscalerChoice {
  readonly name: string
  readonly module: ClusterAutoscalerModule<object>
  readonly args: object
}

export function buildClusterAutoscaler(raw: RawClusterAutoscaler | undefined, override: string | undefined, reg: Registry, issues: Issue[]): ClusterAutoscalerChoice | undefined {
  const chosen = override !== undefined ? (override === 'none' ? undefined : override) : raw
  if (chosen === undefined) return undefined
  const at = override !== undefined ? '--cluster-autoscaler' : 'policies.clusterAutoscaler'
  const { name, ...given } = typeof chosen === 'string' ? { name: chosen } : chosen
  const known = reg.clusterAutoscalers ?? new Map<string, ClusterAutoscalerModule<object>>()
  const module = known.get(name)
  if (!module) {
    issues.push({ path: typeof chosen === 'string' || override !== undefined ? at : `${at}.name`, message: `expected a cluster autoscaler (${[...known.keys()].join(', ')}, or none), got ${describeValue(name)}` })
    return undefined
  }
  const defaults = module.defaults as Record<string, unknown>
  const args: Record<string, unknown> = { ...defaults }
  const before = issues.length
  for (const [k, v] of Object.entries(given)) {
    if (`${k}Ms` in defaults) {
      const ms = parseDurationMs(v as string | number)
      if (typeof ms === 'number') args[`${k}Ms`] = ms
      else issues.push({ path: `${at}.${k}`, message: ms.error })
    } else if (k in defaults) args[k] = v
    else {
      const names = Object.keys(defaults).map((d) => d.replace(/Ms$/, ''))
      issues.push({ path: `${at}.${k}`, message: `unknown argument; known: ${names.join(', ')}` })
    }
  }
  if (issues.length > before) return undefined
  issues.push(...module.check(args, at))
  return { name, module, args }
}
