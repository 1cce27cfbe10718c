/**
 * The placement contracts: a plugin filters and/or scores nodes for one pod; a module names a
 * plugin, its arguments and their defaults; a policy is a named, ready-made profile of plugins.
 */
import type { ClusterView, NodeId, PodSpec } from '../model/index.js'
import type { Rng } from '../engine/index.js'
import type { Issue } from './issue.js'

export const MAX_NODE_SCORE = 100

export interface PlacementPlugin {
  readonly name: string
  /**
   * Called once per placement attempt before any filter or score (Kubernetes' PreFilter and
   * PreScore), e.g. to count pods per topology domain. Must not allocate per node.
   */
  prepare?(pod: PodSpec, view: ClusterView): void
  /** null = the pod fits on this node; otherwise a short constant reason, e.g. 'insufficient-cpu'. */
  filter?(pod: PodSpec, node: NodeId, view: ClusterView): string | null
  /** Higher is better; must be 0..100 once `normalize` (if any) has run. */
  score?(pod: PodSpec, node: NodeId, view: ClusterView): number
  /** Rescales `scores[0..count)` in place to 0..100 (index i is the i-th feasible node). */
  normalize?(scores: Float64Array, count: number): void
}

/** What a module's `create` may use besides its arguments. */
export interface PluginContext {
  /** The run's seeded `placement` stream: the only randomness a plugin may use. */
  readonly rng: Rng
}

export interface PlacementModule<Args extends object = Record<string, unknown>> {
  readonly name: string
  /** One line: what the plugin prefers or rejects. */
  readonly description: string
  readonly defaults: Args
  /** Checks merged args; `at` is the scenario path of the args, used in messages. */
  check(args: Args, at: string): Issue[]
  create(args: Args, ctx: PluginContext): PlacementPlugin
}

export const TIE_BREAKS = ['random', 'lowest-node-id'] as const
export type TieBreak = (typeof TIE_BREAKS)[number]

/** One plugin in a profile, as a scenario writes it (args not yet merged over defaults). */
export interface PluginRef {
  readonly name: string
  readonly weight?: number | undefined
  readonly args?: Readonly<Record<string, unknown>> | undefined
}

/** A profile as a scenario writes it. */
export interface ProfileSpec {
  readonly tieBreak: TieBreak
  readonly plugins: readonly PluginRef[]
}

/**
 * A named policy (`--placement best-fit`): a ready-made profile. `args` given with the policy
 * name are passed to the plugin named by `argsTo`, over the profile's own args for it.
 */
export interface PlacementPolicy {
  readonly name: string
  readonly description: string
  readonly profile: ProfileSpec
  readonly argsTo?: string
}
