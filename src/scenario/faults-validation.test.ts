/**
 * Bad input of issue 7 (faults and pools), one fixture per rule, full message compared: a fault
 * naming a node, pool or zone that does not exist, a repair time that is not a duration or a
 * distribution, and a negative price (pool min > max is in load.test.ts).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { builtins } from '../../policies/index.js'
import { loadScenario, ScenarioError } from './load.js'

const DIR = 'src/scenario/fixtures'

function messageOf(name: string): string {
  const file = `${DIR}/${name}`
  try {
    loadScenario(readFileSync(file, 'utf8'), file, builtins)
    return 'ok'
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e
    return e.message
  }
}

describe('faults and pool prices: bad input is reported with path, expected and found', () => {
  test.each([
    ['fault-unknown-node.yaml', `faults[0].node: expected the name of a node (such as general-0, general-1, general-2), got "general-7"`],
    ['fault-unknown-pool.yaml', `faults[0].pool: expected a pool (general), got "gpu"`],
    ['fault-unknown-zone.yaml', `faults[0].zone: expected a zone some node is in (a, b), got "c"`],
    ['fault-repair-not-duration.yaml', `faults[0].repair: expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got "soon"`],
    ['negative-price.yaml', `cluster.pools[0].costPerHour: expected a number >= 0, got -0.38`],
  ])('%s', (name, issue) => {
    expect(messageOf(name)).toBe(`${DIR}/${name} has 1 issue:\n  ${issue}`)
  })
})
