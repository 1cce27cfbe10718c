import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../report/index.js'
import { buildCli, repoPath, runCli } from './cli-build.test-support.js'

let main = ''
const tmp = mkdtempSync(join(tmpdir(), 'fleetsim-sweep-'))
// 2 pool sizes × 2 random ETL medians × 2 policies × 2 seeds = 16 runs of 40 simulated minutes.
const sweepFile = join(tmp, 'sweep.yaml')
writeFileSync(sweepFile, `
scenario: ${repoPath('scenarios/quickstart.yaml')}
duration: 40m
seeds: 2
policies: { placement: [first-fit, worst-fit] }
grid:
  cluster.pools[0].nodes: [3, 6]
random:
  samples: 2
  seed: 7
  ranges:
    workloads[0].duration.median: { min: 4, max: 12, unit: m }
`)
const read = (dir: string, f: string) => readFileSync(join(tmp, dir, f), 'utf8')

beforeAll(() => {
  main = buildCli('sweep')
})

describe('fleetsim sweep and merge', () => {
  it('merges 4 shards into runs.csv and comparison.csv identical, byte for byte, to the unsharded sweep', () => {
    const all = runCli(main, ['sweep', sweepFile, '--out', join(tmp, 'all'), '--jobs', '2'])
    expect(all.stderr).toBe('')
    expect(all.stdout).toContain('sweep: 4 points × 2 policies × 2 seeds = 16 runs; ran 16')
    for (let i = 0; i < 4; i++) {
      const r = runCli(main, ['sweep', sweepFile, '--shard', `${i}/4`, '--out', join(tmp, `s${i}`), '--jobs', String(1 + (i % 2)), '--quiet'])
      expect(r.status).toBe(0)
      // round-robin: shard i holds runs i, i+4, i+8, i+12
      const runs = parseCsv(read(`s${i}`, 'runs.csv'))
      expect(runs.rows.map((row) => Number(row[0]))).toEqual([i, i + 4, i + 8, i + 12])
    }
    const m = runCli(main, ['merge', ...[3, 1, 0, 2].map((i) => join(tmp, `s${i}`)), '--out', join(tmp, 'merged')])
    expect(m.status).toBe(0)
    expect(read('merged', 'runs.csv')).toBe(read('all', 'runs.csv'))
    expect(read('merged', 'comparison.csv')).toBe(read('all', 'comparison.csv'))
    const runs = parseCsv(read('all', 'runs.csv'))
    expect(runs.columns.slice(0, 6)).toEqual(['run', 'point', 'cluster.pools[0].nodes', 'workloads[0].duration.median', 'scenario', 'placement'])
    const comparison = parseCsv(read('all', 'comparison.csv'))
    expect(comparison.columns.slice(0, 5)).toEqual(['point', 'cluster.pools[0].nodes', 'workloads[0].duration.median', 'placement', 'metric'])
  })

  it('refuses to merge when a shard is missing, naming the missing runs', () => {
    const m = runCli(main, ['merge', join(tmp, 's0'), join(tmp, 's1'), join(tmp, 's3'), '--out', join(tmp, 'partial')])
    expect(m.status).toBe(2)
    expect(m.stderr).toMatch(/^fleetsim: merge: 4 of 16 runs are missing \(runs 2, 6, 10, 14\)/)
  })

  it('resumes: finished runs are skipped, and a run cut short in the journal is done again', () => {
    const out = join(tmp, 'resume')
    expect(runCli(main, ['sweep', sweepFile, '--shard', '1/2', '--out', out, '--jobs', '1']).stdout).toContain('shard 1/2: 8 runs; ran 8')
    const first = read('resume', 'runs.csv')
    expect(runCli(main, ['sweep', sweepFile, '--shard', '1/2', '--out', out]).stdout).toContain('8 runs, 8 already done (resumed); ran 0')
    // An interruption mid-write leaves a partial last line: that run alone is redone.
    const journal = read('resume', 'journal.jsonl').split('\n').filter((l) => l !== '')
    writeFileSync(join(out, 'journal.jsonl'), [...journal.slice(0, -1), journal.at(-1)!.slice(0, 40)].join('\n'))
    expect(runCli(main, ['sweep', sweepFile, '--shard', '1/2', '--out', out]).stdout).toContain('8 runs, 7 already done (resumed); ran 1')
    expect(read('resume', 'runs.csv')).toBe(first)
  })

  it('exits 2 for a bad --shard and names the sweep point whose scenario does not validate', () => {
    expect(runCli(main, ['sweep', sweepFile, '--shard', '4/4']).stderr).toContain('--shard: expected i < N (shards are numbered 0..3), got 4/4')
    const bad = join(tmp, 'bad.yaml')
    writeFileSync(bad, readFileSync(sweepFile, 'utf8').replace('[3, 6]', '[3, -1]'))
    const r = runCli(main, ['sweep', bad, '--out', join(tmp, 'bad')])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/point 2 \(cluster\.pools\[0\]\.nodes=-1, workloads\[0\]\.duration\.median=[\d.]+m\), first-fit: the scenario does not validate\n.*cluster\.pools\[0\]\.nodes: /s)
  })
})
