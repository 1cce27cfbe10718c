/**
 * Services: a day of a 50-service cluster with the analytic latency model and the HPA (every
 * service synced every 15 s: 288,000 autoscaler decisions, 72,000 services.csv rows), timed end
 * to end as `fleetsim run` does it (simulate, then every table to CSV text); the goal is under 2 s
 * of wall time. Beside it, a request-level run (every request an event) as events per second.
 */
import { parseScenario, toCsv, type SimulateResult, type Table } from '../src/index.js'
import { matches, type BenchOptions, type BenchResult } from './harness.js'
import { simulateTask } from './simulate-task.js'

/** `count` diurnal services (200 to 1,180 req/s mean, peaks spread over the day) on 120 nodes, HPA at 60 % CPU. */
export function servicesScenario(count: number, duration: string): string {
  const services = Array.from({ length: count }, (_, i) => {
    const mean = 200 + 20 * i
    return `  - kind: Service
    name: svc-${i}
    replicas: { initial: 4, min: 2, max: 60 }
    requests: { cpu: 500m, memory: 512Mi }
    serviceRate: 100
    startup: 20s
    load: { curve: diurnal, mean: ${mean}, amplitude: ${Math.round(mean * 0.7)}, period: 24h, peakAt: ${i % 24}h, noise: 0.05 }
    slo: { p99: 250ms }`
  })
  return `name: services-${count}
duration: ${duration}
seed: 1
cluster:
  pools:
    - { name: general, nodes: 120, capacity: { cpu: 16, memory: 64Gi } }
workloads:
${services.join('\n')}
policies:
  podAutoscaler: { name: hpa, targetCpuUtilization: 60 }
metrics:
  interval: 1m
`
}

/** One service at 400 req/s on 6 replicas, every request an event. */
const REQUESTS = (duration: string) => `name: requests-level
duration: ${duration}
seed: 1
cluster: { pools: [{ name: general, nodes: 4, capacity: { cpu: 8, memory: 32Gi } }] }
workloads:
  - kind: Service
    name: web
    replicas: 6
    requests: { cpu: 500m, memory: 512Mi }
    serviceRate: 100
    latencyModel: requests
    routing: shared-queue
    load: { curve: diurnal, mean: 400, amplitude: 100, period: 1h }
    slo: { p99: 100ms }
metrics:
  interval: 1m
`

function csvBytes(r: SimulateResult): number {
  let n = 0
  for (const t of [r.summary, r.cluster, r.pods, r.rejections, ...Object.values(r.extra as Record<string, Table>)]) n += toCsv(t).length
  return n
}

export async function suite(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const tasks = [
    { task: 'services/50-analytic-day', text: servicesScenario(50, opts.quick ? '2h' : '24h') },
    { task: 'services/requests-level', text: REQUESTS(opts.quick ? '5m' : '1h') },
  ]
  for (const { task, text } of tasks) {
    if (!matches(opts, task)) continue
    const scenario = parseScenario(text, `${task}.yaml`)
    out.push(await simulateTask(task, scenario, { bench: { time: opts.quick ? 200 : 5000, iterations: 3, warmup: true, warmupIterations: 1 }, after: csvBytes }))
  }
  return out
}
