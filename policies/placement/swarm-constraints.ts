/**
 * Docker Swarm's constraint and max-replicas filters (swarmkit `manager/scheduler/filter.go`:
 * ConstraintFilter, MaxReplicasFilter), from the workload's `constraints` and `maxReplicasPerNode`.
 *
 * - `node.labels.<k>` and `engine.labels.<k>` read the node's label `<k>` (fleetsim has one label
 *   set per node); a missing label is the empty string, so `node.labels.x!=a` holds on a node
 *   without `x`. `node.id` and `node.hostname` are the node name; `node.role` is `worker`;
 *   `node.platform.os` / `.arch` read `kubernetes.io/os` / `kubernetes.io/arch`, else linux / amd64.
 * - Values compare case-insensitively, as swarmkit does.
 * - Max replicas: rejects a node already running `maxReplicasPerNode` pods of the workload.
 *
 * Workloads without Swarm fields pass. Lowercased labels are cached per node slot (labels are
 * fixed per slot), so the filter allocates nothing after the first look at a node.
 */
import type { PlacementModule } from '../../src/framework/index.js'
import type { ClusterView, NodeId, SwarmConstraint } from '../../src/model/index.js'

const LABEL_PREFIXES = ['node.labels.', 'engine.labels.']

/** The node's value for a constraint key, lowercased ('' when absent). */
function nodeValue(key: string, n: NodeId, view: ClusterView, lower: (s: string) => string): string {
  if (key === 'node.id' || key === 'node.hostname') return lower(view.nodeName(n))
  if (key === 'node.role') return 'worker'
  const labels = view.labels(n)
  if (key === 'node.platform.os') return lower(labels['kubernetes.io/os'] ?? 'linux')
  if (key === 'node.platform.arch') return lower(labels['kubernetes.io/arch'] ?? 'amd64')
  for (const p of LABEL_PREFIXES) {
    if (key.startsWith(p)) return lower(labelIgnoringCase(labels, key.slice(p.length)))
  }
  return ''
}

// swarmkit matches label keys exactly; the parser lowercased the key, so look the label up without case.
function labelIgnoringCase(labels: Readonly<Record<string, string>>, key: string): string {
  const exact = labels[key]
  if (exact !== undefined) return exact
  for (const k in labels) if (k.toLowerCase() === key) return labels[k]!
  return ''
}

/** True when node `n` satisfies every constraint. */
export function swarmConstraintsMatch(constraints: readonly SwarmConstraint[], n: NodeId, view: ClusterView, lower: (s: string) => string = (s) => s.toLowerCase()): boolean {
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!
    if ((nodeValue(c.key, n, view, lower) === c.value) !== c.equal) return false
  }
  return true
}

export const swarmConstraints: PlacementModule<Record<string, never>> = {
  name: 'swarm-constraints',
  description: "rejects nodes failing the workload's Swarm constraints or already at maxReplicasPerNode",
  defaults: {},
  check: () => [],
  create: () => {
    // perf: lowercasing allocates a string; each distinct value is lowercased once per run.
    const lowered = new Map<string, string>()
    const lower = (s: string): string => {
      let l = lowered.get(s)
      if (l === undefined) {
        l = s.toLowerCase()
        lowered.set(s, l)
      }
      return l
    }
    return {
      name: 'swarm-constraints',
      filter: (pod, n, view) => {
        const swarm = pod.template.swarm
        if (!swarm) return null
        if (!swarmConstraintsMatch(swarm.constraints, n, view, lower)) return 'constraint-mismatch'
        if (swarm.maxReplicas > 0 && view.podsOfApp(pod.app, n) >= swarm.maxReplicas) return 'max-replicas'
        return null
      },
    }
  },
}
