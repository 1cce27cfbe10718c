/**
 * An app is one workload of the scenario: the template its pods share (labels, priority,
 * scheduling constraints). Per-pod values that vary (requests, durations) live in the pod table.
 */
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
  readonly kind: 'Batch' | 'Pod'
  readonly labels: Readonly<Record<string, string>>
  readonly priority: number
  /** Required node labels (Kubernetes `spec.nodeSelector`). */
  readonly nodeSelector: Readonly<Record<string, string>>
  readonly tolerations: readonly Toleration[]
}
