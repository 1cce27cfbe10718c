import { describe, expect, it } from 'vitest'
import { checkAssertion, evaluateAssertion, parseAssertion, type Assertion } from './assertion.js'
import { compareRuns, runsTable } from './comparison.js'

const row = (placement: string, seed: number, wait: number) => ({ lead: [], summary: { columns: ['placement', 'seed', 'pod_wait_p95_s'], rows: [[placement, seed, wait]] } })
const comparison = compareRuns(runsTable([row('first-fit', 1, 10), row('first-fit', 2, 20), row('best-fit', 1, 40), row('best-fit', 2, 42)]))

describe('assertions', () => {
  it('parses a metric, an operator and a number, optionally after a policy name', () => {
    expect(parseAssertion('pod_wait_p95_s < 30')).toEqual({ text: 'pod_wait_p95_s < 30', policy: undefined, metric: 'pod_wait_p95_s', op: '<', value: 30 })
    expect(parseAssertion('best-fit.pod_wait_p95_s>=1e3')).toMatchObject({ policy: 'best-fit', metric: 'pod_wait_p95_s', op: '>=', value: 1000 })
  })

  it('rejects a malformed expression with an example', () => {
    expect(parseAssertion('pod_wait_p95_s ~ 30')).toMatch(/expected METRIC OP NUMBER .* e\.g\. "pod_wait_p95_s < 30"/)
    expect(parseAssertion('pod_wait_p95_s < fast')).toBe('--assert "pod_wait_p95_s < fast": expected a number after <, got "fast"')
  })

  it('lists the known metrics for an unknown one and the policies for an unknown policy', () => {
    const a = parseAssertion('latency_p99_ms < 250') as Assertion
    expect(checkAssertion(a, comparison.metrics, comparison.labels)).toBe('--assert "latency_p99_ms < 250": unknown metric "latency_p99_ms"; known metrics: pod_wait_p95_s')
    const b = parseAssertion('k8s.pod_wait_p95_s < 1') as Assertion
    expect(checkAssertion(b, comparison.metrics, comparison.labels)).toMatch(/unknown policy "k8s"; compared policies: first-fit, best-fit$/)
  })

  it('holds for every policy without a name, and for the named policy only with one', () => {
    const all = evaluateAssertion(parseAssertion('pod_wait_p95_s < 30') as Assertion, comparison)
    expect(all.passed).toBe(false)
    expect(all.lines).toEqual(['first-fit: pod_wait_p95_s mean 15 < 30', 'best-fit: pod_wait_p95_s mean 41 is not < 30'])
    expect(evaluateAssertion(parseAssertion('first-fit.pod_wait_p95_s < 30') as Assertion, comparison).passed).toBe(true)
    expect(evaluateAssertion(parseAssertion('best-fit.pod_wait_p95_s != 41') as Assertion, comparison).passed).toBe(false)
  })
})
