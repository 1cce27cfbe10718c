/**
 * The charts of what a run cost: the bill so far (cluster.csv `cost_so_far`) and the nodes billed
 * per pool over time, from the lifecycle events of nodes.csv (billed-nodes.ts), so a node that
 * lived between two metrics samples still shows.
 */
import type { TopLevelSpec } from 'vega-lite'
import type { TextTable } from '../compare/index.js'
import { billedNodes } from './billed-nodes.js'
import { base, HOURS_AXIS, hours, type ChartDef } from './chart-spec.js'
import { hasColumns, numbers } from './csv-table.js'

const cost: ChartDef = {
  charts: ({ cluster }) => {
    if (!hasColumns(cluster, 'time_s', 'cost_so_far')) return []
    const t = hours(cluster)
    const values = numbers(cluster, 'cost_so_far').flatMap((v, i) => (Number.isFinite(v) ? [{ hours: t[i]!, dollars: v }] : []))
    // Pools without costPerHour cost nothing: a flat zero says nothing.
    if (!values.some((v) => v.dollars > 0)) return []
    const spec: TopLevelSpec = {
      ...base,
      data: { values },
      mark: { type: 'line' },
      encoding: { x: HOURS_AXIS, y: { field: 'dollars', type: 'quantitative', title: 'cost so far ($)', axis: { format: '$,.2f' } } },
    }
    return [{ id: 'cost-over-time', title: 'Cost so far: node-hours x price per hour of each pool, billed from a node\'s addition to its removal', spec }]
  },
}

/** Billed nodes per pool after each distinct event time, plus a last point at `endS`; every point has every pool, so areas stack. */
export function billedNodePoints(nodes: TextTable, endS: number): { hours: number; pool: string; nodes: number }[] {
  const { pools, steps } = billedNodes(nodes)
  const last = steps.at(-1)
  const all = last && endS > last.timeS ? [...steps, { timeS: endS, nodes: last.nodes }] : steps
  return all.flatMap((s) => pools.map((pool, p) => ({ hours: s.timeS / 3600, pool, nodes: s.nodes[p]! })))
}

/** The run's last simulated second: the latest of summary's duration, cluster.csv's and nodes.csv's last time. */
function endOf(t: { summary?: TextTable | undefined; cluster?: TextTable | undefined; nodes: TextTable }): number {
  const times = numbers(t.nodes, 'time_s')
    .concat(hasColumns(t.summary, 'sim_duration_s') ? numbers(t.summary, 'sim_duration_s') : [])
    .concat(hasColumns(t.cluster, 'time_s') ? numbers(t.cluster, 'time_s') : [])
  return times.reduce((end, s) => (Number.isFinite(s) ? Math.max(end, s) : end), -Infinity)
}

const nodesByPool: ChartDef = {
  charts: ({ nodes, summary, cluster }) => {
    if (!hasColumns(nodes, 'time_s', 'pool', 'event')) return []
    const values = billedNodePoints(nodes, endOf({ nodes, summary, cluster }))
    const spec: TopLevelSpec = {
      ...base,
      data: { values },
      mark: { type: 'area', interpolate: 'step-after', opacity: 0.85 },
      encoding: {
        x: HOURS_AXIS,
        y: { field: 'nodes', type: 'quantitative', title: 'nodes billed', stack: 'zero' },
        color: { field: 'pool', type: 'nominal', title: 'pool', sort: null, legend: { orient: 'top' } },
      },
    }
    return [{ id: 'nodes-by-pool', title: 'Nodes billed per pool over time, stacked (added and not yet removed: provisioning, ready, failed or cordoned)', spec }]
  },
}

export const COST_CHARTS: readonly ChartDef[] = [cost, nodesByPool]
