/**
 * Dense integer ids with brand types, so a pod id cannot be passed where a node id is expected.
 * The brand costs nothing at runtime. Ids index the struct-of-arrays tables of the model.
 */
export type NodeId = number & { readonly brand: 'NodeId' }
export type PodId = number & { readonly brand: 'PodId' }
export type PoolId = number & { readonly brand: 'PoolId' }
/** An app is one workload of the scenario (a Batch stream, a Pod, later a Service). */
export type AppId = number & { readonly brand: 'AppId' }

/** No node: a pending pod's node, or "none feasible". */
export const NO_NODE = -1 as NodeId
