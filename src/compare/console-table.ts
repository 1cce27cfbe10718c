/**
 * The compact table `compare` prints: one line per metric that has a better direction, one column
 * per policy, `mean ±half-width of the 95% CI`, `*` on the best mean, and the paired difference to
 * the baseline, marked `n.s.` when its interval includes 0. Text for a terminal, never parsed.
 */
import type { Comparison, MetricResult } from './comparison.js'
import { Better } from './metric-direction.js'

const fmt = (v: number): string => (Number.isFinite(v) ? String(+v.toPrecision(4)) : '-')
const signed = (v: number): string => (v > 0 ? `+${fmt(v)}` : fmt(v))

function cell(r: MetricResult, best: boolean): string {
  const half = (r.estimate.ci95High - r.estimate.ci95Low) / 2
  let s = `${best ? '*' : ' '}${fmt(r.estimate.mean)}${Number.isFinite(half) ? ` ±${fmt(half)}` : ''}`
  if (r.diff) s += r.significant === false ? `  ${signed(r.diff.mean)} n.s.` : `  ${signed(r.diff.mean)}`
  return s
}

export function consoleTable(c: Comparison): string {
  const byKey = new Map(c.results.map((r) => [`${r.label}\u0000${r.metric}`, r]))
  const metrics = c.metrics.filter((m) => c.results.some((r) => r.metric === m && r.better !== undefined))
  const header = ['metric', ...c.labels.map((l) => (l === c.baseline ? `${l} (baseline)` : l))]
  const lines = metrics.map((m) => {
    const rs = c.labels.map((l) => byKey.get(`${l}\u0000${m}`))
    const means = rs.map((r) => r?.estimate.mean ?? NaN).filter(Number.isFinite)
    const better = rs.find((r) => r)?.better
    // No mark when every policy has the same mean: nothing is better.
    const tie = means.every((v) => v === means[0])
    const bestMean = means.length === 0 || tie ? NaN : better === Better.Lower ? Math.min(...means) : Math.max(...means)
    const arrow = better === Better.Lower ? ' (lower)' : ' (higher)'
    return [m + arrow, ...rs.map((r) => (r ? cell(r, c.labels.length > 1 && r.estimate.mean === bestMean) : '-'))]
  })
  const rows = [header, ...lines]
  const width = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const text = rows.map((r) => r.map((s, i) => s.padEnd(width[i]!)).join('  ').trimEnd()).join('\n')
  const n = Math.max(0, ...c.results.map((r) => r.estimate.n))
  return `${text}\n* best mean; ±: half-width of the 95% CI over ${n} seeds; +/-: paired difference to ${c.baseline}; n.s.: not significant (its 95% CI includes 0)\n`
}
