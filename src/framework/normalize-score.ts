/**
 * kube-scheduler's DefaultNormalizeScore (`pkg/scheduler/framework/plugins/helper/normalize_score.go`),
 * for plugins whose raw score is a count or a sum of weights (TaintToleration, NodeAffinity):
 * scale so the highest raw score becomes 100, in integer arithmetic; `reverse` makes the lowest
 * raw score best. All raw scores 0: every node gets 100 when reversed, and stays 0 otherwise.
 *
 * Works in place on `scores[0..count)`; allocates nothing.
 */
import { MAX_NODE_SCORE } from './placement.js'

export function defaultNormalizeScore(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0
  for (let i = 0; i < count; i++) if (scores[i]! > max) max = scores[i]!
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE, 0, count)
    return
  }
  for (let i = 0; i < count; i++) {
    // Go int64 division of non-negative values: truncation.
    const s = Math.floor((MAX_NODE_SCORE * scores[i]!) / max)
    scores[i] = reverse ? MAX_NODE_SCORE - s : s
  }
}
