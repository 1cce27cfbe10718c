/** Metrics: time averages, per-interval series, percentiles and the tidy tables written as CSV. */
export { quantiles, quantileSorted } from './percentiles.js'
export { RunMetrics } from './run-metrics.js'
export type { RunInfo, RunTables } from './run-metrics.js'
export { Series } from './series.js'
export { seconds, toCsv } from './table.js'
export type { Cell, Table } from './table.js'
export { TimeAverage } from './time-average.js'
