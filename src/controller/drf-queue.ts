/**
 * A scheduling queue ordered by Dominant Resource Fairness (Ghodsi et al., NSDI 2011) for one
 * queue of multi-tenant pods: each pod belongs to its workload's tenant (`tenant`, default the
 * workload's name); the next pod tried is the next one, in the usual queue order (priority, then
 * creation), of the tenant with the lowest weighted dominant share, recomputed before every pick:
 *
 *   share(t) = max over cpu, memory (and gpu when the cluster has GPUs) of
 *              (requests of t's running pods) / (capacity of the Ready nodes), divided by t's weight.
 *
 * Ties go to the tenant named first in the scenario (Mesos' DRF sorter breaks them by allocation
 * count, then name; fleetsim keeps the order deterministic and simple). A tenant whose pods all
 * failed to fit in this cycle is passed over until the next cycle, so a big pod does not block
 * the others: this is DRF's progressive filling.
 *
 * It has the shape of SchedulingQueue (one per tenant inside), so the scheduler drives either.
 * Per pick it costs O(apps); nothing is allocated per pod.
 */
import { tenantsOf } from './tenants.js'
import type { Cluster, PodId } from '../model/index.js'
import { SchedulingQueue } from './scheduling-queue.js'

export class DrfQueue {
  private readonly cluster: Cluster
  private readonly queues: SchedulingQueue[]
  /** Tenant index of each app. */
  private readonly tenantOf: Int32Array
  private readonly weight: Float64Array
  /** Scratch: requests per tenant, and whether the tenant has nothing left this cycle. */
  private readonly cpu: Float64Array
  private readonly mem: Float64Array
  private readonly gpu: Float64Array
  private readonly exhausted: Uint8Array
  /** Tenant names in scenario order. */
  readonly tenants: readonly string[]
  lastWasWaiting = false

  constructor(cluster: Cluster) {
    this.cluster = cluster
    const { names, weights, tenantOf } = tenantsOf(cluster.apps)
    this.tenantOf = tenantOf
    this.tenants = names
    this.weight = Float64Array.from(weights)
    this.queues = names.map(() => new SchedulingQueue(cluster))
    this.cpu = new Float64Array(names.length)
    this.mem = new Float64Array(names.length)
    this.gpu = new Float64Array(names.length)
    this.exhausted = new Uint8Array(names.length)
  }

  push(p: PodId): void {
    this.queues[this.tenantOf[this.cluster.pods.app[p]!]!]!.push(p)
  }

  get activeCount(): number {
    let n = 0
    for (let t = 0; t < this.queues.length; t++) n += this.queues[t]!.activeCount
    return n
  }

  get waitingCount(): number {
    let n = 0
    for (let t = 0; t < this.queues.length; t++) n += this.queues[t]!.waitingCount
    return n
  }

  startCycle(): void {
    for (let t = 0; t < this.queues.length; t++) this.queues[t]!.startCycle()
    this.exhausted.fill(0)
  }

  /** The next pod of the tenant with the lowest weighted dominant share, or -1 when none is left. */
  next(): number {
    for (;;) {
      const t = this.lowestShareTenant()
      if (t < 0) return -1
      const q = this.queues[t]!
      const p = q.next()
      if (p >= 0) {
        this.lastWasWaiting = q.lastWasWaiting
        return p
      }
      this.exhausted[t] = 1
    }
  }

  keepWaiting(p: PodId): void {
    this.queues[this.tenantOf[this.cluster.pods.app[p]!]!]!.keepWaiting(p)
  }

  endCycle(): void {
    for (let t = 0; t < this.queues.length; t++) this.queues[t]!.endCycle()
  }

  /** Weighted dominant share of every tenant, in tenant order (for tests and reports). */
  shares(out: Float64Array = new Float64Array(this.tenants.length)): Float64Array {
    this.sumRequests()
    for (let t = 0; t < this.tenants.length; t++) out[t] = this.share(t)
    return out
  }

  private lowestShareTenant(): number {
    this.sumRequests()
    let best = -1
    let bestShare = Infinity
    for (let t = 0; t < this.tenants.length; t++) {
      if (this.exhausted[t] === 1) continue
      const s = this.share(t)
      if (s < bestShare) {
        best = t
        bestShare = s
      }
    }
    return best
  }

  private sumRequests(): void {
    const c = this.cluster
    this.cpu.fill(0)
    this.mem.fill(0)
    this.gpu.fill(0)
    for (let a = 0; a < c.apps.length; a++) {
      const t = this.tenantOf[a]!
      this.cpu[t]! += c.appCpuReqMilli[a]!
      this.mem[t]! += c.appMemReqBytes[a]!
      this.gpu[t]! += c.appGpuReq[a]!
    }
  }

  private share(t: number): number {
    const c = this.cluster
    // Resources with no capacity are left out, as Mesos' sorter skips totals <= 0.
    let s = 0
    if (c.readyCpuCapMilli > 0) s = Math.max(s, this.cpu[t]! / c.readyCpuCapMilli)
    if (c.readyMemCapBytes > 0) s = Math.max(s, this.mem[t]! / c.readyMemCapBytes)
    if (c.readyGpuCap > 0) s = Math.max(s, this.gpu[t]! / c.readyGpuCap)
    return s / this.weight[t]!
  }
}
