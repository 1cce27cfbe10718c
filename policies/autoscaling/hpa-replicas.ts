/**
 * The HPA's replica calculation per metric (Kubernetes pkg/controller/podautoscaler/
 * replica_calculator.go, autoscaling/v2), as pure functions of the pods and their samples:
 * grouping pods into ready, unready (ignored) and missing; integer-percent utilization; the 0.1
 * tolerance with inclusive bounds; the second pass that counts missing pods at their request
 * (scale-down) or 0 (scale-up) and unready pods at 0 on a scale-up, keeping the current count when
 * the direction would flip. Carries over upstream's rules, not its code.
 */
import type { ReplicaStatus } from '../../src/framework/index.js'

export interface CalcConfig {
  readonly tolerance: number
  readonly cpuInitializationPeriodMs: number
  readonly initialReadinessDelayMs: number
}

/** The outcome of one metric: the replica count it asks for, and whether tolerance kept the count. */
export interface MetricProposal {
  readonly replicas: number
  /** The metric as upstream reports it: utilization %, average per pod, or the object value. */
  readonly value: number
  readonly withinTolerance: boolean
}

interface Groups {
  readonly readyCount: number
  /** Indices of pods with a usable sample (not ignored, not missing). */
  readonly sampled: number[]
  readonly ignored: number[]
  readonly missing: number[]
}

/** groupPods: deleting pods are left out; Pending ones are unready; CPU also judges readiness and warm-up. */
export function groupPods(pods: readonly ReplicaStatus[], value: (p: ReplicaStatus) => number | undefined, cpu: boolean, nowMs: number, sampleMs: number, windowMs: number, cfg: CalcConfig): Groups {
  const sampled: number[] = []
  const ignored: number[] = []
  const missing: number[] = []
  // perf: a plain loop (no closure per pod); the HPA runs every 15 s per service (bench/services.bench.ts).
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!
    if (p.deleting) continue
    if (p.phase === 'Pending') { ignored.push(i); continue }
    if (value(p) === undefined) { missing.push(i); continue }
    if (cpu) {
      const ready = !Number.isNaN(p.readyMs)
      let ignore: boolean
      if (p.startMs + cfg.cpuInitializationPeriodMs > nowMs) {
        // Within the initialization period: unready, or the sample window began before it turned ready.
        ignore = !ready || sampleMs < p.readyMs + windowMs
      } else {
        // Past it: unready and never ready (its readiness last changed within the initial delay of start).
        ignore = !ready && p.startMs + cfg.initialReadinessDelayMs > p.startMs
      }
      if (ignore) { ignored.push(i); continue }
    }
    sampled.push(i)
  }
  return { readyCount: sampled.length, sampled, ignored, missing }
}

/** Resource metric with target type Utilization (percent of request). */
export function resourceUtilizationReplicas(
  current: number, targetPct: number, pods: readonly ReplicaStatus[], usage: (p: ReplicaStatus) => number | undefined,
  nowMs: number, sampleMs: number, windowMs: number, cfg: CalcConfig,
): MetricProposal | undefined {
  // Upstream: a pod without a CPU request is an error (missing request for cpu), so no proposal.
  for (let i = 0; i < pods.length; i++) if (!pods[i]!.deleting && pods[i]!.cpuRequestMilli <= 0) return undefined
  const g = groupPods(pods, usage, true, nowMs, sampleMs, windowMs, cfg)
  if (g.sampled.length === 0) return undefined // upstream: did not receive metrics for any ready pods
  // The sampled pods' utilization, summed in the same order as utilizationPct does.
  let used = 0
  let req = 0
  for (const i of g.sampled) {
    used += usage(pods[i]!)!
    req += pods[i]!.cpuRequestMilli
  }
  const utilization = req > 0 ? Math.floor((100 * used) / req + 1e-9) : 0
  const ratio = utilization / targetPct
  const rebalance = g.ignored.length > 0 && ratio > 1
  if (!rebalance && g.missing.length === 0) {
    if (Math.abs(1 - ratio) <= cfg.tolerance) return { replicas: current, value: utilization, withinTolerance: true }
    return { replicas: Math.ceil(ratio * g.readyCount), value: utilization, withinTolerance: false }
  }
  const values = new Map<number, number>()
  for (const i of g.sampled) values.set(i, usage(pods[i]!)!)
  for (const i of g.missing) {
    const req = pods[i]!.cpuRequestMilli
    if (ratio < 1) values.set(i, Math.max(req, (req * targetPct) / 100))
    else if (ratio > 1) values.set(i, 0)
  }
  if (rebalance) for (const i of g.ignored) values.set(i, 0)
  const newRatio = utilizationPct(values, pods) / targetPct
  return secondPass(current, ratio, newRatio, values.size, utilization, cfg)
}

