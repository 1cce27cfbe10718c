import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planRuns, policyCombinations } from './plan.js'
import { runTasks } from './pool.js'
import { taskOf } from './tasks.js'

const file = resolve(import.meta.dirname, '../../scenarios/quickstart.yaml')
const src = { scenarioText: readFileSync(file, 'utf8'), scenarioFile: file, overrides: { durationMs: 1_800_000 } }
const tasks = planRuns(1, policyCombinations({ placement: ['first-fit', 'best-fit'] }), [1, 2]).map((r) => taskOf(r, src))

describe('run pool (inline)', () => {
  it('returns outcomes in plan order and finishes without a progress callback', async () => {
    const out = await runTasks(tasks, { jobs: 'inline' })
    expect(out.map((o) => o.index)).toEqual([0, 1, 2, 3])
    expect(out.map((o) => o.tables.summary!.rows[0]![o.tables.summary!.columns.indexOf('placement')])).toEqual(['first-fit', 'first-fit', 'best-fit', 'best-fit'])
  })

  it('reports each run done, with its outcome', async () => {
    const seen: number[] = []
    await runTasks(tasks, { jobs: 'inline', onDone: (done, total, o) => seen.push(done * 10 + total + o.index * 100) })
    expect(seen).toEqual([14, 124, 234, 344])
  })
})
