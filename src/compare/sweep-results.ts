/**
 * The results of a sweep: the resume journal (one JSON line per finished run, appended as runs
 * finish), runs.csv assembled in plan order, and the merge of shard outputs into the table an
 * unsharded sweep writes. Text in, tables out: cli/ reads and writes the files.
 */
import { createHash } from 'node:crypto'
import type { Table } from '../metrics/index.js'
import { compareRuns, runsTable, type Comparison, type TextTable } from './comparison.js'
import type { RunTask } from './execute.js'
import type { PlannedRun } from './plan.js'
import type { SweepPoint } from './sweep-file.js'

/**
 * What makes a run's result valid for resuming: its scenario text, parameters, policies and seed.
 * Editing the scenario or the sweep changes the key, and the run is done again.
 */
export function runKey(task: RunTask): string {
  const h = createHash('sha256')
  h.update(JSON.stringify([task.scenarioText, task.fields, task.overrides]))
  return h.digest('hex').slice(0, 32)
}

export interface JournalEntry {
  readonly run: number
  readonly key: string
  readonly summary: Table
}

export const journalLine = (e: JournalEntry): string => `${JSON.stringify(e)}\n`

/**
 * The finished runs in a journal, by run index. A line cut short by an interruption (or anything
 * that does not parse as an entry) is ignored: that run is simply done again.
 */
export function readJournal(text: string): Map<number, JournalEntry> {
  const out = new Map<number, JournalEntry>()
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const e = JSON.parse(line) as JournalEntry
      if (Number.isInteger(e.run) && typeof e.key === 'string' && Array.isArray(e.summary?.columns) && Array.isArray(e.summary?.rows)) out.set(e.run, e)
    } catch {
      // an interrupted write: ignore
    }
  }
  return out
}

/** runs.csv of a sweep: `run`, `point`, the parameters, then the summary columns; plan order. */
export function sweepRunsTable(runs: readonly PlannedRun[], points: readonly SweepPoint[], summaries: ReadonlyMap<number, Table>): TextTable {
  return runsTable([...runs].sort((a, b) => a.index - b.index).map((r) => ({
    lead: [['run', r.index], ['point', r.point], ...points[r.point]!.map(([p, v]) => [p, typeof v === 'boolean' ? String(v) : v] as const)],
    summary: summaries.get(r.index)!,
  })))
}

/** What comparison.csv of a sweep is grouped by: the point and its parameters. */
export const sweepContext = (parameters: readonly string[]): string[] => ['point', ...parameters]

export const sweepComparison = (runs: TextTable, parameters: readonly string[], baseline: string | undefined): Comparison =>
  compareRuns(runs, { context: sweepContext(parameters), baseline })

/** The sidecar each sweep output directory holds, which merge checks. */
export interface SweepMeta {
  readonly runs_total: number
  readonly shard: string
  readonly parameters: readonly string[]
  readonly baseline: string | undefined
  /** Hash of every run key in plan order: two outputs of the same sweep have the same. */
  readonly plan_key: string
}

export const planKey = (keys: readonly string[]): string => createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32)

/**
 * Joins the runs.csv of shard outputs: rows sorted by `run`, checked to come from the same sweep
 * (same plan key), to overlap only with identical rows, and to cover every run. Returns a message
 * (string) naming the problem otherwise.
 */
export function mergeRuns(shards: readonly { readonly dir: string; readonly meta: SweepMeta; readonly runs: TextTable }[]): TextTable | string {
  if (shards.length === 0) return 'nothing to merge'
  const first = shards[0]!
  const byRun = new Map<number, { row: readonly string[]; dir: string }>()
  const columns = first.runs.columns
  for (const s of shards) {
    if (s.meta.plan_key !== first.meta.plan_key) return `${s.dir} comes from another sweep than ${first.dir} (their sweep.json plan_key differ); merge outputs of one sweep file`
    if (s.runs.columns.join(',') !== columns.join(',')) return `${s.dir}/runs.csv has other columns than ${first.dir}/runs.csv`
    const runCol = s.runs.columns.indexOf('run')
    if (runCol < 0) return `${s.dir}/runs.csv has no run column; is it the output of fleetsim sweep?`
    for (const row of s.runs.rows) {
      const run = Number(row[runCol])
      const seen = byRun.get(run)
      if (seen && seen.row.join('\u0000') !== row.join('\u0000')) return `run ${run} differs between ${seen.dir} and ${s.dir}`
      if (!seen) byRun.set(run, { row, dir: s.dir })
    }
  }
  const missing: number[] = []
  for (let r = 0; r < first.meta.runs_total; r++) if (!byRun.has(r)) missing.push(r)
  if (missing.length > 0) {
    return `${missing.length} of ${first.meta.runs_total} runs are missing (runs ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}); merge every shard's output, or finish the incomplete shards (sweep resumes where it stopped)`
  }
  return { columns, rows: [...byRun.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v.row) }
}
