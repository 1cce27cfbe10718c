/**
 * The command line end to end, through the compiled `main.js` (built once by
 * vitest.global-setup.ts): the bad-input contract (exit 2, file + path + expected + found on
 * stderr, no stack trace, no result files), help, validate, policies, schema, a pod that fits
 * nowhere, and determinism across runs and policies.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, inject, test } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the CLI entry point compiled by vitest.global-setup.ts. */
    cliMain: string
  }
}

const ROOT = resolve(import.meta.dirname, '../..')
const MAIN = inject('cliMain')
const TMP = mkdtempSync(join(tmpdir(), 'fleetsim-cli-test-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

interface Result {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the CLI; async so that `describe.concurrent` blocks overlap Node's start-up (~0.5 s each). */
function fleetsim(...args: string[]): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', fail)
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}

let outCount = 0
/** A fresh output directory path (not created). */
const outDir = (label: string): string => join(TMP, `${label}-${outCount++}`)

const noStack = (r: Result) => {
  expect(r.stderr).not.toMatch(/^\s+at /m)
  expect(r.stderr).not.toMatch(/internal error/)
}

const FIX = 'src/scenario/fixtures'

describe.concurrent('bad input exits 2 with file, path, expected and found, no stack trace and no results', async () => {
  test.each([
    ['a missing file', `${FIX}/no-such-file.yaml`, '(file): expected a YAML or JSON scenario file, got no such file'],
    ['an empty file', `${FIX}/empty.yaml`, '(top level): expected a scenario mapping with name, cluster and workloads, got an empty file'],
    ['broken YAML', `${FIX}/broken-yaml.yaml`, `${FIX}/broken-yaml.yaml:5:5: block collections are not allowed within flow collections`],
    ['an unknown key', `${FIX}/unknown-pool-key.yaml`, 'cluster.pools[0].capacty: unknown key; did you mean capacity?'],
    ['a negative quantity', `${FIX}/negative-cpu.yaml`, 'cluster.pools[0].capacity.cpu: expected a CPU quantity >= 0, got -4'],
    ['a non-numeric quantity', `${FIX}/non-numeric-memory.yaml`, 'workloads[0].requests.memory: expected a memory quantity such as 512Mi, 4Gi or 1.5G, got "lots"'],
    ['a duration of 5 parsecs', `${FIX}/bad-duration.yaml`, 'workloads[0].duration: expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got "5 parsecs"'],
    ['an unknown policy name', `${FIX}/unknown-placement-policy.yaml`, 'policies.placement: expected a placement policy ('],
    ['a list instead of a mapping', `${FIX}/list-not-mapping.yaml`, '(top level): expected a scenario mapping with name, cluster and workloads, got a list'],
    ['several issues', `${FIX}/several-issues.yaml`, 'workloads[1].priority: expected a number, got "high"'],
  ])('%s', async (_what, file, line) => {
    const out = outDir('bad')
    const r = await fleetsim('run', file, '--out', out)
    expect(r.status).toBe(2)
    expect(r.stderr.startsWith(`${file} has `)).toBe(true)
    expect(r.stderr).toContain(`\n  ${line}`)
    for (const issue of r.stderr.trimEnd().split('\n').slice(1)) expect(issue).toMatch(/^ {2}\S.*?: [a-z]/)
    noStack(r)
    expect(r.stdout).toBe('')
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })

  test.each([
    ['an empty seed', ['--seed', ''], 'fleetsim: --seed: expected a value, got ""'],
    ['a duration of 5parsecs', ['--duration', '5parsecs'], 'fleetsim: --duration: expected a duration such as 250ms, 90s, 5m, 1h30m or 2d (a bare number is seconds), got "5parsecs"'],
    ['a zero duration', ['--duration', '0s'], 'fleetsim: --duration: expected a duration > 0, got "0s"'],
    ['an unknown option', ['--sed', '3'], 'fleetsim: unknown argument: sed'],
    ['an option given twice', ['--seed', '1', '--seed', '2'], 'fleetsim: --seed: given 2 times ("1", "2"); give it once'],
    ['an unknown placement policy', ['--placement', 'fastest-fit'], '  --placement: expected a placement policy ('],
  ])('a bad run argument: %s', async (_what, args, message) => {
    const out = outDir('arg')
    const r = await fleetsim('run', 'scenarios/quickstart.yaml', '--out', out, ...args)
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(message)
    noStack(r)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })

  test('--out without a value is a bad argument, not a crash', async () => {
    const r = await fleetsim('run', 'scenarios/quickstart.yaml', '--out')
    expect(r.status).toBe(2)
    expect(r.stderr).toBe('fleetsim: --out: expected a value, got ""\n')
  })

  test('an unknown command suggests the nearest one', async () => {
    const r = await fleetsim('runn', 'scenarios/quickstart.yaml')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('fleetsim: did you mean run?')
    noStack(r)
  })

  test('a missing scenario argument and a missing command exit 2', async () => {
    for (const args of [['run'], ['validate'], ['explain'], []]) {
      const r = await fleetsim(...args)
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(/^fleetsim: /)
      expect(r.stderr, args.join(' ')).toContain('Run "fleetsim --help" for usage.')
      noStack(r)
    }
  })
})

describe.concurrent('help', async () => {
  test.each([
    ['run', ['--placement', '--seed', '--duration', '--out', '--quiet']],
    ['validate', ['<scenarios..>']],
    ['explain', ['--pod', '--at', '--placement', '--seed', '--json']],
    ['policies', ['--json']],
    ['schema', ['JSON Schema']],
    ['compare', ['--placement', '--seeds', '--out']],
    ['report', ['--out']],
  ])('fleetsim %s --help exits 0 and shows its options', async (command, mentions) => {
    const r = await fleetsim(command, '--help')
    expect(r.status).toBe(0)
    expect(r.stdout.startsWith(`fleetsim ${command}`)).toBe(true)
    for (const m of mentions) expect(r.stdout).toContain(m)
  })

  test('fleetsim --help lists every command and the exit statuses', async () => {
    const r = await fleetsim('--help')
    expect(r.status).toBe(0)
    for (const c of ['run', 'validate', 'explain', 'policies', 'schema']) expect(r.stdout).toMatch(new RegExp(`^\\s+fleetsim ${c}\\b`, 'm'))
    expect(r.stdout).toContain('2 bad input')
  })
})

describe.concurrent('validate', async () => {
  const bundled = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`)

  test('every bundled scenario is valid', async () => {
    const r = await fleetsim('validate', ...bundled)
    expect(r.status, r.stderr).toBe(0)
    for (const f of bundled) expect(r.stdout).toContain(`${f}: ok (`)
  })

  test('one bad file among good ones exits 2, and the good ones are still reported', async () => {
    const r = await fleetsim('validate', bundled[0]!, `${FIX}/negative-cpu.yaml`, bundled[1]!)
    expect(r.status).toBe(2)
    expect(r.stdout).toContain(`${bundled[0]!}: ok (`)
    expect(r.stdout).toContain(`${bundled[1]!}: ok (`)
    expect(r.stderr).toBe(`${FIX}/negative-cpu.yaml has 1 issue:
  cluster.pools[0].capacity.cpu: expected a CPU quantity >= 0, got -4
fleetsim: 1 of 3 scenario files has issues
`)
  })

  test('a valid JSON scenario validates', async () => {
    const r = await fleetsim('validate', `${FIX}/valid.json`)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`${FIX}/valid.json: ok (1 pool, 1 workload, placement best-fit)\n`)
  })
})

describe.concurrent('policies and schema', async () => {
  test('policies --json parses and lists the four basic policies', async () => {
    const r = await fleetsim('policies', '--json')
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout) as { placementPolicies: { name: string }[]; placementPlugins: { name: string }[]; podAutoscalers: { name: string }[] }
    const names = json.placementPolicies.map((p) => p.name)
    for (const n of ['first-fit', 'best-fit', 'worst-fit', 'random']) expect(names).toContain(n)
    expect(json.placementPlugins.map((p) => p.name)).toContain('resource-fit')
    expect(json.podAutoscalers.map((p) => p.name)).toEqual(expect.arrayContaining(['hpa', 'target-tracking', 'predictive']))
  })

  test('schema prints the JSON Schema that docs/ ships', async () => {
    const r = await fleetsim('schema')
    expect(r.status).toBe(0)
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: Record<string, unknown> }
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'cluster', 'workloads', 'policies']))
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs/scenario.schema.json'), 'utf8'))
  })
})

type Row = Record<string, string>
const csv = (dir: string, name: string): Row[] => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Row[]
const csvFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()

describe.concurrent('runs', async () => {
  test('a pod bigger than every node is not an error: it stays pending and is reported', async () => {
    const out = outDir('big')
    const r = await fleetsim('run', `${FIX}/pod-bigger-than-every-node.yaml`, '--out', out, '--quiet')
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const huge = csv(out, 'pods.csv').find((p) => p.workload === 'huge')
    expect(huge).toMatchObject({ outcome: 'Pending', node: '', scheduled_s: '' })
    expect(csv(out, 'pods.csv').find((p) => p.workload === 'small')?.outcome).toBe('Running')
    expect(csv(out, 'summary.csv')[0]!.pods_pending_end).toBe('1')
  })

  test('the same scenario and seed give byte-identical CSV files; another seed differs', async () => {
    const [a, b, c] = [outDir('seed7'), outDir('seed7'), outDir('seed8')]
    const runs = await Promise.all(([[a, '7'], [b, '7'], [c, '8']] as const).map(([out, seed]) => fleetsim('run', 'scenarios/quickstart.yaml', '--seed', seed, '--out', out, '--quiet')))
    for (const r of runs) expect(r.status, r.stderr).toBe(0)
    const files = csvFiles(a)
    expect(files).toEqual(expect.arrayContaining(['cluster.csv', 'pods.csv', 'rejections.csv', 'summary.csv']))
    expect(csvFiles(b)).toEqual(files)
    for (const f of files) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'))
    expect(readFileSync(join(c, 'pods.csv'), 'utf8')).not.toBe(readFileSync(join(a, 'pods.csv'), 'utf8'))
  })

  test('changing only --placement leaves every pod and its requests unchanged (common random numbers)', async () => {
    const pods = async (placement: string): Promise<Row[]> => {
      const out = outDir(placement)
      const r = await fleetsim('run', 'scenarios/quickstart.yaml', '--seed', '7', '--placement', placement, '--out', out, '--quiet')
      expect(r.status, r.stderr).toBe(0)
      return csv(out, 'pods.csv')
    }
    const workload = (rows: Row[]) => rows.map((p) => `${p.pod} ${p.created_s} ${p.cpu_request_milli} ${p.memory_request_mib}`).sort()
    const [first, worst] = await Promise.all([pods('first-fit'), pods('worst-fit')])
    expect(first.length).toBeGreaterThan(100)
    expect(workload(worst)).toEqual(workload(first))
    // ... and the policy did change something, or the test would prove nothing.
    expect(worst.map((p) => p.node)).not.toEqual(first.map((p) => p.node))
  })
})
