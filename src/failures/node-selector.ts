/**
 * Victim selection: which nodes a fault's selector names, and how nodes fall into groups that fail
 * together (racks, zones: the value of a label). Pure functions of a node's name, pool and labels.
 */
import type { NodeSelector } from './fault-spec.js'

/** True when the node matches every field the selector gives. */
export function matchesNode(sel: NodeSelector, name: string, pool: string, labels: Readonly<Record<string, string>>): boolean {
  if (sel.node !== undefined && sel.node !== name) return false
  if (sel.pool !== undefined && sel.pool !== pool) return false
  if (sel.labels) for (const [k, v] of Object.entries(sel.labels)) if (labels[k] !== v) return false
  return true
}

/** The group of a node under `groupBy`: the label's value, or the node's own name without a key (each node alone). */
export function groupOf(groupBy: string | undefined, name: string, labels: Readonly<Record<string, string>>): string {
  return groupBy === undefined ? name : (labels[groupBy] ?? '')
}

/** The label that names a node's zone: `topology.kubernetes.io/zone` when set, else `zone`. */
export function zoneOf(labels: Readonly<Record<string, string>>): string {
  return labels['topology.kubernetes.io/zone'] ?? labels.zone ?? ''
}
