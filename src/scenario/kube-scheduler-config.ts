/**
 * Reads a KubeSchedulerConfiguration (`kubescheduler.config.k8s.io/v1`) into a placement profile,
 * so that a user can paste their cluster's real scheduler configuration. Text in (read by cli/ or
 * the public API), ProfileSpec or every issue out, with the file's own field paths.
 *
 * What is read: the first of `profiles` (others are reported as not simulated),
 * `profiles[0].plugins.{multiPoint,filter,score,postFilter}.{enabled,disabled}` (names, score
 * weights, `*` disabling every default), `profiles[0].pluginConfig[].args`, and
 * `percentageOfNodesToScore` (the profile's overrides the top-level one; unset means upstream's
 * adaptive value). The defaults start from kube-scheduler's default multiPoint set
 * (default_plugins.go). Plugins of that set that fleetsim does not model (volumes, ports,
 * images, queue sort, binding, ...) are accepted and do nothing; other unknown names are issues.
 * Fields kube-scheduler has but that do not affect placement (leader election, client connection,
 * ...) are accepted and ignored; any other field is an issue.
 *
 * Upstream semantics kept: a score weight of 0 means the default weight 1 (upstream rejects
 * nothing and defaults it); `score.disabled` drops a plugin's score but keeps its filter, and
 * `filter.disabled` the reverse; `multiPoint.disabled` drops the plugin at every point.
 */
import { describeValue, intInRange, type Issue, type PluginRef, type ProfileSpec, type Registry } from '../framework/index.js'
import { parseYaml } from './load.js'

export const KUBE_SCHEDULER_API_VERSION = 'kubescheduler.config.k8s.io/v1'

