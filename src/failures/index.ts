/** Failures: fault specs, victim selection, time-to-failure/repair draws, backoff and control-plane delays. Imports only engine types. */
export type { ContainerCrashFault, DrainFault, FaultSpec, NodeCrashFault, NodeSelector, SpotReclaimFault, ZoneOutageFault } from './fault-spec.js'
export { groupOf, matchesNode, zoneOf } from './node-selector.js'
export { FailureClock, steadyStateAvailability } from './failure-clock.js'
export { CRASH_LOOP_INITIAL_MS, CRASH_LOOP_MAX_MS, CRASH_LOOP_RESET_MS, CrashLoopBackOff } from './crash-loop-backoff.js'
export { CONTROL_PLANE_DEFAULTS, CONTROL_PLANE_PROFILES } from './control-plane-profiles.js'
export type { ControlPlaneProfile, ControlPlaneSpec } from './control-plane-profiles.js'
