/**
 * `fleetsim explain --json` on the bundled preemption scenario, through the compiled CLI (built
 * once by vitest.global-setup.ts): the pod that fit nowhere carries the preemption plan.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, inject, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

describe('fleetsim explain with DefaultPreemption', () => {
  it('shows the node and victims of the plan, with chosen null, for a pod that fit nowhere', () => {
    const r = spawnSync(process.execPath, [inject('cliMain'), 'explain', 'scenarios/k8s-preemption.yaml', '--pod', 'critical-0', '--json'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout) as { chosen: string | null; preemption: unknown; nodes: { feasible: boolean; reason: string }[] }
    expect(json.chosen).toBeNull()
    expect(json.preemption).toEqual({ node: 'node-2', victims: ['batch-8', 'batch-9'] })
    expect(json.nodes.map((n) => n.reason)).toEqual(['NodeResourcesFit: Insufficient cpu', 'NodeResourcesFit: Insufficient cpu', 'NodeResourcesFit: Insufficient cpu'])
  })

  it('has preemption null for a pod that was placed', () => {
    const r = spawnSync(process.execPath, [inject('cliMain'), 'explain', 'scenarios/k8s-preemption.yaml', '--pod', 'batch-0', '--json'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect((JSON.parse(r.stdout) as { preemption: unknown }).preemption).toBeNull()
  })
})