/** kube-scheduler's default multiPoint plugins and score weights (apis/config/v1/default_plugins.go). */
export const DEFAULT_MULTI_POINT: readonly { name: string; weight?: number }[] = [
  { name: 'SchedulingGates' }, { name: 'PrioritySort' }, { name: 'NodeUnschedulable' }, { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 }, { name: 'NodeAffinity', weight: 2 }, { name: 'NodePorts' }, { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' }, { name: 'NodeVolumeLimits' }, { name: 'VolumeBinding' }, { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 }, { name: 'InterPodAffinity', weight: 2 }, { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 }, { name: 'ImageLocality', weight: 1 }, { name: 'DefaultBinder' },
]

/** Upstream plugins with nothing to act on in fleetsim (no volumes, ports, images, gates); accepted, no effect. */
export const NOT_SIMULATED_PLUGINS: ReadonlySet<string> = new Set([
  'SchedulingGates', 'PrioritySort', 'NodeName', 'NodePorts', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone',
  'ImageLocality', 'DefaultBinder', 'DynamicResources', 'EBSLimits', 'GCEPDLimits', 'AzureDiskLimits', 'CinderLimits', 'SelectorSpread',
])

const TOP_LEVEL_IGNORED = ['parallelism', 'leaderElection', 'clientConnection', 'healthzBindAddress', 'metricsBindAddress', 'enableProfiling',
  'enableContentionProfiling', 'podInitialBackoffSeconds', 'podMaxBackoffSeconds', 'extenders', 'delayCacheUntilActive', 'featureGates']
const TOP_LEVEL = ['apiVersion', 'kind', 'profiles', 'percentageOfNodesToScore', ...TOP_LEVEL_IGNORED]
const PROFILE_FIELDS = ['schedulerName', 'plugins', 'pluginConfig', 'percentageOfNodesToScore']
const POINTS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind', 'multiPoint']

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

interface Entry {
  name: string
  weight: number | undefined
  filter: boolean
  score: boolean
}

/** The profile a KubeSchedulerConfiguration text describes, and its scheduler name; or every issue. */
export function parseKubeSchedulerConfig(text: string, file: string, reg: Registry): { profile: ProfileSpec; name: string } | Issue[] {
  const parsed = parseYaml(text, file)
  if ('issues' in parsed) return parsed.issues
  const doc = parsed.value
  if (!isObj(doc)) return [{ path: '(top level)', message: `expected a KubeSchedulerConfiguration mapping, got ${describeValue(doc)}` }]
  const issues: Issue[] = []
  unknownKeys(doc, TOP_LEVEL, '', issues)
  if (doc.apiVersion !== KUBE_SCHEDULER_API_VERSION) issues.push({ path: 'apiVersion', message: `expected ${KUBE_SCHEDULER_API_VERSION}, got ${describeValue(doc.apiVersion)}` })
  if (doc.kind !== 'KubeSchedulerConfiguration') issues.push({ path: 'kind', message: `expected KubeSchedulerConfiguration, got ${describeValue(doc.kind)}` })
  let pct: number | undefined
  if (doc.percentageOfNodesToScore !== undefined) {
    issues.push(...intInRange(doc.percentageOfNodesToScore as number, 0, 100, 'percentageOfNodesToScore'))
    pct = doc.percentageOfNodesToScore as number
  }
  const profiles = doc.profiles ?? [{}]
  if (!Array.isArray(profiles) || profiles.length === 0 || !isObj(profiles[0])) {
    issues.push({ path: 'profiles', message: `expected a list of profiles, got ${describeValue(doc.profiles)}` })
    return issues
  }
  if (profiles.length > 1) {
    issues.push({ path: 'profiles[1]', message: 'fleetsim simulates one scheduler profile; keep the one your pods use as profiles[0]' })
  }
  const p = profiles[0] as Obj
  unknownKeys(p, PROFILE_FIELDS, 'profiles[0]', issues)
  if (p.percentageOfNodesToScore !== undefined) {
    issues.push(...intInRange(p.percentageOfNodesToScore as number, 0, 100, 'profiles[0].percentageOfNodesToScore'))
    pct = p.percentageOfNodesToScore as number
  }
  const entries = pluginEntries(p.plugins, reg, issues)
  const args = pluginArgs(p.pluginConfig, reg, issues)
  if (issues.length > 0) return issues
  const plugins: PluginRef[] = entries
    .filter((e) => !NOT_SIMULATED_PLUGINS.has(e.name) && reg.plugins.has(e.name))
    .map((e) => ({
      name: e.name,
      // Upstream: a zero (unset) score weight means 1.
      weight: e.score ? (e.weight === undefined || e.weight === 0 ? 1 : e.weight) : 0,
      ...(e.filter ? {} : { filter: false }),
      ...(args.has(e.name) ? { args: args.get(e.name) } : {}),
    }))
  const name = typeof p.schedulerName === 'string' ? p.schedulerName : 'default-scheduler'
  return { profile: { tieBreak: 'random', plugins, percentageOfNodesToScore: pct ?? 0 }, name }
}

function unknownKeys(o: Obj, known: readonly string[], at: string, issues: Issue[]): void {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) issues.push({ path: at === '' ? key : `${at}.${key}`, message: `unknown field; known: ${known.join(', ')}` })
  }
}

function knownPlugin(name: string, reg: Registry): boolean {
  return NOT_SIMULATED_PLUGINS.has(name) || reg.plugins.has(name) || name === 'DefaultPreemption'
}

