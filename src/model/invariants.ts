/**
 * Recomputes every cached sum of a Cluster from scratch and reports where it disagrees, plus the
 * capacity and one-phase invariants. Tests call it after long random runs; it is O(pods + nodes),
 * never called on a hot path.
 */
import type { Cluster } from './cluster.js'
import type { NodeId, PodId } from './ids.js'
import { gpuDevicesOf, gpuMilliOf, MILLI_PER_GPU } from './gpu-share.js'
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
  // Present nodes only: a removed node's slot must not keep a cordon the count no longer has.
  let cordoned = 0
  for (let n = 0; n < c.nodeSlots; n++) if (nt.state[n] !== NodeState.Absent) cordoned += nt.unschedulable[n]!
  if (cordoned !== c.cordonedNodes) out.push(`cordoned nodes: cached ${c.cordonedNodes}, counted ${cordoned}`)
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
  out.push(...gpuDeviceViolations(c))
  if (Math.abs(readyCpuCap - c.readyCpuCapMilli) > 1e-6) out.push(`ready cpu capacity cached ${c.readyCpuCapMilli}, summed ${readyCpuCap}`)
  if (Math.abs(readyCpuReq - c.readyCpuReqMilli) > 1e-3) out.push(`ready cpu requested cached ${c.readyCpuReqMilli}, summed ${readyCpuReq}`)
  return out
}

/**
 * Per-device GPU state against the pods: every device's free milli-GPU is in 0..1000; a running
 * pod with a gpu request holds exactly its device count on its node's devices, and other pods
 * hold none; each device's used milli-GPU is the sum of its holders' shares, and a node's device
 * usage adds up to its `gpuReq`.
 */
function gpuDeviceViolations(c: Cluster): string[] {
  const out: string[] = []
  const g = c.gpus
  const t = c.pods
  const used = new Float64Array(g.free.length)
  for (let p = 0; p < t.count; p++) {
    const mask = g.podDevices(p as PodId)
    const gpu = t.gpu[p]!
    if (t.phase[p] !== PodPhase.Running || gpu <= 0) {
      if (mask !== 0) out.push(`pod ${p} holds gpu devices ${mask.toString(2)} but is not a running gpu pod`)
      continue
    }
    const n = t.node[p]!
    let bits = 0
    for (let d = 0; d < 32; d++) {
      if (!(mask & (1 << d))) continue
      bits++
      if (d >= g.count[n]!) out.push(`pod ${p} holds gpu device ${d} of node ${n}, which has ${g.count[n]}`)
      else used[g.first[n]! + d]! += gpuMilliOf(gpu)
    }
    if (bits !== gpuDevicesOf(gpu)) out.push(`pod ${p} (gpu ${gpu}) holds ${bits} gpu devices`)
  }
  for (let n = 0; n < c.nodeSlots; n++) {
    let nodeUsed = 0
    for (let d = 0; d < g.count[n]!; d++) {
      const i = g.first[n]! + d
      const free = g.free[i]!
      if (free < 0 || free > MILLI_PER_GPU) out.push(`node ${n} gpu ${d}: free ${free} milli-GPU, outside 0..${MILLI_PER_GPU}`)
      if (MILLI_PER_GPU - free !== used[i]) out.push(`node ${n} gpu ${d}: ${MILLI_PER_GPU - free} milli-GPU used, its pods hold ${used[i]}`)
      nodeUsed += MILLI_PER_GPU - free
    }
    if (Math.abs(nodeUsed - c.nodes.gpuReq[n]! * MILLI_PER_GPU) > 1e-6) out.push(`node ${n}: gpu devices hold ${nodeUsed} milli-GPU, gpu requested ${c.nodes.gpuReq[n]}`)
  }
  return out
}
