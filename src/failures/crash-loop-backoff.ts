/**
 * The kubelet's CrashLoopBackOff: a crashed container is restarted after 10 s, then 20 s, 40 s, ...
 * doubling up to 5 min; once the container has run 10 min without crashing the delay starts over
 * at 10 s. Figures from kubernetes/kubernetes pkg/kubelet/kubelet.go (`backOffPeriod` = 10 s,
 * `MaxContainerBackOff` = 300 s) and client-go's flowcontrol backoff (an entry idle for twice
 * the maximum, 10 min, is reset).
 */
export const CRASH_LOOP_INITIAL_MS = 10_000
export const CRASH_LOOP_MAX_MS = 300_000
export const CRASH_LOOP_RESET_MS = 2 * CRASH_LOOP_MAX_MS

/** Per-container backoff state: the delay to wait before the restart that follows a crash. */
export class CrashLoopBackOff {
  private delayMs = 0
  private lastCrashMs = -Infinity

  /**
   * The container crashed at `nowMs` after starting at `startedMs`: returns how long to wait before
   * restarting it. A run of 10 min or more (or no crash for 10 min) resets the sequence.
   */
  crashed(nowMs: number, startedMs: number): number {
    if (nowMs - startedMs >= CRASH_LOOP_RESET_MS || nowMs - this.lastCrashMs > CRASH_LOOP_RESET_MS) this.delayMs = 0
    this.delayMs = this.delayMs === 0 ? CRASH_LOOP_INITIAL_MS : Math.min(2 * this.delayMs, CRASH_LOOP_MAX_MS)
    this.lastCrashMs = nowMs
    return this.delayMs
  }
}
