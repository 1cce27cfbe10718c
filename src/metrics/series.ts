/**
 * Fixed-size columns for per-interval samples (cluster.csv): preallocated Float64Arrays, one row
 * per sample, filled on MetricsTick without allocation and turned into rows once at the end.
 */
export class Series<const C extends readonly string[]> {
  readonly columns: C
  private readonly data: Float64Array[]
  rows = 0

  constructor(columns: C, capacity: number) {
    this.columns = columns
    this.data = columns.map(() => new Float64Array(capacity))
  }

  /** Starts a new row and returns its index; write it with `set`. */
  addRow(): number {
    if (this.data.length > 0 && this.rows === this.data[0]!.length) {
      for (let c = 0; c < this.data.length; c++) {
        const grown = new Float64Array(this.data[c]!.length * 2)
        grown.set(this.data[c]!)
        this.data[c] = grown
      }
    }
    return this.rows++
  }

  /** Rows the columns hold before they grow. */
  get rowCapacity(): number {
    return this.data[0]?.length ?? 0
  }

  set(row: number, column: number, value: number): void {
    this.data[column]![row] = value
  }

  get(row: number, column: number): number {
    return this.data[column]![row]!
  }
}
