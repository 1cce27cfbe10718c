/**
 * Recomputes every cached sum of a Cluster from scratch and reports where it disagrees, plus the
 * capacity and one-phase invariants. Tests call it after long random runs; it is O(pods + nodes),
 * never called on a hot path.
 */
import type { Cluster } from './cluster.js'
import type { NodeId, PodId } from './ids.js'
import { NodeState, PodPhase } from './phases.js'

export function invariantViolations(c: Cluster): string[] {
  const out: string[] = []
  const nt = c.nodes
  const t = c.pods
  const phaseCount = new Int32Array(4)
  const cpu = new Float64Array(c.nodeSlots)
  const mem = new Float64Array(c.nodeSlots)
  const gpu = new Float64Array(c.nodeSlots)
  const count = new Int32Array(c.nodeSlots)
  for (let p = 0; p < t.count; p++) {
    const phase = t.phase[p]!
    if (phase > PodPhase.Failed) out.push(`pod ${p} has unknown phase ${phase}`)
    phaseCount[phase]!++
    const n = t.node[p]!
    if (phase === PodPhase.Running) {
      if (n < 0) out.push(`running pod ${p} has no node`)
      else {
        const st = nt.state[n]
        if (st !== NodeState.Ready && st !== NodeState.NotReady) out.push(`running pod ${p} is on node ${n} in state ${st}`)
        cpu[n]! += t.cpuMilli[p]!
        mem[n]! += t.memBytes[p]!
        gpu[n]! += t.gpu[p]!
        count[n]!++
      }
    }
    if (phase === PodPhase.Pending && !Number.isNaN(t.scheduledMs[p]!)) out.push(`pending pod ${p} has a scheduled time`)
    if (phase >= PodPhase.Succeeded && Number.isNaN(t.finishedMs[p]!)) out.push(`finished pod ${p} has no finish time`)
  }
  for (let ph = 0; ph < 4; ph++) {
    if (phaseCount[ph] !== c.phaseCount[ph]) out.push(`phase ${ph}: cached ${c.phaseCount[ph]}, counted ${phaseCount[ph]}`)
  }
  let readyCpuCap = 0
  let readyCpuReq = 0
  for (let n = 0; n < c.nodeSlots; n++) {
    const id = n as NodeId
    if (Math.abs(cpu[n]! - nt.cpuReqMilli[n]!) > 1e-6) out.push(`node ${n}: cpu requested ${nt.cpuReqMilli[n]}, pods sum ${cpu[n]}`)
    if (Math.abs(mem[n]! - nt.memReqBytes[n]!) > 1e-3) out.push(`node ${n}: memory requested ${nt.memReqBytes[n]}, pods sum ${mem[n]}`)
    if (Math.abs(gpu[n]! - nt.gpuReq[n]!) > 1e-9) out.push(`node ${n}: gpu requested ${nt.gpuReq[n]}, pods sum ${gpu[n]}`)
    if (count[n] !== nt.podCount[n]) out.push(`node ${n}: pod count ${nt.podCount[n]}, pods counted ${count[n]}`)
    if (nt.cpuReqMilli[n]! > nt.cpuCapMilli[n]! + 1e-6) out.push(`node ${n}: cpu over capacity`)
    if (nt.memReqBytes[n]! > nt.memCapBytes[n]! + 1e-3) out.push(`node ${n}: memory over capacity`)
    if (nt.gpuReq[n]! > nt.gpuCap[n]! + 1e-9) out.push(`node ${n}: gpu over capacity`)
    if (nt.podCount[n]! > nt.podsCap[n]!) out.push(`node ${n}: more pods than max pods`)
    let listed = 0
    for (let p = c.firstPodOnNode(id); p >= 0; p = c.nextPodOnNode(p as PodId)) {
      listed++
      if (t.node[p] !== n || t.phase[p] !== PodPhase.Running) out.push(`node ${n} lists pod ${p} that is not running there`)
    }
    if (listed !== count[n]) out.push(`node ${n}: list holds ${listed} pods, ${count[n]} run there`)
    if (nt.serving[n] === 1 && nt.state[n] !== NodeState.Ready && nt.state[n] !== NodeState.NotReady) out.push(`node ${n}: serving but not present`)
    if (nt.state[n] === NodeState.Ready) {
      readyCpuCap += nt.cpuCapMilli[n]!
      readyCpuReq += nt.cpuReqMilli[n]!
    }
  }
  if (Math.abs(readyCpuCap - c.readyCpuCapMilli) > 1e-6) out.push(`ready cpu capacity cached ${c.readyCpuCapMilli}, summed ${readyCpuCap}`)
  if (Math.abs(readyCpuReq - c.readyCpuReqMilli) > 1e-3) out.push(`ready cpu requested cached ${c.readyCpuReqMilli}, summed ${readyCpuReq}`)
  return out
}
