/**
 * "Did you mean ...?" for a misspelt key or name: the one known name within a small edit distance
 * of what was written. Deliberately conservative: no guess when two names are equally close or
 * when the nearest one is too far to be a typo.
 */

/** Levenshtein distance (insert, delete, substitute), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const row = [i]
    for (let j = 1; j <= t.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1))
    }
    prev = row
  }
  return prev[t.length]!
}

/** The known name `written` most likely meant, or undefined when none is clearly it. */
export function closestName(written: string, known: readonly string[]): string | undefined {
  // A third of the length, at most 3: `capacty` -> capacity (1), but `max` does not become `min`.
  const limit = Math.min(3, Math.floor(written.length / 3))
  let best: string | undefined
  let bestD = Infinity
  let tied = false
  for (const k of known) {
    const d = distance(written, k)
    if (d < bestD) [best, bestD, tied] = [k, d, false]
    else if (d === bestD) tied = true
  }
  return best !== undefined && bestD <= limit && !tied ? best : undefined
}
