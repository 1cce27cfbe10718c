/** Human-readable durations for terminal output (never for CSV). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  const s = ms / 1000
  if (s < 120) return `${+s.toFixed(1)}s`
  const m = s / 60
  if (m < 120) return `${+m.toFixed(1)}m`
  const h = m / 60
  if (h < 48) return `${+h.toFixed(1)}h`
  return `${+(h / 24).toFixed(1)}d`
}
