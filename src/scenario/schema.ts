/**
 * The scenario file format as a zod schema: the single source of the shape, the unit conversion
 * at the boundary (quantities become millicores, bytes, milliseconds, per-second rates) and the
 * JSON Schema shipped for editors (`fleetsim schema`, generated from this file).
 *
 * Cross-field rules (pool bounds, names that must exist, policy names) are in build.ts; this file
 * only checks each field on its own.
 */
import * as z from 'zod'
import { affinitySchema, topologySpreadConstraintsSchema } from './pod-scheduling-schema.js'
import { parseCount, parseCpuMilli, parseDurationMs, parseGpu, parseMemBytes, parseRatePerS } from './quantity.js'
import { serviceSchemas } from './service-schema.js'

type Parser = (v: unknown) => number | { error: string }

/** A string-or-number field converted by `parse`; the description shows in editors. */
function unit(parse: Parser, description: string) {
  return z
    // When the value is neither (or missing), the parser's own words say what was expected.
    .union([z.string(), z.number()], { error: (iss) => { const r = parse(iss.input); return typeof r === 'number' ? undefined : r.error } })
    .transform((v, ctx) => {
      const r = parse(v)
      if (typeof r === 'number') return r
      ctx.addIssue({ code: 'custom', message: r.error, input: v })
      return z.NEVER
    })
    .meta({ description })
}

export const cpu = () => unit(parseCpuMilli, 'CPU quantity: 500m, 2 (cores)')
export const memory = () => unit(parseMemBytes, 'memory quantity: 512Mi, 4Gi, 1.5G (a bare number is bytes)')
export const count = () => unit(parseCount, 'a count, e.g. 1')
export const gpu = () => unit(parseGpu, 'GPUs: 0.5 or 500m (a share of one device), 2 (whole devices)')
export const duration = () => unit(parseDurationMs, 'duration: 250ms, 90s, 5m, 1h30m, 2d (a bare number is seconds)')
export const rate = () => unit(parseRatePerS, 'rate: 3/min, 0.5/s, 120/h (a bare number is per second)')

const positiveNumber = () => z.number().positive()

/**
 * A random quantity in the unit of `q`: a plain value (constant), `{choice: [...], weights}`,
 * or `{dist: NAME, ...}` with parameters in the unit of the field (sigma and shape are plain).
 */
export function dist<T extends z.ZodType<number, string | number>>(q: () => T, what: string) {
  return z.union(
    [
      q(),
      z.strictObject({ choice: z.array(q()).min(1), weights: z.array(z.number().nonnegative()).optional() }),
      z.discriminatedUnion('dist', [
        z.strictObject({ dist: z.literal('constant'), value: q() }),
        z.strictObject({ dist: z.literal('uniform'), min: q(), max: q() }),
        z.strictObject({ dist: z.literal('exponential'), mean: q() }),
        z.strictObject({ dist: z.literal('normal'), mean: q(), sd: q() }),
        z.strictObject({ dist: z.literal('lognormal'), median: q(), sigma: z.number().nonnegative() }),
        z.strictObject({ dist: z.literal('weibull'), shape: positiveNumber(), scale: q() }),
      ]),
    ],
    { error: `expected ${what}, {choice: [...]} or {dist: constant|uniform|exponential|normal|lognormal|weibull, ...}` },
  )
}
export type RawDist = z.output<ReturnType<typeof dist>>

/** Extended resource names are domain-prefixed, as in Kubernetes (`example.com/foo`). */
export const EXTENDED_RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/

const capacity = z
  .strictObject({ cpu: cpu(), memory: memory(), gpu: count().optional(), pods: z.number().int().positive().optional() })
  .catchall(count())
  .meta({ description: 'node capacity (allocatable): cpu, memory, gpu, pods, and extended resources such as example.com/foo' })

const requests = z
  .strictObject({ cpu: dist(cpu, 'a CPU quantity such as 500m or 2'), memory: dist(memory, 'a memory quantity such as 512Mi'), gpu: dist(gpu, 'a GPU quantity such as 0.5, 500m or 2').optional() })
  .partial()
  .catchall(dist(count, 'a count'))

const containerRequests = z.strictObject({ cpu: cpu(), memory: memory(), gpu: gpu() }).partial().catchall(count())
const container = z.strictObject({ name: z.string().optional(), requests: containerRequests.optional() })

const labels = z.record(z.string(), z.string())
const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
})

