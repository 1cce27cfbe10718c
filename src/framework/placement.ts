/**
 * The placement contracts: a plugin filters and/or scores nodes for one pod; a module names a
 * plugin, its arguments and their defaults; a policy is a named, ready-made profile of plugins.
 */
import type { ClusterView, NodeId, PodId, PodSpec } from '../model/index.js'
import type { Rng } from '../engine/index.js'
import type { Issue } from './issue.js'

export const MAX_NODE_SCORE = 100

export interface PlacementPlugin {
  readonly name: string
  /**
   * Called once per placement attempt before any filter (Kubernetes' PreFilter), e.g. to count
   * pods per topology domain. Must not allocate per node. Returning `false` is upstream's Skip:
   * this plugin's `filter` is not called for this pod (every node passes it).
   */
  prepare?(pod: PodSpec, view: ClusterView): boolean | void
  /**
   * Called once per placement attempt after filtering, with the feasible nodes `feasible[0..count)`
   * (Kubernetes' PreScore), before any `score` of this plugin. Returning `false` is upstream's
   * Skip: this plugin scores nothing for this pod and its weight adds nothing to any total.
   * Not called when fewer than two nodes are feasible (nothing is scored then).
   */
  preScore?(pod: PodSpec, feasible: Int32Array, count: number, view: ClusterView): boolean | void
  /** null = the pod fits on this node; otherwise a short constant reason, e.g. 'insufficient-cpu'. */
  filter?(pod: PodSpec, node: NodeId, view: ClusterView): string | null
  /**
   * Optional batch form of `filter`, with the same answers, over `nodes[0..count)`: moves the
   * nodes that pass to the front, in their order, calls `reject(node, reason)` for each other
   * node, and returns how many passed. The filter pass calls it, when given, on a chunk of nodes
   * at once instead of `filter` once per node (see `scoreAll` for why; filter-pass.ts).
   */
  filterAll?(pod: PodSpec, nodes: Int32Array, count: number, view: ClusterView, reject: (node: NodeId, reason: string) => void): number
  /**
   * Higher is better; must be 0..100 once `normalize` (if any) has run. A plugin with `normalize`
   * may return any raw value (e.g. a count) and rescale it there (upstream's NormalizeScore).
   */
  score?(pod: PodSpec, node: NodeId, view: ClusterView): number
  /**
   * Optional batch form of `score`, with the same values: `scores[i] = score(pod, feasible[i])`
   * for i < count. The profile calls it, when given, instead of `score` once per node, so the
   * per-node loop runs inside the plugin, where V8 can inline the plugin's per-node code (one call
   * per pod rather than one megamorphic call per node; bench/placement.bench.ts k8s-default).
   * Each plugin writes this loop itself, around a per-node function it also uses for `score`: a
   * shared helper taking that function would see every plugin's function at its one call site,
   * which is the polymorphic per-node call this hook exists to remove.
   */
  scoreAll?(pod: PodSpec, feasible: Int32Array, count: number, view: ClusterView, scores: Float64Array): void
  /** Rescales `scores[0..count)` in place to 0..100 (index i is the i-th feasible node). */
  normalize?(scores: Float64Array, count: number): void
  /**
   * Called only when no node passed the filters (Kubernetes' PostFilter, e.g. preemption):
   * proposes a node and the running pods to evict so that the pod fits there, or null. Must not
   * mutate anything: the controller evicts the victims (as Failed, outcome Preempted) and the pod
   * is retried in a later cycle, as upstream nominates the node and requeues the pod. `host`
   * re-runs the profile's filters on a node as if some pods were gone.
   */
  postFilter?(pod: PodSpec, view: ClusterView, host: PostFilterHost): PreemptionPlan | null
  /**
   * Set by a plugin that turns the run's scheduling into Mesos-style two-level offers
   * (`mesos-offers`): the run then drives the profile from an offer cycle instead of the
   * scheduling queue, and the profile's filters and scorers see one offered agent at a time.
   */
  readonly offerCycle?: OfferCycle
  /**
   * For a pod with a GPU request, once `node` is chosen: which of its GPU devices the pod takes
   * (bit d = device d), or 0 for the model's default (a share on the device with the least free
   * that fits; whole GPUs on free devices in index order). The first plugin of the profile with
   * this hook decides; a choice that does not fit is ignored. Must not mutate anything.
   */
  gpuDevices?(pod: PodSpec, node: NodeId, view: ClusterView): number
}

