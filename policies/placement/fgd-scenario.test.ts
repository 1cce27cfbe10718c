/**
 * fgd against best-fit on the bundled openb fill-up (scenarios/gpu-sharing.yaml), one seed: the
 * FGD paper's ordering (its Table 3, default trace at 130 % arrived: FGD 95.39 %, BestFit 93.08 %)
 * holds on fleetsim's sample, with the per-device model intact.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Run } from '../../src/controller/index.js'
import { parseScenario } from '../../src/index.js'
import { invariantViolations } from '../../src/model/index.js'
import { builtins } from '../index.js'

const text = readFileSync(new URL('../../scenarios/gpu-sharing.yaml', import.meta.url), 'utf8')

function gpuAllocatedAtEnd(placement: string, seed?: number): number {
  const run = new Run(parseScenario(text, 'gpu-sharing.yaml', { placement, seed }), builtins)
  run.run()
  expect(invariantViolations(run.cluster)).toEqual([])
  return run.cluster.readyGpuReq / run.cluster.readyGpuCap
}

describe('fgd on the openb fill-up sample', () => {
  it('allocates more of the GPUs than best-fit once demand passes capacity: 1.6 points more over six paired seeds', () => {
    // Seed 42 is the scenario's own; its figures are pinned so a change in either policy shows.
    expect(gpuAllocatedAtEnd('fgd')).toBeCloseTo(0.9355, 3)
    expect(gpuAllocatedAtEnd('best-fit')).toBeCloseTo(0.933, 3)
    // Paired by seed (same arrivals for both). The paper's claim is about the mean: per seed the
    // gap is 0.25-2.8 points here, and over seeds 1-60 best-fit came out ahead on 3 (by at most
    // 0.73 points). So the mean gap must pass 1 point (paper: 2.3) and fgd lead on 5 of 6 seeds.
    const gaps = [42, 1, 2, 3, 4, 5].map((seed) => gpuAllocatedAtEnd('fgd', seed) - gpuAllocatedAtEnd('best-fit', seed))
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeGreaterThan(0.01)
    expect(gaps.filter((g) => g > 0).length).toBeGreaterThanOrEqual(5)
  })
})

describe('GPU shares under every placement policy', () => {
  it('no policy picks a node whose GPU devices cannot take the pod (the model would refuse the bind)', () => {
    for (const placement of builtins.policies.keys()) {
      const run = new Run(parseScenario(text, 'gpu-sharing.yaml', { placement, durationMs: 15 * 60_000 }), builtins)
      run.run()
      expect(invariantViolations(run.cluster), placement).toEqual([])
    }
  })
})
