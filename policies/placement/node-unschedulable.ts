/** Rejects cordoned nodes (Kubernetes `spec.unschedulable`, the NodeUnschedulable filter). */
import type { PlacementModule } from '../../src/framework/index.js'

export const nodeUnschedulable: PlacementModule<Record<string, never>> = {
  name: 'node-unschedulable',
  description: 'rejects cordoned nodes',
  defaults: {},
  check: () => [],
  create: () => ({
    name: 'node-unschedulable',
    filter: (_pod, n, v) => (v.isUnschedulable(n) ? 'node-cordoned' : null),
  }),
}
