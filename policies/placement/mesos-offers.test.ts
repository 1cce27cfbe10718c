import { describe, expect, it } from 'vitest'
import { checkProfile } from '../../src/framework/index.js'
import { builtins } from '../index.js'
import { mesosOffers } from './mesos-offers.js'
import { profileOf } from './testing.js'

describe('mesos-offers arguments', () => {
  it('defaults to the Mesos allocator: 1 s interval, 5 s refuse filter, no per-offer limit, shuffled agents', () => {
    const plugin = mesosOffers.create(mesosOffers.defaults, { rng: () => 0 })
    expect(plugin.offerCycle).toMatchObject({ allocationIntervalMs: 1000, refuseMs: 5000, maxTasksPerOffer: 0, shuffleAgents: true })
  })

  it('mesos-drf routes its args to mesos-offers', () => {
    const p = profileOf('mesos-drf', { allocationIntervalSeconds: 0.5, refuseSeconds: 0 })
    expect(p.plugins.find((x) => x.name === 'mesos-offers')!.args).toEqual({ allocationIntervalSeconds: 0.5, refuseSeconds: 0 })
    expect(checkProfile(p, builtins, 'policies.placement')).toEqual([])
  })

  it('rejects bad args with the field path, the expectation and what was found', () => {
    const p = profileOf('mesos-drf', { allocationIntervalSeconds: 0, refuseSeconds: -1, maxTasksPerOffer: 2.5, shuffleAgents: 'yes' })
    expect(checkProfile(p, builtins, 'policies.placement')).toEqual([
      { path: 'policies.placement.plugins[3].args.allocationIntervalSeconds', message: 'expected a number > 0, got 0' },
      { path: 'policies.placement.plugins[3].args.refuseSeconds', message: 'expected a number of seconds from 0 to 31536000 (365 days), got -1' },
      { path: 'policies.placement.plugins[3].args.maxTasksPerOffer', message: 'expected a whole number from 0 to 1000000, got 2.5' },
      { path: 'policies.placement.plugins[3].args.shuffleAgents', message: 'expected true or false, got "yes"' },
    ])
    expect(checkProfile(profileOf('mesos-drf', { allocationIntervalSeconds: 0.0005 }), builtins, 'p')).toEqual([
      { path: 'p.plugins[3].args.allocationIntervalSeconds', message: 'expected a whole number of milliseconds, got 0.0005 s' },
    ])
  })
})
