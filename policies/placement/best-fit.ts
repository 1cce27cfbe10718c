/** Best fit: the feasible node left with the least capacity (args: norm, default l1). */
import type { PlacementPolicy } from '../../src/framework/index.js'

export const bestFit: PlacementPolicy = {
  name: 'best-fit',
  description: 'the node left with the least capacity after placing (args: norm l1|l2|max|cpu|memory)',
  argsTo: 'remaining-capacity',
  profile: {
    tieBreak: 'lowest-node-id',
    plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'remaining-capacity', args: { prefer: 'least' } }],
  },
}
