/**
 * The set of placement plugins and named policies a run may use, looked up by name. The built-in
 * set lives in policies/index.ts; the scenario layer receives a registry as an argument, so that
 * nothing below cli/ imports the built-ins and embedders can add their own.
 */
import type { Rng } from '../engine/index.js'
import { describeValue, intInRange, type Issue } from './issue.js'
import type { ClusterAutoscalerModule } from './cluster-autoscaling.js'
import type { PlacementModule, PlacementPolicy, PluginRef, ProfileSpec, RequestShape } from './placement.js'
import { Profile, type ProfileEntry } from './profile.js'

export interface Registry {
  readonly plugins: ReadonlyMap<string, PlacementModule<object>>
  readonly policies: ReadonlyMap<string, PlacementPolicy>
  /** Cluster autoscalers by name (policies.clusterAutoscaler, --cluster-autoscaler). */
  readonly clusterAutoscalers?: ReadonlyMap<string, ClusterAutoscalerModule<object>> | undefined
}

/** Builds a registry; refuses duplicate names (a plugin and a policy may share a name). */
export function registry(plugins: readonly PlacementModule<object>[], policies: readonly PlacementPolicy[]): Registry {
  const pluginMap = new Map<string, PlacementModule<object>>()
  for (const m of plugins) {
    if (pluginMap.has(m.name)) throw new Error(`registry: two placement plugins are named "${m.name}"`)
    pluginMap.set(m.name, m)
  }
  const policyMap = new Map<string, PlacementPolicy>()
  for (const p of policies) {
    if (policyMap.has(p.name)) throw new Error(`registry: two placement policies are named "${p.name}"`)
    for (const ref of p.profile.plugins) {
      if (!pluginMap.has(ref.name)) throw new Error(`registry: policy "${p.name}" uses unknown plugin "${ref.name}"`)
    }
    policyMap.set(p.name, p)
  }
  return { plugins: pluginMap, policies: policyMap }
}

/** How a scenario or the CLI names placement: a policy name, a policy with args, or a profile. */
export type PlacementRef =
  | { readonly kind: 'policy'; readonly name: string; readonly args?: Readonly<Record<string, unknown>> | undefined }
  | { readonly kind: 'profile'; readonly profile: ProfileSpec }

/** The profile a reference stands for, with policy args routed to their plugin. */
export function resolveProfile(ref: PlacementRef, reg: Registry, at: string): ProfileSpec | Issue[] {
  if (ref.kind === 'profile') return ref.profile
  const policy = reg.policies.get(ref.name)
  if (!policy) {
    return [{ path: at, message: `expected a placement policy (${[...reg.policies.keys()].join(', ')}), got ${describeValue(ref.name)}` }]
  }
  if (!ref.args || Object.keys(ref.args).length === 0) return policy.profile
  if (!policy.argsTo) return [{ path: `${at}.args`, message: `policy "${policy.name}" takes no args` }]
  const plugins = policy.profile.plugins.map((p) => (p.name === policy.argsTo ? { ...p, args: { ...p.args, ...ref.args } } : p))
  return { ...policy.profile, plugins }
}

interface MergedPlugin {
  readonly module: PlacementModule<object>
  readonly args: object
  readonly weight: number
}

function mergePlugin(ref: PluginRef, reg: Registry, at: string): MergedPlugin | Issue[] {
  const module = reg.plugins.get(ref.name)
  if (!module) {
    return [{ path: `${at}.name`, message: `expected a placement plugin (${[...reg.plugins.keys()].join(', ')}), got ${describeValue(ref.name)}` }]
  }
  const issues: Issue[] = []
  const known = Object.keys(module.defaults)
  for (const key of Object.keys(ref.args ?? {})) {
    if (!known.includes(key)) {
      issues.push({ path: `${at}.args.${key}`, message: known.length ? `unknown argument; known: ${known.join(', ')}` : `unknown argument; "${ref.name}" takes none` })
    }
  }
  const weight = ref.weight ?? 1
  if (!(Number.isFinite(weight) && weight >= 0)) issues.push({ path: `${at}.weight`, message: `expected a number >= 0, got ${describeValue(weight)}` })
  const args = { ...module.defaults, ...ref.args }
  issues.push(...module.check(args, `${at}.args`))
  return issues.length ? issues : { module, args, weight }
}

/** Every issue of a profile (unknown plugins, unknown or bad args, bad weights). */
export function checkProfile(spec: ProfileSpec, reg: Registry, at: string): Issue[] {
  const issues = spec.plugins.flatMap((ref, i) => {
    const r = mergePlugin(ref, reg, `${at}.plugins[${i}]`)
    return Array.isArray(r) ? r : []
  })
  const pct = spec.percentageOfNodesToScore
  if (pct !== undefined) issues.push(...intInRange(pct, 0, 100, `${at}.percentageOfNodesToScore`))
  const min = spec.minFeasibleNodesToFind
  if (min !== undefined && !(Number.isInteger(min) && min >= 1)) issues.push({ path: `${at}.minFeasibleNodesToFind`, message: `expected a whole number >= 1, got ${describeValue(min)}` })
  return issues
}

/** Builds a runnable profile; the spec must have passed `checkProfile`. */
export function buildProfile(spec: ProfileSpec, reg: Registry, rng: Rng, nodeSlots: number, requestMix: readonly RequestShape[] = []): Profile {
  const entries: ProfileEntry[] = spec.plugins.map((ref, i) => {
    const r = mergePlugin(ref, reg, `plugins[${i}]`)
    if (Array.isArray(r)) throw new Error(`buildProfile: unchecked profile: ${r.map((x) => `${x.path}: ${x.message}`).join('; ')}`)
    return { plugin: r.module.create(r.args, { rng, requestMix }), weight: r.weight, filter: ref.filter }
  })
  return new Profile(entries, spec.tieBreak, rng, nodeSlots, spec)
}
