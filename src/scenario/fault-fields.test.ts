import { describe, expect, it } from 'vitest'
import { parseScenario, ScenarioError } from '../index.js'

const base = (faults: string) => `
name: bad
cluster:
  pools: [{ name: general, nodes: 3, capacity: { cpu: 4, memory: 16Gi }, labels: { zone: [a, b] } }]
faults:
${faults}
`
const issues = (yaml: string): string[] => {
  try {
    parseScenario(yaml, 'bad.yaml')
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.path}: ${i.message}`)
    throw e
  }
  return []
}

describe('fault fields', () => {
  it('a fault naming a node, pool or zone that does not exist is reported with the choices', () => {
    expect(issues(base('  - { kind: NodeCrash, node: general-9, mtbf: 1h, repair: 5m }'))).toEqual([
      'faults[0].node: expected the name of a node (such as general-0, general-1, general-2), got "general-9"',
    ])
    expect(issues(base('  - { kind: NodeCrash, pool: gpu, mtbf: 1h, repair: 5m }'))).toEqual(['faults[0].pool: expected a pool (general), got "gpu"'])
    expect(issues(base('  - { kind: ZoneOutage, zone: c, at: 1h, duration: 10m }'))).toEqual(['faults[0].zone: expected a zone some node is in (a, b), got "c"'])
  })

  it('a repair time that is not a duration or a distribution is reported', () => {
    const found = issues(base('  - { kind: NodeCrash, pool: general, mtbf: 1h, repair: soon }'))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^faults\[0\]\.repair: /)
  })

  it('a crash needs either mtbf or at', () => {
    expect(issues(base('  - { kind: NodeCrash, pool: general, repair: 5m }'))).toEqual(['faults[0]: expected either mtbf (a failure process) or at (fixed times), not both or neither'])
  })
})
