/**
 * The orchestrator-specific placement fields of a workload, checked and turned into AppSpec fields:
 * Docker Swarm's `constraints` (`node.labels.zone==a`), `placementPreferences`
 * (`[{spread: node.labels.zone}]`) and `maxReplicasPerNode`; Marathon's `marathonConstraints`
 * (`[[hostname, UNIQUE], [rack, GROUP_BY, 3]]`); and the DRF `tenant` with its `weight`.
 *
 * It only parses and checks; what the fields mean at placement time is in the policies that read
 * them (policies/placement/swarm-*, marathon-constraints, controller/drf-queue).
 */
import { describeValue, type Issue } from '../framework/index.js'
import { MARATHON_OPERATORS, type AppSpec, type MarathonConstraint, type MarathonOperator, type SwarmConstraint } from '../model/index.js'

/** Constraint keys swarmkit understands that fleetsim can evaluate (node.ip and node.platform are not modelled apart from labels). */
const SWARM_KEYS = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch']
const SWARM_PREFIXES = ['node.labels.', 'engine.labels.']
const SWARM_KEY_HELP = `${SWARM_KEYS.join(', ')}, node.labels.<key> or engine.labels.<key>`

export interface RawPlacementFields {
  readonly constraints?: readonly string[] | undefined
  readonly placementPreferences?: readonly { readonly spread: string }[] | undefined
  readonly maxReplicasPerNode?: number | undefined
  readonly marathonConstraints?: readonly (readonly (string | number)[])[] | undefined
  readonly tenant?: string | undefined
  readonly weight?: number | undefined
}

type Fields = Pick<AppSpec, 'swarm' | 'marathonConstraints' | 'tenant' | 'tenantWeight'>

const isSwarmKey = (key: string): boolean => {
  const k = key.toLowerCase()
  return SWARM_KEYS.includes(k) || SWARM_PREFIXES.some((p) => k.startsWith(p) && k.length > p.length)
}

/** `key==value` / `key!=value` as swarmkit's constraint parser reads it (first operator found). */
export function parseSwarmConstraint(expr: string, at: string, issues: Issue[]): SwarmConstraint | undefined {
  const eq = expr.indexOf('==')
  const ne = expr.indexOf('!=')
  const i = eq < 0 ? ne : ne < 0 ? eq : Math.min(eq, ne)
  if (i < 0) {
    issues.push({ path: at, message: `expected a constraint such as node.labels.zone==a or node.hostname!=node-1, got ${describeValue(expr)}` })
    return undefined
  }
  const key = expr.slice(0, i).trim()
  const value = expr.slice(i + 2).trim()
  if (!isSwarmKey(key)) {
    issues.push({ path: at, message: `expected a constraint key ${SWARM_KEY_HELP}, got ${describeValue(key)}` })
    return undefined
  }
  if (value === '') {
    issues.push({ path: at, message: `expected a value after ${expr.slice(i, i + 2)}, got ${describeValue(expr)}` })
    return undefined
  }
  return { key: key.toLowerCase(), equal: i === eq, value: value.toLowerCase() }
}

function parseMarathon(raw: readonly (string | number)[], at: string, issues: Issue[]): MarathonConstraint | undefined {
  const [field, op, value] = raw
  const operator = typeof op === 'string' ? op.toUpperCase() : ''
  if (typeof field !== 'string' || field === '' || raw.length < 2 || raw.length > 3) {
    issues.push({ path: at, message: `expected [field, OPERATOR] or [field, OPERATOR, value], got ${describeValue(raw)}` })
    return undefined
  }
  if (!(MARATHON_OPERATORS as readonly string[]).includes(operator)) {
    issues.push({ path: `${at}[1]`, message: `expected one of ${MARATHON_OPERATORS.join(', ')}, got ${describeValue(op)}` })
    return undefined
  }
  const v = value === undefined ? undefined : String(value)
  if ((operator === 'LIKE' || operator === 'UNLIKE' || operator === 'IS' || operator === 'MAX_PER') && v === undefined) {
    issues.push({ path: at, message: `${operator} needs a value, e.g. [${field}, ${operator}, ${operator === 'MAX_PER' ? '2' : 'a'}]` })
    return undefined
  }
  if (operator === 'MAX_PER' || (operator === 'GROUP_BY' && v !== undefined)) {
    if (!/^\d+$/.test(v!)) {
      issues.push({ path: `${at}[2]`, message: `expected a whole number, got ${describeValue(value)}` })
      return undefined
    }
  }
  if ((operator === 'LIKE' || operator === 'UNLIKE') && v !== undefined) {
    try {
      new RegExp(v)
    } catch (e) {
      issues.push({ path: `${at}[2]`, message: `expected a regular expression, got ${describeValue(value)} (${(e as Error).message})` })
      return undefined
    }
  }
  return { field, operator: operator as MarathonOperator, value: v }
}

/** The AppSpec fields of one workload (`at` is its path, e.g. `workloads[2]`). */
export function placementFields(w: RawPlacementFields, at: string, issues: Issue[]): Fields {
  const out: { -readonly [K in keyof Fields]: Fields[K] } = {}
  if (w.constraints || w.placementPreferences || w.maxReplicasPerNode !== undefined) {
    const constraints = (w.constraints ?? [])
      .map((c, i) => parseSwarmConstraint(c, `${at}.constraints[${i}]`, issues))
      .filter((c): c is SwarmConstraint => c !== undefined)
    const spread = (w.placementPreferences ?? []).map((p, i) => {
      const d = p.spread.trim().toLowerCase()
      if (!SWARM_PREFIXES.some((x) => d.startsWith(x) && d.length > x.length)) {
        issues.push({ path: `${at}.placementPreferences[${i}].spread`, message: `expected node.labels.<key> or engine.labels.<key>, got ${describeValue(p.spread)}` })
      }
      return d
    })
    out.swarm = { constraints, spread, maxReplicas: w.maxReplicasPerNode ?? 0 }
  }
  if (w.marathonConstraints) {
    out.marathonConstraints = w.marathonConstraints
      .map((c, i) => parseMarathon(c, `${at}.marathonConstraints[${i}]`, issues))
      .filter((c): c is MarathonConstraint => c !== undefined)
  }
  if (w.tenant !== undefined) out.tenant = w.tenant
  if (w.weight !== undefined) out.tenantWeight = w.weight
  return out
}

/** Workloads of one tenant must agree on its weight (Mesos sets one weight per role). */
export function tenantWeightIssues(apps: readonly AppSpec[]): Issue[] {
  const issues: Issue[] = []
  const first = new Map<string, { weight: number; index: number }>()
  apps.forEach((a, i) => {
    const tenant = a.tenant ?? a.name
    const weight = a.tenantWeight ?? 1
    const seen = first.get(tenant)
    if (!seen) first.set(tenant, { weight, index: i })
    else if (seen.weight !== weight) {
      issues.push({ path: `workloads[${i}].weight`, message: `expected ${seen.weight}, the weight of tenant ${describeValue(tenant)} at workloads[${seen.index}], got ${weight}` })
    }
  })
  return issues
}
