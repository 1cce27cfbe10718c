/**
 * A results directory rendered for people and for monitoring stacks: one self-contained HTML page
 * of charts rendered to inline SVG in Node (Vega-Lite -> Vega -> SVG), and a run's time series as
 * OpenMetrics text for Prometheus. Imports compare/ types and nothing above; reads no files.
 */
export { COMPARISON_CHARTS, RUN_CHARTS } from './charts.js'
export type { Chart, ChartDef, ReportTables } from './charts.js'
export { parseCsv } from './csv-table.js'
export { escapeHtml, htmlPage } from './html-page.js'
export { buildReport } from './report.js'
export type { ReportInput } from './report.js'
export { DEFAULT_START_EPOCH_S, toOpenMetrics } from './openmetrics.js'
export type { OpenMetricsInput } from './openmetrics.js'
export { renderSvg } from './render-svg.js'
