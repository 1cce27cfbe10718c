/**
 * Run planning: which runs a comparison or sweep consists of, in one deterministic order, and how
 * that order is cut into shards. Pure arithmetic: no scenario is read or run here.
 *
 * Order: sweep point, then policy combination (in the order given), then seed. Every output row
 * and every shard follows it, so the result never depends on how many workers ran it.
 */

/**
 * The policy kinds a comparison can vary, each a scenario override and a summary.csv column.
 * Extension point: a new kind (e.g. cluster autoscalers) is one entry here plus the matching
 * ScenarioOverrides field and CLI flag; plans, labels, comparison rows and assertions then handle
 * the combinations without other changes.
 */
export const POLICY_AXES = [{ axis: 'placement', column: 'placement' }, { axis: 'podAutoscaler', column: 'pod_autoscaler' }] as const
export type PolicyAxis = (typeof POLICY_AXES)[number]['axis']

/** One policy combination: a name per axis, in POLICY_AXES order. */
export type PolicyChoice = Readonly<Partial<Record<PolicyAxis, string>>>

export interface PlannedRun {
  /** Position in the whole plan, 0-based: the `run` column of a sweep's runs.csv. */
  readonly index: number
  /** Sweep point (parameter setting), 0-based; always 0 for `compare`. */
  readonly point: number
  readonly policy: PolicyChoice
  /** The combination as people read it: `best-fit`, or `best-fit+hpa` once there are several axes. */
  readonly label: string
  readonly seed: number | string
}

export const policyLabel = (p: PolicyChoice): string =>
  POLICY_AXES.map(({ axis }) => p[axis]).filter((v) => v !== undefined).join('+')

/** Every combination of the axes' names (cartesian product, first axis slowest). */
export function policyCombinations(axes: Readonly<Partial<Record<PolicyAxis, readonly string[]>>>): PolicyChoice[] {
  let out: Partial<Record<PolicyAxis, string>>[] = [{}]
  for (const { axis } of POLICY_AXES) {
    const names = axes[axis]
    if (names === undefined || names.length === 0) continue
    out = out.flatMap((p) => names.map((n) => ({ ...p, [axis]: n })))
  }
  return out
}

export function planRuns(points: number, policies: readonly PolicyChoice[], seeds: readonly (number | string)[]): PlannedRun[] {
  const runs: PlannedRun[] = []
  for (let point = 0; point < points; point++) {
    for (const policy of policies) {
      for (const seed of seeds) runs.push({ index: runs.length, point, policy, label: policyLabel(policy), seed })
    }
  }
  return runs
}

/**
 * Seeds from `--seeds`: `5` means seeds 1..5, `3..7` an inclusive range, `1,4,9` a list. Returns a
 * message (string) for anything else.
 */
export function parseSeeds(text: string): number[] | string {
  const t = text.trim()
  const bad = `expected a count (5), a range (1..20) or a list (1,4,9), got "${text}"`
  if (/^\d+$/.test(t)) {
    const n = Number(t)
    return n >= 1 && n <= 100_000 ? Array.from({ length: n }, (_, i) => i + 1) : `expected between 1 and 100000 seeds, got ${t}`
  }
  const range = /^(-?\d+)\s*\.\.\s*(-?\d+)$/.exec(t)
  if (range) {
    const a = Number(range[1])
    const b = Number(range[2])
    if (b < a) return `range ${t} is empty; write the lower seed first`
    if (b - a >= 100_000) return `expected at most 100000 seeds, got ${b - a + 1}`
    return Array.from({ length: b - a + 1 }, (_, i) => a + i)
  }
  if (/^-?\d+(\s*,\s*-?\d+)+$/.test(t)) {
    const list = t.split(',').map((s) => Number(s.trim()))
    return new Set(list).size === list.length ? list : `seed list ${t} names a seed twice`
  }
  return bad
}

export interface Shard {
  /** 0-based, as Kubernetes' JOB_COMPLETION_INDEX. */
  readonly index: number
  readonly count: number
}

/** `i/N` with 0 <= i < N; returns a message (string) otherwise. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!m) return `expected i/N such as 0/4 (i counts from 0, as JOB_COMPLETION_INDEX does), got "${text}"`
  const index = Number(m[1])
  const count = Number(m[2])
  if (count < 1) return `expected N >= 1, got ${count}`
  if (index >= count) return `expected i < N (shards are numbered 0..${count - 1}), got ${index}/${count}`
  return { index, count }
}

/**
 * The runs of one shard: run r belongs to shard r mod N. Round-robin rather than contiguous blocks
 * so that expensive points or policies (adjacent in plan order) spread over all shards; shard
 * sizes differ by at most one, and every run is in exactly one shard.
 */
export const shardRuns = <R extends { readonly index: number }>(runs: readonly R[], shard: Shard): R[] =>
  runs.filter((r) => r.index % shard.count === shard.index)