/** Fields every pod-making workload shares (the pod template). */
const podTemplate = {
  name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: 'expected a lowercase name (letters, digits, -, .)' }),
  requests: requests.optional(),
  containers: z.array(container).min(1).optional(),
  initContainers: z.array(container).optional(),
  overhead: containerRequests.optional(),
  priority: z.number().int().optional(),
  labels: labels.optional(),
  nodeSelector: labels.optional(),
  tolerations: z.array(toleration).optional(),
  affinity: affinitySchema.optional(),
  topologySpreadConstraints: topologySpreadConstraintsSchema.optional(),
  constraints: z.array(z.string()).optional().meta({ description: 'Docker Swarm constraints, e.g. node.labels.zone==a, node.hostname!=general-0' }),
  placementPreferences: z.array(z.strictObject({ spread: z.string() })).optional().meta({ description: 'Docker Swarm placement preferences, nested in order, e.g. [{spread: node.labels.zone}]' }),
  maxReplicasPerNode: z.number().int().nonnegative().optional().meta({ description: 'Docker Swarm: at most this many running pods of the workload per node (0 = no limit)' }),
  marathonConstraints: z.array(z.array(z.union([z.string(), z.number()]))).optional().meta({ description: 'Marathon constraints, e.g. [[hostname, UNIQUE], [zone, GROUP_BY, 3]]' }),
  tenant: z.string().min(1).optional().meta({ description: 'tenant (Mesos role) for DRF ordering; default: the workload name' }),
  weight: z.number().positive().optional().meta({ description: "the tenant's DRF weight (default 1)" }),
}

const arrivals = z.discriminatedUnion('process', [
  z.strictObject({ process: z.literal('poisson'), rate: rate() }),
  z.strictObject({ process: z.literal('interval'), every: duration() }),
  z.strictObject({ process: z.literal('times'), at: z.array(duration()).min(1) }),
])

const batch = z.strictObject({
  kind: z.literal('Batch'),
  ...podTemplate,
  arrivals,
  start: duration().optional(),
  stop: duration().optional(),
  count: z.number().int().nonnegative().optional(),
  duration: dist(duration, 'a duration such as 90s'),
  checkpoint: duration().optional().meta({ description: 'progress is saved this often; an evicted or restarted pod resumes from its last save (default: never, it re-runs from the start)' }),
})

const pod = z.strictObject({
  kind: z.literal('Pod'),
  ...podTemplate,
  at: duration().optional(),
  duration: dist(duration, 'a duration such as 90s').optional(),
  nodeName: z.string().optional(),
})

const services = serviceSchemas({ duration, rate, dist })
const service = z.strictObject({ ...podTemplate, ...services.serviceFields })

const pool = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: 'expected a lowercase name (letters, digits, -)' }),
  nodes: z.number().int().nonnegative(),
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().nonnegative().optional(),
  capacity,
  labels: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) })).optional(),
  costPerHour: z.number().nonnegative().optional(),
  provisionDelay: dist(duration, 'a duration such as 90s').optional().meta({ description: 'time from a node request to the node being ready (default uniform 3-4 min, the GCE figure of the Cluster Autoscaler FAQ)' }),
  spot: z.boolean().optional().meta({ description: 'spot/preemptible nodes: labelled fleetsim.io/spot=true, and reclaimable by SpotReclaim faults' }),
})

const nodeSelector = {
  node: z.string().optional().meta({ description: 'one node by name, e.g. general-3' }),
  pool: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional().meta({ description: 'nodes whose labels have all these values' }),
}
const failureTime = () => dist(duration, 'a duration such as 72h (the mean of exponential times to failure)')
  .meta({ description: 'time to failure: a duration is the mean of an exponential distribution (MTBF); or {dist: weibull|lognormal|..., ...}' })
const repairTime = () => dist(duration, 'a duration such as 30m')