/** Applies multiPoint, then filter/score/postFilter enable/disable lists over the defaults. */
function pluginEntries(plugins: unknown, reg: Registry, issues: Issue[]): Entry[] {
  const entries: Entry[] = DEFAULT_MULTI_POINT.map((d) => ({ name: d.name, weight: d.weight, filter: true, score: true }))
  if (plugins === undefined) return entries
  if (!isObj(plugins)) {
    issues.push({ path: 'profiles[0].plugins', message: `expected a mapping of extension points, got ${describeValue(plugins)}` })
    return entries
  }
  unknownKeys(plugins, POINTS, 'profiles[0].plugins', issues)
  const set = (point: string) => {
    const s = plugins[point]
    if (s === undefined) return { enabled: [] as Obj[], disabled: [] as Obj[] }
    const at = `profiles[0].plugins.${point}`
    if (!isObj(s)) {
      issues.push({ path: at, message: `expected {enabled, disabled}, got ${describeValue(s)}` })
      return { enabled: [], disabled: [] }
    }
    unknownKeys(s, ['enabled', 'disabled'], at, issues)
    const list = (k: 'enabled' | 'disabled'): Obj[] => {
      const l = s[k] ?? []
      if (!Array.isArray(l)) {
        issues.push({ path: `${at}.${k}`, message: `expected a list of {name, weight}, got ${describeValue(l)}` })
        return []
      }
      return l.flatMap((e: unknown, i) => {
        const path = `${at}.${k}[${i}]`
        if (!isObj(e) || typeof e.name !== 'string') {
          issues.push({ path: `${path}.name`, message: `expected a plugin name, got ${describeValue(isObj(e) ? e.name : e)}` })
          return []
        }
        unknownKeys(e, ['name', 'weight'], path, issues)
        if (e.name !== '*' && !knownPlugin(e.name, reg)) {
          issues.push({ path: `${path}.name`, message: `unknown plugin ${describeValue(e.name)}; known: ${[...new Set([...DEFAULT_MULTI_POINT.map((d) => d.name), ...reg.plugins.keys()])].join(', ')}` })
          return []
        }
        if (e.weight !== undefined) issues.push(...intInRange(e.weight as number, 0, 100, `${path}.weight`))
        return [e]
      })
    }
    return { enabled: list('enabled'), disabled: list('disabled') }
  }
  const multi = set('multiPoint')
  if (multi.disabled.some((d) => d.name === '*')) entries.length = 0
  for (const d of multi.disabled) removeWhere(entries, (e) => e.name === d.name)
  for (const e of multi.enabled) upsert(entries, e.name as string, e.weight as number | undefined)
  for (const point of ['filter', 'score', 'postFilter'] as const) {
    const s = set(point)
    const all = s.disabled.some((d) => d.name === '*')
    for (const e of entries) {
      if (!all && !s.disabled.some((d) => d.name === e.name)) continue
      if (point === 'filter') e.filter = false
      if (point === 'score') e.score = false
      if (point === 'postFilter' && e.name === 'DefaultPreemption') removeWhere(entries, (x) => x.name === e.name)
    }
    for (const en of s.enabled) {
      const e = upsert(entries, en.name as string, point === 'score' ? (en.weight as number | undefined) : undefined)
      if (point === 'filter') e.filter = true
      if (point === 'score') e.score = true
    }
  }
  for (const point of POINTS) if (point !== 'multiPoint' && point !== 'filter' && point !== 'score' && point !== 'postFilter') set(point)
  return entries
}

function upsert(entries: Entry[], name: string, weight: number | undefined): Entry {
  let e = entries.find((x) => x.name === name)
  if (!e) entries.push((e = { name, weight, filter: true, score: true }))
  else if (weight !== undefined) e.weight = weight
  return e
}

function removeWhere(entries: Entry[], pred: (e: Entry) => boolean): void {
  for (let i = entries.length - 1; i >= 0; i--) if (pred(entries[i]!)) entries.splice(i, 1)
}

/** pluginConfig[].args by plugin name, checked against each plugin's arguments. */
function pluginArgs(config: unknown, reg: Registry, issues: Issue[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  if (config === undefined) return out
  if (!Array.isArray(config)) {
    issues.push({ path: 'profiles[0].pluginConfig', message: `expected a list of {name, args}, got ${describeValue(config)}` })
    return out
  }
  config.forEach((c: unknown, i) => {
    const at = `profiles[0].pluginConfig[${i}]`
    if (!isObj(c) || typeof c.name !== 'string') {
      issues.push({ path: `${at}.name`, message: `expected a plugin name, got ${describeValue(isObj(c) ? c.name : c)}` })
      return
    }
    unknownKeys(c, ['name', 'args'], at, issues)
    const module = reg.plugins.get(c.name)
    if (!module) {
      if (!knownPlugin(c.name, reg)) issues.push({ path: `${at}.name`, message: `unknown plugin ${describeValue(c.name)}` })
      return
    }
    const raw = isObj(c.args) ? { ...c.args } : {}
    // Typed args may carry their own apiVersion/kind (e.g. kind: NodeResourcesFitArgs).
    delete raw.apiVersion
    delete raw.kind
    const known = Object.keys(module.defaults)
    for (const key of Object.keys(raw)) {
      if (!known.includes(key)) issues.push({ path: `${at}.args.${key}`, message: known.length ? `unknown argument; known: ${known.join(', ')}` : `unknown argument; ${c.name} takes none` })
    }
    issues.push(...module.check({ ...module.defaults, ...raw }, `${at}.args`))
    out.set(c.name, raw)
  })
  return out
}
