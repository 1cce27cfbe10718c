/**
 * What every chart of a report shares: the Chart and ChartDef contracts, the tables a chart may
 * read, the page-wide size and font, and the time-series building blocks (simulated hours on x,
 * long-form values, step lines). Which charts exist is decided in charts.ts, not here.
 */
import type { TopLevelSpec } from 'vega-lite'
import type { TextTable } from '../compare/index.js'
import { numbers } from './csv-table.js'

/** The CSV files a report may draw from, by file name without `.csv`. */
type TableName = 'summary' | 'cluster' | 'pods' | 'services' | 'services_summary' | 'nodes' | 'runs' | 'comparison'

/** The tables a report may draw from, by file name without `.csv`. */
export type ReportTables = Readonly<Partial<Record<TableName, TextTable>>> & Readonly<Record<string, TextTable | undefined>>

export interface Chart {
  /** Unique within the page: `data-chart` of the figure. */
  readonly id: string
  /** The figure caption. */
  readonly title: string
  readonly spec: TopLevelSpec
}

export interface ChartDef {
  /** Returns no chart when the tables lack its data. */
  readonly charts: (t: ReportTables) => Chart[]
}

const WIDTH = 460
const HEIGHT = 220
export const base = { width: WIDTH, height: HEIGHT, background: 'white', config: { font: 'sans-serif' } } as const

/** x of every time chart: simulated time in hours. */
export const HOURS_AXIS = { field: 'hours', type: 'quantitative', title: 'simulated time (h)' } as const

/** Simulated time in hours (the table's time_s / 3600). */
export const hours = (t: TextTable): number[] => numbers(t, 'time_s').map((s) => s / 3600)

type Point = { hours: number; series: string; value: number }

/** One point per row and named column with a finite value; columns the table lacks are skipped. */
export function longForm(t: TextTable, series: readonly (readonly [column: string, name: string])[]): Point[] {
  const x = hours(t)
  const out: Point[] = []
  for (const [column, name] of series) {
    if (!t.columns.includes(column)) continue
    const ys = numbers(t, column)
    ys.forEach((y, i) => { if (Number.isFinite(y)) out.push({ hours: x[i]!, series: name, value: y }) })
  }
  return out
}

/** Step lines of long-form points, one colour per series. */
export const lines = (values: readonly object[], yTitle: string, yFormat?: string): TopLevelSpec => ({
  ...base,
  data: { values: values as object[] },
  mark: { type: 'line', interpolate: 'step-after' },
  encoding: {
    x: HOURS_AXIS,
    y: { field: 'value', type: 'quantitative', title: yTitle, ...(yFormat ? { axis: { format: yFormat } } : {}) },
    color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top' } },
  },
})
