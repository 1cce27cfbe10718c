/**
 * The built-in policies. Only cli/ and the public API (src/index.ts) import this file; everything
 * else receives the registry as an argument.
 */
import { registry, type PlacementModule } from '../src/framework/index.js'
import { bestFit } from './placement/best-fit.js'
import { firstFit } from './placement/first-fit.js'
import { nodeUnschedulable } from './placement/node-unschedulable.js'
import { random } from './placement/random.js'
import { remainingCapacity } from './placement/remaining-capacity.js'
import { resourceFit } from './placement/resource-fit.js'
import { worstFit } from './placement/worst-fit.js'
import { bestFitL2 } from './placement/best-fit-l2.js'
import { nomadBinpack, nomadRank, nomadSpread } from './placement/nomad-rank.js'
import { swarmBinpack, swarmClassicWeight, swarmRandom, swarmSpreadClassic } from './placement/swarm-classic.js'
import { swarmConstraints } from './placement/swarm-constraints.js'
import { swarmSpread, swarmSpreadPlugin } from './placement/swarm-spread.js'
import { tetris, tetrisAlignmentPlugin } from './placement/tetris.js'
import { drf } from './placement/drf.js'

const plugins = [nodeUnschedulable, resourceFit, remainingCapacity] as unknown as PlacementModule<object>[]

/** Docker Swarm, Nomad and research heuristics (issue 4). */
const orchestratorPlugins = [swarmConstraints, swarmSpreadPlugin, swarmClassicWeight, nomadRank, tetrisAlignmentPlugin] as unknown as PlacementModule<object>[]
const orchestratorPolicies = [swarmSpread, swarmBinpack, swarmSpreadClassic, swarmRandom, nomadBinpack, nomadSpread, tetris, bestFitL2, drf]

export const builtins = registry([...plugins, ...orchestratorPlugins], [firstFit, bestFit, worstFit, random, ...orchestratorPolicies])
