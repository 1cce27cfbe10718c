/**
 * A month of a 1,000-node cluster with node failures (exponential, MTBF 30 days per node, repair
 * lognormal median 1 h), the Kubernetes control plane's eviction delays and the cluster
 * autoscaler (pool 800..1,200 nodes), under a steady batch load of about 220,000 pods (4 cpu,
 * lognormal 4 h). Reported as simulated days per wall second, beside events/s and pods/s.
 */
import { parseScenario } from '../src/index.js'
import { matches, type BenchOptions, type BenchResult } from './harness.js'
import { simulateTask } from './simulate-task.js'

const scenarioText = (days: number) => `
name: cluster-month
duration: ${days}d
seed: 1
cluster:
  pools:
    - name: general
      nodes: 1000
      min: 800
      max: 1200
      capacity: { cpu: 16, memory: 64Gi }
      labels: { topology.kubernetes.io/zone: [a, b, c] }
      costPerHour: 0.77
      provisionDelay: { dist: uniform, min: 3m, max: 4m }
workloads:
  - kind: Batch
    name: jobs
    arrivals: { process: poisson, rate: 5/min }
    duration: { dist: lognormal, median: 3h, sigma: 0.8 }
    requests: { cpu: { choice: [2, 4, 8] }, memory: { choice: [4Gi, 8Gi, 16Gi] } }
    checkpoint: 30m
faults:
  - { kind: NodeCrash, pool: general, mtbf: 720h, repair: { dist: lognormal, median: 1h, sigma: 0.7 } }
controlPlane: kubernetes
policies:
  placement: best-fit
  clusterAutoscaler: { name: cluster-autoscaler, expander: least-waste }
metrics: { interval: 10m }
`

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const task = 'cluster/1000-nodes-month'
  if (!matches(opts, task)) return []
  const days = opts.quick ? 2 : 30
  const scenario = parseScenario(scenarioText(days), 'cluster-month.yaml')
  const r = await simulateTask(task, scenario, { bench: { time: 0, iterations: opts.quick ? 1 : 2, warmup: false } })
  return [{ ...r, sim_days_per_s: (days * 1e9) / r.mean_ns }]
}
