/**
 * Engine throughput on the hold model, next to a raw typed-heap loop measured in the same run.
 *
 * Sizes: 10^2, 10^4 and 10^6 pending events; 10,000 events per task iteration; increments are
 * Exp(mean 1000 ms) rounded up to whole ms (dense exact ties, as in the simulator). `Math.ceil`,
 * not `Math.round`: on this runtime (Node 20, x64) `Math.round` took ~18 ns more per call than
 * `ceil`/`floor`, doubling the cost of the draw.
 *
 * - `hold/engine/N`: the real `Sim` API. Four event kinds with four distinct handlers in the
 *   handler table; the handler for kind c folds the entity into a hash and schedules kind
 *   (c + 1) % 4 for the same entity, drawing the delay from the engine's seeded `durations`
 *   stream with the engine's own Exp(1) sampler (`standardExponential`, the ziggurat every
 *   exponential quantity of a run uses). Driven by `sim.step()`.
 * - `hold/reference/N`: the practical limit on this runtime: a minimal binary heap over typed arrays
 *   with FIFO seq numbers (pop, then push), no dispatch, no RNG (increments from a precomputed
 *   table of the same distribution).
 * - `rng/alea-prng`, `rng/alea-double`: draws/s of seedrandom alea's `prng()` and `prng.double()`,
 *   the measurement behind the choice in `src/engine/rng.ts`.
 *
 * Engine and reference alternate within each round (order flipped every round), and the ratio is
 * taken per round, then the median over rounds; quote ratios, not absolute figures.
 *
 * Each round of each size runs in its own worker thread (a fresh V8 isolate), as one simulation
 * runs per process:
 * - In one shared isolate the second and later instances of the same code lose V8's specialization
 *   to a single closure context / constant object, and whichever side was created first at 10^2
 *   keeps it: the reference at 10^4 then ran at 0.6x of its own speed in a fresh process, which
 *   skewed the ratios both ways.
 * - What V8 compiles depends on when its background compiler finishes. Before the `perf:` fixes in
 *   src/engine/sim.ts and event-queue.ts about half of the fresh rounds settled on slower code for
 *   the whole round (hold/engine/1e4 at 5.3-6.4 M events/s instead of 7.1-7.3); after them none of
 *   12 did, but nothing guarantees it. With all rounds in one isolate that one draw decided every
 *   round; a fresh isolate per round makes the rounds independent draws, and the median takes the
 *   typical one.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import seedrandom from 'seedrandom'
import { Bench } from 'tinybench'
import { Sim, rngStream, standardExponential } from '../src/engine/index.js'
import { type BenchOptions, type BenchResult, inWorker, matches, median, taskStats } from './harness.js'

const SIZES = [
  { label: '1e2', n: 100 },
  { label: '1e4', n: 10_000 },
  { label: '1e6', n: 1_000_000 },
] as const
const STEPS_PER_ITERATION = 10_000
const MEAN_INCREMENT_MS = 1000
const SEED = 'bench'
const RNG_DRAWS_PER_ITERATION = 100_000

/** Keeps results observable so the optimizer can't drop the work. */
let sink = 0

interface Hold {
  steps(count: number): void
}

function engineHold(n: number): Hold {
  const sim = new Sim(n)
  const rng = rngStream(SEED, 'durations')
  let hash = 0
  // Four distinct functions, as a controller registers: the call in the run loop is megamorphic.
  sim.on(0, (e) => {
    hash = (hash * 31 + e) | 0
    sim.schedule(Math.ceil(MEAN_INCREMENT_MS * standardExponential(rng)), 1, e)
  })
  sim.on(1, (e) => {
    hash = (hash * 31 + e) | 0
    sim.schedule(Math.ceil(MEAN_INCREMENT_MS * standardExponential(rng)), 2, e)
  })
  sim.on(2, (e) => {
    hash = (hash * 31 + e) | 0
    sim.schedule(Math.ceil(MEAN_INCREMENT_MS * standardExponential(rng)), 3, e)
  })
  sim.on(3, (e) => {
    hash = (hash * 31 + e) | 0
    sim.schedule(Math.ceil(MEAN_INCREMENT_MS * standardExponential(rng)), 0, e)
  })
  for (let i = 0; i < n; i++) sim.schedule(Math.ceil(MEAN_INCREMENT_MS * standardExponential(rng)), i & 3, i)
  return {
    steps(count) {
      for (let i = 0; i < count; i++) sim.step()
      sink ^= hash
    },
  }
}

