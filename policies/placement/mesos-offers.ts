/**
 * Mesos two-level offers: a plugin with no filter or score of its own that switches the run's
 * scheduler to the offer cycle (src/controller/offer-scheduler.ts). Its args are the allocator's
 * `--allocation_interval` (default 1 s) and `Filters.refuse_seconds` (default 5 s), both from
 * apache/mesos (`src/master/constants.hpp`, `include/mesos/mesos.proto`), the framework's
 * per-offer launch limit (0 = none; Marathon's `max_instances_per_offer` is 5) and whether agents
 * are walked in a random order each pass (upstream does).
 *
 * `mesos-drf` is the policy: DRF offers, first fit within each offer, Marathon constraints.
 */
import { describeValue, intInRange, positive, type Issue, type PlacementModule, type PlacementPolicy } from '../../src/framework/index.js'

type Args = { allocationIntervalSeconds: number; refuseSeconds: number; maxTasksPerOffer: number; shuffleAgents: boolean }

/** Simulated time is whole milliseconds. */
const wholeMs = (seconds: number, at: string): Issue[] =>
  Number.isInteger(Math.round(seconds * 1e6) / 1e3) ? [] : [{ path: at, message: `expected a whole number of milliseconds, got ${describeValue(seconds)} s` }]

export const mesosOffers: PlacementModule<Args> = {
  name: 'mesos-offers',
  description: 'Mesos two-level scheduling: agents offered every allocation interval in DRF order; declined offers refused for refuseSeconds',
  defaults: { allocationIntervalSeconds: 1, refuseSeconds: 5, maxTasksPerOffer: 0, shuffleAgents: true },
  check: (a, at) => {
    const issues = positive(a.allocationIntervalSeconds, `${at}.allocationIntervalSeconds`)
    if (issues.length === 0) issues.push(...wholeMs(a.allocationIntervalSeconds, `${at}.allocationIntervalSeconds`))
    if (!(typeof a.refuseSeconds === 'number' && a.refuseSeconds >= 0 && a.refuseSeconds <= 365 * 86_400)) {
      issues.push({ path: `${at}.refuseSeconds`, message: `expected a number of seconds from 0 to 31536000 (365 days), got ${describeValue(a.refuseSeconds)}` })
    } else issues.push(...wholeMs(a.refuseSeconds, `${at}.refuseSeconds`))
    issues.push(...intInRange(a.maxTasksPerOffer, 0, 1_000_000, `${at}.maxTasksPerOffer`))
    if (typeof a.shuffleAgents !== 'boolean') issues.push({ path: `${at}.shuffleAgents`, message: `expected true or false, got ${describeValue(a.shuffleAgents)}` })
    return issues
  },
  create: (a, ctx) => ({
    name: 'mesos-offers',
    offerCycle: {
      allocationIntervalMs: Math.round(a.allocationIntervalSeconds * 1000),
      refuseMs: Math.round(a.refuseSeconds * 1000),
      maxTasksPerOffer: a.maxTasksPerOffer,
      shuffleAgents: a.shuffleAgents,
      rng: ctx.rng,
    },
  }),
}

export const mesosDrf: PlacementPolicy = {
  name: 'mesos-drf',
  description: 'Mesos/DC-OS: agents offered each second to frameworks (tenants) in weighted DRF order; first fit within the offer, Marathon constraints; declines refused 5 s',
  argsTo: 'mesos-offers',
  profile: {
    tieBreak: 'lowest-node-id',
    plugins: [{ name: 'node-unschedulable' }, { name: 'resource-fit' }, { name: 'marathon-constraints' }, { name: 'mesos-offers' }],
  },
}
