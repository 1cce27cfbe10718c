/**
 * Exp(1) draws by the ziggurat method: the sampler behind every exponential quantity of a run
 * (Poisson arrivals, exponential durations and times between failures, Weibull by transform).
 *
 * Owns the 256-layer ziggurat tables and the draw. It does not scale to a mean (callers multiply)
 * and holds no state: the tables are computed once at load and never written again.
 *
 * Method: Marsaglia and Tsang, "The Ziggurat Method for Generating Random Variables", Journal of
 * Statistical Software 5(8), 2000: their EXP with 256 layers and layer area v =
 * 3.949659822581572e-3, tables built by their `zigset` recurrence, with the tail start r =
 * 7.69711747013104972 to the precision numpy and Julia use (the paper prints 7.697117470131487;
 * both fit v far below any effect). One 32-bit uniform per draw in the common case: its low 8 bits
 * pick the layer and its upper 24 bits the point in it, separate bits as in numpy's
 * `random_standard_exponential` (Doornik 2005 showed that reusing the index bits in the value
 * correlates them). A point inside the layer's rectangle under the curve (97.8 % of draws: the
 * rectangles' share of the ziggurat's area) is returned as it is; otherwise the wedge test or the
 * tail (r + Exp(1) by inversion, memoryless) takes one or two more uniforms.
 *
 * So a draw takes a variable number of uniforms (1.034 on average: 97.8 % take one, 1.1 % two,
 * 1.1 % three or more; measured over 10^7 draws, and 1.0336 from the tables):
 * the stream's position after a draw depends on the values drawn. Each stream serves one purpose
 * in a fixed order of draws, so common random numbers are kept (the k-th draw of a stream is the
 * same in every run of a seed); only code that assumed a fixed count per draw would notice.
 *
 * Resolution: values lie on a grid of (layer width) / 2^24, at most 8.7 / 2^24 = 5.2e-7 means in
 * the base strip (24 of the uniform's 32 bits; 0.52 ms for a mean of 1,000 s, 1.3 s for a mean of
 * 30 days).
 *
 * perf: inversion, -ln(1 - u), cost 18 ns per draw on this machine (Node 20) against 9 ns for this
 * ziggurat and 6 ns for the bare alea uniform (5*10^7 draws each, CPU time, two alternating runs):
 * `Math.log` is a call into V8's C++ fdlibm port. On bench/engine.bench.ts hold/engine/1e2 the
 * engine went from 12.7 to 13.8 M events/s (medians of six alternating runs, CPU time).
 */
import type { Rng } from './rng.js'

const LAYERS = 256
/** Start of the tail: the right edge of the base layer. */
const R = 7.69711747013104972
/** Area of each layer (and of the base layer with its tail). */
const V = 3.949659822581572e-3
/** 2^24: the value part of the uniform. */
const SCALE = 16_777_216

// Per layer i: KE[i] accepts a 24-bit value at once when below it (the layer's rectangle lies
// entirely under the curve up to x = KE[i] * WE[i]); WE[i] turns the 24-bit value into x;
// FE[i] = exp(-x_i), the curve at the layer's right edge, for the wedge test.
const KE = new Float64Array(LAYERS)
const WE = new Float64Array(LAYERS)
const FE = new Float64Array(LAYERS)

{
  // Marsaglia and Tsang's zigset() for the exponential, with m2 = 2^24.
  let de = R
  let te = R
  const q = V / Math.exp(-de)
  KE[0] = (de / q) * SCALE
  KE[1] = 0
  WE[0] = q / SCALE
  WE[LAYERS - 1] = de / SCALE
  FE[0] = 1
  FE[LAYERS - 1] = Math.exp(-de)
  for (let i = LAYERS - 2; i >= 1; i--) {
    de = -Math.log(V / de + Math.exp(-de))
    KE[i + 1] = (de / te) * SCALE
    te = de
    FE[i] = Math.exp(-de)
    WE[i] = de / SCALE
  }
}

/** One draw of Exp(1) (mean 1) from `rng`. */
export function standardExponential(rng: Rng): number {
  // alea's uniforms are multiples of 2^-32, so this is exact.
  const u = (rng() * 4294967296) >>> 0
  const i = u & 255
  const v = u >>> 8
  if (v < KE[i]!) return v * WE[i]!
  return slowPath(rng, i, v)
}

// The 2.2 % of draws outside the rectangles: the tail, or the wedge test and a new try.
function slowPath(rng: Rng, layer: number, value: number): number {
  let i = layer
  let v = value
  for (;;) {
    if (i === 0) return R - Math.log(1 - rng())
    const x = v * WE[i]!
    if (FE[i]! + rng() * (FE[i - 1]! - FE[i]!) < Math.exp(-x)) return x
    const u = (rng() * 4294967296) >>> 0
    i = u & 255
    v = u >>> 8
    if (v < KE[i]!) return v * WE[i]!
  }
}
