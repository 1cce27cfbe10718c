import { describe, expect, it } from 'vitest'
import type { TextTable } from '../compare/index.js'
import { billedNodes, billedNodesAt } from './billed-nodes.js'
import { RUN_CHARTS, type Chart } from './charts.js'
import { billedNodePoints } from './cost-charts.js'
import { numbers, parseCsv } from './csv-table.js'
import { comparisonCsv, runCsv } from './fixture.test-support.js'
import { renderSvg } from './render-svg.js'
import { buildReport } from './report.js'
import { logTicks, MAX_SERVICES } from './service-charts.js'

const csv = comparisonCsv()
const web = runCsv('diurnal-web')
const batch = runCsv('autoscale-batch')

const idsOf = (html: string): string[] => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!)

/** The run charts of some CSV text, by id. */
function runCharts(text: Record<string, string>): Map<string, Chart> {
  const tables = Object.fromEntries(Object.entries(text).map(([n, t]) => [n, parseCsv(t)]))
  return new Map(RUN_CHARTS.flatMap((d) => d.charts(tables)).map((c) => [c.id, c]))
}

type Row = Record<string, number | string>
const valuesOf = (c: Chart | undefined): Row[] => (c!.spec as { data: { values: Row[] } }).data.values
/** The values of a layered spec's layers that carry their own data (the SLO rule and its label). */
const layerValuesOf = (c: Chart | undefined): Row[] => (c!.spec as { layer: { data?: { values: Row[] } }[] }).layer.flatMap((l) => l.data?.values ?? [])
const maxOf = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, x), -Infinity)

/** A column of the rows where `key` equals `value`, as numbers. */
function columnWhere(t: TextTable, key: string, value: string, column: string): number[] {
  const k = t.columns.indexOf(key)
  const ys = numbers(t, column)
  return ys.filter((_, i) => t.rows[i]![k] === value)
}

describe('HTML report', () => {
  it('draws the run charts and one interval chart per informative headline metric, as inline SVG', async () => {
    const html = await buildReport({ title: 'quickstart', csv })
    const ids = idsOf(html)
    expect(ids).toEqual(expect.arrayContaining(['cluster-allocation', 'pods-over-time', 'pod-wait', 'metric-pod_wait_mean_s', 'metric-cpu_alloc_mean']))
    // headline metrics first
    expect(ids[0]).toBe('metric-pod_wait_mean_s')
    // gpu allocation is 0 for every policy: no chart says nothing
    expect(ids).not.toContain('metric-gpu_alloc_mean')
    expect(html.match(/<figure class="chart"[^>]*>\n?<figcaption>[^<]*<\/figcaption>\n<svg /g)).toHaveLength(ids.length)
  })

  it('is self-contained: no script, no external URL, and a policy forbidding any fetch', async () => {
    const html = await buildReport({ title: 'quickstart', csv })
    expect(html).not.toMatch(/<script/i)
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '')).not.toMatch(/https?:\/\//)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
  })

  it('reports a single run of batch jobs without comparison data: no service or usage chart, no nodes chart without nodes.csv', async () => {
    const html = await buildReport({ title: 'one run', csv: { summary: csv.summary!, cluster: csv.cluster!, pods: csv.pods! } })
    expect(idsOf(html)).toEqual(['cluster-allocation', 'cost-over-time', 'pods-over-time', 'pod-wait'])
  })

  it('refuses a directory without any table it can draw', async () => {
    await expect(buildReport({ title: 'x', csv: {} })).rejects.toThrow('nothing to report: expected one of comparison.csv, summary.csv, cluster.csv, pods.csv, services.csv, nodes.csv; got no CSV file')
  })
})

