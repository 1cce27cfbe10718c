/**
 * What a placement policy sees of one pod: its requests and its app's template. The controller
 * fills one reusable `PodSpec` per placement (no allocation per pod); a policy must not keep it
 * past the call it was given in.
 */
import type { AppSpec } from './app.js'
import type { AppId, PodId } from './ids.js'

export class PodSpec {
  id = 0 as PodId
  app = 0 as AppId
  template: AppSpec
  priority = 0
  cpuMilli = 0
  /** Request with kube-scheduler's non-zero defaults (100m per container without a cpu request). */
  cpuNonZeroMilli = 0
  memBytes = 0
  /** Request with kube-scheduler's non-zero defaults (200 MiB per container without one). */
  memNonZeroBytes = 0
  gpu = 0
  /** Extended resources, indexed as `ClusterView.extNames`. */
  readonly ext: Float64Array

  constructor(template: AppSpec, extCount: number) {
    this.template = template
    this.ext = new Float64Array(extCount)
  }
}
