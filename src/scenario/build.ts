/**
 * From the parsed file (units already converted) to a runnable Scenario, with the rules that span
 * fields: unique names, pool bounds, pre-bound pods naming real nodes, distribution parameters,
 * and the placement policy resolved and checked against the registry.
 */
import type { DistSpec } from '../engine/index.js'
import { checkProfile, describeValue, resolveProfile, type Issue, type PlacementRef, type Registry } from '../framework/index.js'
import { podRequest, type AppId, type AppSpec, type ContainerRequests, type PoolId, type PoolSpec, type Resources } from '../model/index.js'
import type { RequestSpec, Workload } from '../workload/index.js'
import type { RawDist, RawPool, RawScenario, RawWorkload } from './schema.js'
import { EXTENDED_RESOURCE } from './schema.js'
import { closestName } from './closest-name.js'
import { cpuText, durationText, memText } from './quantity.js'
import { parseKubeSchedulerConfig } from './kube-scheduler-config.js'
import type { Scenario, ScenarioOverrides } from './types.js'
import { placementFields, tenantWeightIssues } from './placement-fields.js'
import { buildService, type RawService, type ServiceBuildContext } from './service-build.js'
import { formatLocated, type Located } from './zod-issues.js'
import { buildControlPlane, buildFaults, DEFAULT_PROVISION_DELAY } from './fault-fields.js'
import { buildClusterAutoscaler } from './autoscaler-fields.js'

const CAPACITY_KEYS = ['cpu', 'memory', 'gpu', 'pods']
const REQUEST_KEYS = ['cpu', 'memory', 'gpu']
const GPU_ALIAS = 'nvidia.com/gpu'
const DEFAULT_MAX_PODS = 110

type ResourceMap = Readonly<Record<string, unknown>>
type Key = string | number

const isMap = (v: unknown): v is ResourceMap => typeof v === 'object' && v !== null && !Array.isArray(v)
const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : [])

/**
 * Every resource map of a scenario (pool capacities; workload requests, containers, init
 * containers, overhead) with its path and the core keys it takes. Works on unchecked input, so
 * that a misspelt resource is reported together with the shape issues of the same file.
 */
function resourceMaps(raw: unknown): { map: ResourceMap; at: Key[]; core: readonly string[] }[] {
  if (!isMap(raw)) return []
  const out: { map: ResourceMap; at: Key[]; core: readonly string[] }[] = []
  const add = (map: unknown, at: Key[], core: readonly string[]) => { if (isMap(map)) out.push({ map, at, core }) }
  listOf(isMap(raw.cluster) ? raw.cluster.pools : undefined).forEach((p, i) => add(isMap(p) ? p.capacity : undefined, ['cluster', 'pools', i, 'capacity'], CAPACITY_KEYS))
  listOf(raw.workloads).forEach((w, i) => {
    if (!isMap(w)) return
    add(w.requests, ['workloads', i, 'requests'], REQUEST_KEYS)
    add(w.overhead, ['workloads', i, 'overhead'], REQUEST_KEYS)
    for (const list of ['containers', 'initContainers']) {
      listOf(w[list]).forEach((c, j) => add(isMap(c) ? c.requests : undefined, ['workloads', i, list, j, 'requests'], REQUEST_KEYS))
    }
  })
  return out
}

const isExtended = (k: string, core: readonly string[]) => !core.includes(k) && k !== GPU_ALIAS && EXTENDED_RESOURCE.test(k)

/** Resource keys that are neither core (cpu, memory, ...) nor domain-prefixed extended resources. */
export function resourceKeyIssues(raw: unknown): Located[] {
  const issues: Located[] = []
  for (const { map, at, core } of resourceMaps(raw)) {
    for (const k of Object.keys(map)) {
      if (core.includes(k) || k === GPU_ALIAS || EXTENDED_RESOURCE.test(k)) continue
      const guess = closestName(k, core)
      issues.push({
        at: [...at, k],
        message: guess !== undefined ? `unknown key; did you mean ${guess}?` : `unknown key; expected ${core.join(', ')} or an extended resource such as example.com/foo`,
      })
    }
  }
  return issues
}

