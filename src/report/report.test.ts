import { describe, expect, it } from 'vitest'
import { comparisonCsv } from './fixture.test-support.js'
import { buildReport } from './report.js'

const csv = comparisonCsv()

describe('HTML report', () => {
  it('draws the run charts and one interval chart per informative headline metric, as inline SVG', async () => {
    const html = await buildReport({ title: 'quickstart', csv })
    const ids = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1])
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

  it('reports a single run without comparison data', async () => {
    const html = await buildReport({ title: 'one run', csv: { summary: csv.summary!, cluster: csv.cluster!, pods: csv.pods! } })
    expect([...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1])).toEqual(['cluster-allocation', 'pods-over-time', 'pod-wait'])
  })

  it('refuses a directory without any table it can draw', async () => {
    await expect(buildReport({ title: 'x', csv: {} })).rejects.toThrow('nothing to report: expected comparison.csv, runs.csv, summary.csv, cluster.csv or pods.csv, got no CSV file')
  })
})
