/**
 * The mix of pod request shapes a scenario's workloads generate, weighted by how many pods each
 * is expected to create over the run (arrival rate x active window, capped by its count; one for a
 * single Pod; the initial replicas of a Service). A shape is a (cpu, gpu) pair: cpu and gpu are
 * drawn independently, so a workload contributes the product of its two marginals. A `choice`
 * contributes each value with its weight; a constant its value; a continuous distribution its
 * median (one shape), since a mix of shapes needs discrete values.
 *
 * Placement policies that plan for the pods still to come use it (fgd's "typical pods"). Memory
 * is not part of a shape, as in the FGD artifact. Off the hot path: computed once per run.
 */
import type { DistSpec } from '../engine/index.js'
import type { Workload } from './types.js'

export interface RequestShape {
  readonly cpuMilli: number
  /** GPUs as the pod requests them: a share below 1, or whole devices. */
  readonly gpu: number
  /** Expected pods of this shape over the run. */
  readonly weight: number
}

/** Values and probabilities of a distribution, discretized as the file comment says. */
function points(d: DistSpec): [number, number][] {
  switch (d.dist) {
    case 'constant': return [[d.value, 1]]
    case 'choice': {
      const w = d.weights ?? d.values.map(() => 1)
      const total = w.reduce((a, b) => a + b, 0)
      return d.values.map((v, i) => [v, w[i]! / total])
    }
    case 'uniform': return [[(d.min + d.max) / 2, 1]]
    case 'exponential': return [[d.mean * Math.LN2, 1]]
    case 'normal': return [[d.mean, 1]]
    case 'lognormal': return [[d.median, 1]]
    case 'weibull': return [[d.scale * Math.LN2 ** (1 / d.shape), 1]]
  }
}

/** Expected pods a workload creates in [0, durationMs). */
export function expectedPods(w: Workload, durationMs: number): number {
  if (w.kind === 'Pod') return w.atMs < durationMs ? 1 : 0
  if (w.kind === 'Service') return w.initialReplicas
  const windowMs = Math.max(0, Math.min(w.stopMs, durationMs) - w.startMs)
  const a = w.arrivals
  let n: number
  if (a.process === 'poisson') n = (a.ratePerS * windowMs) / 1000
  else if (a.process === 'interval') n = Math.ceil(windowMs / a.everyMs)
  else n = a.atMs.filter((t) => t >= w.startMs && t < Math.min(w.stopMs, durationMs)).length
  return Math.min(n, w.maxPods)
}

/** Shapes with their expected pod counts, merged by shape, in order of first appearance. */
export function requestMix(workloads: readonly Workload[], durationMs: number): RequestShape[] {
  const byKey = new Map<string, { cpuMilli: number; gpu: number; weight: number }>()
  for (const w of workloads) {
    const pods = expectedPods(w, durationMs)
    if (!(pods > 0)) continue
    for (const [cpu, pc] of points(w.requests.cpuMilli)) {
      for (const [gpu, pg] of points(w.requests.gpu)) {
        const cpuMilli = Math.max(0, Math.ceil(cpu))
        const g = Math.max(0, gpu)
        const key = `${cpuMilli}/${g}`
        const e = byKey.get(key)
        if (e) e.weight += pods * pc * pg
        else byKey.set(key, { cpuMilli, gpu: g, weight: pods * pc * pg })
      }
    }
  }
  return [...byKey.values()]
}
