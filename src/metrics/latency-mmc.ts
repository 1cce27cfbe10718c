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
 * The t with survival(t) = p (survival decreasing from 1): bracketed in log t from `scaleMs` (a
 * typical value), then the Illinois variant of regula falsi on log survival(t) - log p over t, to
 * a relative precision of 1e-9. perf: response-time tails are close to exponential, so log
 * survival is nearly linear in t and the false-position steps land within a few evaluations
 * (about 6 in all where regula falsi on survival over log t took 8-10, and bisection 35; a day of
 * 50 services spends much of its time here: bench/services.bench.ts).
 */
export function invertSurvival(p: number, survival: (tMs: number) => number, scaleMs: number): number {
  if (p >= 1) return 0
  if (p <= 0) return Infinity
  let lo = Math.log(scaleMs)
  let hi = lo
  let slo = survival(scaleMs)
  let shi = slo
  while (slo < p && lo > -30) { hi = lo; shi = slo; lo -= 1.5; slo = survival(Math.exp(lo)) }
  if (slo < p) return Math.exp(lo)
  while (shi > p && hi < 40) { lo = hi; slo = shi; hi += 1.5; shi = survival(Math.exp(hi)) }
  if (shi > p) return Math.exp(hi)
  // Now survival(a) >= p >= survival(b). Work on g(t) = log survival(t) - log p, nearly linear in t.
  const logP = Math.log(p)
  let a = Math.exp(lo)
  let b = Math.exp(hi)
  let ga = Math.log(slo) - logP
  let gb = Math.log(shi) - logP
  let side = 0
  for (let i = 0; i < 100 && b - a > 1e-9 * b; i++) {
    // A survival of 0 (log -Infinity) at b: bisect until the far end is finite.
    const x = !Number.isFinite(gb) || ga === gb ? (a + b) / 2 : (a * gb - b * ga) / (gb - ga)
    const gx = Math.log(survival(x)) - logP
    if (gx === 0) return x
    if (gx > 0) {
      a = x
      ga = gx
      if (side === 1) gb /= 2
      side = 1
    } else {
      b = x
      gb = gx
      if (side === -1) ga /= 2
      side = -1
    }
  }
  return (a + b) / 2
}
