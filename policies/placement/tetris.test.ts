import { describe, expect, it } from 'vitest'
import { tinyCluster } from '../../src/model/testing.js'
import type { NodeId } from '../../src/model/index.js'
import { tetrisAlignment } from './tetris.js'
import { GI, nodePools, placer } from './testing.js'

describe('tetris', () => {
  it('alignment is the sum of request/capacity x free/capacity per resource', () => {
    const { cluster, pod } = tinyCluster()
    // a-0: 8 cpu / 32Gi with 4 / 16Gi free; the pod asks 1 cpu / 1Gi.
    expect(tetrisAlignment(pod, 0 as NodeId, cluster)).toBeCloseTo((1 / 8) * (4 / 8) + (1 / 32) * (16 / 32), 12)
    // b-0: 4 / 8Gi with 2 / 2Gi free.
    expect(tetrisAlignment(pod, 1 as NodeId, cluster)).toBeCloseTo((1 / 4) * (2 / 4) + (1 / 8) * (2 / 8), 12)
  })

  it('prefers the node whose free vector points along the demand: a cpu-heavy pod goes to the node with cpu free', () => {
    const pools = nodePools([
      { name: 'cpu-free', cpuMilli: 8000, memBytes: 8 * GI },
      { name: 'mem-free', cpuMilli: 8000, memBytes: 8 * GI },
    ])
    const s = placer(pools, 2, 'tetris')
    const c = s.cluster
    const bind = (n: number, cpu: number, mem: number) => c.bind(c.createPod(1 as never, { cpuMilli: cpu, cpuNonZeroMilli: cpu, memBytes: mem, memNonZeroBytes: mem, gpu: 0, ext: new Float64Array(0) }, Infinity, 0), n as never, 0)
    bind(0, 1000, 6 * GI) // cpu-free: 7 cpu, 2Gi left
    bind(1, 6000, 1 * GI) // mem-free: 2 cpu, 7Gi left
    expect(s.place(0, 2000, 512 * 2 ** 20)).toBe('cpu-free-0')
    expect(s.place(0, 100, 2 * GI)).toBe('mem-free-0')
  })

})
