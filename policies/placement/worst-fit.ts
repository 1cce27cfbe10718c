/** Worst fit: the feasible node left with the most capacity (args: norm, default l1). */
import type { PlacementPolicy } from '../../src/framework/index.js'

export const worstFit: PlacementPolicy = {
  name: 'worst-fit',
  description: 'the node left with the most capacity after placing (args: norm l1|l2|max|cpu|memory)',
  argsTo: 'remaining-capacity',
  profile: {
    tieBreak: 'lowest-node-id',
    plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'remaining-capacity', args: { prefer: 'most' } }],
  },
}
