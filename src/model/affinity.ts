/**
 * Kubernetes pod scheduling constraints as a pod spec writes them: node affinity (required and
 * preferred node selector terms), pod (anti-)affinity terms, and topology spread constraints.
 * Field names follow the Kubernetes API so that users can paste their manifests. These are plain
 * data; matching them against nodes and pods is the placement plugins' business.
 */

/** `metav1.LabelSelector`: matchLabels and matchExpressions are ANDed; an empty selector matches everything. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>> | undefined
  readonly matchExpressions?: readonly LabelSelectorRequirement[] | undefined
}

export interface LabelSelectorRequirement {
  readonly key: string
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
  readonly values?: readonly string[] | undefined
}

/** A node selector requirement; Gt and Lt compare the label value as an integer. */
export interface NodeSelectorRequirement {
  readonly key: string
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'
  readonly values?: readonly string[] | undefined
}

/** Expressions on node labels, and fields (only `metadata.name`), all ANDed. */
export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[] | undefined
  readonly matchFields?: readonly NodeSelectorRequirement[] | undefined
}

export interface PreferredSchedulingTerm {
  /** 1..100. */
  readonly weight: number
  readonly preference: NodeSelectorTerm
}

export interface NodeAffinity {
  /** Terms are ORed. */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms: readonly NodeSelectorTerm[] } | undefined
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly PreferredSchedulingTerm[] | undefined
}

/** Pods matching `labelSelector` in the same `topologyKey` domain as the node. */
export interface PodAffinityTerm {
  readonly labelSelector?: LabelSelector | undefined
  readonly topologyKey: string
}

export interface WeightedPodAffinityTerm {
  readonly weight: number
  readonly podAffinityTerm: PodAffinityTerm
}

export interface PodAffinity {
  readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[] | undefined
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[] | undefined
}

export interface Affinity {
  readonly nodeAffinity?: NodeAffinity | undefined
  readonly podAffinity?: PodAffinity | undefined
  readonly podAntiAffinity?: PodAffinity | undefined
}

export interface TopologySpreadConstraint {
  readonly maxSkew: number
  readonly topologyKey: string
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway'
  readonly labelSelector?: LabelSelector | undefined
  /** Only with DoNotSchedule: fewer eligible domains than this make the global minimum 0. */
  readonly minDomains?: number | undefined
}
