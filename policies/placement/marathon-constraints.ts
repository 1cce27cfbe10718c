/**
 * Marathon's placement constraints as a filter (mesosphere/marathon
 * `src/main/scala/mesosphere/mesos/Constraints.scala` at v1.10.26), from the workload's
 * `marathonConstraints`. "Placed" means the workload's running pods.
 *
 * The field of a node: `hostname` / `@hostname` is the node name; `@zone` and `@region` read
 * `topology.kubernetes.io/zone` / `region`; any other field reads the node label of that name (a
 * Mesos agent attribute). A node without the field is rejected, except by UNLIKE, which accepts.
 *
 * - UNIQUE: no placed pod has the node's value.
 * - CLUSTER v: the value is v; without v, the value of the pods already placed (anything if none).
 * - GROUP_BY n: the value is used by no placed pod; or at least n values are in use and this
 *   value's count is the smallest among them (v1.10.26; n defaults to 0).
 * - LIKE re / UNLIKE re: the value fully matches / does not fully match the regular expression.
 * - MAX_PER n: fewer than n placed pods have the value.
 * - IS v: the value is v.
 *
 * Counts per value are taken once per pod in `prepare` (one pass over the node slots), into maps
 * reused across pods.
 */
import type { PlacementModule, PlacementPlugin } from '../../src/framework/index.js'
import type { ClusterView, MarathonConstraint, NodeId, PodSpec } from '../../src/model/index.js'

const ZONE = 'topology.kubernetes.io/zone'
const REGION = 'topology.kubernetes.io/region'

/** The node's value of a Marathon field, or undefined when the agent lacks it. */
export function marathonField(field: string, n: NodeId, view: ClusterView): string | undefined {
  if (field === 'hostname' || field === '@hostname') return view.nodeName(n)
  const labels = view.labels(n)
  if (field === '@zone') return labels[ZONE]
  if (field === '@region') return labels[REGION]
  return labels[field]
}

class MarathonConstraints implements PlacementPlugin {
  readonly name = 'marathon-constraints'
  /** Per constraint index: running pods of the app per field value. */
  private counts: Map<string, number>[] = []
  private readonly regex = new Map<string, RegExp>()

  prepare(pod: PodSpec, view: ClusterView): boolean {
    const cs = pod.template.marathonConstraints
    if (!cs || cs.length === 0) return false
    while (this.counts.length < cs.length) this.counts.push(new Map())
    for (let i = 0; i < cs.length; i++) this.counts[i]!.clear()
    for (let n = 0 as NodeId; n < view.nodeSlots; n++) {
      const placed = view.podsOfApp(pod.app, n)
      if (placed === 0) continue
      for (let i = 0; i < cs.length; i++) {
        const v = marathonField(cs[i]!.field, n, view)
        if (v === undefined) continue
        const m = this.counts[i]!
        m.set(v, (m.get(v) ?? 0) + placed)
      }
    }
    return true
  }

  filter(pod: PodSpec, n: NodeId, view: ClusterView): string | null {
    const cs = pod.template.marathonConstraints
    if (!cs) return null
    for (let i = 0; i < cs.length; i++) {
      if (!this.accepts(cs[i]!, this.counts[i]!, marathonField(cs[i]!.field, n, view))) return cs[i]!.operator
    }
    return null
  }

  private accepts(c: MarathonConstraint, counts: Map<string, number>, value: string | undefined): boolean {
    if (value === undefined) return c.operator === 'UNLIKE'
    const here = counts.get(value) ?? 0
    switch (c.operator) {
      case 'UNIQUE':
        return here === 0
      case 'CLUSTER':
        if (c.value !== undefined) return value === c.value
        return counts.size === 0 || here > 0
      case 'GROUP_BY': {
        if (here === 0) return true
        const groups = c.value === undefined ? 0 : Number(c.value)
        if (counts.size < groups) return false
        let min = Infinity
        for (const v of counts.values()) if (v < min) min = v
        return here === min
      }
      case 'LIKE':
        return c.value !== '' && this.re(c.value!).test(value)
      case 'UNLIKE':
        return c.value === '' || !this.re(c.value!).test(value)
      case 'MAX_PER':
        return here < Number(c.value)
      case 'IS':
        return value === c.value
    }
  }

  /** Java's String.matches: the whole value must match. Compiled once per pattern. */
  private re(pattern: string): RegExp {
    let r = this.regex.get(pattern)
    if (!r) {
      r = new RegExp(`^(?:${pattern})$`)
      this.regex.set(pattern, r)
    }
    return r
  }
}

export const marathonConstraints: PlacementModule<Record<string, never>> = {
  name: 'marathon-constraints',
  description: "rejects nodes that break the workload's Marathon constraints (UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS)",
  defaults: {},
  check: () => [],
  create: () => new MarathonConstraints(),
}
