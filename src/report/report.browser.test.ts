/**
 * The report in a real headless browser (Debian's chromium driven by playwright-core): it loads with
 * no console error and every chart is a visible SVG of nonzero size. Three pages: a comparison with
 * one of its runs (batch jobs), a run with services (usage, replicas, latency against the SLO, cost,
 * nodes), and a run whose cluster autoscaler grows two pools. Skipped, with the reason, where no
 * chromium is installed (.ci/run installs it, so CI always runs it).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { comparisonCsv, runCsv } from './fixture.test-support.js'
import { buildReport } from './report.js'

const CHROMIUM = process.env.FLEETSIM_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const PAGES = [
  { title: 'quickstart comparison', csv: comparisonCsv, charts: ['metric-pod_wait_mean_s', 'cluster-allocation', 'pods-over-time', 'pod-wait', 'cost-over-time'], atLeast: 8 },
  { title: 'diurnal-web run', csv: () => runCsv('diurnal-web'), charts: ['cluster-usage', 'service-replicas', 'service-latency-web', 'service-latency-api', 'cost-over-time', 'nodes-by-pool'], atLeast: 9 },
  { title: 'autoscale-batch run', csv: () => runCsv('autoscale-batch'), charts: ['cluster-allocation', 'cost-over-time', 'nodes-by-pool'], atLeast: 5 },
]

let browser: Browser | undefined
afterAll(async () => { await browser?.close() })

describe('report in headless chromium', () => {
  it.for(PAGES)('$title: loads with no console errors and shows every chart as a visible SVG', async ({ title, csv, charts: expected, atLeast }, ctx) => {
    if (!existsSync(CHROMIUM)) ctx.skip(`no chromium at ${CHROMIUM} (apt-get install -y chromium, or set FLEETSIM_CHROMIUM)`)
    const file = join(mkdtempSync(join(tmpdir(), 'fleetsim-report-')), 'report.html')
    writeFileSync(file, await buildReport({ title, csv: csv() }))
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    try {
      const errors: string[] = []
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push(`request to ${r.url()}`) })
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
      const charts = page.locator('figure.chart')
      const count = await charts.count()
      expect(count).toBeGreaterThanOrEqual(atLeast)
      const ids = await charts.evaluateAll((figs) => figs.map((f) => f.getAttribute('data-chart')))
      expect(ids).toEqual(expect.arrayContaining(expected))
      for (let i = 0; i < count; i++) {
        const svg = charts.nth(i).locator('svg').first()
        await svg.scrollIntoViewIfNeeded()
        expect(await svg.isVisible(), ids[i]!).toBe(true)
        const box = await svg.boundingBox()
        expect(box!.width, ids[i]!).toBeGreaterThan(100)
        expect(box!.height, ids[i]!).toBeGreaterThan(50)
        // Drawn marks, not an empty frame.
        expect(await svg.locator('path, line, circle').count(), ids[i]!).toBeGreaterThan(5)
      }
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})
