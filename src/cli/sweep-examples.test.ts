/** The shipped sweep examples: the Kubernetes Indexed Job's shard arithmetic covers every run once. */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parseShard, parseSweep, planRuns, policyCombinations, shardRuns, sweepPoints, type SweepSpec } from '../compare/index.js'
import { repoPath } from './cli-build.test-support.js'

interface JobManifest {
  spec: { completionMode: string; completions: number; parallelism: number
    template: { spec: { containers: { args: string[]; env: { name: string; value: string }[] }[] } } }
}

describe('docs/examples/sweep-indexed-job.yaml', () => {
  const job = parse(readFileSync(repoPath('docs/examples/sweep-indexed-job.yaml'), 'utf8')) as JobManifest
  const container = job.spec.template.spec.containers[0]!
  const shards = Number(container.env.find((e) => e.name === 'SHARDS')!.value)

  it('is an Indexed Job with one completion per shard', () => {
    expect(job.spec.completionMode).toBe('Indexed')
    expect(job.spec.completions).toBe(shards)
    expect(container.args.join(' ')).toContain('--shard "${JOB_COMPLETION_INDEX}/${SHARDS}"')
    expect(container.args.join(' ')).toContain('--out "/results/shard-${JOB_COMPLETION_INDEX}"')
  })

  it('gives each run of the example sweep to exactly one of its completion indexes', () => {
    const spec = parseSweep(readFileSync(repoPath('docs/examples/sweep.yaml'), 'utf8'), 'sweep.yaml') as SweepSpec
    const runs = planRuns(sweepPoints(spec).length, policyCombinations(spec.policies), spec.seeds)
    expect(runs).toHaveLength(48)
    // Kubernetes sets JOB_COMPLETION_INDEX to 0..completions-1 (batch/v1 Job, completionMode Indexed).
    const owned = Array.from({ length: job.spec.completions }, (_, index) => {
      const shard = parseShard(`${index}/${shards}`)
      if (typeof shard === 'string') throw new Error(shard)
      return shardRuns(runs, shard).map((r) => r.index)
    })
    expect(owned.flat().sort((a, b) => a - b)).toEqual(runs.map((r) => r.index))
    expect(owned.map((o) => o.length)).toEqual([12, 12, 12, 12])
  })
})
