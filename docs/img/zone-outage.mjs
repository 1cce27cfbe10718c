// Regenerates docs/img/zone-outage.svg for the README's walkthrough (needs `npm run build`):
//   node docs/img/zone-outage.mjs
// Runs scenarios/zone-outage.yaml through fleetsim's API and charts cluster.csv around the outage:
// ready nodes, running and pending pods, and evictions (from pods.csv), minute by minute.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadScenario, simulate } from '../../dist/src/index.js'
import { renderSvg } from '../../dist/src/report/render-svg.js'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const result = simulate(loadScenario(here('../../scenarios/zone-outage.yaml')))
const col = (t, name) => t.columns.indexOf(name)
const c = result.cluster
const values = []
for (const r of c.rows) {
  const min = r[col(c, 'time_s')] / 60
  if (min < 100 || min > 190) continue
  values.push({ minute: min, series: 'nodes ready', value: r[col(c, 'nodes_ready')] })
  values.push({ minute: min, series: 'pods running (as the API sees them)', value: r[col(c, 'pods_running')] })
  values.push({ minute: min, series: 'pods pending', value: r[col(c, 'pods_pending')] })
}
const p = result.pods
const evicted = p.rows.filter((r) => r[col(p, 'outcome')] === 'Evicted').map((r) => r[col(p, 'finished_s')] / 60)
for (let m = 100; m <= 190; m++) values.push({ minute: m, series: 'pods evicted (cumulative)', value: evicted.filter((t) => t <= m).length })

const svg = await renderSvg({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: 620, height: 220,
  title: { text: 'zone-outage.yaml: zone a down from 120 to 150 min (kubernetes control plane)', fontSize: 12, anchor: 'start' },
  layer: [
    { data: { values: [{ from: 120, to: 150 }] }, mark: { type: 'rect', color: '#f3d9d9' }, encoding: { x: { field: 'from', type: 'quantitative', scale: { domain: [100, 190], nice: false } }, x2: { field: 'to' } } },
    {
      data: { values },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.6 },
      encoding: {
        x: { field: 'minute', type: 'quantitative', title: 'simulated time (min)', scale: { domain: [100, 190], nice: false } },
        y: { field: 'value', type: 'quantitative', title: 'count' },
        color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top', columns: 2, labelLimit: 320 } },
      },
    },
  ],
})
writeFileSync(here('./zone-outage.svg'), svg)
console.log('wrote docs/img/zone-outage.svg')
