import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { numbers, parseCsv } from './csv-table.js'
import { runCsv } from './fixture.test-support.js'
import { DEFAULT_START_EPOCH_S, toOpenMetrics } from './openmetrics.js'

const web = runCsv('diurnal-web')
const batch = runCsv('autoscale-batch')

interface Sample { name: string; labels: Record<string, string>; value: string; timestampS: number }
interface Family { name: string; type: string; unit: string | undefined; help: string; samples: Sample[] }

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+) (\S+)$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy
const unescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))

/**
 * Parses OpenMetrics text and checks its rules on the way: the text ends with `# EOF` and a line
 * feed; a family's TYPE comes first, once, then at most one UNIT (a suffix of the name) and one
 * HELP, then its samples; families are not interleaved; a counter's samples end in `_total`; each
 * series is contiguous with increasing timestamps.
 */
function parseOpenMetrics(text: string): Map<string, Family> {
  expect(text.endsWith('\n# EOF\n')).toBe(true)
  const lines = text.slice(0, -'# EOF\n'.length).split('\n').slice(0, -1)
  const families = new Map<string, Family>()
  let current: Family | undefined
  const seriesSeen = new Set<string>()
  let lastSeries = ''
  let lastTime = -Infinity
  for (const line of lines) {
    const meta = /^# (TYPE|UNIT|HELP) (\S+) (.*)$/.exec(line)
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string]
      if (kind === 'TYPE') {
        expect(families.has(name), `family ${name} declared twice`).toBe(false)
        expect(['gauge', 'counter']).toContain(rest)
        current = { name, type: rest, unit: undefined, help: '', samples: [] }
        families.set(name, current)
        continue
      }
      expect(current?.name, `${kind} of ${name} outside its family`).toBe(name)
      expect(current!.samples, `${kind} of ${name} after its samples`).toEqual([])
      if (kind === 'UNIT') {
        expect(current!.unit).toBeUndefined()
        expect(name.endsWith(`_${rest}`), `unit ${rest} is a suffix of ${name}`).toBe(true)
        current!.unit = rest
      } else {
        expect(current!.help).toBe('')
        current!.help = unescape(rest)
      }
      continue
    }
    expect(line.startsWith('#'), line).toBe(false)
    const m = SAMPLE.exec(line)
    expect(m, line).not.toBeNull()
    const [, name, labelText = '', value, ts] = m as unknown as [string, string, string | undefined, string, string]
    expect(current, `sample before any TYPE: ${line}`).toBeDefined()
    expect(name).toBe(current!.type === 'counter' ? `${current!.name}_total` : current!.name)
    const labels: Record<string, string> = {}
    LABEL.lastIndex = 0
    let l: RegExpExecArray | null
    while (LABEL.lastIndex < labelText.length && (l = LABEL.exec(labelText)) !== null) labels[l[1]!] = unescape(l[2]!)
    expect(LABEL.lastIndex, `labels parsed to the end: ${labelText}`).toBe(labelText.length)
    const series = `${name}{${labelText}}`
    if (series !== lastSeries) {
      expect(seriesSeen.has(series), `series ${series} is not contiguous`).toBe(false)
      seriesSeen.add(series)
      lastSeries = series
      lastTime = -Infinity
    }
    expect(ts).toMatch(/^\d+(\.\d{1,3})?$/)
    const timestampS = Number(ts)
    expect(timestampS, `timestamps increase in ${series}`).toBeGreaterThan(lastTime)
    lastTime = timestampS
    expect(value).toMatch(/^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]Inf|NaN)$/)
    current!.samples.push({ name, labels, value, timestampS })
  }
  return families
}

/** A column of the rows where `key` equals `value`, as CSV text. */
function cellsWhere(csvText: string, key: string | undefined, value: string | undefined, column: string): string[] {
  const t = parseCsv(csvText)
  const [k, c] = [key === undefined ? -1 : t.columns.indexOf(key), t.columns.indexOf(column)]
  return t.rows.filter((r) => k < 0 || r[k] === value).map((r) => r[c]!)
}

