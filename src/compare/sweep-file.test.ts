import { describe, expect, it } from 'vitest'
import { parseFieldPath, withFields } from './scenario-fields.js'
import { parseSweep, sweepParameters, sweepPoints, type SweepSpec } from './sweep-file.js'

const SWEEP = `
scenario: ../scenarios/quickstart.yaml
duration: 2h
seeds: 1..3
policies: { placement: [first-fit, best-fit] }
grid:
  cluster.pools[0].nodes: [4, 6]
  workloads[0].arrivals.rate: [2/min, 4/min, 8/min]
random:
  samples: 2
  seed: 7
  ranges:
    workloads[0].duration.median: { min: 4, max: 12, unit: m }
    cluster.pools[1].nodes: { min: 1, max: 3, integer: true }
`

describe('sweep files', () => {
  const spec = parseSweep(SWEEP, 'sweep.yaml') as SweepSpec

  it('reads scenario, duration, seeds, policies, grid and random ranges', () => {
    expect(spec).toMatchObject({ scenario: '../scenarios/quickstart.yaml', durationMs: 7_200_000, seeds: [1, 2, 3], policies: { placement: ['first-fit', 'best-fit'] } })
    expect(sweepParameters(spec)).toEqual(['cluster.pools[0].nodes', 'workloads[0].arrivals.rate', 'workloads[0].duration.median', 'cluster.pools[1].nodes'])
  })

  it('expands the grid first parameter slowest, times the random samples', () => {
    const points = sweepPoints(spec)
    expect(points).toHaveLength(2 * 3 * 2)
    expect(points.map((p) => `${p[0]![1]}|${p[1]![1]}`).filter((_, i) => i % 2 === 0)).toEqual(['4|2/min', '4|4/min', '4|8/min', '6|2/min', '6|4/min', '6|8/min'])
    // the same two samples repeat for every grid point
    expect(points[2]!.slice(2)).toEqual(points[0]!.slice(2))
    expect(points[0]!.slice(2)).not.toEqual(points[1]!.slice(2))
  })

  it('draws random samples within their ranges, from a stream fixed by its seed', () => {
    const points = sweepPoints(spec)
    for (const p of points) {
      const median = Number(String(p[2]![1]).replace(/m$/, ''))
      expect(median).toBeGreaterThanOrEqual(4)
      expect(median).toBeLessThan(12)
      expect([1, 2, 3]).toContain(p[3]![1])
    }
    expect(sweepPoints(parseSweep(SWEEP, 'again.yaml') as SweepSpec)).toEqual(points)
    expect(sweepPoints(parseSweep(SWEEP.replace('seed: 7', 'seed: 8'), 'other.yaml') as SweepSpec)).not.toEqual(points)
  })

  it('reports every issue at once with its path', () => {
    const issues = parseSweep(`
scenario: 3
seeds: lots
policies: { placment: [a] }
grid:
  "cluster.pools[x": [1]
  cluster.pools[0].nodes: []
random: { samples: 0, ranges: { a.b: { min: 5, max: 1 } } }
extra: 1
`, 'bad.yaml')
    expect(issues).toEqual([
      { path: 'extra', message: 'unknown key; known: scenario, duration, seeds, policies, baseline, grid, random' },
      { path: 'scenario', message: 'expected the path of a scenario file, got 3' },
      { path: 'seeds', message: 'expected a count (5), a range (1..20) or a list (1,4,9), got "lots"' },
      { path: 'policies.placment', message: 'unknown policy kind; known: placement, podAutoscaler' },
      { path: 'grid["cluster.pools[x"]', message: 'expected a field path such as cluster.pools[0].nodes, got "cluster.pools[x"' },
      { path: 'grid["cluster.pools[0].nodes"]', message: 'expected a non-empty list of numbers or strings, got []' },
      { path: 'random.samples', message: 'expected a whole number >= 1, got 0' },
      { path: 'random.ranges["a.b"]', message: 'expected { min, max } with numbers min <= max (and optional integer, log, unit), got {"min":5,"max":1}' },
    ])
  })
})

describe('scenario field overrides', () => {
  it('parses paths as scenario messages print them', () => {
    expect(parseFieldPath('cluster.pools[0].nodes')).toEqual(['cluster', 'pools', 0, 'nodes'])
    expect(parseFieldPath('workloads.1.requests.cpu')).toEqual(['workloads', 1, 'requests', 'cpu'])
    expect(parseFieldPath('a..b')).toMatch(/^expected a field path/)
  })

  it('sets values in the YAML text, keeping the rest', () => {
    const text = 'name: x\ncluster:\n  pools:\n    - name: a\n      nodes: 2\n# note\n'
    expect(withFields(text, [['cluster.pools[0].nodes', 8], ['duration', '2h']])).toBe('name: x\ncluster:\n  pools:\n    - name: a\n      nodes: 8\nduration: 2h\n\n# note\n')
  })
})
