/**
 * Fixtures for tests: small clusters built directly on the model, without a scenario file.
 * `tinyCluster()` is the four-node cluster on which every built-in placement policy picks a
 * different node (STYLE.md section 9); a policy that picks the same node as another grows it.
 */
import type { AppSpec } from './app.js'
import { Cluster } from './cluster.js'
import type { AppId, NodeId, PodId, PoolId } from './ids.js'
import { PodSpec } from './pod-spec.js'
import type { PoolSpec } from './pool.js'
import { RequestValues, type Resources } from './resources.js'

export const GI = 2 ** 30

export function testPool(id: number, name: string, capacity: Partial<Resources> & { cpuMilli: number; memBytes: number }, extra: Partial<PoolSpec> = {}): PoolSpec {
  return {
    id: id as PoolId, name, initial: 1, min: 0, max: 1,
    capacity: { gpu: 0, ext: {}, ...capacity }, maxPods: 110, labels: {}, taints: [], costPerHour: 0, ...extra,
  }
}

export function testApp(id: number, name: string, extra: Partial<AppSpec> = {}): AppSpec {
  return { id: id as AppId, name, kind: 'Batch', labels: { app: name }, priority: 0, nodeSelector: {}, tolerations: [], ...extra }
}

export function requestOf(cpuMilli: number, memBytes: number, gpu = 0, extCount = 0): RequestValues {
  const r = new RequestValues(extCount)
  r.cpuMilli = cpuMilli
  r.cpuNonZeroMilli = cpuMilli
  r.memBytes = memBytes
  r.memNonZeroBytes = memBytes
  r.gpu = gpu
  return r
}

/** Creates a pod of `app` and binds it to node `n` (to preload a node's usage). */
export function placePod(c: Cluster, app: number, n: number, cpuMilli: number, memBytes: number): PodId {
  const p = c.createPod(app as AppId, requestOf(cpuMilli, memBytes), Infinity, 0)
  c.bind(p, n as NodeId, 0)
  return p
}

/**
 * Four one-node pools, each node named `<pool>-0`, and a pending 1-cpu / 1 GiB pod to place:
 *
 * | node | capacity | used | left after the pod (cpu, mem) |
 * | a-0  | 8 / 32Gi | 4 / 16Gi | 3/8, 15/32 |
 * | b-0  | 4 / 8Gi  | 2 / 6Gi  | 1/4, 1/8 (least: best fit) |
 * | c-0  | 16 / 64Gi| 0        | 15/16, 63/64 (most: worst fit) |
 * | d-0  | 8 / 16Gi | 4 / 8Gi  | 3/8, 7/16 |
 *
 * first-fit picks a-0 (lowest id), best-fit b-0, worst-fit c-0, random d-0 (with its test seed).
 */
export function tinyCluster(): { cluster: Cluster; pod: PodSpec } {
  const pools = [
    testPool(0, 'a', { cpuMilli: 8000, memBytes: 32 * GI }),
    testPool(1, 'b', { cpuMilli: 4000, memBytes: 8 * GI }),
    testPool(2, 'c', { cpuMilli: 16000, memBytes: 64 * GI }),
    testPool(3, 'd', { cpuMilli: 8000, memBytes: 16 * GI }),
  ]
  const apps = [testApp(0, 'filler'), testApp(1, 'web')]
  const c = new Cluster(pools, apps, [])
  for (let p = 0; p < 4; p++) c.addNode(p as PoolId, 0)
  placePod(c, 0, 0, 4000, 16 * GI)
  placePod(c, 0, 1, 2000, 6 * GI)
  placePod(c, 0, 3, 4000, 8 * GI)
  const p = c.createPod(1 as AppId, requestOf(1000, GI), 60_000, 0)
  return { cluster: c, pod: c.fillPodSpec(p, new PodSpec(apps[1]!, 0)) }
}
