/**
 * The fault-related fields of a scenario, from the parsed file to internal specs, with the rules
 * that span fields: faults must name nodes, pools, zones and workloads that exist, a failure
 * process needs either `mtbf` or `at`, and control-plane delays are merged over their profile.
 */
import type { DistSpec } from '../engine/index.js'
import { describeValue, type Issue } from '../framework/index.js'
import { CONTROL_PLANE_DEFAULTS, type ControlPlaneSpec, type FaultSpec, type NodeSelector } from '../failures/index.js'
import { nodeLabels, type PoolSpec } from '../model/index.js'
import type { RawControlPlane, RawFault } from './schema.js'

type DistOf = (d: unknown, at: string) => DistSpec

interface SlotInfo {
  readonly name: string
  readonly pool: string
  readonly labels: Readonly<Record<string, string>>
}

/** Every node slot of every pool (names up to each pool's max), for checking what faults name. */
function slots(pools: readonly PoolSpec[]): SlotInfo[] {
  return pools.flatMap((p) => Array.from({ length: p.max }, (_, i) => {
    const name = `${p.name}-${i}`
    return { name, pool: p.name, labels: nodeLabels(p, i, name) }
  }))
}

const some = (xs: readonly string[]): string => [...new Set(xs)].slice(0, 3).join(', ')

function checkSelector(sel: NodeSelector, at: string, all: readonly SlotInfo[], issues: Issue[]): void {
  if (sel.node !== undefined && !all.some((s) => s.name === sel.node)) {
    issues.push({ path: `${at}.node`, message: `expected the name of a node (such as ${some(all.map((s) => s.name))}), got ${describeValue(sel.node)}` })
  }
  if (sel.pool !== undefined && !all.some((s) => s.pool === sel.pool)) {
    issues.push({ path: `${at}.pool`, message: `expected a pool (${[...new Set(all.map((s) => s.pool))].join(', ')}), got ${describeValue(sel.pool)}` })
  }
  for (const [k, v] of Object.entries(sel.labels ?? {})) {
    if (!all.some((s) => s.labels[k] === v)) {
      const values = all.map((s) => s.labels[k]).filter((x): x is string => x !== undefined)
      const known = values.length ? `a value of ${k} that some node has (${[...new Set(values)].join(', ')})` : `a label key some node has`
      issues.push({ path: `${at}.labels.${k}`, message: `expected ${known}, got ${describeValue(v)}` })
    }
  }
}

/** A bare duration under `mtbf` is the mean of an exponential distribution. */
function failureDist(d: unknown, at: string, distOf: DistOf): DistSpec {
  return typeof d === 'number' ? { dist: 'exponential', mean: d } : distOf(d, at)
}

export function buildFaults(raw: readonly RawFault[], pools: readonly PoolSpec[], workloads: readonly string[], distOf: DistOf, issues: Issue[]): FaultSpec[] {
  const all = slots(pools)
  const oneOf = (f: { mtbf?: unknown; at?: unknown }, at: string): void => {
    if ((f.mtbf === undefined) === (f.at === undefined)) issues.push({ path: at, message: 'expected either mtbf (a failure process) or at (fixed times), not both or neither' })
  }
  return raw.map((f, i): FaultSpec => {
    const at = `faults[${i}]`
    switch (f.kind) {
      case 'NodeCrash': {
        const select = { node: f.node, pool: f.pool, labels: f.labels }
        checkSelector(select, at, all, issues)
        oneOf(f, at)
        return {
          kind: 'NodeCrash', select, groupBy: f.groupBy, atMs: f.at,
          ttf: f.mtbf === undefined ? undefined : failureDist(f.mtbf, `${at}.mtbf`, distOf),
          repair: distOf(f.repair, `${at}.repair`),
        }
      }
      case 'ZoneOutage': {
        const label = f.label ?? (all.some((s) => s.labels['topology.kubernetes.io/zone'] !== undefined) ? 'topology.kubernetes.io/zone' : 'zone')
        if (!all.some((s) => s.labels[label] === f.zone)) {
          const zones = all.map((s) => s.labels[label]).filter((x): x is string => x !== undefined)
          issues.push({ path: `${at}.zone`, message: zones.length ? `expected a zone some node is in (${[...new Set(zones)].join(', ')}), got ${describeValue(f.zone)}` : `expected a zone, but no node has the label ${label}; got ${describeValue(f.zone)}` })
        }
        return { kind: 'ZoneOutage', label, zone: f.zone, atMs: f.at, durationMs: f.duration }
      }
      case 'SpotReclaim':
        checkSelector({ pool: f.pool }, at, all, issues)
        oneOf(f, at)
        return { kind: 'SpotReclaim', pool: f.pool, atMs: f.at, noticeMs: f.notice ?? 120_000, ttf: f.mtbf === undefined ? undefined : failureDist(f.mtbf, `${at}.mtbf`, distOf) }
      case 'Drain': {
        const select = { node: f.node, pool: f.pool, labels: f.labels }
        checkSelector(select, at, all, issues)
        return { kind: 'Drain', select, atMs: f.at, maxUnavailable: f.maxUnavailable ?? 1, durationMs: f.duration ?? 600_000 }
      }
      case 'ContainerCrash':
        if (!workloads.includes(f.workload)) issues.push({ path: `${at}.workload`, message: `expected a workload (${workloads.join(', ')}), got ${describeValue(f.workload)}` })
        return { kind: 'ContainerCrash', workload: f.workload, ttf: failureDist(f.mtbf, `${at}.mtbf`, distOf) }
    }
  })
}

export function buildControlPlane(raw: RawControlPlane): ControlPlaneSpec {
  if (typeof raw === 'string') return CONTROL_PLANE_DEFAULTS[raw]
  const d = CONTROL_PLANE_DEFAULTS[raw.profile]
  return {
    ...d,
    heartbeatMs: raw.heartbeat ?? d.heartbeatMs,
    heartbeatJitterMs: raw.heartbeatJitter ?? d.heartbeatJitterMs,
    gracePeriodMs: raw.gracePeriod ?? (raw.missedHeartbeats !== undefined ? 0 : d.gracePeriodMs),
    missedHeartbeats: raw.missedHeartbeats ?? d.missedHeartbeats,
    monitorPeriodMs: raw.monitorPeriod ?? d.monitorPeriodMs,
    evictionDelayMs: raw.evictionTimeout ?? d.evictionDelayMs,
    replacementDelayMs: raw.replacementDelay ?? d.replacementDelayMs,
    replacementAlignMs: raw.offerInterval ?? d.replacementAlignMs,
    evictionRatePerS: raw.evictionRate ?? d.evictionRatePerS,
    secondaryEvictionRatePerS: raw.secondaryEvictionRate ?? d.secondaryEvictionRatePerS,
    unhealthyZoneThreshold: raw.unhealthyZoneThreshold ?? d.unhealthyZoneThreshold,
    largeClusterSize: raw.largeClusterSize ?? d.largeClusterSize,
  }
}

/** The CA FAQ's GCE experience: 3-4 min from request to a schedulable node. */
export const DEFAULT_PROVISION_DELAY: DistSpec = { dist: 'uniform', min: 180_000, max: 240_000 }
