/**
 * `fleetsim run --report` and `fleetsim report` through the compiled CLI (built once by
 * vitest.global-setup.ts): the report of a run directory reads services.csv, services_summary.csv
 * and nodes.csv too, and bad directories exit 2 without a stack trace or a file.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const TMP = mkdtempSync(join(tmpdir(), 'fleetsim-report-cli-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

const fleetsim = (...args: string[]) => spawnSync(process.execPath, [inject('cliMain'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } })
const chartIds = (html: string): string[] => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!)

describe('fleetsim report of a run directory', () => {
  it('run --report draws the service, usage and cost charts from the files the run wrote', () => {
    const out = join(TMP, 'diurnal-web')
    const r = fleetsim('run', 'scenarios/diurnal-web.yaml', '--duration', '12h', '--out', out, '--quiet', '--report')
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(chartIds(readFileSync(join(out, 'report.html'), 'utf8'))).toEqual(['service-replicas', 'service-latency-web', 'service-latency-api',
      'cluster-allocation', 'cluster-usage', 'cost-over-time', 'nodes-by-pool', 'pods-over-time', 'pod-wait'])
    const again = fleetsim('report', out, '--out', join(TMP, 'again.html'))
    expect(again.status).toBe(0)
    expect(again.stdout).toBe(`wrote ${join(TMP, 'again.html')}\n`)
    expect(readFileSync(join(TMP, 'again.html'), 'utf8')).toBe(readFileSync(join(out, 'report.html'), 'utf8'))
  })

  it('a directory without results exits 2 with a message, no stack trace and no file', () => {
    const empty = join(TMP, 'empty')
    mkdirSync(empty)
    const r = fleetsim('report', empty)
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`fleetsim: report: "${empty}" holds none of comparison.csv, runs.csv, summary.csv, cluster.csv, pods.csv, services.csv, services_summary.csv, nodes.csv; expected the output directory of fleetsim run, compare or sweep\n`)
    expect(existsSync(join(empty, 'report.html'))).toBe(false)
  })
})
