/**
 * Groups a scenario's workloads into tenants (DRF users, Mesos frameworks): a workload's
 * `tenant`, or its own name when it has none, in scenario order, with the tenant's weight
 * (validation guarantees one weight per tenant).
 */
import type { AppSpec } from '../model/index.js'

export interface Tenants {
  readonly names: readonly string[]
  readonly weights: readonly number[]
  /** Tenant index of each app (by app id). */
  readonly tenantOf: Int32Array
}

export function tenantsOf(apps: readonly AppSpec[]): Tenants {
  const names: string[] = []
  const weights: number[] = []
  const tenantOf = new Int32Array(apps.length)
  apps.forEach((a, i) => {
    const name = a.tenant ?? a.name
    let t = names.indexOf(name)
    if (t < 0) {
      t = names.length
      names.push(name)
      weights.push(a.tenantWeight ?? 1)
    }
    tenantOf[i] = t
  })
  return { names, weights, tenantOf }
}
