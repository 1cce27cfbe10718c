/**
 * Builds the HTML report of a results directory from its CSV text: a run (summary, cluster, pods,
 * services, services_summary, nodes), a comparison or sweep (runs, comparison), or both. cli/ reads
 * the files and passes the text.
 */
import { COMPARISON_CHARTS, RUN_CHARTS, type ChartDef, type ReportTables } from './charts.js'
import { parseCsv } from './csv-table.js'
import { htmlPage, type Figure, type Section } from './html-page.js'
import { renderSvg } from './render-svg.js'

export interface ReportInput {
  /** Shown as the page title, e.g. the results directory. */
  readonly title: string
  /** CSV text by file name without `.csv` (summary, cluster, pods, runs, comparison, ...). */
  readonly csv: Readonly<Record<string, string>>
}

/** The tables of one run; any of them makes a Run section. */
const RUN_TABLES = ['summary', 'cluster', 'pods', 'services', 'nodes'] as const

async function figures(defs: readonly ChartDef[], tables: ReportTables): Promise<Figure[]> {
  const out: Figure[] = []
  for (const d of defs) for (const c of d.charts(tables)) out.push({ id: c.id, title: c.title, svg: await renderSvg(c.spec) })
  return out
}

/** Throws when no known table is present (the caller reports it as bad input). */
export async function buildReport(input: ReportInput): Promise<string> {
  const tables: Record<string, ReturnType<typeof parseCsv>> = {}
  for (const [name, text] of Object.entries(input.csv)) tables[name] = parseCsv(text)
  const sections: Section[] = []
  if (tables.comparison) {
    const comparison = tables.comparison
    const figs = await figures(COMPARISON_CHARTS, tables)
    const runs = tables.runs
    sections.push({
      heading: `Comparison${runs ? ` (${runs.rows.length} runs)` : ''}`,
      figures: figs,
      tables: [{ caption: 'comparison.csv', columns: comparison.columns, rows: comparison.rows.filter((r) => r[comparison.columns.indexOf('better')] !== '') }],
    })
  }
  if (RUN_TABLES.some((name) => tables[name])) {
    const summary = tables.summary
    sections.push({
      heading: 'Run',
      figures: await figures(RUN_CHARTS, tables),
      tables: summary ? [{ caption: 'summary.csv', columns: ['metric', 'value'], rows: summary.columns.map((c, i) => [c, summary.rows[0]?.[i] ?? '']) }] : [],
    })
  }
  if (sections.length === 0) throw new Error(`nothing to report: expected one of comparison.csv, ${RUN_TABLES.map((n) => `${n}.csv`).join(', ')}; got ${Object.keys(input.csv).map((n) => `${n}.csv`).join(', ') || 'no CSV file'}`)
  const intro = tables.comparison
    ? 'Each chart shows, per policy, the mean over seeds (point) and its 95% confidence interval from Student\'s t (line); colour says whether the paired difference to the baseline is significant.'
    : 'Charts of one simulated run.'
  return htmlPage(`fleetsim report: ${input.title}`, intro, sections)
}