describe('run charts of services, usage and cost', () => {
  const charts = runCharts(web)
  const services = parseCsv(web.services!)
  const cluster = parseCsv(web.cluster!)

  it('draws usage, replicas, one latency chart per service, cost and nodes for a run with services', async () => {
    const ids = idsOf(await buildReport({ title: 'diurnal-web', csv: web }))
    expect(ids).toEqual(['service-replicas', 'service-latency-web', 'service-latency-api', 'cluster-allocation', 'cluster-usage',
      'cost-over-time', 'nodes-by-pool', 'pods-over-time', 'pod-wait'])
  })

  it('draws cpu used next to cpu allocated, the values of cluster.csv', () => {
    const values = valuesOf(charts.get('cluster-usage'))
    expect([...new Set(values.map((v) => v.series))]).toEqual(['cpu allocated', 'cpu used'])
    const used = values.filter((v) => v.series === 'cpu used').map((v) => v.value as number)
    expect(used).toEqual(numbers(cluster, 'cpu_used'))
    // Services use less than they request at a 60 % HPA target.
    expect(maxOf(used)).toBeLessThan(maxOf(numbers(cluster, 'cpu_alloc')))
    expect(maxOf(used)).toBeGreaterThan(0.05)
  })

  it('draws replicas desired and ready per service, with the maxima of services.csv', () => {
    const values = valuesOf(charts.get('service-replicas'))
    for (const service of ['web', 'api']) {
      for (const kind of ['desired', 'ready']) {
        const drawn = values.filter((v) => v.service === service && v.kind === kind)
        const column = columnWhere(services, 'service', service, `replicas_${kind}`)
        expect(drawn).toHaveLength(576) // 48 h of 5-minute intervals
        expect(maxOf(drawn.map((v) => v.value as number))).toBe(maxOf(column))
      }
    }
    // The HPA scales web from 8 replicas up past its initial count and below it at night.
    const webDesired = columnWhere(services, 'service', 'web', 'replicas_desired')
    expect(maxOf(webDesired)).toBeGreaterThan(8)
    expect(Math.min(...webDesired)).toBeLessThan(8)
  })

  it('draws p50, p95 and p99 per service with the scenario\'s SLO threshold as a rule', () => {
    for (const [service, sloMs] of [['web', 60], ['api', 40]] as const) {
      const chart = charts.get(`service-latency-${service}`)!
      expect(chart.title).toContain(`SLO threshold of ${sloMs} ms`)
      expect(layerValuesOf(chart)).toEqual([{ slo: sloMs }, { slo: sloMs, label: `SLO ${sloMs} ms` }])
      const p99 = valuesOf(chart).filter((v) => v.series === 'p99').map((v) => v.value as number)
      expect(maxOf(p99)).toBe(maxOf(columnWhere(services, 'service', service, 'latency_p99_ms')))
    }
    // The API's burst on day 2 (33 h) breaks its SLO: the chart shows it.
    const apiP99 = valuesOf(charts.get('service-latency-api')).filter((v) => v.series === 'p99' && v.hours as number > 33 && v.hours as number <= 33.5)
    expect(maxOf(apiP99.map((v) => v.value as number))).toBeGreaterThan(40)
  })

  it('draws the cost so far: 10 nodes at $0.38/h for 48 h end at $182.40', () => {
    const values = valuesOf(charts.get('cost-over-time'))
    expect(values).toHaveLength(cluster.rows.length)
    expect(values.at(-1)).toEqual({ hours: 48, dollars: 182.4 })
  })

  it('draws billed nodes per pool from nodes.csv: the cluster autoscaler fills small to its max of 20 and large to 6, then scales back', () => {
    const values = valuesOf(runCharts(batch).get('nodes-by-pool'))
    const pool = (name: string) => values.filter((v) => v.pool === name)
    expect(maxOf(pool('small').map((v) => v.nodes as number))).toBe(20)
    expect(maxOf(pool('large').map((v) => v.nodes as number))).toBe(6)
    expect(pool('small')[0]).toEqual({ hours: 0, pool: 'small', nodes: 2 })
    expect(pool('small').at(-1)).toEqual({ hours: 3, pool: 'small', nodes: 1 })
    expect(pool('large').at(-1)).toEqual({ hours: 3, pool: 'large', nodes: 0 })
    // Every point has both pools, so the areas stack.
    expect(pool('small').map((v) => v.hours)).toEqual(pool('large').map((v) => v.hours))
  })

  it('leaves out each chart whose data are absent', () => {
    const without = runCharts({ cluster: 'time_s,cpu_alloc,mem_alloc,cost_so_far\n0,0,0,0\n60,0.5,0.25,0\n' })
    expect([...without.keys()]).toEqual(['cluster-allocation'])
    expect([...runCharts(batch).keys()]).not.toEqual(expect.arrayContaining(['cluster-usage', 'service-replicas']))
    expect([...runCharts({ nodes: 'time_s,node,pool,event\n' }).keys()]).toEqual([])
  })

  it('draws at most ten services, those with the most replica-time and the most missed SLO intervals', () => {
    const rows = ['time_s,service,replicas_desired,replicas_ready,latency_p50_ms,latency_p95_ms,latency_p99_ms,slo_met']
    for (let s = 0; s < 12; s++) for (const t of [60, 120]) rows.push(`${t},svc-${s},${s},${s},1,2,${3 + s},${s === 0 ? 0 : 1}`)
    const many = runCharts({ services: `${rows.join('\n')}\n` })
    const replicas = many.get('service-replicas')!
    expect(MAX_SERVICES).toBe(10)
    expect(replicas.title).toContain('(10 of 12 services: those with the most replica-time)')
    expect([...new Set(valuesOf(replicas).map((v) => v.service))]).toEqual(['svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6', 'svc-7', 'svc-8', 'svc-9', 'svc-10', 'svc-11'])
    const latency = [...many.keys()].filter((id) => id.startsWith('service-latency-'))
    // svc-0 missed its SLO; then the highest p99.
    expect(latency).toEqual(['svc-0', 'svc-3', 'svc-4', 'svc-5', 'svc-6', 'svc-7', 'svc-8', 'svc-9', 'svc-10', 'svc-11'].map((s) => `service-latency-${s}`))
  })

  it('labels a log latency axis with 1, 2 and 5 times powers of ten around the data', () => {
    expect(logTicks(5.9, 60)).toEqual([5, 10, 20, 50, 100])
    expect(logTicks(1.6, 1070)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000])
    expect(logTicks(0.3, 0.5)).toEqual([0.2, 0.5])
  })

  it('counts billed nodes after each event time and holds the last count to the end', () => {
    const nodes = parseCsv('time_s,node,pool,event\n0,a-0,a,added\n0,a-0,a,ready\n0,b-0,b,added\n90,a-1,a,added\n90,a-1,a,ready\n600,a-0,a,removed\n')
    expect(billedNodes(nodes)).toEqual({ pools: ['a', 'b'], steps: [{ timeS: 0, nodes: [1, 1] }, { timeS: 90, nodes: [2, 1] }, { timeS: 600, nodes: [1, 1] }] })
    expect(billedNodesAt(billedNodes(nodes), [0, 60, 90, 599, 3600])).toEqual([[1, 1], [1, 1], [2, 1], [2, 1], [1, 1]])
    expect(billedNodePoints(nodes, 3600)).toEqual([
      { hours: 0, pool: 'a', nodes: 1 }, { hours: 0, pool: 'b', nodes: 1 },
      { hours: 0.025, pool: 'a', nodes: 2 }, { hours: 0.025, pool: 'b', nodes: 1 },
      { hours: 600 / 3600, pool: 'a', nodes: 1 }, { hours: 600 / 3600, pool: 'b', nodes: 1 },
      { hours: 1, pool: 'a', nodes: 1 }, { hours: 1, pool: 'b', nodes: 1 },
    ])
  })
})

describe('pod wait chart', () => {
  it('reads 0 to 1 s, with plain tick labels, when no pod waited', async () => {
    const pods = 'pod,wait_s\np-0,0\np-1,0\np-2,\n'
    const chart = runCharts({ pods }).get('pod-wait')!
    expect(valuesOf(chart).every((v) => v.wait_s === 0)).toBe(true)
    const svg = await renderSvg(chart.spec)
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!)
    expect(ticks).toEqual(expect.arrayContaining(['0.0', '1.0']))
    expect(ticks.some((t) => t.includes('0.000'))).toBe(false)
  })

  it('starts at 0 s when pods waited', () => {
    const pods = 'pod,wait_s\np-0,0\np-1,4.5\np-2,30\n'
    const chart = runCharts({ pods }).get('pod-wait')!
    expect((chart.spec as { encoding: { x: { scale: unknown } } }).encoding.x.scale).toEqual({ domainMin: 0 })
    expect(maxOf(valuesOf(chart).map((v) => Number(v.wait_s)))).toBe(30)
  })
})
