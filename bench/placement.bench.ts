/**
 * Placements per second of every registered placement policy, on clusters of 100, 1,000, 5,000
 * and 10,000 nodes (the issue's sizes: 100/1k/10k for every policy, 5k for the Kubernetes bar).
 *
 * Each iteration places one pod with the policy's profile, binds it, and finishes the oldest
 * live pod, so the cluster stays about 60 % allocated and the nodes' scores keep changing (a
 * steady state, not one frozen cluster). Pods come from a fixed cycle of shapes; nodes come in
 * four shapes.
 *
 * Every task runs in its own worker thread (a fresh V8 isolate, `inWorker` in harness.ts), as a
 * simulation runs one policy per process: measured one after another in one isolate, the figures
 * depended on which policies and sizes ran before (best-fit/5000: ~9,300 after the smaller sizes,
 * ~11,000 alone).
 *
 * `placement-memory/<policy>/1000`: one million placement decisions (filter, score, choose; no
 * bind, so the pod table does not grow) on a steady 1,000-node cluster, with the heap measured
 * after a full GC before and after (`heap_delta_bytes`; run with --expose-gc, as `npm run bench`
 * does): the placement path allocates nothing per pod or node, so memory stays flat.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { Bench } from 'tinybench'
import { builtins } from '../policies/index.js'
import { rngStream } from '../src/engine/index.js'
import { buildProfile, resolveProfile, type Profile } from '../src/framework/index.js'
import { Cluster, PodPhase, PodSpec, RequestValues, type AppId, type NodeId, type PodId, type PoolId, type PoolSpec } from '../src/model/index.js'
import { inWorker, matches, taskStats, type BenchOptions, type BenchResult } from './harness.js'

const SIZES = [100, 1000, 5000, 10_000] as const
const GI = 2 ** 30
const SHAPES = [[500, 1], [1000, 2], [2000, 4], [250, 0.5], [4000, 8], [1000, 4]] as const

interface Fixture {
  readonly cluster: Cluster
  readonly profile: Profile
  readonly spec: PodSpec
  readonly req: RequestValues
  readonly live: Int32Array
  head: number
  count: number
  shape: number
}

function fixture(policy: string, nodes: number): Fixture {
  const caps = [[8000, 32], [16000, 64], [4000, 16], [32000, 128]] as const
  const pools: PoolSpec[] = caps.map(([cpu, mem], i) => ({
    id: i as PoolId, name: `p${i}`, initial: Math.ceil(nodes / 4), min: 0, max: Math.ceil(nodes / 4),
    capacity: { cpuMilli: cpu, memBytes: mem * GI, gpu: 0, ext: {} }, maxPods: 110,
    labels: { 'topology.kubernetes.io/zone': ['a', 'b', 'c'] }, taints: [], costPerHour: 1,
  }))
  const apps = [{ id: 0 as AppId, name: 'bench', kind: 'Batch' as const, labels: { app: 'bench' }, priority: 0, nodeSelector: {}, tolerations: [] }]
  const cluster = new Cluster(pools, apps, [])
  for (let p = 0; p < pools.length; p++) for (let i = 0; i < pools[p]!.initial; i++) cluster.addNode(p as PoolId, 0)
  const ref = resolveProfile({ kind: 'policy', name: policy }, builtins, 'bench')
  if (Array.isArray(ref)) throw new Error(`bench: ${JSON.stringify(ref)}`)
  const profile = buildProfile(ref, builtins, rngStream(1, 'placement'), cluster.nodeSlots)
  // Enough live pods for ~60 % cpu allocation: mean shape is ~1.46 cores, mean node 15 cores.
  const live = new Int32Array(Math.ceil((nodes * 15 * 0.6) / 1.46))
  const f: Fixture = { cluster, profile, spec: new PodSpec(apps[0]!, 0), req: new RequestValues(0), live, head: 0, count: 0, shape: 0 }
  while (f.count < live.length) step(f)
  return f
}

/** Places one pod (and finishes the oldest when the ring is full). */
function step(f: Fixture): void {
  const c = f.cluster
  if (f.count === f.live.length) {
    const old = f.live[f.head]! as PodId
    if (c.pods.phase[old] === PodPhase.Running) c.finishPod(old, PodPhase.Succeeded, 0)
    f.head = (f.head + 1) % f.live.length
    f.count--
  }
  const [cpu, memGi] = SHAPES[f.shape]!
  f.shape = (f.shape + 1) % SHAPES.length
  f.req.cpuMilli = f.req.cpuNonZeroMilli = cpu
  f.req.memBytes = f.req.memNonZeroBytes = memGi * GI
  const p = c.createPod(0 as AppId, f.req, Infinity, 0)
  const n = f.profile.place(c.fillPodSpec(p, f.spec), c)
  if (n >= 0) c.bind(p, n as NodeId, 0)
  else c.finishPod(p, PodPhase.Failed, 0)
  f.live[(f.head + f.count) % f.live.length] = p
  f.count++
}

