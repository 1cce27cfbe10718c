/**
 * DRF for one queue of multi-tenant pods: pending pods are tried tenant by tenant, lowest weighted
 * dominant share first (controller/drf-queue.ts), and each goes to the first node with room.
 * Workloads name their `tenant` and its `weight` in the scenario.
 */
import type { PlacementPolicy } from '../../src/framework/index.js'

export const drf: PlacementPolicy = {
  name: 'drf',
  description: 'Dominant Resource Fairness over tenants (queue order by weighted dominant share), first fit',
  profile: { tieBreak: 'lowest-node-id', queueOrder: 'drf', plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }] },
}
