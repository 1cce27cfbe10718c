/**
 * The scheduler: runs the placement profile over the scheduling queue. It tracks which nodes
 * changed since the last cycle (so waiting pods are retried only against them) and coalesces
 * cycles to at most one per simulated millisecond, after the events already scheduled for it.
 *
 * Binding itself is the run's (so that the pod's owner hears of it); the scheduler only decides.
 * When a pod fits nowhere and the profile's PostFilter (DefaultPreemption) proposes victims, the
 * run evicts them at once (`evict`, no termination grace period) and the pod is bound to the
 * nominated node in the same cycle if it passes the filters there, as upstream's next attempt
 * tries the nominated node first.
 */
import type { Sim } from '../engine/index.js'
import type { PlacementTrace, Profile, QueueOrder } from '../framework/index.js'
import { NO_NODE, PodSpec, type AppSpec, type Cluster, type NodeId, type PodId } from '../model/index.js'
import { DeviceChoice } from './device-choice.js'
import { Ev } from './event-kinds.js'
import { DrfQueue } from './drf-queue.js'
import type { PodScheduler } from './pod-scheduler.js'
import { SchedulingQueue } from './scheduling-queue.js'

export class Scheduler implements PodScheduler {
  readonly queue: SchedulingQueue | DrfQueue
  readonly profile: Profile
  /** The trace of the explained pod's last placement attempt, when asked for. */
  explained: PlacementTrace | undefined
  /** The pod `explained` is about. */
  explainedPod: PodId | undefined
  private readonly sim: Sim
  private readonly cluster: Cluster
  private readonly bind: (p: PodId, n: NodeId) => void
  private readonly spec: PodSpec
  private readonly dirty: Int32Array
  private readonly isDirty: Uint8Array
  private dirtyCount = 0
  private cyclePending = false
  private readonly explainPod: string | true | undefined
  private readonly devices: DeviceChoice
  /** Evicts a preemption victim (the run stops it as Preempted); undefined: no preemption. */
  private readonly evict: ((p: PodId) => void) | undefined
  private readonly nominated = new Int32Array(1)

  constructor(sim: Sim, cluster: Cluster, profile: Profile, bind: (p: PodId, n: NodeId) => void, explainPod: string | true | undefined, queueOrder: QueueOrder = 'priority', evict?: (p: PodId) => void) {
    this.evict = evict
    this.sim = sim
    this.cluster = cluster
    this.profile = profile
    this.bind = bind
    this.explainPod = explainPod
    this.devices = new DeviceChoice(profile)
    this.queue = queueOrder === 'drf' ? new DrfQueue(cluster) : new SchedulingQueue(cluster)
    this.spec = new PodSpec(cluster.apps[0] ?? PLACEHOLDER_APP, cluster.extNames.length)
    this.dirty = new Int32Array(cluster.nodeSlots)
    this.isDirty = new Uint8Array(cluster.nodeSlots)
    sim.on(Ev.SchedulingCycle, () => this.onSchedulingCycle())
  }

  /** Queues a pending pod for placement. */
  enqueue(p: PodId): void {
    this.queue.push(p)
    this.requestCycle()
  }

  /** Node `n` gained room or appeared: waiting pods may fit there now. */
  nodeChanged(n: NodeId): void {
    if (this.isDirty[n] === 0) {
      this.isDirty[n] = 1
      this.dirty[this.dirtyCount++] = n
    }
    if (this.queue.waitingCount > 0) this.requestCycle()
  }

  private requestCycle(): void {
    if (this.cyclePending) return
    this.cyclePending = true
    this.sim.schedule(0, Ev.SchedulingCycle)
  }

  private onSchedulingCycle(): void {
    this.cyclePending = false
    const c = this.cluster
    const q = this.queue
    const recheck = this.dirtyCount > 0
    q.startCycle()
    for (let p = q.next(); p >= 0; p = q.next()) {
      const pod = p as PodId
      // A waiting pod failed on every node before; only the nodes changed since can take it now.
      // A pod that left the Pending phase while waiting (deleted, evicted) is dropped.
      if (c.pods.phase[pod] !== 0) continue
      if (q.lastWasWaiting && !(recheck && this.profile.anyFeasible(c.fillPodSpec(pod, this.spec), c, this.dirty, this.dirtyCount))) {
        q.keepWaiting(pod)
        continue
      }
      if (!this.tryPlace(pod)) q.keepWaiting(pod)
    }
    q.endCycle()
    for (let i = 0; i < this.dirtyCount; i++) this.isDirty[this.dirty[i]!] = 0
    this.dirtyCount = 0
  }

  /** Runs the placement profile for one pod and binds it; false when no node is feasible. */
  private tryPlace(pod: PodId): boolean {
    const c = this.cluster
    const trace = this.explainPod !== undefined && this.isExplained(pod) ? { chosen: NO_NODE, nodes: [] } : undefined
    const n = this.profile.place(c.fillPodSpec(pod, this.spec), c, trace)
    if (trace) {
      this.explained = trace
      this.explainedPod = pod
    }
    if (n === NO_NODE) return this.preempt(pod)
    this.devices.apply(this.spec, n, c)
    this.bind(pod, n)
    return true
  }

  /** Carries out the profile's preemption plan for `pod` (still in `spec`); true when it bound. */
  private preempt(pod: PodId): boolean {
    const plan = this.profile.lastPreemption
    if (plan === null || this.evict === undefined) return false
    const c = this.cluster
    for (let i = 0; i < plan.victims.length; i++) this.evict(plan.victims[i]!)
    this.nominated[0] = plan.node
    if (!this.profile.anyFeasible(this.spec, c, this.nominated, 1)) return false
    this.devices.apply(this.spec, plan.node, c)
    this.bind(pod, plan.node)
    return true
  }

  private isExplained(p: PodId): boolean {
    if (this.explainPod === true) return this.explained === undefined || this.explainedPod === p
    return this.cluster.podName(p) === this.explainPod
  }
}

const PLACEHOLDER_APP: AppSpec = { id: 0 as AppSpec['id'], name: '', kind: 'Pod', labels: {}, priority: 0, nodeSelector: {}, tolerations: [] }
