/**
 * The M/M/c queue in closed form, for the analytic latency model and for the tests that hold the
 * request-level model to theory: Erlang C (the probability that an arrival waits) and the
 * response-time (sojourn) distribution of a FIFO M/M/c queue,
 *
 *   T = S + W,  S ~ Exp(mu),  W = 0 with probability 1 - C,  W ~ Exp(c mu - lambda) with probability C,
 *
 * so P(T > t) = (1 - C) e^(-mu t) + C P(S + Exp(theta) > t), theta = c mu - lambda, with
 * P(S + Exp(theta) > t) = (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu)  (theta != mu),
 *                         (1 + mu t) e^(-mu t)                                 (theta == mu).
 * Rates here are per ms. Nothing is allocated per call.
 */

/** Erlang C for `c` servers and offered load `a = lambda / mu` erlangs; 1 when a >= c. */
export function erlangC(c: number, a: number): number {
  if (c <= 0) return 1
  if (a <= 0) return 0
  if (a >= c) return 1
  // Erlang B by its stable recursion, then C = c B / (c - a (1 - B)).
  let b = 1
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b)
  return (c * b) / (c - a * (1 - b))
}

/** P(T > t) for a response time T = shift + S + (W with probability waitProb); t, shift in ms. */
export function sojournSurvival(tMs: number, waitProb: number, muPerMs: number, thetaPerMs: number, shiftMs = 0): number {
  const t = tMs - shiftMs
  if (t <= 0) return 1
  const es = Math.exp(-muPerMs * t)
  if (waitProb <= 0) return es
  let conv: number
  const d = thetaPerMs - muPerMs
  if (Math.abs(d) < 1e-9 * muPerMs) conv = (1 + muPerMs * t) * es
  else conv = (thetaPerMs * es - muPerMs * Math.exp(-thetaPerMs * t)) / d
  return (1 - waitProb) * es + waitProb * conv
}

/** Mean response time in ms: shift + 1/mu + C / theta. */
export function sojournMeanMs(waitProb: number, muPerMs: number, thetaPerMs: number, shiftMs = 0): number {
  return shiftMs + 1 / muPerMs + (waitProb > 0 ? waitProb / thetaPerMs : 0)
}

/**
 * The response-time quantile of a stable M/M/c queue: `servers` servers of rate `muPerS` each,
 * arrivals at `lambdaPerS` (< servers x mu). In ms.
 */
export function mmcQuantileMs(q: number, servers: number, lambdaPerS: number, muPerS: number): number {
  const C = erlangC(servers, lambdaPerS / muPerS)
  const mu = muPerS / 1000
  const theta = (servers * muPerS - lambdaPerS) / 1000
  return invertSurvival(1 - q, (t) => sojournSurvival(t, C, mu, theta), 1 / mu)
}

export function mmcMeanMs(servers: number, lambdaPerS: number, muPerS: number): number {
  const C = erlangC(servers, lambdaPerS / muPerS)
  return sojournMeanMs(C, muPerS / 1000, (servers * muPerS - lambdaPerS) / 1000)
}

/**
 * The t with survival(t) = p (survival decreasing from 1): bracketed in log t from `scaleMs`
 * (a typical value), then the Illinois variant of regula falsi on log t to a relative precision
 * of 1e-9. perf: about 8 evaluations where bisection took 35 (a day of 50 services spent most of
 * its time here; see bench/services.bench.ts).
 */
export function invertSurvival(p: number, survival: (tMs: number) => number, scaleMs: number): number {
  if (p >= 1) return 0
  if (p <= 0) return Infinity
  let lo = Math.log(scaleMs)
  let hi = lo
  let flo = survival(scaleMs) - p
  let fhi = flo
  while (flo < 0 && lo > -30) { hi = lo; fhi = flo; lo -= 1.5; flo = survival(Math.exp(lo)) - p }
  if (flo < 0) return Math.exp(lo)
  while (fhi > 0 && hi < 40) { lo = hi; flo = fhi; hi += 1.5; fhi = survival(Math.exp(hi)) - p }
  if (fhi > 0) return Math.exp(hi)
  // Now flo >= 0 >= fhi. Illinois: halve the stale end's value so both ends move.
  let side = 0
  for (let i = 0; i < 100 && hi - lo > 1e-9; i++) {
    const x = flo === fhi ? (lo + hi) / 2 : (lo * fhi - hi * flo) / (fhi - flo)
    const fx = survival(Math.exp(x)) - p
    if (fx === 0) return Math.exp(x)
    if (fx > 0) {
      lo = x
      flo = fx
      if (side === 1) fhi /= 2
      side = 1
    } else {
      hi = x
      fhi = fx
      if (side === -1) flo /= 2
      side = -1
    }
  }
  return Math.exp((lo + hi) / 2)
}
