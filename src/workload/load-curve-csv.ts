/**
 * Reads load-curve files: (time, rate) points for a piecewise-linear curve, or (time, count)
 * rows of a request-rate trace such as `../shared/traces/nasa-http-1995` (one row per minute,
 * `minute_start_local,requests`). Text in, points or issues out (file:line and what was expected
 * and found); nothing here opens files.
 *
 * Times are seconds (a plain number), a duration with units (`90s`, `1h`), or, for traces, ISO
 * timestamps (taken relative to the first row). A header line is recognised when its first cell
 * is not a time.
 */
/** Where (file:line) and what was expected and found; the shape of the scenario layer's issues. */
export interface CsvIssue {
  readonly path: string
  readonly message: string
}

export interface CurvePoints {
  readonly timesMs: number[]
  readonly values: number[]
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|min|m|h|d)?$/
const ISO = /^\d{4}-\d{2}-\d{2}T/

/** A time cell as ms (relative times) or as epoch ms (ISO timestamps, flagged); undefined if neither. */
function parseTime(cell: string): { ms: number; absolute: boolean } | undefined {
  const m = DURATION.exec(cell)
  if (m) return { ms: Number(m[1]) * UNIT_MS[m[2] ?? 's']!, absolute: false }
  if (ISO.test(cell)) {
    const ms = Date.parse(cell)
    return Number.isNaN(ms) ? undefined : { ms, absolute: true }
  }
  return undefined
}

/**
 * Parses `time,value` rows. Rules: two cells per row, a time, a number >= 0, times strictly
 * increasing. Every bad row is reported (`file:line`), not only the first.
 */
export function parseCurveCsv(text: string, file: string, valueName: string): CurvePoints | CsvIssue[] {
  const issues: CsvIssue[] = []
  const timesMs: number[] = []
  const values: number[] = []
  let origin: number | undefined
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const at = `${file}:${i + 1}`
    const cells = line.split(',').map((c) => c.trim())
    const time = parseTime(cells[0] ?? '')
    if (time === undefined && timesMs.length === 0 && issues.length === 0 && !/^\d/.test(cells[0] ?? '')) continue // header
    if (cells.length !== 2) {
      issues.push({ path: at, message: `expected 2 cells (time, ${valueName}), got ${cells.length}: ${JSON.stringify(line)}` })
      continue
    }
    if (time === undefined) {
      issues.push({ path: at, message: `expected a time (seconds, a duration such as 90s, or an ISO timestamp), got ${JSON.stringify(cells[0])}` })
      continue
    }
    const v = Number(cells[1])
    if (cells[1] === '' || !Number.isFinite(v)) {
      issues.push({ path: at, message: `expected a number (${valueName}), got ${JSON.stringify(cells[1])}` })
      continue
    }
    if (v < 0) {
      issues.push({ path: at, message: `expected a ${valueName} >= 0, got ${cells[1]}` })
      continue
    }
    if (time.absolute) origin ??= time.ms
    const t = time.absolute ? time.ms - origin! : time.ms
    const prev = timesMs[timesMs.length - 1]
    if (prev !== undefined && t <= prev) {
      issues.push({ path: at, message: `expected times in increasing order, got ${cells[0]} after the previous row's time` })
      continue
    }
    timesMs.push(t)
    values.push(v)
  }
  if (issues.length === 0 && timesMs.length === 0) issues.push({ path: file, message: `expected at least one row of time, ${valueName}, got none` })
  return issues.length > 0 ? issues : { timesMs, values }
}

/**
 * A trace of counts per bucket as a rate per bucket (requests/s). The bucket is the smallest gap
 * between rows (one minute for the NASA trace); a bucket with no row (a gap in the log) has rate 0.
 * `fromMs`/`toMs` cut a slice (relative to the first row) that then starts at t = 0.
 */
export function traceRates(points: CurvePoints, fromMs: number, toMs: number): { bucketMs: number; ratesPerS: number[] } {
  const { timesMs, values } = points
  let bucketMs = Infinity
  for (let i = 1; i < timesMs.length; i++) bucketMs = Math.min(bucketMs, timesMs[i]! - timesMs[i - 1]!)
  if (!Number.isFinite(bucketMs)) bucketMs = 60_000
  const end = Math.min(toMs, timesMs[timesMs.length - 1]! + bucketMs)
  const n = Math.max(0, Math.ceil((end - fromMs) / bucketMs))
  const rates = new Array<number>(n).fill(0)
  for (let i = 0; i < timesMs.length; i++) {
    const k = Math.floor((timesMs[i]! - fromMs) / bucketMs)
    if (k >= 0 && k < n) rates[k] = rates[k]! + (values[i]! * 1000) / bucketMs
  }
  return { bucketMs, ratesPerS: rates }
}
