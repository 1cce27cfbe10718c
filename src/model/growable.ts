/**
 * Doubling for the typed-array columns whose final size is not known up front (pods).
 * Columns grow together, so one capacity check covers a whole table.
 */
type NumericArray = Float64Array | Int32Array | Uint8Array

export function grow<T extends NumericArray>(a: T, capacity: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(capacity)
  b.set(a)
  if (fill !== 0) b.fill(fill, a.length)
  return b
}
