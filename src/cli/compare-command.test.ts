import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../report/index.js'
import { buildCli, repoPath, runCli } from './cli-build.test-support.js'

let main = ''
const tmp = mkdtempSync(join(tmpdir(), 'fleetsim-compare-'))
const QUICK = [repoPath('scenarios/quickstart.yaml'), '--duration', '90m', '--quiet']

beforeAll(() => {
  main = buildCli('compare')
})

describe('fleetsim compare', () => {
  it('writes byte-identical runs.csv and comparison.csv with --jobs 1 and --jobs 2', () => {
    const outs = [1, 2].map((jobs) => {
      const out = join(tmp, `jobs${jobs}`)
      const r = runCli(main, ['compare', ...QUICK, '--placement', 'first-fit,best-fit,worst-fit', '--seeds', '3', '--jobs', String(jobs), '--out', out])
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      return out
    })
    for (const f of ['runs.csv', 'comparison.csv']) expect(readFileSync(join(outs[1]!, f), 'utf8')).toBe(readFileSync(join(outs[0]!, f), 'utf8'))
    const runs = parseCsv(readFileSync(join(outs[0]!, 'runs.csv'), 'utf8'))
    expect(runs.rows.map((r) => `${r[runs.columns.indexOf('placement')]}/${r[runs.columns.indexOf('seed')]}`)).toEqual([
      'first-fit/1', 'first-fit/2', 'first-fit/3', 'best-fit/1', 'best-fit/2', 'best-fit/3', 'worst-fit/1', 'worst-fit/2', 'worst-fit/3',
    ])
  })

  it('gives every policy the same pods for a seed: common random numbers, read from pods.csv', () => {
    const out = join(tmp, 'crn')
    const r = runCli(main, ['compare', ...QUICK, '--placement', 'first-fit,worst-fit,random', '--seeds', '2', '--jobs', '2', '--keep-runs', '--out', out])
    expect(r.status).toBe(0)
    expect(readdirSync(join(out, 'runs')).sort()).toEqual(['first-fit-seed1', 'first-fit-seed2', 'random-seed1', 'random-seed2', 'worst-fit-seed1', 'worst-fit-seed2'])
    const workload = (dir: string) => {
      const t = parseCsv(readFileSync(join(out, 'runs', dir, 'pods.csv'), 'utf8'))
      const keep = ['pod', 'created_s', 'cpu_request_milli', 'memory_request_mib', 'gpu_request', 'run_duration_s'].map((c) => t.columns.indexOf(c))
      expect(keep).not.toContain(-1)
      return t.rows.map((row) => keep.map((i) => row[i]).join(','))
    }
    const nodes = (dir: string) => {
      const t = parseCsv(readFileSync(join(out, 'runs', dir, 'pods.csv'), 'utf8'))
      return t.rows.map((row) => row[t.columns.indexOf('node')]).join(',')
    }
    for (const seed of [1, 2]) {
      const ff = workload(`first-fit-seed${seed}`)
      expect(ff.length).toBeGreaterThan(50)
      expect(workload(`worst-fit-seed${seed}`)).toEqual(ff)
      expect(workload(`random-seed${seed}`)).toEqual(ff)
      // ...while the decisions differ, so the comparison is of policies, not of workloads.
      expect(nodes(`worst-fit-seed${seed}`)).not.toBe(nodes(`first-fit-seed${seed}`))
    }
    expect(workload('first-fit-seed2')).not.toEqual(workload('first-fit-seed1'))
  })

  it('prints the table with the baseline named, and exits 1 naming the policy when an --assert fails', () => {
    const r = runCli(main, ['compare', repoPath('scenarios/quickstart.yaml'), '--duration', '90m', '--placement', 'first-fit,best-fit', '--seeds', '2', '--jobs', '1',
      '--out', join(tmp, 'assert'), '--assert', 'pods_completed > 0', '--assert', 'best-fit.pod_wait_max_s < 0'])
    expect(r.stdout).toContain('first-fit (baseline)')
    expect(r.stdout).toMatch(/^pod_wait_p95_s \(lower\)/m)
    expect(r.stderr).toContain('assertion passed: pods_completed > 0')
    expect(r.stderr).toMatch(/assertion FAILED: best-fit\.pod_wait_max_s < 0\n {2}best-fit: pod_wait_max_s mean \d+(\.\d+)? is not < 0\n/)
    expect(r.stderr).toContain('fleetsim: 1 of 2 assertion(s) failed')
    expect(r.status).toBe(1)
  })

  it('exits 2 listing the known metrics for an unknown metric, before running anything', () => {
    const out = join(tmp, 'bad-metric')
    const r = runCli(main, ['compare', ...QUICK, '--placement', 'first-fit', '--seeds', '2', '--out', out, '--assert', 'latency_p99_ms < 250'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^fleetsim: --assert "latency_p99_ms < 250": unknown metric "latency_p99_ms"; known metrics: events, pods_submitted, .*pod_wait_p95_s/)
    expect(() => readdirSync(out)).toThrow()
  })

  it('exits 2 for a malformed expression, an unknown policy and bad --seeds', () => {
    expect(runCli(main, ['compare', ...QUICK, '--placement', 'first-fit', '--assert', 'pod_wait_p95_s ~ 3']).stderr).toMatch(/expected METRIC OP NUMBER/)
    const unknown = runCli(main, ['compare', ...QUICK, '--placement', 'first-fit,fastest-fit'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('fastest-fit')
    const seeds = runCli(main, ['compare', ...QUICK, '--placement', 'first-fit', '--seeds', 'ten'])
    expect(seeds.status).toBe(2)
    expect(seeds.stderr).toContain('--seeds: expected a count (5), a range (1..20) or a list (1,4,9), got "ten"')
  })

  it('compares pod autoscalers with --pod-autoscaler: labels are the autoscaler names, replica_seconds counts as lower-is-better', () => {
    const out = join(tmp, 'pod-autoscalers')
    const r = runCli(main, ['compare', repoPath('scenarios/diurnal-web.yaml'), '--duration', '3h', '--pod-autoscaler', 'hpa,predictive', '--seeds', '2', '--jobs', '1',
      '--out', out, '--assert', 'predictive.latency_p99_ms < 1000'])
    expect(r.stderr).toContain('assertion passed: predictive.latency_p99_ms < 1000')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('hpa (baseline)')
    expect(r.stdout).toMatch(/^replica_seconds \(lower\)/m)
    const runs = parseCsv(readFileSync(join(out, 'runs.csv'), 'utf8'))
    expect(runs.rows.map((row) => `${row[runs.columns.indexOf('pod_autoscaler')]}/${row[runs.columns.indexOf('seed')]}`)).toEqual(['hpa/1', 'hpa/2', 'predictive/1', 'predictive/2'])
    const cmp = parseCsv(readFileSync(join(out, 'comparison.csv'), 'utf8'))
    expect(cmp.columns.slice(0, 2)).toEqual(['pod_autoscaler', 'metric'])
    expect(runCli(main, ['compare', ...QUICK]).stderr).toContain('expected --placement or --pod-autoscaler (or both)')
  })
})
