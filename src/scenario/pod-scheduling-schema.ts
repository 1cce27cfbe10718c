/**
 * The scenario schema of a pod template's Kubernetes scheduling constraints: `affinity` (node
 * affinity, pod affinity and anti-affinity) and `topologySpreadConstraints`, with the Kubernetes
 * field names so that manifests can be pasted. Shape only; the k8s-* plugins give them meaning.
 */
import * as z from 'zod'

const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.strictObject({ key: z.string(), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string()).optional() })).optional(),
})

const nodeSelectorRequirement = z.strictObject({
  key: z.string(),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).optional(),
})

const nodeSelectorTerm = z.strictObject({
  matchExpressions: z.array(nodeSelectorRequirement).optional(),
  matchFields: z.array(nodeSelectorRequirement).optional(),
})

const weight = () => z.number().int().min(1).max(100)

const podAffinityTerm = z.strictObject({ labelSelector: labelSelector.optional(), topologyKey: z.string().min(1) })

const podAffinity = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(z.strictObject({ weight: weight(), podAffinityTerm })).optional(),
})

export const affinitySchema = z
  .strictObject({
    nodeAffinity: z
      .strictObject({
        requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({ nodeSelectorTerms: z.array(nodeSelectorTerm).min(1) }).optional(),
        preferredDuringSchedulingIgnoredDuringExecution: z.array(z.strictObject({ weight: weight(), preference: nodeSelectorTerm })).optional(),
      })
      .optional(),
    podAffinity: podAffinity.optional(),
    podAntiAffinity: podAffinity.optional(),
  })
  .meta({ description: 'Kubernetes pod affinity: nodeAffinity, podAffinity, podAntiAffinity (as in a pod spec)' })

export const topologySpreadConstraintsSchema = z
  .array(
    z.strictObject({
      maxSkew: z.number().int().min(1),
      topologyKey: z.string().min(1),
      whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
      labelSelector: labelSelector.optional(),
      minDomains: z.number().int().min(1).optional(),
    }),
  )
  .meta({ description: 'Kubernetes topologySpreadConstraints (as in a pod spec)' })
