/**
 * Classic (standalone) Docker Swarm's placement strategies (docker-archive/classicswarm
 * `scheduler/strategy/weighted_node.go`, `spread.go`, `binpack.go`, `random.go`):
 *
 * - weight = cpuScore + memScore, each the node's use after placing in whole percent with integer
 *   division, (used + request) x 100 / total, or 100 when the container requests none of it.
 *   (Classic swarm counts CPUs; fleetsim uses millicores, which gives the same percentages for
 *   whole-CPU requests.) The health term (+-10 x 100 on healthy engines) is the same on every
 *   Ready node, so it drops out of the ranking.
 * - `spread`: lowest weight first; equal weights: fewer containers first.
 * - `binpack`: highest weight first; equal weights: more containers first.
 * - remaining ties: the first node in list order (Go's sort.Sort is an insertion sort below 12
 *   nodes, which keeps list order), so the policies break ties by lowest node id.
 * - `random` (`swarm-random`): a feasible node uniformly at random.
 *
 * Scores: min-max over the feasible nodes of weight x 1e6 + containers (so the container count
 * breaks weight ties), 100 for the preferred end. Nodes too small for the request are rejected by
 * resource-fit before scoring, as weighNodes skips them.
 */
import { oneOf, type PlacementModule, type PlacementPolicy } from '../../src/framework/index.js'
import type { ClusterView, NodeId, PodSpec } from '../../src/model/index.js'

const STRATEGIES = ['spread', 'binpack'] as const
type Args = { strategy: (typeof STRATEGIES)[number] }

/** Upper bound on containers per node, so weight x CONTAINERS + containers orders by weight first. */
const CONTAINERS = 1e6

/** Classic swarm's weight of node `n` for `pod`: cpu% + mem% after placing, integer percents. */
export function classicWeight(pod: PodSpec, n: NodeId, view: ClusterView): number {
  const cpu = pod.cpuMilli > 0 ? Math.floor(((view.cpuReqMilli(n) + pod.cpuMilli) * 100) / view.cpuCapMilli(n)) : 100
  const mem = pod.memBytes > 0 ? Math.floor(((view.memReqBytes(n) + pod.memBytes) * 100) / view.memCapBytes(n)) : 100
  return cpu + mem
}

export const swarmClassicWeight: PlacementModule<Args> = {
  name: 'swarm-classic-weight',
  description: "classic swarm's cpu% + memory% weight: spread prefers the lowest (then fewer containers), binpack the highest (then more)",
  defaults: { strategy: 'spread' },
  check: (a, at) => oneOf(a.strategy, STRATEGIES, `${at}.strategy`),
  create: ({ strategy }) => ({
    name: 'swarm-classic-weight',
    score: (pod, n, view) => classicWeight(pod, n, view) * CONTAINERS + view.podCount(n),
    normalize: (scores, count) => {
      let min = Infinity
      let max = -Infinity
      for (let i = 0; i < count; i++) {
        const v = scores[i]!
        if (v < min) min = v
        if (v > max) max = v
      }
      const range = max - min
      for (let i = 0; i < count; i++) {
        const up = range > 0 ? (100 * (scores[i]! - min)) / range : 100
        scores[i] = strategy === 'binpack' ? up : range > 0 ? 100 - up : 100
      }
    },
  }),
}

const fit = [{ name: 'node-unschedulable' }, { name: 'resource-fit' }] as const

export const swarmBinpack: PlacementPolicy = {
  name: 'swarm-binpack',
  description: 'classic swarm binpack: the fullest node by cpu% + memory% after placing, then the one with more containers',
  argsTo: 'swarm-classic-weight',
  profile: { tieBreak: 'lowest-node-id', plugins: [...fit, { name: 'swarm-classic-weight', args: { strategy: 'binpack' } }] },
}

export const swarmSpreadClassic: PlacementPolicy = {
  name: 'swarm-spread-classic',
  description: 'classic swarm spread: the emptiest node by cpu% + memory% after placing, then the one with fewer containers',
  argsTo: 'swarm-classic-weight',
  profile: { tieBreak: 'lowest-node-id', plugins: [...fit, { name: 'swarm-classic-weight', args: { strategy: 'spread' } }] },
}

export const swarmRandom: PlacementPolicy = {
  name: 'swarm-random',
  description: 'classic swarm random: a node with room, uniformly at random (seeded placement stream)',
  profile: { tieBreak: 'random', plugins: [...fit] },
}
