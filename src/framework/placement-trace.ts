/** What `fleetsim explain` shows of one placement: every node, its filter verdict and its scores. */
import type { NodeId } from '../model/index.js'
import type { PreemptionPlan } from './placement.js'

/** Per-node detail of one placement, for `fleetsim explain`. */
export interface NodeTrace {
  node: NodeId
  feasible: boolean
  /** `plugin: reason` of the first filter that rejected the node, or null. */
  reason: string | null
  /** Score per plugin name before normalize. */
  raw: Record<string, number>
  /** Score per plugin name after normalize, before weight; a plugin that skipped is absent. */
  scores: Record<string, number>
  total: number
}

export interface PlacementTrace {
  chosen: NodeId
  nodes: NodeTrace[]
  /** The PostFilter's proposal when no node was feasible (victims by pod id), else null. */
  preemption?: PreemptionPlan | null
}
