import { describe, expect, it } from 'vitest'
import type { MarathonConstraint } from '../../src/model/index.js'
import { GI, nodePools, placer, testApp } from './testing.js'

const profile = { tieBreak: 'lowest-node-id' as const, plugins: [{ name: 'resource-fit' }, { name: 'marathon-constraints' }] }
const pools = nodePools([
  { name: 'n1', cpuMilli: 8000, memBytes: 8 * GI, labels: { rack: 'r1', 'topology.kubernetes.io/zone': 'a' } },
  { name: 'n2', cpuMilli: 8000, memBytes: 8 * GI, labels: { rack: 'r1', 'topology.kubernetes.io/zone': 'b' } },
  { name: 'n3', cpuMilli: 8000, memBytes: 8 * GI, labels: { rack: 'r2', 'topology.kubernetes.io/zone': 'a' } },
  { name: 'n4', cpuMilli: 8000, memBytes: 8 * GI },
])
const run = (constraints: MarathonConstraint[], pods: number) => {
  const s = placer(pools, [testApp(0, 'app', { marathonConstraints: constraints })], profile)
  return Array.from({ length: pods }, () => s.place(0, 100, 0))
}
const c = (field: string, operator: MarathonConstraint['operator'], value?: string): MarathonConstraint => ({ field, operator, value })

// Semantics per mesosphere/marathon src/main/scala/mesosphere/mesos/Constraints.scala @ v1.10.26.
describe('marathon-constraints', () => {
  it('UNIQUE hostname puts one instance per node, then refuses', () => {
    expect(run([c('hostname', 'UNIQUE')], 5)).toEqual(['n1-0', 'n2-0', 'n3-0', 'n4-0', 'none'])
  })
  it('UNIQUE on an attribute rejects agents without it: one instance per rack, n4 never', () => {
    expect(run([c('rack', 'UNIQUE')], 3)).toEqual(['n1-0', 'n3-0', 'none'])
  })
  it('CLUSTER without a value follows the first placed instance; with a value only that value', () => {
    expect(run([c('rack', 'CLUSTER')], 3)).toEqual(['n1-0', 'n1-0', 'n1-0'])
    expect(run([c('rack', 'CLUSTER', 'r2')], 2)).toEqual(['n3-0', 'n3-0'])
  })
  it('GROUP_BY 2 over zones alternates a, b once both are in use', () => {
    expect(run([c('@zone', 'GROUP_BY', '2')], 4)).toEqual(['n1-0', 'n2-0', 'n1-0', 'n2-0'])
  })
  it('LIKE and UNLIKE match the whole value; UNLIKE accepts agents without the field', () => {
    expect(run([c('rack', 'LIKE', 'r[2-9]')], 1)).toEqual(['n3-0'])
    expect(run([c('rack', 'LIKE', 'r')], 1)).toEqual(['none'])
    expect(run([c('rack', 'UNLIKE', 'r1')], 2)).toEqual(['n3-0', 'n3-0'])
    expect(run([c('rack', 'UNLIKE', 'r.*'), c('hostname', 'UNIQUE')], 2)).toEqual(['n4-0', 'none'])
  })
  it('MAX_PER 2 on rack allows two instances per rack', () => {
    expect(run([c('rack', 'MAX_PER', '2')], 5)).toEqual(['n1-0', 'n1-0', 'n3-0', 'n3-0', 'none'])
  })
  it('IS compares the value exactly', () => {
    expect(run([c('@zone', 'IS', 'b')], 1)).toEqual(['n2-0'])
  })
})
