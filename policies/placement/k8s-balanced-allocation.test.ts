/** Conformance of NodeResourcesBalancedAllocation with upstream figures, for both formulas. */
import { describe, expect, it } from 'vitest'
import { k8sBalancedAllocation } from './k8s-balanced-allocation.js'
import { k8sCluster, runPlugin, type K8sContainer, type K8sNode, type K8sPod } from './k8s-testing.js'

const GPU = 'nvidia.com/gpu'
// The pod specs of upstream's test (cpu in millicores there: "1000m"; memory in bytes).
const cpuAndMemory: K8sContainer[] = [{ cpuMilli: 1000, memBytes: 2000 }, { cpuMilli: 2000, memBytes: 3000 }]
const cpuOnly: K8sContainer[] = [{ cpuMilli: 1000, memBytes: 0 }, { cpuMilli: 2000, memBytes: 0 }]
const cpuAndMemoryAndGPU: K8sContainer[] = [{ cpuMilli: 1000, memBytes: 2000 }, { cpuMilli: 2000, memBytes: 3000, gpu: 3 }]
const node = (name: string, cpuMilli: number, memBytes: number, gpu = 0): K8sNode => ({ name, cpuMilli, memBytes, gpu })
const on = (n: string, containers: K8sContainer[]): K8sPod => ({ node: n, containers })
const withGpu = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: GPU, weight: 1 }]

function scores(version: string, nodes: K8sNode[], existing: K8sPod[], pod: K8sContainer[], resources?: { name: string; weight: number }[]) {
  const f = k8sCluster(nodes, existing)
  const out = runPlugin(k8sBalancedAllocation, { kubernetesVersion: version, ...(resources ? { resources } : {}) }, f, f.pod({ containers: pod }))
  return f.nodeNames.map((n) => out[n])
}

// Upstream cases, kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go
// @00fdb4ffc64976886691c99434ab5b01fa54f8fe (v1.35 era, before PR #135573): score = balance with the pod.
// The last column is the v1.36 score of the same case, derived here from the v1.36 formula
// (noderesources/AGENTS.md: 50 + (50 + with - without) / 2); upstream's updated table was not available.
const cases = [
  ['nothing scheduled, resources requested, differently sized nodes', [node('node1', 4000, 10000), node('node2', 6000, 10000)], [], cpuAndMemory, undefined, [87, 100], [68, 75]],
  ['resources requested, pods scheduled with resources', [node('node1', 10000, 20000), node('node2', 10000, 20000)], [on('node1', cpuOnly), on('node2', cpuAndMemory)], cpuAndMemory, undefined, [82, 95], [73, 74]],
  ['resources requested, pods scheduled with resources, differently sized nodes', [node('node1', 10000, 20000), node('node2', 10000, 50000)], [on('node1', cpuOnly), on('node2', cpuAndMemory)], cpuAndMemory, undefined, [82, 80], [73, 70]],
  ['requested resources at node capacity', [node('node1', 6000, 10000), node('node2', 6000, 10000)], [on('node1', cpuOnly), on('node2', cpuAndMemory)], cpuOnly, undefined, [50, 75], [62, 62]],
  ['include scalar resource on a node for balanced resource allocation', [node('node1', 3500, 40000, 8), node('node2', 3500, 40000, 8)],
    [on('node2', cpuAndMemory), on('node1', cpuAndMemoryAndGPU)], [{ memBytes: 0, gpu: 1 }], withGpu, [70, 65], [75, 76]],
  ['node without the scalar resource should skip the scalar resource', [node('node1', 3500, 40000, 8), node('node2', 3500, 40000)], [], cpuAndMemory, withGpu, [63, 63], [56, 56]],
] as const

describe('NodeResourcesBalancedAllocation, kubernetesVersion 1.35 (upstream balanced_allocation_test.go @00fdb4ff)', () => {
  it.each(cases)('%s', (_n, nodes, existing, pod, resources, old) => {
    expect(scores('1.35', [...nodes], [...existing], [...pod], resources ? [...resources] : undefined)).toEqual(old)
  })

  it('nothing scheduled, nothing requested: a best-effort pod makes PreScore Skip', () => {
    expect(scores('1.35', [node('node1', 4000, 10000), node('node2', 4000, 10000)], [], [])).toEqual(['skip', 'skip'])
  })
})

describe('NodeResourcesBalancedAllocation, kubernetesVersion 1.36 (PR #135573)', () => {
  it.each(cases)('%s', (_n, nodes, existing, pod, resources, _old, current) => {
    expect(scores('1.36', [...nodes], [...existing], [...pod], resources ? [...resources] : undefined)).toEqual(current)
  })

  it('is the default, and a best-effort pod still Skips', () => {
    expect(k8sBalancedAllocation.defaults.kubernetesVersion).toBe('1.36')
    expect(scores('1.36', [node('node1', 4000, 10000)], [], [])).toEqual(['skip'])
  })

  it('scores 100 for a move from fully unbalanced to balanced and 50 for the reverse (PR #135573 review: "nodes to reach min/max score")', () => {
    // node1 runs 3000m of cpu-only pods on 3000m / 5000: balance 50 before, 100 after a 5000-byte
    // memory-only pod. node2 is empty: balance 100 before, 50 after.
    const memoryOnly: K8sContainer[] = [{ cpuMilli: 0, memBytes: 5000 }]
    expect(scores('1.36', [node('node1', 3000, 5000), node('node2', 3000, 5000)], [on('node1', cpuOnly)], memoryOnly)).toEqual([100, 50])
  })

  it('scores 75 when the pod leaves the balance unchanged (PR #135573 description)', () => {
    expect(scores('1.36', [node('node1', 4000, 4000)], [on('node1', [{ cpuMilli: 1000, memBytes: 1000 }])], [{ cpuMilli: 1000, memBytes: 1000 }])).toEqual([75])
  })

  it('rejects a version that does not read as a release', () => {
    expect(k8sBalancedAllocation.check({ ...k8sBalancedAllocation.defaults, kubernetesVersion: 'latest' }, 'a')).toEqual([
      { path: 'a.kubernetesVersion', message: 'expected a Kubernetes release such as "1.36" or "1.35", got "latest"' },
    ])
  })
})