/** Extended resources named anywhere in the scenario, sorted. */
function extendedNames(raw: RawScenario): string[] {
  const names = new Set<string>()
  for (const { map, core } of resourceMaps(raw)) for (const k of Object.keys(map)) if (isExtended(k, core)) names.add(k)
  return [...names].sort()
}

const gpuOf = (m: ResourceMap | undefined): unknown => m?.gpu ?? m?.[GPU_ALIAS]

function toResources(m: ResourceMap | undefined, extNames: readonly string[]): Resources {
  const ext: Record<string, number> = {}
  for (const k of extNames) if (typeof m?.[k] === 'number') ext[k] = m[k]
  return { cpuMilli: (m?.cpu as number) ?? 0, memBytes: (m?.memory as number) ?? 0, gpu: (gpuOf(m) as number) ?? 0, ext }
}

function toContainer(m: ResourceMap | undefined, extNames: readonly string[]): ContainerRequests {
  const r = toResources(m, extNames)
  return { cpuMilli: m?.cpu as number | undefined, memBytes: m?.memory as number | undefined, gpu: r.gpu, ext: r.ext }
}

/** `show` writes a value of the field's unit as a user would (messages quote the file, not internal units). */
function distSpec(d: RawDist | undefined, at: string, show: (v: number) => string, issues: Issue[]): DistSpec {
  if (d === undefined) return { dist: 'constant', value: 0 }
  if (typeof d === 'number') return { dist: 'constant', value: d }
  if ('choice' in d) {
    if (d.weights && d.weights.length !== d.choice.length) {
      issues.push({ path: `${at}.weights`, message: `expected ${d.choice.length} weights (one per choice), got ${d.weights.length}` })
    } else if (d.weights && !d.weights.some((w) => w > 0)) issues.push({ path: `${at}.weights`, message: `expected at least one weight > 0, got ${describeValue(d.weights)}` })
    return d.weights ? { dist: 'choice', values: d.choice, weights: d.weights } : { dist: 'choice', values: d.choice }
  }
  switch (d.dist) {
    case 'uniform':
      if (d.min > d.max) issues.push({ path: `${at}.max`, message: `expected a value >= min (${show(d.min)}), got ${show(d.max)}` })
      return d
    case 'exponential':
      if (d.mean <= 0) issues.push({ path: `${at}.mean`, message: `expected a value > 0, got ${show(d.mean)}` })
      return d
    case 'lognormal':
      if (d.median <= 0) issues.push({ path: `${at}.median`, message: `expected a value > 0, got ${show(d.median)}` })
      return d
    case 'weibull':
      if (d.scale <= 0) issues.push({ path: `${at}.scale`, message: `expected a value > 0, got ${show(d.scale)}` })
      return d
    default:
      return d
  }
}

function requestSpec(w: RawWorkload, at: string, extNames: readonly string[], issues: Issue[]): RequestSpec {
  const constant = (value: number): DistSpec => ({ dist: 'constant', value })
  if (w.containers) {
    if (w.requests) issues.push({ path: `${at}.requests`, message: 'give either requests (for the whole pod) or containers, not both' })
    const req = podRequest(
      w.containers.map((c) => toContainer(c.requests, extNames)),
      (w.initContainers ?? []).map((c) => toContainer(c.requests, extNames)),
      toResources(w.overhead, extNames),
    )
    return {
      cpuMilli: constant(req.cpuMilli), memBytes: constant(req.memBytes), gpu: constant(req.gpu),
      ext: extNames.map((k) => constant(req.ext[k] ?? 0)),
      cpuNonZeroExtraMilli: req.cpuNonZeroMilli - req.cpuMilli,
      memNonZeroExtraBytes: req.memNonZeroBytes - req.memBytes,
    }
  }
  if (w.initContainers || w.overhead) issues.push({ path: `${at}.containers`, message: 'initContainers and overhead need containers' })
  // Pod-level requests count as one container: an unset cpu or memory gets kube-scheduler's
  // non-zero scoring default, an explicit 0 stays 0.
  const r = w.requests as Readonly<Record<string, RawDist>> | undefined
  const req = podRequest([{ cpuMilli: r?.cpu === undefined ? undefined : 0, memBytes: r?.memory === undefined ? undefined : 0, gpu: 0, ext: {} }])
  return {
    cpuMilli: distSpec(r?.cpu, `${at}.requests.cpu`, cpuText, issues),
    memBytes: distSpec(r?.memory, `${at}.requests.memory`, memText, issues),
    gpu: distSpec((r?.gpu ?? r?.[GPU_ALIAS]) as RawDist | undefined, `${at}.requests.gpu`, String, issues),
    ext: extNames.map((k) => distSpec(r?.[k], `${at}.requests.${k}`, String, issues)),
    cpuNonZeroExtraMilli: req.cpuNonZeroMilli,
    memNonZeroExtraBytes: req.memNonZeroBytes,
  }
}

