/** First fit: the feasible node with the lowest id (pool order, then index). */
import type { PlacementPolicy } from '../../src/framework/index.js'

export const firstFit: PlacementPolicy = {
  name: 'first-fit',
  description: 'the first node (pool order, then index) with room',
  profile: { tieBreak: 'lowest-node-id', plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }] },
}
