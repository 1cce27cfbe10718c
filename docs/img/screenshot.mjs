// Regenerates docs/img/compare-report.png (needs `npm run build` and Debian's chromium):
//   node dist/src/cli/main.js compare scenarios/quickstart.yaml --placement first-fit,best-fit,worst-fit \
//     --seeds 10 --report --quiet --out results/quickstart/docs-compare
//   node docs/img/screenshot.mjs results/quickstart/docs-compare/report.html docs/img/compare-report.png
// and docs/img/run-report.png (a run with services):
//   node dist/src/cli/main.js run scenarios/diurnal-web.yaml --report --quiet
//   node docs/img/screenshot.mjs results/diurnal-web/k8s-default-seed7/report.html docs/img/run-report.png
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const [html, png] = process.argv.slice(2)
const browser = await chromium.launch({
  executablePath: process.env.FLEETSIM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } })
await page.goto(pathToFileURL(resolve(html)).href)
await page.screenshot({ path: png })
await browser.close()
