// Regenerates the load-curve charts of docs/services.md (needs `npm run build`):
//   node docs/img/load-curves.mjs
// Each curve is written as a scenario writes it, parsed by fleetsim's own scenario layer, and
// sampled from the same LoadCurve the simulator uses; Vega-Lite renders it to SVG in Node.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseScenario } from '../../dist/src/index.js'
import { makeLoadCurve, parseCurveCsv, traceRates } from '../../dist/src/workload/index.js'
import { rngStream } from '../../dist/src/engine/index.js'
import { renderSvg } from '../../dist/src/report/render-svg.js'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const CURVES = [
  ['constant', '24h', '{ curve: constant, mean: 500 }'],
  ['step', '24h', '{ curve: step, from: 300, to: 800, at: 9h }'],
  ['ramp', '24h', '{ curve: ramp, from: 200, to: 1200, start: 6h, duration: 8h }'],
  ['diurnal', '48h', '{ curve: diurnal, mean: 900, amplitude: 700, period: 24h, peakAt: 14h }'],
  ['spike-square', '6h', '{ curve: spike, base: 200, height: 600, start: 2h, duration: 1h, shape: square }'],
  ['spike-triangle', '6h', '{ curve: spike, base: 200, height: 600, start: 2h, duration: 1h, shape: triangle }'],
  ['spike-decay', '6h', '{ curve: spike, base: 200, height: 600, start: 2h, duration: 1h, shape: decay }'],
  ['weekly', '7d', '{ curve: weekly, mean: 600, amplitude: 400, peakAt: 13h, weekend: 0.4 }'],
  ['piecewise', '48h', '{ curve: piecewise, points: [[0, 100], [8h, 100], [9h, 900], [17h, 700], [20h, 200]], repeat: 24h }'],
  ['sum', '24h', '{ curve: sum, of: [{ curve: diurnal, mean: 500, amplitude: 300, peakAt: 14h }, { curve: spike, height: 800, start: 18h, duration: 30m, shape: triangle }] }'],
  ['scale', '24h', '{ curve: scale, factor: 0.5, of: { curve: diurnal, mean: 900, amplitude: 700, peakAt: 14h } }'],
  ['noise', '24h', '{ curve: diurnal, mean: 900, amplitude: 700, peakAt: 14h, noise: 0.1, noiseStep: 5m }'],
]

function scenarioText(duration, load) {
  return `name: curve\nduration: ${duration}\ncluster: { pools: [{ name: p, nodes: 1, capacity: { cpu: 8, memory: 32Gi } }] }
workloads:\n  - { kind: Service, name: web, requests: { cpu: 100m, memory: 64Mi }, serviceRate: 100, load: ${load} }\n`
}

async function chart(name, title, durationMs, rateAt) {
  const hours = durationMs / 3_600_000
  const step = durationMs / 600
  const values = []
  for (let t = 0; t <= durationMs; t += step) values.push({ hour: t / 3_600_000, rps: rateAt(t) })
  const svg = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 420, height: 130, title: { text: title, fontSize: 11, anchor: 'start', font: 'monospace' },
    data: { values },
    mark: { type: 'line', interpolate: 'linear', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'hour', type: 'quantitative', title: 'time (h)', scale: { domain: [0, hours], nice: false }, axis: { tickCount: Math.min(14, hours) } },
      y: { field: 'rps', type: 'quantitative', title: 'requests/s', scale: { zero: true } },
    },
  })
  writeFileSync(here(`./curves/${name}.svg`), svg)
}

for (const [name, duration, load] of CURVES) {
  const s = parseScenario(scenarioText(duration, load), `${name}.yaml`)
  const w = s.workloads[0]
  const curve = makeLoadCurve(w.load, s.durationMs, rngStream(s.seed, 'load', 'web/noise'))
  await chart(name, `load: ${load}`, s.durationMs, (t) => curve.rateAt(t))
}

// Trace replay: a day of the NASA HTTP log (requests per minute), as `curve: trace` reads it.
const text = readFileSync(here('../../../shared/traces/nasa-http-1995/nasa_http_requests_per_minute.csv'), 'utf8')
const parsed = parseCurveCsv(text, 'nasa_http_requests_per_minute.csv', 'count')
const { bucketMs, ratesPerS } = traceRates(parsed, 0, 86_400_000)
await chart('trace', 'load: { curve: trace, file: .../nasa_http_requests_per_minute.csv }', 86_400_000, (t) => ratesPerS[Math.floor(t / bucketMs)] ?? 0)
console.log(`wrote ${CURVES.length + 1} charts to docs/img/curves/`)
