/**
 * HTML reports: charts rendered to inline SVG in Node (Vega-Lite -> Vega -> SVG) in one
 * self-contained page. Imports compare/ types and nothing above; reads no files.
 */
export { COMPARISON_CHARTS, RUN_CHARTS } from './charts.js'
export type { Chart, ChartDef, ReportTables } from './charts.js'
export { parseCsv } from './csv-table.js'
export { escapeHtml, htmlPage } from './html-page.js'
export { buildReport } from './report.js'
export type { ReportInput } from './report.js'
export { renderSvg } from './render-svg.js'
