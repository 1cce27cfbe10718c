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

const plugins = [nodeUnschedulable, resourceFit, remainingCapacity] as unknown as PlacementModule<object>[]

export const builtins = registry(plugins, [firstFit, bestFit, worstFit, random])
