/**
 * Test fixture for placement policies: a cluster built directly on the model, and a placer that
 * asks a built-in policy (or profile) for a node and binds the pod there, one pod at a time, as a
 * scheduling cycle does. Tests only; no scenario file involved.
 */
import { rngStream } from '../../src/engine/index.js'
import { buildProfile, resolveProfile, type PlacementTrace, type ProfileSpec } from '../../src/framework/index.js'
import { Cluster, NO_NODE, PodPhase, PodSpec, type AppId, type AppSpec, type NodeId, type PodId, type PoolId, type PoolSpec } from '../../src/model/index.js'
import { requestOf, testApp, testPool } from '../../src/model/testing.js'
import { builtins } from '../index.js'

export { GI, requestOf, testApp, testPool } from '../../src/model/testing.js'

/** A one-node pool per entry; node names are `<name>-0`. */
export function nodePools(nodes: readonly { name: string; cpuMilli: number; memBytes: number; gpu?: number; labels?: Record<string, string>; ext?: Record<string, number> }[]): PoolSpec[] {
  return nodes.map((n, i) => testPool(i, n.name, { cpuMilli: n.cpuMilli, memBytes: n.memBytes, gpu: n.gpu ?? 0, ext: n.ext ?? {} }, { labels: n.labels ?? {} }))
}

export function profileOf(policy: string, args?: Record<string, unknown>): ProfileSpec {
  const p = resolveProfile({ kind: 'policy', name: policy, args }, builtins, 'test')
  if (Array.isArray(p)) throw new Error(JSON.stringify(p))
  return p
}

export interface Placer {
  readonly cluster: Cluster
  /** Places one pod of `app` (binding it) and returns the node name, or 'none'. */
  place(app: number, cpuMilli: number, memBytes: number, opts?: { gpu?: number; ext?: number[]; trace?: PlacementTrace }): string
  /** Running pods of `app` per node name. */
  countsOf(app: number): Record<string, number>
  remove(pod: PodId): void
}

export function placer(pools: readonly PoolSpec[], apps: readonly AppSpec[] | number, profile: ProfileSpec | string, seed: number | string = 1, extNames: readonly string[] = []): Placer {
  const appList = typeof apps === 'number' ? Array.from({ length: apps }, (_, i) => testApp(i, `app${i}`)) : apps
  const cluster = new Cluster(pools, appList, extNames)
  for (let p = 0; p < pools.length; p++) for (let i = 0; i < pools[p]!.initial; i++) cluster.addNode(p as PoolId, 0)
  const spec = typeof profile === 'string' ? profileOf(profile) : profile
  const prof = buildProfile(spec, builtins, rngStream(seed, 'placement'), cluster.nodeSlots)
  const pod = new PodSpec(appList[0]!, extNames.length)
  return {
    cluster,
    place(app, cpuMilli, memBytes, opts = {}) {
      const req = requestOf(cpuMilli, memBytes, opts.gpu ?? 0, extNames.length)
      for (let r = 0; r < extNames.length; r++) req.ext[r] = opts.ext?.[r] ?? 0
      const p = cluster.createPod(app as AppId, req, Infinity, 0)
      const n = prof.place(cluster.fillPodSpec(p, pod), cluster, opts.trace)
      if (n === NO_NODE) return 'none'
      cluster.bind(p, n, 0)
      return cluster.nodeName(n)
    },
    countsOf(app) {
      const out: Record<string, number> = {}
      for (let n = 0; n < cluster.nodeSlots; n++) {
        const c = cluster.podsOfApp(app as AppId, n as NodeId)
        if (c > 0) out[cluster.nodeName(n as NodeId)] = c
      }
      return out
    },
    remove(pod) {
      cluster.finishPod(pod, PodPhase.Succeeded, 0)
    },
  }
}
