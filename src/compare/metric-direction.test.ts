import { describe, expect, it } from 'vitest'
import { betterOf } from './metric-direction.js'

describe('metric direction', () => {
  it.each([
    ['pod_wait_p95_s', 'lower'],
    ['latency_p99_ms', 'lower'],
    ['cost_total_usd', 'lower'],
    ['cost_per_million_served_usd', 'lower'],
    ['pods_pending_mean', 'lower'],
    ['requests_dropped', 'lower'],
    ['cpu_alloc_mean', 'higher'],
    ['cpu_util_mean', 'higher'],
    ['throughput_pods_per_h', 'higher'],
    ['pods_completed', 'higher'],
    ['availability', 'higher'],
    ['node_availability', 'higher'],
    ['replica_seconds', 'lower'],
    ['events', undefined],
    ['pods_submitted', undefined],
    ['nodes_ready_mean', undefined],
  ])('%s: %s is better', (metric, better) => {
    expect(betterOf(metric)).toBe(better)
  })
})
