/**
 * Kubernetes' matching rules for the k8s-* plugins: label selectors (pods), node selector terms
 * (node affinity), and taints against tolerations. Plain functions over plain data; they allocate
 * nothing, so plugins may call them per node.
 *
 * Sources: k8s.io/apimachinery labels.Selector (LabelSelectorAsSelector), k8s.io/component-helpers
 * scheduling/corev1/nodeaffinity, and k8s.io/api core/v1 Toleration.ToleratesTaint.
 */
import type { LabelSelector, NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from '../../src/model/index.js'

type Labels = Readonly<Record<string, string>>

// perf: shared empty lists; matching runs per node and must not allocate.
const NO_STRINGS: readonly string[] = []
const NO_REQUIREMENTS: readonly NodeSelectorRequirement[] = []

const has = (labels: Labels, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key)

/**
 * True when `labels` satisfy `selector`. A missing (null) selector matches nothing and an empty
 * one matches everything, as LabelSelectorAsSelector makes them.
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector === undefined) return false
  const ml = selector.matchLabels
  if (ml !== undefined) {
    for (const key in ml) if (labels[key] !== ml[key]) return false
  }
  const exprs = selector.matchExpressions
  if (exprs !== undefined) {
    for (let i = 0; i < exprs.length; i++) {
      const e = exprs[i]!
      const present = has(labels, e.key)
      const values = e.values ?? NO_STRINGS
      switch (e.operator) {
        case 'In':
          if (!present || !values.includes(labels[e.key]!)) return false
          break
        case 'NotIn':
          if (present && values.includes(labels[e.key]!)) return false
          break
        case 'Exists':
          if (!present) return false
          break
        case 'DoesNotExist':
          if (present) return false
          break
      }
    }
  }
  return true
}

function matchesRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? NO_STRINGS
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value)
    case 'NotIn':
      return value === undefined || !values.includes(value)
    case 'Exists':
      return value !== undefined
    case 'DoesNotExist':
      return value === undefined
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers; otherwise the requirement does not match.
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0]!)) return false
      const v = Number(value)
      const bound = Number(values[0])
      return r.operator === 'Gt' ? v > bound : v < bound
    }
  }
}

/**
 * A node selector term: every expression on the node's labels and every field (only
 * `metadata.name` exists) must match. A term with neither matches no node (upstream).
 */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm, labels: Labels, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? NO_REQUIREMENTS
  const fields = term.matchFields ?? NO_REQUIREMENTS
  if (exprs.length === 0 && fields.length === 0) return false
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i]!
    if (!matchesRequirement(e, has(labels, e.key) ? labels[e.key] : undefined)) return false
  }
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    if (!matchesRequirement(f, f.key === 'metadata.name' ? nodeName : undefined)) return false
  }
  return true
}

/** Terms are ORed: true when any matches. */
export function matchesAnyNodeSelectorTerm(terms: readonly NodeSelectorTerm[], labels: Labels, nodeName: string): boolean {
  for (let i = 0; i < terms.length; i++) if (matchesNodeSelectorTerm(terms[i]!, labels, nodeName)) return true
  return false
}

/**
 * core/v1 ToleratesTaint: the effects match (an empty toleration effect matches all), the keys
 * match (an empty key with Exists matches every key), and Exists ignores the value while Equal
 * compares it.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== undefined && t.effect !== taint.effect) return false
  const key = t.key ?? ''
  if (key !== '' && key !== taint.key) return false
  if (t.operator === 'Exists') return true
  return (t.value ?? '') === taint.value
}

export function toleratesAny(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i]!, taint)) return true
  return false
}
