/**
 * The bad-input contract of scenario files (STYLE.md section 5): one small bad file per rule in
 * fixtures/, and the full message compared, because the message is the product. Each message
 * names the file, then per issue the path, what was expected and what was found.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { builtins } from '../../policies/index.js'
import { formatIssues, loadScenario, ScenarioError } from './load.js'

const DIR = 'src/scenario/fixtures'

/** The message a user sees for a fixture (what `fleetsim validate` prints), or 'ok'. */
function messageOf(name: string): string {
  const file = `${DIR}/${name}`
  try {
    // Load-curve CSV files are read relative to the fixtures, as `fleetsim` reads them relative to the scenario.
    loadScenario(readFileSync(file, 'utf8'), file, builtins, { readFile: (f) => readFileSync(`${DIR}/${f}`, 'utf8') })
    return 'ok'
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e
    expect(e.message).toBe(formatIssues(e.file, e.issues))
    return e.message
  }
}

const POLICIES = [...builtins.policies.keys()].join(', ')

describe('each rule has a bad file and its full message', () => {
  test.each([
    ['unknown-top-level-key.yaml', `${DIR}/unknown-top-level-key.yaml has 1 issue:
  duraton: unknown key; did you mean duration?`],
    ['unknown-pool-key.yaml', `${DIR}/unknown-pool-key.yaml has 1 issue:
  cluster.pools[0].capacty: unknown key; did you mean capacity?`],
    ['negative-cpu.yaml', `${DIR}/negative-cpu.yaml has 1 issue:
  cluster.pools[0].capacity.cpu: expected a CPU quantity >= 0, got -4`],
    ['non-numeric-memory.yaml', `${DIR}/non-numeric-memory.yaml has 1 issue:
  workloads[0].requests.memory: expected a memory quantity such as 512Mi, 4Gi or 1.5G, got "lots"`],
    ['bad-duration.yaml', `${DIR}/bad-duration.yaml has 1 issue:
  workloads[0].duration: expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got "5 parsecs"`],
    ['unknown-placement-policy.yaml', `${DIR}/unknown-placement-policy.yaml has 1 issue:
  policies.placement: expected a placement policy (${POLICIES}), got "fastest-fit"`],
    ['unknown-plugin-arg.yaml', `${DIR}/unknown-plugin-arg.yaml has 1 issue:
  policies.placement.plugins[2].args.prefr: unknown argument; known: prefer, norm`],
    ['pool-min-above-max.yaml', `${DIR}/pool-min-above-max.yaml has 1 issue:
  cluster.pools[0].max: expected a number >= min (5), got 3`],
    ['nodes-outside-bounds.yaml', `${DIR}/nodes-outside-bounds.yaml has 1 issue:
  cluster.pools[0].nodes: expected a number from min to max (1 to 4), got 8`],
    ['duplicate-pool-names.yaml', `${DIR}/duplicate-pool-names.yaml has 1 issue:
  cluster.pools[1].name: expected a unique name, got "general" again (first at cluster.pools[0].name)`],
    ['duplicate-workload-names.yaml', `${DIR}/duplicate-workload-names.yaml has 1 issue:
  workloads[1].name: expected a unique name, got "jobs" again (first at workloads[0].name)`],
    ['node-name-missing.yaml', `${DIR}/node-name-missing.yaml has 1 issue:
  workloads[0].nodeName: expected the name of a node present at the start (such as general-0, general-1), got "general-2"`],
    ['unknown-dist.yaml', `${DIR}/unknown-dist.yaml has 1 issue:
  workloads[0].duration.dist: expected one of constant, uniform, exponential, normal, lognormal, weibull, got "gaussian"`],
    ['lognormal-median-not-quantity.yaml', `${DIR}/lognormal-median-not-quantity.yaml has 1 issue:
  workloads[0].requests.memory.median: expected a memory quantity such as 512Mi, 4Gi or 1.5G, got "x"`],
    ['choice-weights-mismatch.yaml', `${DIR}/choice-weights-mismatch.yaml has 1 issue:
  workloads[0].requests.cpu.weights: expected 3 weights (one per choice), got 2`],
    ['unsorted-times.yaml', `${DIR}/unsorted-times.yaml has 1 issue:
  workloads[0].arrivals.at[2]: expected times in increasing order, got 30s after 1m`],
    ['broken-yaml.yaml', `${DIR}/broken-yaml.yaml has 2 issues:
  ${DIR}/broken-yaml.yaml:5:5: block collections are not allowed within flow collections
  ${DIR}/broken-yaml.yaml:6:1: flow sequence in block collection must be sufficiently indented and end with a ]`],
    ['empty.yaml', `${DIR}/empty.yaml has 1 issue:
  (top level): expected a scenario mapping with name, cluster and workloads, got an empty file`],
    ['list-not-mapping.yaml', `${DIR}/list-not-mapping.yaml has 1 issue:
  (top level): expected a scenario mapping with name, cluster and workloads, got a list`],
    ['resource-without-domain.yaml', `${DIR}/resource-without-domain.yaml has 1 issue:
  cluster.pools[0].capacity.fpga: unknown key; expected cpu, memory, gpu, pods or an extended resource such as example.com/foo`],
    ['several-issues.yaml', `${DIR}/several-issues.yaml has 7 issues:
  duraton: unknown key; did you mean duration?
  cluster.pools[0].capacity.cpus: unknown key; did you mean cpu?
  cluster.pools[1].nodes: expected a number >= 0, got -1
  cluster.pools[1].capacity.cpu: expected a CPU quantity such as 500m or 2, got "lots"
  workloads[0].arrivals.rate: expected a rate such as 3/min, 0.5/s or 120/h (a bare number is per second), got "2 per minute"
  workloads[0].duration.sigma: missing; expected a number
  workloads[1].priority: expected a number, got "high"`],
    ['service-curve-csv-bad-row.yaml', `${DIR}/service-curve-csv-bad-row.yaml has 3 issues:
  service-curve-bad-row.csv:3: expected a number (rate), got "lots"
  service-curve-bad-row.csv:4: expected 2 cells (time, rate), got 3: "2h,300,5"
  service-curve-bad-row.csv:5: expected a rate >= 0, got -20`],
    ['service-negative-rate.yaml', `${DIR}/service-negative-rate.yaml has 1 issue:
  workloads[0].load.mean: expected a rate >= 0, got -50`],
    ['service-unsorted-times.yaml', `${DIR}/service-unsorted-times.yaml has 1 issue:
  workloads[0].load.points[2]: expected times in increasing order, got 1h after 2h`],
    ['service-slo-without-units.yaml', `${DIR}/service-slo-without-units.yaml has 1 issue:
  workloads[0].slo.p99: expected a latency with its unit such as 250ms or 1.5s, got 250`],
    ['service-hpa-target-out-of-range.yaml', `${DIR}/service-hpa-target-out-of-range.yaml has 1 issue:
  workloads[0].autoscaler.targetCpuUtilization: expected a whole number from 1 to 100, got 150`],
    ['service-replicas-min-above-max.yaml', `${DIR}/service-replicas-min-above-max.yaml has 1 issue:
  workloads[0].replicas.max: expected a number >= min (5), got 2`],
  ])('%s', (name, message) => {
    expect(messageOf(name)).toBe(message)
  })

  test('an unknown load curve lists the curve names', () => {
    // Which names exist grows with the simulator; the message must list them all.
    const message = messageOf('service-unknown-curve.yaml')
    expect(message).toBe(`${DIR}/service-unknown-curve.yaml has 1 issue:
  workloads[0].load.curve: expected one of constant, step, ramp, diurnal, sine, spike, burst, weekly, piecewise, trace, sum, scale, got "sinus"`)
  })

  test('a JSON scenario is a YAML scenario', () => {
    expect(messageOf('valid.json')).toBe('ok')
    const s = loadScenario(readFileSync(`${DIR}/valid.json`, 'utf8'), 'valid.json', builtins)
    expect(s.durationMs).toBe(3_600_000)
    expect(s.pools[0]!.capacity.cpuMilli).toBe(4000)
    expect(s.placementName).toBe('best-fit')
  })

  test('a pod bigger than every node is not an error: it loads, and stays pending when run', () => {
    expect(messageOf('pod-bigger-than-every-node.yaml')).toBe('ok')
  })
})

