/**
 * Progress on stderr for long runs: simulated time reached and events/s, redrawn in place at most
 * a few times a second. Silent unless stderr is a terminal, and with --quiet. The only wall-clock
 * reads of a run happen here, in cli/.
 */
import { formatDuration } from './format.js'

export interface Progress {
  readonly onProgress: ((simMs: number, events: number) => void) | undefined
  done(): void
}

export function progress(totalMs: number, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return { onProgress: undefined, done: () => {} }
  const start = performance.now()
  let last = 0
  let shown = false
  return {
    onProgress: (simMs, events) => {
      const now = performance.now()
      if (now - last < 250 && simMs < totalMs) return
      last = now
      const rate = events / Math.max(1e-3, (now - start) / 1000)
      const pct = ((100 * simMs) / totalMs).toFixed(0)
      process.stderr.write(`\r\x1b[Ksimulated ${formatDuration(simMs)} of ${formatDuration(totalMs)} (${pct}%), ${events.toLocaleString('en-US')} events, ${(rate / 1e6).toFixed(2)} M events/s`)
      shown = true
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K')
    },
  }
}