function referenceHold(n: number): Hold {
  const TABLE_SIZE = 1 << 16
  const increments = new Float64Array(TABLE_SIZE)
  const table = rngStream(SEED, 'durations')
  for (let i = 0; i < TABLE_SIZE; i++) increments[i] = Math.ceil(MEAN_INCREMENT_MS * standardExponential(table))
  const time = new Float64Array(n + 1)
  const seq = new Uint32Array(n + 1)
  const id = new Int32Array(n + 1)
  let size = 0
  let nextSeq = 0
  let j = 0
  let hash = 0
  const push = (t: number, v: number): void => {
    let i = size++
    while (i > 0) {
      const p = (i - 1) >>> 1
      if (time[p]! <= t) break
      time[i] = time[p]!
      seq[i] = seq[p]!
      id[i] = id[p]!
      i = p
    }
    time[i] = t
    seq[i] = nextSeq
    nextSeq = (nextSeq + 1) >>> 0
    id[i] = v
  }
  const popTop = (): void => {
    const k = --size
    const t = time[k]!
    const s = seq[k]!
    const v = id[k]!
    const half = k >>> 1
    let i = 0
    while (i < half) {
      let c = 2 * i + 1
      const r = c + 1
      if (r < k && (time[r]! < time[c]! || (time[r] === time[c] && ((seq[r]! - seq[c]!) | 0) < 0))) c = r
      const ct = time[c]!
      if (t < ct || (t === ct && ((s - seq[c]!) | 0) < 0)) break
      time[i] = ct
      seq[i] = seq[c]!
      id[i] = id[c]!
      i = c
    }
    time[i] = t
    seq[i] = s
    id[i] = v
  }
  for (let i = 0; i < n; i++) push(increments[j++ & (TABLE_SIZE - 1)]!, (i << 2) | (i & 3))
  return {
    steps(count) {
      for (let k = 0; k < count; k++) {
        const now = time[0]!
        const v = id[0]!
        popTop()
        hash = (hash * 31 + (v >> 2)) | 0
        push(now + increments[j++ & (TABLE_SIZE - 1)]!, (v & ~3) | ((v + 1) & 3))
      }
      sink ^= hash
    },
  }
}

type Stat = { meanMs: number; samples: number }
interface HoldJob {
  readonly job: 'engine-hold'
  readonly label: string
  readonly n: number
  readonly round: number
  readonly time: number
  readonly warmupTime: number
}
interface HoldStats {
  engine: Stat
  reference: Stat
}

/** One round: engine and reference side by side in this (fresh) isolate, in the round's order. */
async function measureHold({ label, n, round, time, warmupTime }: HoldJob): Promise<HoldStats> {
  const engine = engineHold(n)
  const reference = referenceHold(n)
  const bench = new Bench({ time, warmupTime, iterations: 5 })
  const tasks = [
    [`hold/engine/${label}`, () => engine.steps(STEPS_PER_ITERATION)],
    [`hold/reference/${label}`, () => reference.steps(STEPS_PER_ITERATION)],
  ] as const
  for (const [name, fn] of round % 2 === 0 ? tasks : [...tasks].reverse()) bench.add(name, fn)
  await bench.run()
  if (sink === 0.5) console.log('unreachable', sink)
  return { engine: taskStats(bench.getTask(tasks[0][0])!), reference: taskStats(bench.getTask(tasks[1][0])!) }
}

if (!isMainThread && (workerData as HoldJob | undefined)?.job === 'engine-hold') {
  parentPort!.postMessage(await measureHold(workerData as HoldJob))
}

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const rounds = opts.quick ? 1 : 5
  const time = opts.quick ? 100 : 500
  const warmupTime = opts.quick ? 20 : 100
  const results: BenchResult[] = []
  for (const { label, n } of SIZES) {
    const engineName = `hold/engine/${label}`
    const referenceName = `hold/reference/${label}`
    if (!matches(opts, engineName) && !matches(opts, referenceName)) continue
    const stats: HoldStats[] = []
    for (let round = 0; round < rounds; round++) {
      stats.push(await inWorker<HoldJob, HoldStats>(new URL(import.meta.url), { job: 'engine-hold', label, n, round, time, warmupTime }))
    }
    const ratios = stats.map((s) => s.reference.meanMs / s.engine.meanMs)
    results.push(
      summarize(engineName, stats.map((s) => s.engine), STEPS_PER_ITERATION, {
        ratio_to_reference: median(ratios),
        ratio_min: Math.min(...ratios),
        ratio_max: Math.max(...ratios),
      }),
      summarize(referenceName, stats.map((s) => s.reference), STEPS_PER_ITERATION, {}),
    )
  }
  if (matches(opts, 'rng/alea-prng') || matches(opts, 'rng/alea-double')) results.push(...(await rngSuite(time, warmupTime)))
  return results
}

async function rngSuite(time: number, warmupTime: number): Promise<BenchResult[]> {
  const prng = seedrandom.alea(`${SEED}/durations`)
  const bench = new Bench({ time, warmupTime, iterations: 5 })
  bench.add('rng/alea-prng', () => {
    let s = 0
    for (let i = 0; i < RNG_DRAWS_PER_ITERATION; i++) s += prng()
    sink += s
  })
  bench.add('rng/alea-double', () => {
    let s = 0
    for (let i = 0; i < RNG_DRAWS_PER_ITERATION; i++) s += prng.double()
    sink += s
  })
  await bench.run()
  if (sink === 0.5) console.log('unreachable', sink)
  const base = taskStats(bench.getTask('rng/alea-prng')!)
  const dbl = taskStats(bench.getTask('rng/alea-double')!)
  return [
    summarize('rng/alea-prng', [base], RNG_DRAWS_PER_ITERATION, {}),
    summarize('rng/alea-double', [dbl], RNG_DRAWS_PER_ITERATION, { ratio_to_reference: base.meanMs / dbl.meanMs }),
  ]
}

function summarize(
  task: string,
  rounds: readonly { meanMs: number; samples: number }[],
  eventsPerIteration: number,
  extra: Pick<BenchResult, 'ratio_to_reference' | 'ratio_min' | 'ratio_max'>,
): BenchResult {
  const meanMs = median(rounds.map((x) => x.meanMs))
  return {
    task,
    hz: 1000 / meanMs,
    mean_ns: meanMs * 1e6,
    samples: rounds.reduce((s, x) => s + x.samples, 0),
    events_per_s: (eventsPerIteration * 1000) / meanMs,
    ...extra,
  }
}