/** Mesos two-level scheduling: how often agents are offered and how long a decline lasts. */
export interface OfferCycle {
  /** The allocator's `--allocation_interval` (Mesos default 1 s). */
  readonly allocationIntervalMs: number
  /** `Filters.refuse_seconds` of a decline (Mesos default 5 s); 0 installs no filter. */
  readonly refuseMs: number
  /** Tasks a framework launches on one offer at most (Marathon: 5); 0 = no limit. */
  readonly maxTasksPerOffer: number
  /** Walk the agents in a random order each pass, as the allocator does (false: node id order). */
  readonly shuffleAgents: boolean
  /** The run's placement stream, for the agent order. */
  readonly rng: Rng
}

/** What a PostFilter plugin may ask of the profile that called it. */
export interface PostFilterHost {
  /**
   * The reason the profile's filters rejected node `n` in the attempt that just failed, or null
   * when the node was not examined (sampled out) or is not ready.
   */
  rejection(n: NodeId): string | null
  /** True when every filter of the profile passes `pod` on `n` with the pods `removed[0..count)` gone. */
  fitsWithout(pod: PodSpec, n: NodeId, removed: Int32Array, count: number): boolean
}

/** A PostFilter's answer: evict `victims` (running on `node`) so that the pod fits there. */
export interface PreemptionPlan {
  readonly node: NodeId
  readonly victims: readonly PodId[]
}

/** What a module's `create` may use besides its arguments. */
export interface PluginContext {
  /** The run's seeded `placement` stream: the only randomness a plugin may use. */
  readonly rng: Rng
  /**
   * The pod request shapes the scenario's workloads are expected to generate, with expected pod
   * counts (workload/request-mix.ts); absent or empty when unknown (a profile built outside a run).
   */
  readonly requestMix?: readonly RequestShape[] | undefined
}

/** One (cpu, gpu) request shape of the workload mix and its expected number of pods. */
export interface RequestShape {
  readonly cpuMilli: number
  /** A share below 1 (one device) or whole GPUs. */
  readonly gpu: number
  readonly weight: number
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
  /** Score weight (default 1); 0 turns the plugin's score off. */
  readonly weight?: number | undefined
  readonly args?: Readonly<Record<string, unknown>> | undefined
  /** false turns the plugin's filter off (as KubeSchedulerConfiguration's `filter.disabled`); default true. */
  readonly filter?: boolean | undefined
}

/** A profile as a scenario writes it. */
/** The order pending pods are tried in: priority then creation (Kubernetes), or DRF over tenants. */
export const QUEUE_ORDERS = ['priority', 'drf'] as const
export type QueueOrder = (typeof QUEUE_ORDERS)[number]

export interface ProfileSpec {
  readonly tieBreak: TieBreak
  readonly plugins: readonly PluginRef[]
  /** Queue order (default `priority`); `drf`: the tenant with the lowest weighted dominant share goes first. */
  readonly queueOrder?: QueueOrder | undefined
  /**
   * How many nodes to examine per pod, as kube-scheduler's `percentageOfNodesToScore`: undefined
   * or 100 = every node (an exact full scan, the default for non-Kubernetes policies); 0 = the
   * upstream adaptive value (50 - nodes/125 percent, at least 5); 1..99 = that percentage. In
   * every case at least `minFeasibleNodesToFind` feasible nodes are sought (all nodes below that).
   * Filtering walks the nodes round-robin from where the previous pod stopped and stops once
   * enough feasible nodes are found.
   */
  readonly percentageOfNodesToScore?: number | undefined
  /** kube-scheduler's minFeasibleNodesToFind (100). */
  readonly minFeasibleNodesToFind?: number | undefined
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
