/**
 * A node pool: a group of identical nodes (count and bounds, capacity, labels, taints, price).
 * Pools are fixed for a run; their nodes come and go within [0, max].
 */
import type { PoolId } from './ids.js'
import type { Resources } from './resources.js'

export interface Taint {
  readonly key: string
  readonly value: string
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
}

export interface PoolSpec {
  readonly id: PoolId
  readonly name: string
  /** Nodes present at time 0. */
  readonly initial: number
  /** Bounds for autoscalers; the model reserves `max` node slots for the pool. */
  readonly min: number
  readonly max: number
  readonly capacity: Resources
  /** Kubelet's max pods per node (Kubernetes default 110). */
  readonly maxPods: number
  /**
   * Labels of the node with pool index i: a fixed value, or a list cycled round-robin over the
   * pool's nodes (e.g. zones a, b, c give node 0 zone a, node 1 zone b, node 3 zone a).
   */
  readonly labels: Readonly<Record<string, string | readonly string[]>>
  readonly taints: readonly Taint[]
  readonly costPerHour: number
}

/** The labels of a pool's node at `index`, with the well-known ones Kubernetes sets. */
export function nodeLabels(pool: PoolSpec, index: number, nodeName: string): Record<string, string> {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': nodeName, 'fleetsim.io/pool': pool.name }
  for (const [key, value] of Object.entries(pool.labels)) {
    labels[key] = typeof value === 'string' ? value : (value[index % value.length] ?? '')
  }
  return labels
}