/** Pods metric with target type AverageValue (per-pod values, compared in milli-units as upstream). */
export function podsAverageReplicas(
  current: number, target: number, pods: readonly ReplicaStatus[], value: (p: ReplicaStatus) => number | undefined, cfg: CalcConfig,
): MetricProposal | undefined {
  const g = groupPods(pods, value, false, 0, 0, 0, cfg)
  if (g.sampled.length === 0) return undefined
  const targetMilli = Math.round(target * 1000)
  const values = new Map<number, number>()
  for (const i of g.sampled) values.set(i, Math.round(value(pods[i]!)! * 1000))
  const avg = averageMilli(values)
  const ratio = avg / targetMilli
  const rebalance = g.ignored.length > 0 && ratio > 1
  if (!rebalance && g.missing.length === 0) {
    if (Math.abs(1 - ratio) <= cfg.tolerance) return { replicas: current, value: avg / 1000, withinTolerance: true }
    return { replicas: Math.ceil(ratio * g.readyCount), value: avg / 1000, withinTolerance: false }
  }
  for (const i of g.missing) values.set(i, ratio < 1 ? targetMilli : 0)
  if (rebalance) for (const i of g.ignored) values.set(i, 0)
  const newRatio = averageMilli(values) / targetMilli
  return secondPass(current, ratio, newRatio, values.size, avg / 1000, cfg)
}

/** Object metric with target type Value: ratio = value / target, scaled by the ready pods. */
export function objectValueReplicas(current: number, value: number, target: number, readyPods: number, cfg: CalcConfig): MetricProposal {
  const ratio = value / target
  if (current === 0) return { replicas: Math.ceil(ratio), value, withinTolerance: false }
  if (Math.abs(1 - ratio) <= cfg.tolerance) return { replicas: current, value, withinTolerance: true }
  return { replicas: Math.ceil(ratio * readyPods), value, withinTolerance: false }
}

function secondPass(current: number, ratio: number, newRatio: number, counted: number, value: number, cfg: CalcConfig): MetricProposal {
  if (Math.abs(1 - newRatio) <= cfg.tolerance || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) {
    return { replicas: current, value, withinTolerance: true }
  }
  const n = Math.ceil(newRatio * counted)
  if ((newRatio < 1 && n > current) || (newRatio > 1 && n < current)) return { replicas: current, value, withinTolerance: true }
  return { replicas: n, value, withinTolerance: false }
}

/** floor(100 x sum(usage) / sum(request)) over the pods with a value, as an integer percent. */
function utilizationPct(values: ReadonlyMap<number, number>, pods: readonly ReplicaStatus[]): number {
  let used = 0
  let req = 0
  for (const [i, v] of values) {
    used += v
    req += pods[i]!.cpuRequestMilli
  }
  return req > 0 ? Math.floor((100 * used) / req + 1e-9) : 0
}

function averageMilli(values: ReadonlyMap<number, number>): number {
  let s = 0
  for (const v of values.values()) s += v
  return Math.floor(s / values.size)
}
