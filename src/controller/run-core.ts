/**
 * What the controllers of a run share: the clock, the cluster, the scheduler, the metrics, and the
 * few operations that change pods so that every change reaches the pod's owner, the metrics and
 * the scheduler in the same order. Controllers (batch, services, faults, autoscalers) hold a
 * RunCore; none of them writes the cluster's pod state any other way.
 */
import type { Sim } from '../engine/index.js'
import type { RunMetrics } from '../metrics/index.js'
import { PodEnd, PodPhase, type AppId, type Cluster, type NodeId, type PodId, type RequestValues } from '../model/index.js'
import type { PodOwner } from './pod-owner.js'
import type { PodScheduler } from './pod-scheduler.js'

export class RunCore {
  readonly sim: Sim
  readonly cluster: Cluster
  readonly metrics: RunMetrics
  readonly endMs: number
  scheduler!: PodScheduler
  /**
   * How a replacement pod (of an evicted one) joins the scheduling queue: at once by default; the
   * node lifecycle controller sets the control plane's restart delay or offer cycle here.
   */
  enqueueReplacement: (p: PodId) => void = (p) => this.scheduler.enqueue(p)
  /** Called after every bind (fault injection arms per-pod timers here). */
  readonly boundHooks: ((p: PodId, n: NodeId) => void)[] = []
  private readonly owners: (PodOwner | undefined)[]

  constructor(sim: Sim, cluster: Cluster, metrics: RunMetrics, endMs: number) {
    this.sim = sim
    this.cluster = cluster
    this.metrics = metrics
    this.endMs = endMs
    this.owners = new Array<PodOwner | undefined>(cluster.apps.length)
  }

  setOwner(app: number, owner: PodOwner): void {
    if (this.owners[app]) throw new Error(`setOwner: app ${app} already has an owner`)
    this.owners[app] = owner
  }

  private ownerOf(p: PodId): PodOwner {
    const o = this.owners[this.cluster.pods.app[p]!]
    if (!o) throw new Error(`pod ${p}: its app has no owner`)
    return o
  }

  /** Creates a Pending pod now (the caller queues or pre-binds it). */
  createPod(app: AppId, req: RequestValues, durationMs: number): PodId {
    const p = this.cluster.createPod(app, req, durationMs, this.sim.nowMs)
    this.metrics.podsChanged(this.sim.nowMs)
    return p
  }

  /** Binds a pending pod and tells its owner. */
  bind(p: PodId, n: NodeId): void {
    const now = this.sim.nowMs
    this.metrics.allocationChanged(now)
    this.cluster.bind(p, n, now)
    this.metrics.podsChanged(now)
    this.ownerOf(p).podBound(p, n)
    for (let i = 0; i < this.boundHooks.length; i++) this.boundHooks[i]!(p, n)
  }

  /**
   * A pre-bound pod (`nodeName`) skips the scheduler; when it does not fit on its node it fails
   * at once, as the kubelet rejects such a pod.
   */
  preBind(p: PodId, nodeName: string): void {
    const c = this.cluster
    const n = c.nodes.findByName(nodeName)
    if (n !== undefined && c.isReady(n) && c.canFit(p, n)) this.bind(p, n)
    else this.endPod(p, PodPhase.Failed, PodEnd.Rejected)
  }

  /**
   * Ends a pod that finished by itself (Succeeded, or Failed with `end`) or a pending one. Frees
   * its node's requests; the scheduler hears that the node changed.
   */
  endPod(p: PodId, phase: typeof PodPhase.Succeeded | typeof PodPhase.Failed, end: PodEnd = PodEnd.None): void {
    const c = this.cluster
    const now = this.sim.nowMs
    const wasRunning = c.pods.phase[p] === PodPhase.Running
    const n = c.pods.nodeOf(p)
    this.metrics.allocationChanged(now)
    c.finishPod(p, phase, now, end)
    this.metrics.podsChanged(now)
    if (wasRunning) this.scheduler.nodeChanged(n)
  }

  /** A bound pod stops working but stays bound (node or container crash); its owner hears of it. */
  interruptPod(p: PodId): void {
    this.ownerOf(p).podInterrupted?.(p)
  }

  /** An interrupted pod works again, its container started afresh; its owner hears of it. */
  resumePod(p: PodId): void {
    this.ownerOf(p).podResumed?.(p)
  }

  /** Stops a running pod for `end` (eviction, preemption, deletion, node loss) and tells its owner. */
  stopPod(p: PodId, end: PodEnd): void {
    this.endPod(p, PodPhase.Failed, end)
    this.ownerOf(p).podStopped(p, end)
  }
}
