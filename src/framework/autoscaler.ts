/**
 * The pod autoscaler contract: what a service's autoscaler sees at each sync (its replicas and
 * their metric samples, already delayed and window-averaged by the metrics pipeline) and what it
 * answers (the replica count it wants, with the why for autoscaler.csv). The service controller
 * calls `decide` every `syncPeriodMs` and applies the answer; the policy never touches pods.
 *
 * Policies live in policies/autoscaling/, one file each, as PodAutoscalerModules registered by
 * name next to the placement policies (`withPodAutoscalers`).
 */
import type { Issue } from './issue.js'
import type { Registry } from './registry.js'

/** One pod of the service as the autoscaler sees it (Kubernetes pod status plus a metrics sample). */
export interface ReplicaStatus {
  readonly phase: 'Pending' | 'Running'
  /** Being deleted (scale-down, draining): upstream ignores such pods. */
  readonly deleting: boolean
  /** When the pod started on its node (bound); NaN while Pending. */
  readonly startMs: number
  /** When it turned Ready (its last readiness transition); NaN while not ready. */
  readonly readyMs: number
  readonly cpuRequestMilli: number
  /**
   * Mean CPU usage over the sample window (millicores) and requests/s received, or undefined
   * when the pipeline holds no sample for the pod yet (a missing pod).
   */
  readonly cpuUsageMilli: number | undefined
  readonly rps: number | undefined
}

export interface ServiceMetricsView {
  readonly service: string
  /** The replica count the service is set to now (Kubernetes `scale.spec.replicas`). */
  readonly specReplicas: number
  readonly minReplicas: number
  readonly maxReplicas: number
  /** Time from binding to ready of a new replica (for policies that look ahead). */
  readonly startupMs: number
  /** Requests/s one replica serves at full speed. */
  readonly serviceRatePerS: number
  /** The samples cover [sampleMs - windowMs, sampleMs]; sampleMs = now - scrape delay. */
  readonly sampleMs: number
  readonly windowMs: number
  readonly pods: readonly ReplicaStatus[]
  /** Service-wide window averages (NaN when the pipeline has no full window yet). */
  readonly offeredRps: number
  readonly latencyMeanMs: number
  /** Mean busy fraction of the ready replicas (0..1). */
  readonly busyFraction: number
}

/** Why the final count differs from (or equals) the metric's proposal: the bound it reached. */
export const LIMITED_BY = ['none', 'tolerance', 'stabilization', 'rate-limit', 'cooldown', 'min', 'max', 'no-metrics'] as const
export type LimitedBy = (typeof LIMITED_BY)[number]

export interface PodScaleDecision {
  /** The replica count wanted now (the controller applies it when it differs from specReplicas). */
  readonly replicas: number
  /** What the metric alone asked for, before tolerance, stabilization, rate limits and min/max. */
  readonly proposed: number
  /** The metric that decided (`cpu`, `rps`, `latency_ms`, `forecast_rps`, ...). */
  readonly metric: string
  readonly metricValue: number
  readonly target: number
  readonly limitedBy: LimitedBy
}

export interface PodAutoscaler {
  readonly name: string
  readonly syncPeriodMs: number
  /**
   * Mutates nothing outside itself; may keep private state derived only from its inputs. The view
   * and its pods are valid only during the call (the controller reuses them): copy what you keep.
   */
  decide(view: ServiceMetricsView, nowMs: number): PodScaleDecision
}

export interface PodAutoscalerModule<Args> {
  readonly name: string
  readonly defaults: Args
  /** Every issue of the merged args; `at` is the scenario path of the args. */
  check(args: Args, at: string): Issue[]
  create(args: Args): PodAutoscaler
}

/** A registry that also knows pod autoscalers by name. */
export interface PodAutoscalerRegistry extends Registry {
  readonly podAutoscalers: ReadonlyMap<string, PodAutoscalerModule<object>>
}

/** Adds pod autoscaler modules to a registry; refuses duplicate names. */
export function withPodAutoscalers(reg: Registry, modules: readonly PodAutoscalerModule<object>[]): PodAutoscalerRegistry {
  const map = new Map<string, PodAutoscalerModule<object>>()
  for (const m of modules) {
    if (map.has(m.name)) throw new Error(`registry: two pod autoscalers are named "${m.name}"`)
    map.set(m.name, m)
  }
  return { ...reg, podAutoscalers: map }
}

/** The pod autoscalers of a registry (none for a registry built without them). */
export function podAutoscalersOf(reg: Registry): ReadonlyMap<string, PodAutoscalerModule<object>> {
  return (reg as Partial<PodAutoscalerRegistry>).podAutoscalers ?? new Map()
}
