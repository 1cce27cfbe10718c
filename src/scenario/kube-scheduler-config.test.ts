import { describe, expect, it } from 'vitest'
import { builtins } from '../../policies/index.js'
import { parseKubeSchedulerConfig } from './kube-scheduler-config.js'

const head = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n'
const parse = (body: string) => parseKubeSchedulerConfig(head + body, 'sched.yaml', builtins)

describe('KubeSchedulerConfiguration', () => {
  it('with no profiles gives the default plugin set with upstream weights and the adaptive percentage', () => {
    const r = parse('')
    if (Array.isArray(r)) throw new Error(JSON.stringify(r))
    expect(r.name).toBe('default-scheduler')
    expect(r.profile.percentageOfNodesToScore).toBe(0)
    expect(r.profile.plugins.map((p) => `${p.name}:${p.weight}`)).toEqual([
      'NodeUnschedulable:1', 'TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'DefaultPreemption:1', 'NodeResourcesBalancedAllocation:1',
    ])
  })

  it('applies score.disabled, a score weight, pluginConfig args and the profile percentage', () => {
    const r = parse(`percentageOfNodesToScore: 30
profiles:
  - schedulerName: packer
    percentageOfNodesToScore: 50
    plugins:
      score:
        disabled: [{ name: NodeResourcesBalancedAllocation }]
        enabled: [{ name: NodeResourcesFit, weight: 5 }]
    pluginConfig:
      - name: NodeResourcesFit
        args: { apiVersion: kubescheduler.config.k8s.io/v1, kind: NodeResourcesFitArgs, scoringStrategy: { type: MostAllocated } }
`)
    if (Array.isArray(r)) throw new Error(JSON.stringify(r))
    expect(r.name).toBe('packer')
    expect(r.profile.percentageOfNodesToScore).toBe(50)
    const byName = Object.fromEntries(r.profile.plugins.map((p) => [p.name, p]))
    expect(byName.NodeResourcesBalancedAllocation!.weight).toBe(0)
    expect(byName.NodeResourcesFit).toEqual({ name: 'NodeResourcesFit', weight: 5, args: { scoringStrategy: { type: 'MostAllocated' } } })
  })

  it("disables every default with multiPoint '*' and keeps what is enabled again; filter.disabled keeps the score", () => {
    const r = parse(`profiles:
  - plugins:
      multiPoint:
        disabled: [{ name: '*' }]
        enabled: [{ name: NodeResourcesFit }, { name: TaintToleration, weight: 0 }]
      filter:
        disabled: [{ name: TaintToleration }]
`)
    if (Array.isArray(r)) throw new Error(JSON.stringify(r))
    expect(r.profile.plugins).toEqual([{ name: 'NodeResourcesFit', weight: 1 }, { name: 'TaintToleration', weight: 1, filter: false }])
  })

  it('reports every problem with its path in the file', () => {
    const r = parseKubeSchedulerConfig(`apiVersion: kubescheduler.config.k8s.io/v1beta3
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 120
profiles:
  - schedulerName: x
    plugin: {}
    plugins:
      score:
        enabled: [{ name: NodeResourceFit, weight: 2 }]
    pluginConfig:
      - name: NodeResourcesFit
        args: { scoringStrategy: { type: Packed }, ignoredResource: [] }
`, 'sched.yaml', builtins)
    expect(Array.isArray(r) ? r.map((i) => i.path) : r).toEqual([
      'apiVersion',
      'percentageOfNodesToScore',
      'profiles[0].plugin',
      'profiles[0].plugins.score.enabled[0].name',
      'profiles[0].pluginConfig[0].args.ignoredResource',
      'profiles[0].pluginConfig[0].args.scoringStrategy.type',
    ])
  })

  it('keeps DefaultPreemption as the PostFilter unless postFilter disables it, and checks its args', () => {
    const off = parse(`profiles:
  - plugins:
      postFilter:
        disabled: [{ name: DefaultPreemption }]
`)
    if (Array.isArray(off)) throw new Error(JSON.stringify(off))
    expect(off.profile.plugins.map((p) => p.name)).not.toContain('DefaultPreemption')
    const tuned = parse(`profiles:
  - pluginConfig:
      - name: DefaultPreemption
        args: { kind: DefaultPreemptionArgs, minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 }
`)
    if (Array.isArray(tuned)) throw new Error(JSON.stringify(tuned))
    expect(tuned.profile.plugins.find((p) => p.name === 'DefaultPreemption')?.args).toEqual({ minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 })
    const bad = parse(`profiles:
  - pluginConfig:
      - name: DefaultPreemption
        args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }
`)
    expect(Array.isArray(bad) ? bad.map((i) => `${i.path}: ${i.message}`) : bad).toEqual([
      'profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: cannot be zero at the same time as minCandidateNodesAbsolute',
    ])
  })
})
