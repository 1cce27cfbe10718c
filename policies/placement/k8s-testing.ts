/**
 * Test fixture for the k8s-* plugins, shaped like kube-scheduler's unit tests: a cluster from node
 * specs (one one-node pool per node, so each node has its own labels and taints) and existing pods
 * given as containers, and a runner that takes one plugin through prepare -> filter -> preScore ->
 * score -> normalize for a pending pod, returning the final score (or filter reason) per node.
 *
 * Upstream names nodes `node1`; here the node of pool `node1` is `node1-0`, and results are keyed
 * by the pool name. Tests only.
 */
import type { PlacementModule } from '../../src/framework/index.js'
import {
  Cluster, PodSpec, podRequest, RequestValues, type AppId, type AppSpec, type ContainerRequests, type NodeId, type PoolId, type PoolSpec, type Taint,
} from '../../src/model/index.js'

export interface K8sNode {
  readonly name: string
  readonly cpuMilli?: number
  readonly memBytes?: number
  readonly gpu?: number
  readonly ext?: Readonly<Record<string, number>>
  readonly labels?: Readonly<Record<string, string>>
  readonly taints?: readonly Taint[]
  readonly maxPods?: number
  readonly unschedulable?: boolean
}

/** A container's requests as upstream's `Req(...)`: an absent key is "not set". */
export interface K8sContainer {
  readonly cpuMilli?: number
  readonly memBytes?: number
  readonly gpu?: number
  readonly ext?: Readonly<Record<string, number>>
}

export interface K8sPod {
  /** App (workload) name; default 'p'. */
  readonly app?: string
  readonly containers?: readonly K8sContainer[]
  readonly initContainers?: readonly K8sContainer[]
  /** Node (pool name) an existing pod runs on. */
  readonly node?: string
  /** When an existing pod was bound (its start time, for preemption); default 0. */
  readonly startMs?: number
}

export interface K8sFixture {
  readonly cluster: Cluster
  readonly nodeNames: readonly string[]
  node(name: string): NodeId
  /** A PodSpec for a pending pod of `app` with these containers. */
  pod(p: K8sPod): PodSpec
}

const container = (c: K8sContainer): ContainerRequests => ({ cpuMilli: c.cpuMilli, memBytes: c.memBytes, gpu: c.gpu, ext: c.ext ?? {} })

/**
 * Builds the cluster. Apps: one per distinct name (given templates first, then names used by pods,
 * with labels `{app: name}`).
 */
export function k8sCluster(nodes: readonly K8sNode[], existing: readonly K8sPod[] = [], apps: readonly (Partial<AppSpec> & { name: string })[] = []): K8sFixture {
  const extSet = new Set<string>()
  for (const n of nodes) for (const k of Object.keys(n.ext ?? {})) extSet.add(k)
  for (const p of existing) for (const c of [...(p.containers ?? []), ...(p.initContainers ?? [])]) for (const k of Object.keys(c.ext ?? {})) extSet.add(k)
  const extNames = [...extSet].sort()
  const pools: PoolSpec[] = nodes.map((n, i) => ({
    id: i as PoolId, name: n.name, initial: 1, min: 0, max: 1,
    capacity: { cpuMilli: n.cpuMilli ?? 0, memBytes: n.memBytes ?? 0, gpu: n.gpu ?? 0, ext: n.ext ?? {} },
    maxPods: n.maxPods ?? 110, labels: n.labels ?? {}, taints: n.taints ?? [], costPerHour: 0,
  }))
  const templates: AppSpec[] = apps.map((a, i) => ({ kind: 'Batch', labels: { app: a.name }, priority: 0, nodeSelector: {}, tolerations: [], ...a, id: i as AppId }))
  const appId = (name: string): AppId => {
    let a = templates.find((t) => t.name === name)
    if (!a) templates.push((a = { id: templates.length as AppId, name, kind: 'Batch', labels: { app: name }, priority: 0, nodeSelector: {}, tolerations: [] }))
    return a.id
  }
  for (const p of existing) appId(p.app ?? 'p')
  appId('p')
  const cluster = new Cluster(pools, templates, extNames)
  nodes.forEach((n, i) => {
    cluster.addNode(i as PoolId, 0)
    if (n.unschedulable) cluster.setUnschedulable(i as NodeId, true)
  })
  const node = (name: string): NodeId => {
    const i = nodes.findIndex((n) => n.name === name)
    if (i < 0) throw new Error(`k8sCluster: no node ${name}`)
    return i as NodeId
  }
  const requestValues = (p: K8sPod): RequestValues => {
    const r = podRequest((p.containers ?? []).map(container), (p.initContainers ?? []).map(container))
    const v = new RequestValues(extNames.length)
    v.cpuMilli = r.cpuMilli
    v.cpuNonZeroMilli = r.cpuNonZeroMilli
    v.memBytes = r.memBytes
    v.memNonZeroBytes = r.memNonZeroBytes
    v.gpu = r.gpu
    extNames.forEach((k, i) => (v.ext[i] = r.ext[k] ?? 0))
    return v
  }
  for (const p of existing) {
    const id = cluster.createPod(appId(p.app ?? 'p'), requestValues(p), Infinity, 0)
    cluster.bind(id, node(p.node!), p.startMs ?? 0)
  }
  return {
    cluster,
    nodeNames: nodes.map((n) => n.name),
    node,
    pod: (p) => {
      const app = templates.find((t) => t.name === (p.app ?? 'p'))
      if (!app) throw new Error(`k8sCluster: declare app ${p.app} when building the cluster`)
      const id = cluster.createPod(app.id, requestValues(p), Infinity, 0)
      return cluster.fillPodSpec(id, new PodSpec(templates[0]!, extNames.length))
    },
  }
}

export type Outcome = number | string

/**
 * Runs one plugin for `pod` as the profile does: prepare, then the filter on every node (a
 * rejected node reports its reason), then preScore over `candidates` (default: every node that
 * passed), score and normalize. Nodes passing the filter but not among the candidates report '-'.
 * A plugin whose preScore returns Skip reports 'skip' for every candidate.
 */
export function runPlugin<A extends object>(module: PlacementModule<A>, args: Partial<A>, f: K8sFixture, pod: PodSpec, candidates?: readonly string[]): Record<string, Outcome> {
  const plugin = module.create({ ...module.defaults, ...args } as A, { rng: () => 0 })
  const v = f.cluster
  const out: Record<string, Outcome> = {}
  const skipFilter = plugin.prepare ? plugin.prepare(pod, v) === false : false
  const passed: string[] = []
  for (const name of f.nodeNames) {
    const reason = skipFilter || !plugin.filter ? null : plugin.filter(pod, f.node(name), v)
    if (reason !== null) out[name] = reason
    else passed.push(name)
  }
  const scored = candidates ?? passed
  for (const name of passed) if (!scored.includes(name)) out[name] = '-'
  if (!plugin.score) {
    for (const name of scored) out[name] = 'fits'
    return out
  }
  const feasible = Int32Array.from(scored, (n) => f.node(n))
  if (plugin.preScore && plugin.preScore(pod, feasible, feasible.length, v) === false) {
    for (const name of scored) out[name] = 'skip'
    return out
  }
  const scores = Float64Array.from(scored, (n) => plugin.score!(pod, f.node(n), v))
  plugin.normalize?.(scores, scores.length)
  scored.forEach((n, i) => (out[n] = scores[i]!))
  return out
}
