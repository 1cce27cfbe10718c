/**
 * Mesos' DRF sorter (apache/mesos `src/master/allocator/mesos/sorter/drf/sorter.cpp`), flat (no
 * role hierarchy): the order in which the allocator offers an agent to its clients (roles,
 * frameworks). A client's share is its dominant share, max over the scalar resources r with a
 * positive total of allocation_r / total_r, divided by its weight (default 1). `sort` returns the
 * active clients by share ascending, then by the number of allocations ever made to the client
 * (it only grows, also while the client is inactive), then by name.
 *
 * Resources are a fixed number of scalar dimensions (the offer scheduler uses cpu, memory, gpu);
 * the caller keeps `total` equal to the pool the shares are measured against. Nothing here knows
 * about agents or pods. Per sort it costs O(clients x dims + clients log clients); it allocates
 * nothing after construction.
 */

export class DrfSorter {
  readonly names: string[] = []
  readonly dims: number
  /** The pool every share is measured against, per dimension. */
  readonly total: Float64Array
  private weight: number[] = []
  private active: boolean[] = []
  private allocations: number[] = []
  private allocation: Float64Array
  private order: number[] = []
  private share: number[] = []

  constructor(dims: number) {
    this.dims = dims
    this.total = new Float64Array(dims)
    this.allocation = new Float64Array(0)
  }

  /** Adds a client (inactive until `activate`, as upstream) and returns its index. */
  add(name: string, weight = 1): number {
    if (this.names.includes(name)) throw new Error(`DrfSorter.add: client "${name}" already exists`)
    if (!(weight > 0)) throw new Error(`DrfSorter.add: weight of "${name}" must be > 0, got ${weight}`)
    const c = this.names.length
    this.names.push(name)
    this.weight.push(weight)
    this.active.push(false)
    this.allocations.push(0)
    this.share.push(0)
    const grown = new Float64Array((c + 1) * this.dims)
    grown.set(this.allocation)
    this.allocation = grown
    return c
  }

  indexOf(name: string): number {
    return this.names.indexOf(name)
  }

  activate(c: number): void {
    this.active[c] = true
  }

  deactivate(c: number): void {
    this.active[c] = false
  }

  isActive(c: number): boolean {
    return this.active[c] === true
  }

  updateWeight(c: number, weight: number): void {
    if (!(weight > 0)) throw new Error(`DrfSorter.updateWeight: weight must be > 0, got ${weight}`)
    this.weight[c] = weight
  }

  /** Resources allocated to client `c` (one allocation: its count goes up by one). */
  allocated(c: number, amounts: ArrayLike<number>): void {
    const base = c * this.dims
    for (let d = 0; d < this.dims; d++) this.allocation[base + d]! += amounts[d]!
    this.allocations[c]!++
  }

  /** Resources given back by client `c` (its allocation count stays). */
  unallocated(c: number, amounts: ArrayLike<number>): void {
    const base = c * this.dims
    for (let d = 0; d < this.dims; d++) this.allocation[base + d]! -= amounts[d]!
  }

  /** Sets client `c`'s allocation outright (no allocation is counted). */
  setAllocation(c: number, amounts: ArrayLike<number>): void {
    const base = c * this.dims
    for (let d = 0; d < this.dims; d++) this.allocation[base + d] = amounts[d]!
  }

  allocationCount(c: number): number {
    return this.allocations[c]!
  }

  /** Client `c`'s weighted dominant share. */
  shareOf(c: number): number {
    const base = c * this.dims
    let s = 0
    for (let d = 0; d < this.dims; d++) {
      const t = this.total[d]!
      // Upstream skips resources whose total is not positive.
      if (t > 0) s = Math.max(s, this.allocation[base + d]! / t)
    }
    return s / this.weight[c]!
  }

  /**
   * The active clients in DRF order, as client indices. The returned array is reused by the next
   * call; copy it to keep it.
   */
  sort(): readonly number[] {
    const order = this.order
    order.length = 0
    for (let c = 0; c < this.names.length; c++) {
      if (!this.active[c]) continue
      this.share[c] = this.shareOf(c)
      order.push(c)
    }
    order.sort(this.compare)
    return order
  }

  /** Names in DRF order (tests and reports). */
  sortedNames(): string[] {
    return this.sort().map((c) => this.names[c]!)
  }

  private readonly compare = (a: number, b: number): number => {
    const sa = this.share[a]!
    const sb = this.share[b]!
    if (sa !== sb) return sa < sb ? -1 : 1
    const ca = this.allocations[a]!
    const cb = this.allocations[b]!
    if (ca !== cb) return ca - cb
    const na = this.names[a]!
    const nb = this.names[b]!
    return na < nb ? -1 : na > nb ? 1 : 0
  }
}
