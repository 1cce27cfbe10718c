/** Random: a feasible node drawn uniformly from the seeded `placement` stream. */
import type { PlacementPolicy } from '../../src/framework/index.js'

export const random: PlacementPolicy = {
  name: 'random',
  description: 'a node with room, uniformly at random (seeded placement stream)',
  profile: { tieBreak: 'random', plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }] },
}