const fault = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('NodeCrash'), ...nodeSelector,
    groupBy: z.string().optional().meta({ description: 'a label key (e.g. rack): nodes sharing its value fail together' }),
    mtbf: failureTime().optional(),
    at: z.array(duration()).min(1).optional().meta({ description: 'fixed crash times instead of mtbf' }),
    repair: repairTime().meta({ description: 'time to repair: a fixed duration or a distribution' }),
  }),
  z.strictObject({
    kind: z.literal('ZoneOutage'), zone: z.string(),
    label: z.string().optional().meta({ description: 'the zone label key (default: topology.kubernetes.io/zone if nodes have it, else zone)' }),
    at: duration(), duration: duration(),
  }),
  z.strictObject({
    kind: z.literal('SpotReclaim'), pool: z.string(),
    mtbf: failureTime().optional(), at: z.array(duration()).min(1).optional(),
    notice: duration().optional().meta({ description: 'warning before the node goes (default 2m, as AWS; GCP gives 30s)' }),
  }),
  z.strictObject({
    kind: z.literal('Drain'), ...nodeSelector, at: duration(),
    maxUnavailable: z.number().int().positive().optional().meta({ description: 'PodDisruptionBudget-like: pods of one workload evicted and not yet running again (default 1)' }),
    duration: duration().optional().meta({ description: 'maintenance time once the node is empty, before it is uncordoned (default 10m)' }),
  }),
  z.strictObject({ kind: z.literal('ContainerCrash'), workload: z.string(), mtbf: failureTime() }),
])

const controlPlane = z.union(
  [
    z.enum(['kubernetes', 'swarm', 'mesos']),
    z.strictObject({
      profile: z.enum(['kubernetes', 'swarm', 'mesos']),
      heartbeat: duration().optional(),
      heartbeatJitter: duration().optional(),
      gracePeriod: duration().optional().meta({ description: 'no heartbeat for this long: node not ready (kubernetes --node-monitor-grace-period)' }),
      missedHeartbeats: z.number().int().positive().optional(),
      monitorPeriod: duration().optional(),
      evictionTimeout: duration().optional().meta({ description: 'not ready to eviction (kubernetes: the 300s default toleration)' }),
      replacementDelay: duration().optional(),
      offerInterval: duration().optional(),
      evictionRate: z.number().nonnegative().optional(),
      secondaryEvictionRate: z.number().nonnegative().optional(),
      unhealthyZoneThreshold: z.number().min(0).max(1).optional(),
      largeClusterSize: z.number().int().nonnegative().optional(),
    }),
  ],
  { error: 'expected kubernetes, swarm, mesos or {profile, ...delays}' },
)

const pluginRef = z.strictObject({
  name: z.string(),
  weight: z.number().nonnegative().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
})

const placement = z.union(
  [
    z.string(),
    z.strictObject({ name: z.string(), args: z.record(z.string(), z.unknown()).optional() }),
    z.strictObject({
      tieBreak: z.enum(['random', 'lowest-node-id']).optional(),
      plugins: z.array(pluginRef).min(1),
      percentageOfNodesToScore: z.number().int().min(0).max(100).optional().meta({ description: 'nodes examined per pod, as kube-scheduler: 0 = adaptive, 100 = all (default)' }),
    }),
    z.strictObject({ schedulerConfig: z.string().min(1).meta({ description: 'a KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1), relative to this scenario; its first profile is used' }) }),
  ],
  { error: 'expected a policy name, {name, args}, {tieBreak, plugins: [...]} or {schedulerConfig: FILE}' },
)

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    duration: duration().default(3_600_000),
    seed: z.union([z.number().int(), z.string()]).default(1),
    cluster: z.strictObject({ pools: z.array(pool).min(1) }),
    workloads: z.array(z.discriminatedUnion('kind', [batch, pod, service])).default([]),
    faults: z.array(fault).default([]),
    controlPlane: controlPlane.default('kubernetes'),
    policies: z.strictObject({
      placement: placement.default('first-fit'), podAutoscaler: services.podAutoscalerPolicy.optional(),
      clusterAutoscaler: z.union([z.string(), z.object({ name: z.string() }).catchall(z.unknown())], { error: 'expected a cluster autoscaler name or {name, ...args}' }).optional()
        .meta({ description: 'cluster-autoscaler (expander, scaleDownUtilizationThreshold, scaleDownUnneededTime, ...) or utilization-threshold' }),
    }).default({ placement: 'first-fit' }),
    metrics: z.strictObject({ interval: duration().default(60_000), pipeline: services.pipelineSchema.optional() }).default({ interval: 60_000 }),
  })
  .meta({ title: 'fleetsim scenario', description: 'A cluster, its workloads and the policies to simulate (see docs/scenarios.md)' })

export type RawScenario = z.output<typeof scenarioSchema>
export type RawWorkload = RawScenario['workloads'][number]
export type RawPool = RawScenario['cluster']['pools'][number]
export type RawFault = RawScenario['faults'][number]
export type RawControlPlane = RawScenario['controlPlane']

/** The JSON Schema of the input format, for editors (yaml-language-server) and tests. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' })
}
