/**
 * Nodes billed per pool over time, rebuilt from the lifecycle events of nodes.csv: a node is billed
 * from `added` to `removed` (docs/faults.md), whatever happens in between (provisioning, ready,
 * failed, cordoned). A step function: one step per distinct event time. It does not read prices.
 */
import type { TextTable } from '../compare/index.js'
import { numbers } from './csv-table.js'

export interface BilledNodes {
  /** Pools in order of first appearance in nodes.csv. */
  readonly pools: readonly string[]
  /** After all events at `timeS`, the billed nodes of each pool (aligned with `pools`); times increase. */
  readonly steps: readonly { readonly timeS: number; readonly nodes: readonly number[] }[]
}

export function billedNodes(nodes: TextTable): BilledNodes {
  const time = numbers(nodes, 'time_s')
  const [poolCol, eventCol] = [nodes.columns.indexOf('pool'), nodes.columns.indexOf('event')]
  const pools = [...new Set(nodes.rows.map((r) => r[poolCol]!))]
  const index = new Map(pools.map((p, i) => [p, i]))
  // nodes.csv is in time order; sorting (stable, by row) makes that an assumption no longer.
  const order = time.map((_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b)
  const count = pools.map(() => 0)
  const steps: { timeS: number; nodes: number[] }[] = []
  order.forEach((i, k) => {
    const row = nodes.rows[i]!
    count[index.get(row[poolCol]!)!]! += row[eventCol] === 'added' ? 1 : row[eventCol] === 'removed' ? -1 : 0
    const next = order[k + 1]
    if (next === undefined || time[next] !== time[i]) steps.push({ timeS: time[i]!, nodes: [...count] })
  })
  return { pools, steps }
}

/** The billed nodes of each pool at each of `timesS` (increasing): the last step at or before it, else 0. */
export function billedNodesAt(billed: BilledNodes, timesS: readonly number[]): number[][] {
  let k = -1
  return timesS.map((t) => {
    while (k + 1 < billed.steps.length && billed.steps[k + 1]!.timeS <= t) k++
    return k < 0 ? billed.pools.map(() => 0) : [...billed.steps[k]!.nodes]
  })
}
