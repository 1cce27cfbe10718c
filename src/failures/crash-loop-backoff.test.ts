import { describe, expect, it } from 'vitest'
import { CrashLoopBackOff } from './crash-loop-backoff.js'

describe('CrashLoopBackOff', () => {
  it('restarts after 10 s, doubling to the 5 min cap (kubernetes/kubernetes pkg/kubelet/kubelet.go: backOffPeriod 10 s, MaxContainerBackOff 300 s)', () => {
    const b = new CrashLoopBackOff()
    const delays: number[] = []
    let t = 0
    for (let i = 0; i < 8; i++) {
      const started = t
      t += 1_000 // crashes one second after each start
      const d = b.crashed(t, started)
      delays.push(d / 1000)
      t += d
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300, 300])
  })

  it('starts over at 10 s once the container ran 10 minutes', () => {
    const b = new CrashLoopBackOff()
    expect(b.crashed(1_000, 0)).toBe(10_000)
    expect(b.crashed(12_000, 11_000)).toBe(20_000)
    expect(b.crashed(32_000 + 600_000, 32_000)).toBe(10_000)
  })
})