function buildPool(p: RawPool, id: number, extNames: readonly string[], issues: Issue[]): PoolSpec {
  const at = `cluster.pools[${id}]`
  const min = p.min ?? 0
  const max = p.max ?? Math.max(p.nodes, min)
  if (min > max) issues.push({ path: `${at}.max`, message: `expected a number >= min (${min}), got ${max}` })
  else if (p.nodes < min || p.nodes > max) issues.push({ path: `${at}.nodes`, message: `expected a number from min to max (${min} to ${max}), got ${p.nodes}` })
  return {
    id: id as PoolId,
    name: p.name,
    initial: p.nodes,
    min,
    max: Math.max(max, p.nodes),
    capacity: toResources(p.capacity, extNames),
    maxPods: p.capacity.pods ?? DEFAULT_MAX_PODS,
    labels: p.spot ? { ...p.labels, 'fleetsim.io/spot': 'true' } : (p.labels ?? {}),
    taints: (p.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
    costPerHour: p.costPerHour ?? 0,
  }
}

function buildWorkload(w: RawWorkload, app: number, extNames: readonly string[], durationMs: number, issues: Issue[], svc: ServiceBuildContext): Workload {
  const at = `workloads[${app}]`
  const requests = requestSpec(w, at, extNames, issues)
  if (w.kind === 'Service') {
    const serviceTime = w.serviceTime === undefined ? undefined : distSpec(w.serviceTime as RawDist, `${at}.serviceTime`, durationText, issues)
    return buildService(w as RawService, app, requests, serviceTime, svc, issues)
  }
  if (w.kind === 'Pod') {
    return { kind: 'Pod', app, atMs: w.at ?? 0, durationMs: w.duration === undefined ? null : distSpec(w.duration, `${at}.duration`, durationText, issues), requests, nodeName: w.nodeName }
  }
  const startMs = w.start ?? 0
  const stopMs = w.stop ?? durationMs
  if (stopMs < startMs) issues.push({ path: `${at}.stop`, message: `expected a time >= start (${durationText(startMs)}), got ${durationText(stopMs)}` })
  const a = w.arrivals
  if (a.process === 'interval' && a.every <= 0) issues.push({ path: `${at}.arrivals.every`, message: `expected a duration > 0, got ${durationText(a.every)}` })
  if (a.process === 'times') {
    for (let i = 1; i < a.at.length; i++) {
      if (a.at[i]! < a.at[i - 1]!) issues.push({ path: `${at}.arrivals.at[${i}]`, message: `expected times in increasing order, got ${durationText(a.at[i]!)} after ${durationText(a.at[i - 1]!)}` })
    }
  }
  const arrivals = a.process === 'poisson' ? { process: a.process, ratePerS: a.rate } as const
    : a.process === 'interval' ? { process: a.process, everyMs: a.every } as const
    : { process: a.process, atMs: a.at } as const
  return {
    kind: 'Batch', app, arrivals, startMs, stopMs, maxPods: w.count ?? Infinity, checkpointMs: w.checkpoint,
    durationMs: distSpec(w.duration, `${at}.duration`, durationText, issues), requests,
  }
}

function placementRef(raw: RawScenario['policies']['placement'], overrides: ScenarioOverrides, reg: Registry, issues: Issue[]): { ref: PlacementRef; name: string } {
  const referenced = typeof raw !== 'string' && 'schedulerConfig' in raw
  if (referenced || (overrides.schedulerConfig !== undefined && overrides.placement === undefined)) {
    const none = { ref: { kind: 'profile', profile: { tieBreak: 'random', plugins: [] } }, name: 'kube-scheduler-config' } as const
    const cfg = overrides.schedulerConfig
    if (cfg === undefined) {
      issues.push({ path: 'policies.placement.schedulerConfig', message: 'the file was not read; load the scenario from its file (fleetsim run, or loadScenario(path)) or pass the text as schedulerConfig' })
      return none
    }
    const r = parseKubeSchedulerConfig(cfg.text, cfg.file, reg)
    if (Array.isArray(r)) {
      issues.push(...r.map((i) => ({ path: `${cfg.file}: ${i.path}`, message: i.message })))
      return none
    }
    return { ref: { kind: 'profile', profile: r.profile }, name: r.name }
  }
  if (typeof raw === 'string') return { ref: { kind: 'policy', name: raw }, name: raw }
  if ('schedulerConfig' in raw) throw new Error('placementRef: unreachable')
  if ('plugins' in raw) return { ref: { kind: 'profile', profile: { tieBreak: raw.tieBreak ?? 'random', plugins: raw.plugins, percentageOfNodesToScore: raw.percentageOfNodesToScore } }, name: 'custom' }
  return { ref: { kind: 'policy', name: raw.name, args: raw.args }, name: raw.name }
}

export function buildScenario(raw: RawScenario, file: string, reg: Registry, overrides: ScenarioOverrides = {}): Scenario | Issue[] {
  const issues: Issue[] = []
  const durationMs = overrides.durationMs ?? raw.duration
  if (durationMs <= 0) issues.push({ path: 'duration', message: `expected a duration > 0, got ${durationText(durationMs)}` })
  issues.push(...formatLocated(resourceKeyIssues(raw)))
  const extNames = extendedNames(raw)

  const pools = raw.cluster.pools.map((p, i) => buildPool(p, i, extNames, issues))
  duplicates(pools.map((p) => p.name), (i) => `cluster.pools[${i}].name`, issues)
  duplicates(raw.workloads.map((w) => w.name), (i) => `workloads[${i}].name`, issues)

  const apps: AppSpec[] = raw.workloads.map((w, i) => ({
    id: i as AppId,
    name: w.name,
    kind: w.kind,
    labels: { app: w.name, ...w.labels },
    priority: w.priority ?? 0,
    nodeSelector: w.nodeSelector ?? {},
    tolerations: (w.tolerations ?? []).map((t) => ({ key: t.key, operator: t.operator ?? (t.value === undefined ? 'Exists' : 'Equal'), value: t.value, effect: t.effect })),
    ...(w.affinity ? { affinity: w.affinity } : {}),
    ...(w.topologySpreadConstraints ? { topologySpreadConstraints: w.topologySpreadConstraints } : {}),
    ...placementFields(w, `workloads[${i}]`, issues),
  }))
  issues.push(...tenantWeightIssues(apps))
  const svc: ServiceBuildContext = {
    reg, durationMs, readFile: overrides.readFile, defaultAutoscaler: raw.policies.podAutoscaler,
    defaultAt: 'policies.podAutoscaler', overrideName: overrides.podAutoscaler,
  }
  const workloads = raw.workloads.map((w, i) => buildWorkload(w, i, extNames, durationMs, issues, svc))
  const initialNodes = new Set(pools.flatMap((p) => Array.from({ length: p.initial }, (_, i) => `${p.name}-${i}`)))
  workloads.forEach((w, i) => {
    if (w.kind === 'Pod' && w.nodeName !== undefined && !initialNodes.has(w.nodeName)) {
      const some = [...initialNodes].slice(0, 3).join(', ')
      issues.push({ path: `workloads[${i}].nodeName`, message: `expected the name of a node present at the start (such as ${some}), got ${describeValue(w.nodeName)}` })
    }
  })

  const placementRaw = overrides.placement ?? raw.policies.placement
  const { ref, name } = placementRef(placementRaw, overrides, reg, issues)
  const at = overrides.placement ? '--placement' : 'policies.placement'
  const profile = resolveProfile(ref, reg, at)
  if (Array.isArray(profile)) issues.push(...profile.map((i) => withGuess(i, at, ref, reg)))
  else issues.push(...checkProfile(profile, reg, at).map((i) => withGuess(policyArgsPath(i, ref, reg, at), at, ref, reg)))

  const faults = buildFaults(raw.faults, pools, raw.workloads.map((w) => w.name), (d, at) => distSpec(d as RawDist, at, durationText, issues), issues)
  const provisionDelaysMs = raw.cluster.pools.map((p, i) => (p.provisionDelay === undefined ? DEFAULT_PROVISION_DELAY : distSpec(p.provisionDelay, `cluster.pools[${i}].provisionDelay`, durationText, issues)))

  const clusterAutoscaler = buildClusterAutoscaler(raw.policies.clusterAutoscaler, overrides.clusterAutoscaler, reg, issues)

  if (raw.metrics.interval <= 0) issues.push({ path: 'metrics.interval', message: `expected a duration > 0, got ${durationText(raw.metrics.interval)}` })
  if (issues.length > 0 || Array.isArray(profile)) return issues
  return {
    name: raw.name, file, durationMs, seed: overrides.seed ?? raw.seed, pools, extNames, apps, workloads,
    placementName: name, placement: profile, metricsIntervalMs: raw.metrics.interval,
    faults, controlPlane: buildControlPlane(raw.controlPlane), provisionDelaysMs, clusterAutoscaler,
    podMetrics: { windowMs: raw.metrics.pipeline?.window ?? 30_000, delayMs: raw.metrics.pipeline?.delay ?? 15_000 },
  }
}

/**
 * `{name: best-fit, args: {...}}` hands its args to one plugin of the policy's profile, so the
 * profile check reports them at `plugins[2].args`, a path the user never wrote: point back at `args`.
 */
function policyArgsPath(issue: Issue, ref: PlacementRef, reg: Registry, at: string): Issue {
  if (ref.kind !== 'policy' || !ref.args) return issue
  const policy = reg.policies.get(ref.name)
  const k = policy?.profile.plugins.findIndex((p) => p.name === policy.argsTo) ?? -1
  const inner = `${at}.plugins[${k}].args`
  return k >= 0 && issue.path.startsWith(inner) ? { path: `${at}.args${issue.path.slice(inner.length)}`, message: issue.message } : issue
}

/** An unknown policy or plugin name gets the registered name it most likely meant. */
function withGuess(issue: Issue, at: string, ref: PlacementRef, reg: Registry): Issue {
  let written: string | undefined
  let known: readonly string[] = []
  if (ref.kind === 'policy' && issue.path === at) [written, known] = [ref.name, [...reg.policies.keys()]]
  const m = /^(.*)\.plugins\[(\d+)\]\.name$/.exec(issue.path)
  if (ref.kind === 'profile' && m && m[1] === at) [written, known] = [ref.profile.plugins[Number(m[2])]?.name, [...reg.plugins.keys()]]
  const guess = written === undefined || reg.policies.has(written) || reg.plugins.has(written) ? undefined : closestName(written, known)
  return guess === undefined ? issue : { path: issue.path, message: `${issue.message}; did you mean ${guess}?` }
}

function duplicates(names: readonly string[], at: (i: number) => string, issues: Issue[]): void {
  const seen = new Map<string, number>()
  names.forEach((n, i) => {
    const first = seen.get(n)
    if (first !== undefined) issues.push({ path: `${at(i)}`, message: `expected a unique name, got ${describeValue(n)} again (first at ${at(first)})` })
    else seen.set(n, i)
  })
}
