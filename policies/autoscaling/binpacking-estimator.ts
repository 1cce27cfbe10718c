/**
 * How many new nodes of one group a set of pending pods needs: the Cluster Autoscaler's binpacking
 * estimator (kubernetes/autoscaler cluster-autoscaler/estimator/binpacking_estimator.go). Pods are
 * taken in First-Fit Decreasing order of cpu/node_cpu + mem/node_mem (decreasing_pod_orderer.go),
 * group by group (pods of one workload with equal requests). Each pod goes on any node added so
 * far where it fits; once one pod of a group fits on none, the rest of the group only try the last
 * added node, then a fresh one. A pod that does not fit on a fresh empty node ends its group, and
 * no node is added past `maxNodes`.
 */
import type { TemplateUse } from '../../src/framework/cluster-autoscaling.js'

export interface EstimatorPod {
  readonly id: number
  readonly cpuMilli: number
  readonly memBytes: number
  readonly gpu: number
  /** Equivalence group: same workload and same requests. */
  readonly group: number
}

export interface Estimate {
  readonly nodes: number
  /** Pod ids placed on the new nodes, in placement order. */
  readonly pods: readonly number[]
}

export function estimateNodes(
  pods: readonly EstimatorPod[],
  template: { readonly cpuMilli: number; readonly memBytes: number },
  fits: (pod: EstimatorPod, use: TemplateUse) => boolean,
  maxNodes: number,
): Estimate {
  const weight = (p: EstimatorPod) => (template.cpuMilli > 0 ? p.cpuMilli / template.cpuMilli : 0) + (template.memBytes > 0 ? p.memBytes / template.memBytes : 0)
  // Groups in decreasing order of their pods' weight; a stable sort keeps the given order on ties.
  const groups = new Map<number, EstimatorPod[]>()
  for (const p of pods) {
    const g = groups.get(p.group)
    if (g) g.push(p)
    else groups.set(p.group, [p])
  }
  const ordered = [...groups.values()].sort((a, b) => weight(b[0]!) - weight(a[0]!))
  const bins: TemplateUse[] = []
  const placed: number[] = []
  const put = (bin: TemplateUse, p: EstimatorPod) => {
    bin.cpuMilli += p.cpuMilli
    bin.memBytes += p.memBytes
    bin.gpu += p.gpu
    bin.pods++
    placed.push(p.id)
  }
  for (const group of ordered) {
    let existingFull = false
    for (const p of group) {
      if (!existingFull) {
        const bin = bins.find((b) => fits(p, b))
        if (bin) {
          put(bin, p)
          continue
        }
        existingFull = true
      }
      const last = bins[bins.length - 1]
      if (last && last.pods > 0 && fits(p, last)) {
        put(last, p)
        continue
      }
      if (bins.length >= maxNodes) break
      const fresh: TemplateUse = { cpuMilli: 0, memBytes: 0, gpu: 0, pods: 0 }
      if (!fits(p, fresh)) break
      bins.push(fresh)
      put(fresh, p)
    }
  }
  return { nodes: bins.length, pods: placed }
}
