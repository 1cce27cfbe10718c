/**
 * Runs a cluster-autoscaling policy: a tick every `intervalMs` with a context that answers the
 * policy's questions on the real cluster, and carries out its decisions through the node
 * lifecycle (nodes are billed from the request and ready after the pool's provisioning delay;
 * removed nodes are drained first, their pods evicted and replaced by their owners).
 *
 * Simulations run the active placement profile's filters (`Profile.anyFeasible`) on a
 * SimulationView: the real cluster plus the requests moved in this loop, and one template node
 * (a free slot of the pool, with that slot's labels). Per-app pod counts on the template and
 * extended resources of moved pods are not simulated.
 */
import { makeSampler, rngStream, type Rng, type Sampler, type Sim } from '../engine/index.js'
import type { ClusterAutoscalerContext, ClusterAutoscalerPolicy, Profile, TemplateUse } from '../framework/index.js'
import { NodeState, PodPhase, PodSpec, type Cluster, type NodeId, type PodId, type PoolId } from '../model/index.js'
import type { Scenario } from '../scenario/index.js'
import { Ev } from './event-kinds.js'
import type { NodeLifecycle } from './node-lifecycle.js'
import type { RunCore } from './run-core.js'
import { SimulationView } from './simulation-view.js'

export class ClusterAutoscalerController implements ClusterAutoscalerContext {
  readonly view: SimulationView
  readonly random: Rng
  private readonly sim: Sim
  private readonly cluster: Cluster
  private readonly lifecycle: NodeLifecycle
  private readonly policy: ClusterAutoscalerPolicy
  private readonly profile: Profile
  private readonly delays: readonly Sampler[]
  private readonly delayRng: Rng
  private readonly spec: PodSpec
  private readonly one = new Int32Array(1)
  /** Lowest pod id that may still be pending. */
  private firstPending = 0

  constructor(core: RunCore, lifecycle: NodeLifecycle, policy: ClusterAutoscalerPolicy, scenario: Scenario) {
    this.sim = core.sim
    this.cluster = core.cluster
    this.lifecycle = lifecycle
    this.policy = policy
    this.profile = core.scheduler.profile
    this.view = new SimulationView(core.cluster)
    this.random = rngStream(scenario.seed, 'autoscaling', 'cluster')
    this.delays = scenario.provisionDelaysMs.map((d) => makeSampler(d))
    this.delayRng = rngStream(scenario.seed, 'autoscaling', 'provisioning')
    this.spec = new PodSpec(core.cluster.apps[0]!, core.cluster.extNames.length)
    this.sim.on(Ev.ClusterAutoscalerTick, () => this.onTick())
  }

  start(): void {
    this.sim.schedule(this.policy.intervalMs, Ev.ClusterAutoscalerTick)
  }

  get nowMs(): number {
    return this.sim.nowMs
  }

  private onTick(): void {
    this.view.reset()
    this.policy.loop(this)
    this.view.reset()
    this.sim.schedule(this.policy.intervalMs, Ev.ClusterAutoscalerTick)
  }

  unschedulable(): readonly PodId[] {
    const t = this.cluster.pods
    while (this.firstPending < t.count && t.phase[this.firstPending] !== PodPhase.Pending) this.firstPending++
    const out: PodId[] = []
    const now = this.sim.nowMs
    // A pod created this very millisecond has not been tried by the scheduler yet.
    for (let p = this.firstPending; p < t.count; p++) if (t.phase[p] === PodPhase.Pending && t.createdMs[p]! < now) out.push(p as PodId)
    return out
  }

  poolSize(pool: PoolId): number {
    const c = this.cluster
    const base = c.nodes.poolBase[pool]!
    let n = 0
    for (let i = 0; i < c.pools[pool]!.max; i++) if (c.nodes.state[base + i] !== NodeState.Absent) n++
    return n
  }

  upcoming(pool: PoolId): number {
    const c = this.cluster
    const base = c.nodes.poolBase[pool]!
    let n = 0
    for (let i = 0; i < c.pools[pool]!.max; i++) if (c.nodes.state[base + i] === NodeState.Provisioning) n++
    return n
  }

  fitsTemplate(pod: PodId, pool: PoolId, use: TemplateUse): boolean {
    const c = this.cluster
    const base = c.nodes.poolBase[pool]!
    let slot = -1
    for (let i = 0; i < c.pools[pool]!.max && slot < 0; i++) if (c.nodes.state[base + i] === NodeState.Absent) slot = base + i
    // A full pool still has a shape: borrow its first slot's labels for the template.
    if (slot < 0) slot = base
    const spec = c.pools[pool]!.capacity
    if (use.cpuMilli + c.pods.cpuMilli[pod]! > spec.cpuMilli || use.memBytes + c.pods.memBytes[pod]! > spec.memBytes) return false
    if (use.gpu + c.pods.gpu[pod]! > spec.gpu || use.pods + 1 > c.pools[pool]!.maxPods) return false
    this.view.setTemplate(slot as NodeId, use)
    this.one[0] = slot
    const ok = this.profile.anyFeasible(c.fillPodSpec(pod, this.spec), this.view, this.one, 1)
    this.view.clearTemplate()
    return ok
  }

  podsFitElsewhere(n: NodeId): boolean {
    const c = this.cluster
    const moved: [PodId, NodeId][] = []
    for (let p = c.firstPodOnNode(n); p >= 0; p = c.nextPodOnNode(p as PodId)) {
      const dest = this.findRoom(p as PodId, n)
      if (dest < 0) {
        for (const [q, m] of moved) this.view.move(q, m, -1)
        return false
      }
      this.view.move(p as PodId, dest as NodeId, 1)
      moved.push([p as PodId, dest as NodeId])
    }
    this.view.exclude(n)
    return true
  }

  private findRoom(p: PodId, from: NodeId): number {
    const c = this.cluster
    const spec = c.fillPodSpec(p, this.spec)
    for (let m = 0; m < c.nodeSlots; m++) {
      if (m === from || !this.view.isReady(m as NodeId) || this.view.isUnschedulable(m as NodeId)) continue
      this.one[0] = m
      if (this.profile.anyFeasible(spec, this.view, this.one, 1)) return m
    }
    return -1
  }

  scaleUp(pool: PoolId, count: number): void {
    for (let i = 0; i < count; i++) {
      if (this.lifecycle.provision(pool, this.delays[pool]!.sample(this.delayRng)) === undefined) break
    }
  }

  removeNode(n: NodeId): void {
    this.lifecycle.cordon(n, true)
    this.lifecycle.remove(n)
  }
}
