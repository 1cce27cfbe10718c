/**
 * Cluster Autoscaler expanders: given the scale-up options (a pool, how many new nodes, which
 * pending pods they would take), keep the best ones. Chained in order; a tie left at the end is
 * broken at random (kubernetes/autoscaler cluster-autoscaler/expander/*, factory/chain.go).
 *
 * - random: any option. - most-pods: the most pods scheduled.
 * - least-waste: the least idle cpu + memory fraction on the new nodes (waste/waste.go).
 * - price: the lowest (node price / pod price) ratio, scaled by how far the node size is from the
 *   preferred size for the cluster (price/price.go, price/preferred.go).
 * - priority: the options whose pool matches a regex (searched unanchored) of the highest priority
 *   (priority/priority.go); all pass when none matches.
 */
export interface ExpanderOption {
  readonly pool: number
  readonly poolName: string
  readonly nodeCount: number
  /** Capacity of one node of the pool. */
  readonly nodeCpuMilli: number
  readonly nodeMemBytes: number
  readonly nodeGpu: number
  readonly nodePricePerHour: number
  /** Requests of the pods the option would schedule. */
  readonly podCpuMilli: readonly number[]
  readonly podMemBytes: readonly number[]
}

export interface PriceModel {
  /** Price of a pod's requests for one hour. */
  podPrice(cpuMilli: number, memBytes: number): number
  /** Nodes in the cluster now (the preferred node size grows with it). */
  readonly clusterNodes: number
}

export const EXPANDERS = ['random', 'most-pods', 'least-waste', 'price', 'priority', 'least-nodes'] as const
export type ExpanderName = (typeof EXPANDERS)[number]

const sum = (xs: readonly number[]): number => { let s = 0; for (const x of xs) s += x; return s }

function keepBest<T>(options: readonly T[], score: (o: T) => number, lowest: boolean): T[] {
  const scores = options.map(score)
  const best = lowest ? Math.min(...scores) : Math.max(...scores)
  return options.filter((_, i) => scores[i] === best)
}

export function mostPods(options: readonly ExpanderOption[]): ExpanderOption[] {
  return keepBest(options, (o) => o.podCpuMilli.length, false)
}

export function leastNodes(options: readonly ExpanderOption[]): ExpanderOption[] {
  return keepBest(options, (o) => o.nodeCount, true)
}

/** Idle fraction of cpu plus idle fraction of memory on the option's new nodes (capacity, not allocatable). */
export function waste(o: ExpanderOption): number {
  const cpu = o.nodeCpuMilli * o.nodeCount
  const mem = o.nodeMemBytes * o.nodeCount
  return (cpu - sum(o.podCpuMilli)) / cpu + (mem - sum(o.podMemBytes)) / mem
}

export function leastWaste(options: readonly ExpanderOption[]): ExpanderOption[] {
  return keepBest(options, waste, true)
}

/** The preferred node cpu for a cluster of `nodes` nodes (price/preferred.go). */
export function preferredNodeCpuMilli(nodes: number): number {
  if (nodes <= 2) return 1000
  if (nodes <= 6) return 2000
  if (nodes <= 20) return 4000
  if (nodes <= 60) return 8000
  if (nodes <= 200) return 16000
  return 32000
}

/** The stabilizer pod of the price expander: 500m cpu, 500 MiB. */
const STABILIZER_CPU_MILLI = 500
const STABILIZER_MEM_BYTES = 500 * 2 ** 20
/** GPU nodes are scored with a fixed unfitness (price.go). */
const GPU_UNFITNESS = 1000

/** The price expander's score of an option (lower is better); `preferredCpuMilli` overrides the size rule (tests). */
export function priceScore(o: ExpanderOption, prices: PriceModel, preferredCpuMilli = preferredNodeCpuMilli(prices.clusterNodes)): number {
  const stab = prices.podPrice(STABILIZER_CPU_MILLI, STABILIZER_MEM_BYTES)
  let podsPrice = 0
  for (let i = 0; i < o.podCpuMilli.length; i++) podsPrice += prices.podPrice(o.podCpuMilli[i]!, o.podMemBytes[i]!)
  const priceSub = (o.nodePricePerHour * o.nodeCount + stab) / (podsPrice + stab)
  const unfitness = o.nodeGpu > 0 ? GPU_UNFITNESS : Math.max(preferredCpuMilli / o.nodeCpuMilli, o.nodeCpuMilli / preferredCpuMilli)
  const suppressed = (unfitness - 1) * (1 - Math.tanh((o.nodeCount - 1) / 15)) + 1
  return suppressed * priceSub
}

export function cheapest(options: readonly ExpanderOption[], prices: PriceModel): ExpanderOption[] {
  return keepBest(options, (o) => priceScore(o, prices), true)
}

/** Priority → regexes (searched unanchored in the pool name). */
export type Priorities = Readonly<Record<string, readonly string[]>>

export function byPriority(options: readonly ExpanderOption[], priorities: Priorities): ExpanderOption[] {
  let best = -Infinity
  let kept: ExpanderOption[] = []
  for (const o of options) {
    let p = -Infinity
    for (const [prio, patterns] of Object.entries(priorities)) {
      if (patterns.some((re) => new RegExp(re).test(o.poolName))) p = Math.max(p, Number(prio))
    }
    if (p === -Infinity) continue
    if (p > best) {
      best = p
      kept = [o]
    } else if (p === best) kept.push(o)
  }
  return kept.length ? kept : [...options]
}

/** Applies the chain, then breaks a remaining tie with `random` (uniform in [0, 1)). */
export function expand(
  options: readonly ExpanderOption[], chain: readonly ExpanderName[], prices: PriceModel, priorities: Priorities, random: () => number,
): ExpanderOption | undefined {
  let left = [...options]
  for (const name of chain) {
    if (left.length <= 1) break
    switch (name) {
      case 'random': left = [left[Math.floor(random() * left.length)]!]; break
      case 'most-pods': left = mostPods(left); break
      case 'least-waste': left = leastWaste(left); break
      case 'price': left = cheapest(left, prices); break
      case 'priority': left = byPriority(left, priorities); break
      case 'least-nodes': left = leastNodes(left); break
    }
  }
  return left.length <= 1 ? left[0] : left[Math.floor(random() * left.length)]
}

/** GCE on-demand n1 prices used for pods' worth (cloudprovider/gce/gce_price_model.go): per core-hour and per GB-hour. */
export const GCE_CPU_PRICE_PER_HOUR = 0.033174
export const GCE_MEMORY_PRICE_PER_GB_HOUR = 0.004446

export function gcePodPrice(cpuMilli: number, memBytes: number): number {
  return (cpuMilli / 1000) * GCE_CPU_PRICE_PER_HOUR + (memBytes / 2 ** 30) * GCE_MEMORY_PRICE_PER_GB_HOUR
}
