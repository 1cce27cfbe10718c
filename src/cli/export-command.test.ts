/**
 * `fleetsim export openmetrics` through the compiled CLI (built once by vitest.global-setup.ts):
 * the file it writes, its help, and bad arguments (exit 2, one line, no stack trace, no file).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const TMP = mkdtempSync(join(tmpdir(), 'fleetsim-export-cli-'))
const RUN = join(TMP, 'run')
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

const fleetsim = (...args: string[]) => spawnSync(process.execPath, [inject('cliMain'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } })

beforeAll(() => {
  const r = fleetsim('run', 'scenarios/diurnal-web.yaml', '--duration', '2h', '--out', RUN, '--quiet')
  expect(r.status, r.stderr).toBe(0)
})

describe('fleetsim export openmetrics', () => {
  it('writes <dir>/metrics.om.txt: the run\'s series with timestamps from 2024-01-01T00:00:00Z, ending in # EOF', () => {
    const r = fleetsim('export', 'openmetrics', RUN)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const file = join(RUN, 'metrics.om.txt')
    const text = readFileSync(file, 'utf8')
    const samples = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    expect(r.stdout).toBe(`wrote ${file} (${samples.length.toLocaleString('en-US')} samples)\n`)
    expect(text.startsWith('# TYPE fleetsim_cluster_nodes_ready gauge\n')).toBe(true)
    expect(text.endsWith('\n# EOF\n')).toBe(true)
    // 2 h of 5-minute intervals: the first cluster sample at t = 0, the last at 7200 s.
    expect(samples[0]).toBe('fleetsim_cluster_nodes_ready{scenario="diurnal-web",placement="k8s-default",pod_autoscaler="hpa",seed="7"} 10 1704067200')
    expect(samples.filter((l) => l.startsWith('fleetsim_cluster_nodes_ready{')).at(-1)).toMatch(/ 1704074400$/)
    expect(readdirSync(RUN).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('--out and --start-epoch-s place the file and the timestamps', () => {
    const out = join(TMP, 'now.om.txt')
    const r = fleetsim('export', 'openmetrics', RUN, '--out', out, '--start-epoch-s', '1750000000.5', '--quiet')
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(readFileSync(out, 'utf8')).toContain('seed="7"} 10 1750000000.5\n')
  })

  it('shows its options and the promtool command in --help', () => {
    const r = fleetsim('export', 'openmetrics', '--help')
    expect(r.status).toBe(0)
    expect(r.stdout.startsWith('fleetsim export openmetrics <dir>')).toBe(true)
    for (const m of ['--out', '--start-epoch-s', '1704067200', 'promtool tsdb create-blocks-from openmetrics']) expect(r.stdout).toContain(m)
  })

  it.each([
    ['no format', ['export'], 'fleetsim: name a format: openmetrics\n'],
    ['a start epoch that is not a number', ['export', 'openmetrics', RUN, '--start-epoch-s', 'yesterday'], 'fleetsim: --start-epoch-s: expected seconds since 1970-01-01T00:00:00Z, a number >= 0 such as 1704067200, got "yesterday"\n'],
    ['a negative start epoch', ['export', 'openmetrics', RUN, '--start-epoch-s=-60'], 'fleetsim: --start-epoch-s: expected seconds since 1970-01-01T00:00:00Z, a number >= 0 such as 1704067200, got "-60"\n'],
    ['a start epoch given twice', ['export', 'openmetrics', RUN, '--start-epoch-s', '1', '--start-epoch-s', '2'], 'fleetsim: --start-epoch-s: given 2 times ("1", "2"); give it once\n'],
    ['a missing directory', ['export', 'openmetrics', join(TMP, 'nope')], `fleetsim: export openmetrics: "${join(TMP, 'nope')}" is not a directory; expected the output directory of fleetsim run\n`],
    ['an --out in a missing directory', ['export', 'openmetrics', RUN, '--out', join(TMP, 'nope', 'm.txt')], `fleetsim: cannot write "${join(TMP, 'nope', 'm.txt')}" (ENOENT: no directory "${join(TMP, 'nope')}")\n`],
  ])('exits 2 on %s, with one message, no stack trace and no file written', (_what, args, message) => {
    // What exists before: the run's files (metrics.om.txt among them once the first test ran).
    const snapshot = () => ({
      tmp: readdirSync(TMP).sort(),
      run: readdirSync(RUN).sort().map((f) => `${f} ${statSync(join(RUN, f)).mtimeMs}`),
    })
    const before = snapshot()
    const r = fleetsim(...args)
    expect(r.status).toBe(2)
    expect(r.stderr.startsWith(message)).toBe(true)
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(existsSync(join(TMP, 'nope'))).toBe(false)
    expect(snapshot()).toEqual(before)
  })

  it('exits 2 on a directory without time series, and writes nothing there', () => {
    const empty = join(TMP, 'empty')
    mkdirSync(empty)
    const r = fleetsim('export', 'openmetrics', empty)
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`fleetsim: export openmetrics: "${empty}" holds none of cluster.csv, services.csv, nodes.csv; expected the output directory of fleetsim run (compare --keep-runs writes one per run under runs/)\n`)
    expect(readdirSync(empty)).toEqual([])
  })
})
