/**
 * The report in a real headless browser (Debian's chromium driven by playwright-core): it loads with
 * no console error and every chart is a visible SVG of nonzero size. Skipped, with the reason, where
 * no chromium is installed (.ci/run installs it, so CI always runs it).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { comparisonCsv } from './fixture.test-support.js'
import { buildReport } from './report.js'

const CHROMIUM = process.env.FLEETSIM_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

describe('report in headless chromium', () => {
  it('loads with no console errors and shows every chart as a visible SVG', async (ctx) => {
    if (!existsSync(CHROMIUM)) ctx.skip(`no chromium at ${CHROMIUM} (apt-get install -y chromium, or set FLEETSIM_CHROMIUM)`)
    const file = join(mkdtempSync(join(tmpdir(), 'fleetsim-report-')), 'report.html')
    writeFileSync(file, await buildReport({ title: 'quickstart comparison', csv: comparisonCsv() }))
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
      const errors: string[] = []
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('request', (r) => { if (!r.url().startsWith('file:')) errors.push(`request to ${r.url()}`) })
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
      const charts = page.locator('figure.chart')
      const count = await charts.count()
      expect(count).toBeGreaterThanOrEqual(8)
      for (let i = 0; i < count; i++) {
        const svg = charts.nth(i).locator('svg').first()
        await svg.scrollIntoViewIfNeeded()
        expect(await svg.isVisible()).toBe(true)
        const box = await svg.boundingBox()
        expect(box!.width).toBeGreaterThan(100)
        expect(box!.height).toBeGreaterThan(50)
        // Drawn marks, not an empty frame.
        expect(await svg.locator('path, line, circle').count()).toBeGreaterThan(5)
      }
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
