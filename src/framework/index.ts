/** Policy contracts (placement; autoscaling comes with services), the profile runner and the registry. */
export { describeValue, intInRange, oneOf, positive } from './issue.js'
export type { Issue } from './issue.js'
export { MAX_NODE_SCORE, TIE_BREAKS } from './placement.js'
export type { PlacementModule, PlacementPlugin, PlacementPolicy, PluginContext, PluginRef, ProfileSpec, TieBreak } from './placement.js'
export { Profile } from './profile.js'
export type { NodeTrace, PlacementTrace, ProfileEntry } from './profile.js'
export { buildProfile, checkProfile, registry, resolveProfile } from './registry.js'
export type { PlacementRef, Registry } from './registry.js'
