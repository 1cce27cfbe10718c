import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtins } from '../policies/index.js'
import { Run } from '../src/controller/index.js'
import { invariantViolations } from '../src/model/index.js'
import { parseScenario } from '../src/index.js'

const dir = new URL('.', import.meta.url).pathname
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()

describe('bundled scenarios', () => {
  it('there are at least a quickstart and a larger batch scenario', () => {
    expect(files).toContain('quickstart.yaml')
    expect(files).toContain('batch-day.yaml')
  })

  it.each(files)('%s validates, runs to its end and keeps the model invariants', (file) => {
    const scenario = parseScenario(readFileSync(join(dir, file), 'utf8'), file)
    const run = new Run(scenario, builtins)
    run.run()
    expect(invariantViolations(run.cluster)).toEqual([])
    expect(run.sim.nowMs).toBe(scenario.durationMs)
    const t = run.metrics.tables()
    expect(t.summary.rows).toHaveLength(1)
    expect(Number(t.summary.rows[0]![t.summary.columns.indexOf('pods_submitted')])).toBeGreaterThan(0)
  })
})