describe('OpenMetrics export of a run', () => {
  const text = toOpenMetrics({ csv: web, startEpochS: DEFAULT_START_EPOCH_S })
  const families = parseOpenMetrics(text)
  const run = { scenario: 'diurnal-web', placement: 'k8s-default', pod_autoscaler: 'hpa', seed: '7' }

  it('declares every family once, with units as name suffixes, and ends with # EOF', () => {
    expect([...families.keys()]).toEqual([
      'fleetsim_cluster_nodes_ready', 'fleetsim_cluster_nodes_not_ready', 'fleetsim_cluster_pods', 'fleetsim_cluster_allocated_ratio',
      'fleetsim_cluster_used_ratio', 'fleetsim_cluster_cost_dollars',
      'fleetsim_service_offered_requests_per_second', 'fleetsim_service_served_requests_per_second', 'fleetsim_service_dropped_requests_per_second',
      'fleetsim_service_replicas_desired', 'fleetsim_service_replicas_ready', 'fleetsim_service_cpu_busy_ratio',
      'fleetsim_service_latency_p50_seconds', 'fleetsim_service_latency_p95_seconds', 'fleetsim_service_latency_p99_seconds',
      'fleetsim_service_slo_met', 'fleetsim_service_slo_threshold_seconds', 'fleetsim_pool_nodes',
    ])
    expect(families.get('fleetsim_cluster_cost_dollars')).toMatchObject({ type: 'counter', unit: 'dollars' })
    expect(families.get('fleetsim_service_latency_p99_seconds')).toMatchObject({ type: 'gauge', unit: 'seconds' })
    for (const f of families.values()) expect(f.help, f.name).not.toBe('')
  })

  it('writes the values of cluster.csv unchanged, at the start epoch plus simulated time', () => {
    const times = numbers(parseCsv(web.cluster!), 'time_s')
    const ready = families.get('fleetsim_cluster_nodes_ready')!.samples
    expect(ready.map((s) => s.value)).toEqual(cellsWhere(web.cluster!, undefined, undefined, 'nodes_ready'))
    expect(ready.map((s) => s.timestampS)).toEqual(times.map((t) => DEFAULT_START_EPOCH_S + t))
    expect(ready[0]!.labels).toEqual(run)
    const cpuUsed = families.get('fleetsim_cluster_used_ratio')!.samples
    expect(cpuUsed.map((s) => s.value)).toEqual(cellsWhere(web.cluster!, undefined, undefined, 'cpu_used'))
    expect(cpuUsed[0]!.labels).toEqual({ ...run, resource: 'cpu' })
    const pending = families.get('fleetsim_cluster_pods')!.samples.filter((s) => s.labels.phase === 'Pending')
    expect(pending.map((s) => s.value)).toEqual(cellsWhere(web.cluster!, undefined, undefined, 'pods_pending'))
    // 10 nodes at $0.38/h for 48 h
    const cost = families.get('fleetsim_cluster_cost_dollars')!.samples
    expect(cost.at(-1)).toMatchObject({ name: 'fleetsim_cluster_cost_dollars_total', value: '182.4', timestampS: DEFAULT_START_EPOCH_S + 48 * 3600 })
  })

  it('writes one series per service, latency in seconds, and each service\'s SLO threshold', () => {
    for (const [service, sloS] of [['web', '0.06'], ['api', '0.04']] as const) {
      const p99 = families.get('fleetsim_service_latency_p99_seconds')!.samples.filter((s) => s.labels.service === service)
      const ms = cellsWhere(web.services!, 'service', service, 'latency_p99_ms')
      expect(p99).toHaveLength(576)
      p99.forEach((s, i) => expect(Number(s.value) * 1000).toBeCloseTo(Number(ms[i]), 9))
      expect(p99[0]!.labels).toEqual({ ...run, service })
      const replicas = families.get('fleetsim_service_replicas_desired')!.samples.filter((s) => s.labels.service === service)
      expect(replicas.map((s) => s.value)).toEqual(cellsWhere(web.services!, 'service', service, 'replicas_desired'))
      const slo = families.get('fleetsim_service_slo_threshold_seconds')!.samples.filter((s) => s.labels.service === service)
      expect(new Set(slo.map((s) => s.value))).toEqual(new Set([sloS]))
      expect(slo.map((s) => s.timestampS)).toEqual(p99.map((s) => s.timestampS))
    }
    // ms to s without binary noise: 26.431857 ms is 0.026431857 s, not 0.026431857000000002
    for (const s of families.get('fleetsim_service_latency_p50_seconds')!.samples) expect(s.value.length, s.value).toBeLessThan(16)
  })

  it('writes the nodes billed per pool at each cluster.csv time, from nodes.csv', () => {
    const b = parseOpenMetrics(toOpenMetrics({ csv: batch, startEpochS: 0 }))
    const pool = (name: string) => b.get('fleetsim_pool_nodes')!.samples.filter((s) => s.labels.pool === name)
    expect(pool('small')).toHaveLength(parseCsv(batch.cluster!).rows.length)
    expect(pool('small').map((s) => s.timestampS)).toEqual(numbers(parseCsv(batch.cluster!), 'time_s'))
    expect(Math.max(...pool('small').map((s) => Number(s.value)))).toBe(20)
    expect(Math.max(...pool('large').map((s) => Number(s.value)))).toBe(6)
    expect(pool('small')[0]!.value).toBe('2')
    expect(pool('large').at(-1)!.value).toBe('0')
    // No service in this run: no service family.
    expect([...b.keys()].filter((n) => n.startsWith('fleetsim_service_'))).toEqual([])
  })

  it('is deterministic, and --start-epoch-s only moves the timestamps', () => {
    expect(toOpenMetrics({ csv: web, startEpochS: DEFAULT_START_EPOCH_S })).toBe(text)
    const moved = parseOpenMetrics(toOpenMetrics({ csv: web, startEpochS: 1_800_000_000.25 }))
    const [a, b] = [families.get('fleetsim_service_offered_requests_per_second')!.samples, moved.get('fleetsim_service_offered_requests_per_second')!.samples]
    expect(b.map((s) => s.value)).toEqual(a.map((s) => s.value))
    expect(b.map((s) => s.timestampS)).toEqual(a.map((s) => s.timestampS - DEFAULT_START_EPOCH_S + 1_800_000_000.25))
    expect(DEFAULT_START_EPOCH_S).toBe(Date.UTC(2024, 0, 1) / 1000)
    expect(new Date(DEFAULT_START_EPOCH_S * 1000).getUTCDay()).toBe(1) // a Monday, day 0 of the weekly curve
  })

  it('escapes labels, skips empty cells, keeps the last of two rows at one time, and exports columns it does not know', () => {
    const om = toOpenMetrics({
      csv: {
        summary: 'scenario,placement,seed\n"say ""hi"" \\ there",first-fit,x\n',
        cluster: 'time_s,nodes_ready,pods_pending,queue_depth\n0,3,,7\n60,4,1,Infinity\n60,5,2,8\n',
      },
      startEpochS: 0,
    })
    const f = parseOpenMetrics(om)
    expect(om).toContain('scenario="say \\"hi\\" \\\\ there"')
    expect(f.get('fleetsim_cluster_nodes_ready')!.samples.map((s) => [s.timestampS, s.value])).toEqual([[0, '3'], [60, '5']])
    expect(f.get('fleetsim_cluster_pods')!.samples.map((s) => [s.timestampS, s.value])).toEqual([[60, '2']])
    expect(f.get('fleetsim_cluster_queue_depth')).toMatchObject({ type: 'gauge', unit: undefined, help: 'Column queue_depth, as written' })
    expect(f.get('fleetsim_cluster_queue_depth')!.samples[0]!.labels).toEqual({ scenario: 'say "hi" \\ there', placement: 'first-fit', seed: 'x' })
  })

  it('refuses a directory without time series', () => {
    expect(() => toOpenMetrics({ csv: { summary: web.summary! }, startEpochS: 0 })).toThrow('nothing to export: expected one of cluster.csv, services.csv, nodes.csv; got summary.csv')
    expect(() => toOpenMetrics({ csv: web, startEpochS: -1 })).toThrow('startEpochS: expected a number of seconds >= 0, got -1')
  })

  it('has a format check here that bites: no EOF, a series split in two, a time going back, a TYPE given twice', () => {
    const ok = '# TYPE a gauge\n# HELP a x\na{k="1"} 1 10\na{k="1"} 2 20\na{k="2"} 1 10\n# EOF\n'
    expect(parseOpenMetrics(ok).get('a')!.samples).toHaveLength(3)
    expect(() => parseOpenMetrics(ok.replace('# EOF\n', ''))).toThrow()
    expect(() => parseOpenMetrics(ok.replace('a{k="1"} 2 20\na{k="2"} 1 10', 'a{k="2"} 1 10\na{k="1"} 2 20'))).toThrow('not contiguous')
    expect(() => parseOpenMetrics(ok.replace('2 20', '2 5'))).toThrow('timestamps increase')
    expect(() => parseOpenMetrics(ok.replace('a{k="2"}', '# TYPE a gauge\na{k="2"}'))).toThrow('declared twice')
    expect(() => parseOpenMetrics(ok.replace('# HELP a x', '# UNIT a seconds'))).toThrow('suffix')
  })

  const PROMTOOL = process.env.FLEETSIM_PROMTOOL ?? '/usr/bin/promtool'
  it('is accepted by promtool tsdb create-blocks-from openmetrics, every sample', (ctx) => {
    if (!existsSync(PROMTOOL)) ctx.skip(`no promtool at ${PROMTOOL} (Debian's prometheus package has it, or set FLEETSIM_PROMTOOL)`)
    const dir = mkdtempSync(join(tmpdir(), 'fleetsim-openmetrics-'))
    writeFileSync(join(dir, 'metrics.om.txt'), text)
    const create = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'metrics.om.txt'), join(dir, 'blocks')], { encoding: 'utf8' })
    expect(create.stderr).not.toMatch(/error/i)
    expect(create.status).toBe(0)
    const list = spawnSync(PROMTOOL, ['tsdb', 'list', join(dir, 'blocks')], { encoding: 'utf8' })
    expect(list.status).toBe(0)
    const blocks = list.stdout.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/))
    const samples = blocks.reduce((n, b) => n + Number(b[4]), 0)
    expect(samples).toBe([...families.values()].reduce((n, f) => n + f.samples.length, 0))
    // The first block starts at the start epoch (milliseconds).
    expect(Math.min(...blocks.map((b) => Number(b[1])))).toBe(DEFAULT_START_EPOCH_S * 1000)
  })
})
