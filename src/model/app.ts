/**
 * An app is one workload of the scenario: the template its pods share (labels, priority,
 * scheduling constraints). Per-pod values that vary (requests, durations) live in the pod table.
 */
import type { Affinity, TopologySpreadConstraint } from './affinity.js'
import type { AppId } from './ids.js'

export interface Toleration {
  readonly key: string | undefined
  readonly operator: 'Equal' | 'Exists'
  readonly value: string | undefined
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | undefined
}

export interface AppSpec {
  readonly id: AppId
  readonly name: string
  readonly kind: 'Batch' | 'Pod' | 'Service'
  readonly labels: Readonly<Record<string, string>>
  readonly priority: number
  /** Required node labels (Kubernetes `spec.nodeSelector`). */
  readonly nodeSelector: Readonly<Record<string, string>>
  readonly tolerations: readonly Toleration[]
  /** Docker Swarm placement (`--constraint`, `--placement-pref`, `--replicas-max-per-node`); absent = none. */
  readonly swarm?: SwarmPlacement | undefined
  /** Marathon placement constraints (`[field, OPERATOR, value]`); absent = none. */
  readonly marathonConstraints?: readonly MarathonConstraint[] | undefined
  /** Tenant (Mesos role) for DRF ordering, and its weight; absent = the app's own name, weight 1. */
  readonly tenant?: string | undefined
  readonly tenantWeight?: number | undefined
  /** Kubernetes `spec.affinity` (node affinity, pod affinity and anti-affinity); absent = none. */
  readonly affinity?: Affinity | undefined
  /** Kubernetes `spec.topologySpreadConstraints`; absent or empty = none (system defaults may apply). */
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[] | undefined
}

/** A swarmkit constraint `key==value` or `key!=value`; key and value compared case-insensitively. */
export interface SwarmConstraint {
  /** As written, e.g. `node.labels.zone`, `node.hostname`. */
  readonly key: string
  readonly equal: boolean
  /** Lowercased. */
  readonly value: string
}

export interface SwarmPlacement {
  readonly constraints: readonly SwarmConstraint[]
  /** Spread descriptors in nesting order, e.g. `node.labels.zone`, then `node.labels.rack`. */
  readonly spread: readonly string[]
  /** Max running tasks of the service per node; 0 = no limit. */
  readonly maxReplicas: number
}

export const MARATHON_OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS'] as const
export type MarathonOperator = (typeof MARATHON_OPERATORS)[number]

/** A Marathon constraint; `value` is undefined when the operator was written without one. */
export interface MarathonConstraint {
  readonly field: string
  readonly operator: MarathonOperator
  readonly value: string | undefined
}
