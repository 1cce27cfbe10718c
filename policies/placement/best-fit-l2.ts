/**
 * Norm-based greedy (Panigrahy et al., MSR 2011), as Best-Fit-L2: the node whose remaining
 * capacity after placing, normalised per resource by the node's capacity, has the smallest
 * Euclidean norm. A preset of `remaining-capacity` with `norm: l2`, `prefer: least`.
 */
import type { PlacementPolicy } from '../../src/framework/index.js'

export const bestFitL2: PlacementPolicy = {
  name: 'best-fit-l2',
  description: 'norm-based greedy: the node with the smallest L2 norm of normalised capacity left after placing',
  profile: {
    tieBreak: 'lowest-node-id',
    plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'remaining-capacity', args: { prefer: 'least', norm: 'l2' } }],
  },
}
