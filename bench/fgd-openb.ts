/**
 * The FGD paper's openb fill-up experiment (../shared/reference/traces-protocols.md section 2),
 * replayed with fleetsim's placement policies, so their GPU allocation can be compared with the
 * published results (section 3, Tables 1-3). Not a test (it needs the trace files and takes
 * seconds per run); run it after building:
 *
 *   node dist/bench/fgd-openb.js [--traces DIR] [--pods openb_pod_list_default.csv]
 *                                [--policies fgd,best-fit,first-fit] [--seeds 42..44] [--every 1]
 *
 * Protocol as the artifact: GPU nodes of openb_node_list_gpu_node.csv in node-name order
 * (`--every N` keeps every Nth), one pod list shuffled with the seed, then resampled pods appended
 * until one more would push GPU demand past 1.3 x capacity; pods never finish; one pod at a time;
 * a pod that fits nowhere is skipped. fgd's typical pods come from the whole list. Printed: GPU
 * allocated (% of capacity) when arrived demand first reaches 100 % and at the end (~130 %).
 * The RNG is not Go's, so compare means over seeds, not single runs.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import seedrandom from 'seedrandom'
import { rngStream } from '../src/engine/index.js'
import { buildProfile, resolveProfile, type RequestShape } from '../src/framework/index.js'
import { Cluster, NO_NODE, PodSpec, RequestValues, type AppId, type AppSpec, type NodeId, type PoolId, type PoolSpec } from '../src/model/index.js'
import { builtins } from '../policies/index.js'

interface Pod { cpuMilli: number; memBytes: number; gpu: number }
const MIB = 2 ** 20

function readCsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n')
  const keys = head!.split(',')
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i]!, v])))
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback
}

function run(policy: string, seed: number, nodes: Record<string, string>[], pods: readonly Pod[]): [number, number] {
  const pools: PoolSpec[] = nodes.map((n, i) => ({
    id: i as PoolId, name: n.sn!, initial: 1, min: 0, max: 1, maxPods: 1001, labels: {}, taints: [], costPerHour: 0,
    capacity: { cpuMilli: Number(n.cpu_milli), memBytes: Number(n.memory_mib) * MIB, gpu: Number(n.gpu), ext: {} },
  }))
  const capacity = pools.reduce((a, p) => a + p.capacity.gpu, 0)
  const rng = seedrandom.alea(`openb/${seed}`)
  const list = [...pods]
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[list[i], list[j]] = [list[j]!, list[i]!]
  }
  let demand = list.reduce((a, p) => a + p.gpu, 0)
  for (;;) {
    const p = pods[Math.floor(rng() * pods.length)]!
    if (demand + p.gpu > 1.3 * capacity) break
    list.push(p)
    demand += p.gpu
  }
  const shapes = new Map<string, RequestShape & { weight: number }>()
  for (const p of pods) {
    const key = `${p.cpuMilli}/${p.gpu}`
    const s = shapes.get(key)
    if (s) s.weight++
    else shapes.set(key, { cpuMilli: p.cpuMilli, gpu: p.gpu, weight: 1 })
  }
  const app: AppSpec = { id: 0 as AppId, name: 'openb', kind: 'Batch', labels: {}, priority: 0, nodeSelector: {}, tolerations: [] }
  const c = new Cluster(pools, [app], [])
  for (let p = 0; p < pools.length; p++) c.addNode(p as PoolId, 0)
  const ref = resolveProfile({ kind: 'policy', name: policy }, builtins, 'fgd-openb')
  if (Array.isArray(ref)) throw new Error(JSON.stringify(ref))
  const profile = buildProfile(ref, builtins, rngStream(seed, 'placement'), c.nodeSlots, [...shapes.values()])
  const chooser = profile.entries.find((e) => e.plugin.gpuDevices)?.plugin
  const spec = new PodSpec(app, 0)
  const req = new RequestValues(0)
  let arrived = 0
  let allocated = 0
  let at100 = NaN
  for (const p of list) {
    req.cpuMilli = req.cpuNonZeroMilli = p.cpuMilli
    req.memBytes = req.memNonZeroBytes = p.memBytes
    req.gpu = p.gpu
    const id = c.createPod(0 as AppId, req, Infinity, 0)
    const n = profile.place(c.fillPodSpec(id, spec), c)
    arrived += p.gpu
    if (n !== NO_NODE) {
      const mask = chooser && p.gpu > 0 ? chooser.gpuDevices!(spec, n, c) : 0
      if (mask !== 0) c.gpus.prefer(id, mask)
      c.bind(id, n as NodeId, 0)
      allocated += p.gpu
    }
    if (Number.isNaN(at100) && arrived >= capacity) at100 = (100 * allocated) / capacity
  }
  return [at100, (100 * allocated) / capacity]
}

const dir = arg('traces', '../shared/traces/alibaba-gpu-v2023')
const every = Number(arg('every', '1'))
const nodes = readCsv(join(dir, 'openb_node_list_gpu_node.csv')).sort((a, b) => (a.sn! < b.sn! ? -1 : 1)).filter((_, i) => i % every === 0)
const pods: Pod[] = readCsv(join(dir, arg('pods', 'openb_pod_list_default.csv'))).map((r) => {
  const num = Number(r.num_gpu)
  const milli = Number(r.gpu_milli)
  return { cpuMilli: Number(r.cpu_milli), memBytes: Number(r.memory_mib) * MIB, gpu: num === 0 ? 0 : milli < 1000 ? milli / 1000 : num }
})
const [from, to] = arg('seeds', '42..44').split('..').map(Number) as [number, number]
console.log(`${nodes.length} nodes, ${pods.length} pods; GPU allocated % of capacity`)
console.log('policy\tseed\tat_arrived_100\tat_end_130')
for (const policy of arg('policies', 'fgd,best-fit,first-fit').split(',')) {
  for (let seed = from; seed <= (to ?? from); seed++) {
    const [a, b] = run(policy, seed, nodes, pods)
    console.log(`${policy}\t${seed}\t${a.toFixed(2)}\t${b.toFixed(2)}`)
  }
}