/** A valid scenario with one line replaced, for rules that need no file of their own. */
function tweak(line: string): string {
  const text = `name: t
cluster:
  pools:
    - { name: general, nodes: 2, capacity: { cpu: 4, memory: 16Gi } }
workloads:
  - kind: Batch
    name: jobs
    arrivals: { process: poisson, rate: 2/min }
    duration: 5m
    requests: { cpu: 500m, memory: 1Gi }
${line}`
  try {
    loadScenario(text, 't.yaml', builtins)
    return 'ok'
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e
    return e.message
  }
}

describe('messages read as a user would want them', () => {
  test('the base of the tweaked scenarios is valid', () => {
    expect(tweak('')).toBe('ok')
  })

  test('an unknown key far from every known key lists them instead of guessing', () => {
    expect(tweak('  - { kind: Pod, name: one, tolerations: [{ key: a, tolerationSeconds: 30 }] }')).toBe(`t.yaml has 1 issue:
  workloads[1].tolerations[0].tolerationSeconds: unknown key; expected one of key, operator, value, effect`)
  })

  test('a union that matches no branch says which types it takes', () => {
    expect(tweak('seed: [1]')).toBe(`t.yaml has 1 issue:
  seed: expected a number or a string, got [1]`)
  })

  test('a required key is still reported missing when no unknown key looks like it', () => {
    const text = `name: t
cluster:
  pools:
    - name: general
      nodes: 2
      capacity: { cpu: 4, memory: 16Gi }
      taints: [{ key: a, efect: NoSchedule }, { key: b, colour: red }]
`
    expect(() => loadScenario(text, 't.yaml', builtins)).toThrow(`t.yaml has 3 issues:
  cluster.pools[0].taints[0].efect: unknown key; did you mean effect?
  cluster.pools[0].taints[1].effect: missing; expected one of NoSchedule, PreferNoSchedule, NoExecute
  cluster.pools[0].taints[1].colour: unknown key; expected one of key, value, effect`)
  })

  test('a profile with a misspelt key is reported as a profile, not as "no shape matched"', () => {
    expect(tweak('policies: { placement: { tieBrake: random, plugins: [{ name: resource-fit }] } }')).toBe(`t.yaml has 1 issue:
  policies.placement.tieBrake: unknown key; did you mean tieBreak?`)
  })

  test('a missing distribution parameter names the quantity it should be', () => {
    const text = `name: t
cluster:
  pools:
    - { name: general, nodes: 2, capacity: { cpu: 4 } }
workloads:
  - kind: Batch
    name: jobs
    arrivals: { process: poisson, rate: 2/min }
    duration: 5m
    requests: { cpu: { dist: uniform, min: 2 } }
`
    expect(() => loadScenario(text, 't.yaml', builtins)).toThrow(`t.yaml has 2 issues:
  cluster.pools[0].capacity.memory: missing; expected a memory quantity such as 512Mi, 4Gi or 1.5G
  workloads[0].requests.cpu.max: missing; expected a CPU quantity such as 500m or 2`)
  })

  test('cross-field messages quote values in the units of the file', () => {
    expect(tweak(`  - kind: Batch
    name: more
    arrivals: { process: interval, every: 0s }
    start: 2h
    stop: 1h30m
    duration: { dist: lognormal, median: 0s, sigma: 1 }
    requests: { cpu: { dist: uniform, min: 2, max: 500m }, memory: { dist: uniform, min: 2Gi, max: 1Gi } }`)).toBe(`t.yaml has 5 issues:
  workloads[1].requests.cpu.max: expected a value >= min (2), got 500m
  workloads[1].requests.memory.max: expected a value >= min (2Gi), got 1Gi
  workloads[1].stop: expected a time >= start (2h), got 1h30m
  workloads[1].arrivals.every: expected a duration > 0, got 0s
  workloads[1].duration.median: expected a value > 0, got 0s`)
  })

  test('a misspelt policy or plugin name gets the registered name it most likely meant', () => {
    const plugins = [...builtins.plugins.keys()].join(', ')
    expect(tweak('policies: { placement: worstfit }')).toBe(`t.yaml has 1 issue:
  policies.placement: expected a placement policy (${POLICIES}), got "worstfit"; did you mean worst-fit?`)
    expect(tweak('policies: { placement: { plugins: [{ name: resource-fitt }, { name: zzz }] } }')).toBe(`t.yaml has 2 issues:
  policies.placement.plugins[0].name: expected a placement plugin (${plugins}), got "resource-fitt"; did you mean resource-fit?
  policies.placement.plugins[1].name: expected a placement plugin (${plugins}), got "zzz"`)
    expect(() => loadScenario('name: t\ncluster: { pools: [{ name: a, nodes: 1, capacity: { cpu: 1, memory: 1Gi } }] }\n', 't.yaml', builtins, { placement: 'bestfit' }))
      .toThrow(`t.yaml has 1 issue:
  --placement: expected a placement policy (${POLICIES}), got "bestfit"; did you mean best-fit?`)
  })

  test('args given with a policy name are reported at the args the user wrote', () => {
    expect(tweak('policies: { placement: { name: best-fit, args: { prefr: most } } }')).toBe(`t.yaml has 1 issue:
  policies.placement.args.prefr: unknown argument; known: prefer, norm`)
  })

  test('a misspelt resource in requests is reported with its likely fix, and pods is not a request', () => {
    expect(tweak(`  - kind: Pod
    name: one
    requests: { cpu: 1, memroy: 1Gi, pods: 1 }`)).toBe(`t.yaml has 2 issues:
  workloads[1].requests.memroy: unknown key; did you mean memory?
  workloads[1].requests.pods: unknown key; expected cpu, memory, gpu or an extended resource such as example.com/foo`)
  })

  test('a duplicate YAML key and a tab indent are syntax errors with line and column', () => {
    expect(tweak('name: again')).toBe(`t.yaml has 1 issue:
  t.yaml:11:1: map keys must be unique`)
    expect(tweak('\tmetrics: {}')).toBe(`t.yaml has 1 issue:
  t.yaml:11:1: tabs are not allowed as indentation`)
  })

  test('a file of comments only says so', () => {
    expect(() => loadScenario('# just a comment\n', 'c.yaml', builtins)).toThrow(`c.yaml has 1 issue:
  (top level): expected a scenario mapping with name, cluster and workloads, got no content (only comments?)`)
  })

  test('a scalar document shows the value found', () => {
    expect(() => loadScenario('hello\n', 'h.yaml', builtins)).toThrow(`h.yaml has 1 issue:
  (top level): expected a scenario mapping with name, cluster and workloads, got "hello"`)
  })

  test('every message is lowercase, has no final period, and names what was found or what to do', () => {
    const names = ['unknown-top-level-key', 'unknown-pool-key', 'negative-cpu', 'non-numeric-memory', 'bad-duration', 'unknown-placement-policy',
      'pool-min-above-max', 'nodes-outside-bounds', 'duplicate-pool-names', 'duplicate-workload-names', 'node-name-missing', 'unknown-dist',
      'lognormal-median-not-quantity', 'choice-weights-mismatch', 'unsorted-times', 'list-not-mapping', 'resource-without-domain', 'several-issues',
      'service-curve-csv-bad-row', 'service-negative-rate', 'service-unsorted-times', 'service-slo-without-units', 'service-hpa-target-out-of-range',
      'service-replicas-min-above-max', 'service-unknown-curve']
    for (const n of names) {
      const lines = messageOf(`${n}.yaml`).split('\n').slice(1)
      for (const line of lines) {
        const message = line.slice(line.indexOf(': ') + 2)
        expect(message, line).toMatch(/^[a-z]/)
        expect(message, line).not.toMatch(/\.$/)
        expect(message, line).toMatch(/got |missing|unknown key/)
      }
    }
  })
})