const MEMORY_POLICIES = ['k8s-default', 'best-fit'] as const

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  return process.memoryUsage().heapUsed
}

/** One million placement decisions on `nodes` nodes, heap before and after (see the file's docblock). */
function memoryTask(policy: string, nodes: number, placements: number): BenchResult {
  const f = fixture(policy, nodes)
  const c = f.cluster
  const p = c.createPod(0 as AppId, f.req, Infinity, 0)
  const spec = c.fillPodSpec(p, f.spec)
  let placed = 0
  const run = (count: number) => {
    for (let i = 0; i < count; i++) {
      const [cpu, memGi] = SHAPES[i % SHAPES.length]!
      spec.cpuMilli = spec.cpuNonZeroMilli = cpu
      spec.memBytes = spec.memNonZeroBytes = memGi * GI
      if (f.profile.place(spec, c) >= 0) placed++
    }
  }
  run(10_000)
  const before = heapAfterGc()
  const start = performance.now()
  run(placements)
  const ms = performance.now() - start
  const after = heapAfterGc()
  return {
    task: `placement-memory/${policy}/${nodes}`, hz: 1000 / ms, mean_ns: ms * 1e6, samples: 1,
    placements_per_s: (placements * 1000) / ms, heap_delta_bytes: after - before, heap_before_bytes: before,
    gc_exposed: (globalThis as { gc?: unknown }).gc ? 1 : 0, placed,
  } as BenchResult
}

interface PlacementJob {
  readonly job: 'placement' | 'placement-memory'
  readonly policy: string
  readonly nodes: number
  readonly quick: boolean
}

/** Placements per second of one policy at one size (see the file's docblock). */
async function placementTask({ policy, nodes, quick }: PlacementJob): Promise<BenchResult> {
  const name = `placement/${policy}/${nodes}`
  const batch = quick ? 50 : 500
  const f = fixture(policy, nodes)
  const bench = new Bench({ time: quick ? 50 : 500, warmup: true, warmupTime: quick ? 20 : 100 })
  bench.add(name, () => {
    for (let i = 0; i < batch; i++) step(f)
  })
  await bench.run()
  const { meanMs, samples } = taskStats(bench.tasks[0]!)
  return { task: name, hz: 1000 / meanMs, mean_ns: meanMs * 1e6, samples, placements_per_s: (batch * 1000) / meanMs }
}

if (!isMainThread && ['placement', 'placement-memory'].includes((workerData as PlacementJob | undefined)?.job ?? '')) {
  const job = workerData as PlacementJob
  parentPort!.postMessage(job.job === 'placement' ? await placementTask(job) : memoryTask(job.policy, job.nodes, job.quick ? 50_000 : 1_000_000))
}

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const url = new URL(import.meta.url)
  for (const policy of builtins.policies.keys()) {
    for (const nodes of SIZES) {
      if (!matches(opts, `placement/${policy}/${nodes}`)) continue
      out.push(await inWorker<PlacementJob, BenchResult>(url, { job: 'placement', policy, nodes, quick: opts.quick }))
    }
  }
  for (const policy of MEMORY_POLICIES) {
    if (!matches(opts, `placement-memory/${policy}/1000`)) continue
    out.push(await inWorker<PlacementJob, BenchResult>(url, { job: 'placement-memory', policy, nodes: 1000, quick: opts.quick }))
  }
  return out
}
