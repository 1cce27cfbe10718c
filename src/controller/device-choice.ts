/**
 * Which GPU devices a pod takes on its chosen node, when a placement plugin chooses them (`fgd`
 * picks the device that fragments least): the schedulers call `apply` between choosing the node
 * and binding, and the model's bind uses the choice if it still fits (model/gpu-share.ts).
 */
import type { PlacementPlugin, Profile } from '../framework/index.js'
import type { Cluster, NodeId, PodSpec } from '../model/index.js'

export class DeviceChoice {
  private readonly plugin: PlacementPlugin | undefined

  constructor(profile: Profile) {
    this.plugin = profile.entries.find((e) => e.plugin.gpuDevices)?.plugin
  }

  /** Records the plugin's device choice for `spec` (a pod about to be bound to `n`), if any. */
  apply(spec: PodSpec, n: NodeId, cluster: Cluster): void {
    if (this.plugin === undefined || spec.gpu <= 0) return
    const mask = this.plugin.gpuDevices!(spec, n, cluster)
    if (mask !== 0) cluster.gpus.prefer(spec.id, mask)
  }
}
