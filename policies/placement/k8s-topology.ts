/**
 * Topology domains and label-selected pod counts for the k8s-* plugins that count pods per
 * domain (PodTopologySpread, InterPodAffinity).
 *
 * A node's labels are fixed for its slot (pools set them), so each topology key is interned once
 * per run: `domainOf[node]` is a small integer per distinct label value, or -1 when the node lacks
 * the key. Pods carry their app's labels, so "pods matching a selector on a node" is the sum of
 * `podsOfApp` over the apps the selector matches; that app list is computed once per selector.
 */
import type { AppId, AppSpec, ClusterView, LabelSelector, NodeId, NodeSelectorTerm } from '../../src/model/index.js'
import { matchesAnyNodeSelectorTerm, matchesLabelSelector } from './k8s-labels.js'

export const HOSTNAME_KEY = 'kubernetes.io/hostname'
export const ZONE_KEY = 'topology.kubernetes.io/zone'

export interface Domains {
  /** Domain index per node slot; -1 when the node has no such label. */
  readonly of: Int32Array
  readonly count: number
}

export class TopologyIndex {
  private view: ClusterView | null = null
  private readonly byKey = new Map<string, Domains>()
  private readonly bySelector = new Map<object, Int32Array>()
  private readonly byAppLabels = new Map<number, Int32Array>()

  private reset(v: ClusterView): void {
    if (this.view === v) return
    this.view = v
    this.byKey.clear()
    this.bySelector.clear()
    this.byAppLabels.clear()
  }

  domains(v: ClusterView, key: string): Domains {
    this.reset(v)
    let d = this.byKey.get(key)
    if (d === undefined) {
      const of = new Int32Array(v.nodeSlots).fill(-1)
      const ids = new Map<string, number>()
      for (let n = 0; n < v.nodeSlots; n++) {
        const labels = v.labels(n as NodeId)
        if (labels === undefined || !Object.prototype.hasOwnProperty.call(labels, key)) continue
        const value = labels[key]!
        let id = ids.get(value)
        if (id === undefined) ids.set(value, (id = ids.size))
        of[n] = id
      }
      d = { of, count: ids.size }
      this.byKey.set(key, d)
    }
    return d
  }

  /** Ids of the apps whose pod labels `selector` matches (none for a missing selector). */
  appsMatching(v: ClusterView, selector: LabelSelector | undefined): Int32Array {
    this.reset(v)
    if (selector === undefined) return EMPTY
    let apps = this.bySelector.get(selector)
    if (apps === undefined) {
      apps = Int32Array.from(v.apps.filter((a) => matchesLabelSelector(selector, a.labels)), (a) => a.id)
      this.bySelector.set(selector, apps)
    }
    return apps
  }

  /** Apps selected by `app`'s own labels (matchLabels = every label of the app). */
  appsWithLabelsOf(v: ClusterView, app: AppSpec): Int32Array {
    this.reset(v)
    let apps = this.byAppLabels.get(app.id)
    if (apps === undefined) {
      apps = Int32Array.from(v.apps.filter((a) => matchesLabelSelector({ matchLabels: app.labels }, a.labels)), (a) => a.id)
      this.byAppLabels.set(app.id, apps)
    }
    return apps
  }
}

const EMPTY = new Int32Array(0)

/** Running pods of `apps` on node `n`. */
export function podsOf(v: ClusterView, apps: Int32Array, n: NodeId): number {
  let sum = 0
  for (let i = 0; i < apps.length; i++) sum += v.podsOfApp(apps[i]! as AppId, n)
  return sum
}

/** The pod's nodeSelector and required node affinity (what NodeAffinityPolicy: Honor applies). */
export function matchesRequiredNodeAffinity(app: AppSpec, v: ClusterView, n: NodeId): boolean {
  const labels = v.labels(n)
  const selector = app.nodeSelector
  for (const key in selector) if (labels[key] !== selector[key]) return false
  const terms: readonly NodeSelectorTerm[] | undefined = app.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  return terms === undefined || matchesAnyNodeSelectorTerm(terms, labels, v.nodeName(n))
}
