/**
 * A Service workload in internal units: a Deployment behind a load balancer. Its replicas are
 * ordinary pods (placed by the placement policy); the load curve, the service-time distribution,
 * the routing and the latency model say how requests become latency.
 */
import type { DistSpec } from '../engine/index.js'
import type { LoadCurveSpec } from './load-curve.js'
import type { RequestSpec } from './types.js'

export const ROUTINGS = ['shared-queue', 'least-outstanding', 'round-robin', 'random'] as const
export type Routing = (typeof ROUTINGS)[number]
export const LATENCY_MODELS = ['analytic', 'requests'] as const
export type LatencyModel = (typeof LATENCY_MODELS)[number]

/** Latency objectives in ms; NaN where not set. */
export interface ServiceSlo {
  readonly p50Ms: number
  readonly p95Ms: number
  readonly p99Ms: number
}

export interface ServiceWorkload {
  readonly kind: 'Service'
  readonly app: number
  readonly initialReplicas: number
  readonly minReplicas: number
  readonly maxReplicas: number
  readonly requests: RequestSpec
  /** Requests/s one replica serves with all its slots busy. */
  readonly serviceRatePerS: number
  /** Service time of one request (default exponential with mean concurrency / serviceRate). */
  readonly serviceTimeMs: DistSpec
  /** Requests one replica serves at once. */
  readonly concurrency: number
  /** From binding to ready (image pull + readiness); a replica serves nothing before. */
  readonly startupMs: number
  /** Longest a stopping replica keeps draining its requests. */
  readonly terminationGraceMs: number
  /** A request that has waited this long in a queue is dropped. */
  readonly timeoutMs: number
  readonly slo: ServiceSlo
  readonly routing: Routing
  readonly latencyModel: LatencyModel
  readonly load: LoadCurveSpec
  /** The pod autoscaler of this service (policy name and args), or undefined for fixed replicas. */
  readonly autoscaler: { readonly name: string; readonly args: Readonly<Record<string, unknown>> } | undefined
}
