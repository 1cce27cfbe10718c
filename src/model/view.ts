/**
 * The read-only window policies get on the cluster. Policies never see the arrays themselves, and
 * nothing here mutates. Node ids range over [0, nodeSlots); slots without a node are not ready.
 */
import type { GpuDevicesView } from './gpu-share.js'
import type { AppId, NodeId, PodId, PoolId } from './ids.js'
import type { AppSpec } from './app.js'
import type { PoolSpec, Taint } from './pool.js'

export interface ClusterView {
  /** Upper bound of node ids (every pool's maximum size). */
  readonly nodeSlots: number
  readonly extNames: readonly string[]
  readonly pools: readonly PoolSpec[]
  /** Every app (workload) of the run, indexed by AppId: their labels select pods (`podsOfApp`). */
  readonly apps: readonly AppSpec[]
  /** Nodes present and Ready now. */
  readonly readyNodes: number
  /** Present nodes cordoned now (an upper bound in a view that hides some): 0 means `isUnschedulable` is false everywhere. */
  readonly cordonedNodes: number
  /** Present and Ready. */
  isReady(n: NodeId): boolean
  /** Cordoned nodes keep their pods but take no new ones. */
  isUnschedulable(n: NodeId): boolean
  poolOf(n: NodeId): PoolId
  nodeName(n: NodeId): string
  labels(n: NodeId): Readonly<Record<string, string>>
  taints(n: NodeId): readonly Taint[]
  cpuCapMilli(n: NodeId): number
  cpuReqMilli(n: NodeId): number
  cpuFreeMilli(n: NodeId): number
  cpuNonZeroReqMilli(n: NodeId): number
  memCapBytes(n: NodeId): number
  memReqBytes(n: NodeId): number
  memFreeBytes(n: NodeId): number
  memNonZeroReqBytes(n: NodeId): number
  gpuCap(n: NodeId): number
  gpuReq(n: NodeId): number
  gpuFree(n: NodeId): number
  /**
   * GPU devices one by one (free milli-GPU per device), for GPU-sharing pods; a view without it
   * (undefined) only knows node totals, and per-device rules fall back to those.
   */
  readonly gpus?: GpuDevicesView | undefined
  extCap(n: NodeId, r: number): number
  extReq(n: NodeId, r: number): number
  podCount(n: NodeId): number
  podsCap(n: NodeId): number
  /** Running pods of `app` on node `n`. */
  podsOfApp(app: AppId, n: NodeId): number
  /** First pod running on `n` (-1 if none); follow with `nextPodOnNode` (for preemption). */
  firstPodOnNode(n: NodeId): number
  nextPodOnNode(p: PodId): number
  podApp(p: PodId): AppId
  podPriority(p: PodId): number
  /** When the pod was bound (its start, for preemption's "latest start time" rule). */
  podScheduledMs(p: PodId): number
  podCpuMilli(p: PodId): number
  podCpuNonZeroMilli(p: PodId): number
  podMemBytes(p: PodId): number
  podMemNonZeroBytes(p: PodId): number
  podGpu(p: PodId): number
  podExt(p: PodId, r: number): number
}
