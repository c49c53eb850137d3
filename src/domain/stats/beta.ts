// The regularized incomplete beta function and its inverse: the binomial tail behind the
// Clopper–Pearson interval, and so behind the exact interval for a ratio of two rates.
import { logGamma } from "./gamma.js";
import { requirePositive, requireProbability } from "./input.js";
import { invertMonotone } from "./root.js";

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** The continued fraction for I_x(a, b) (Numerical Recipes' betacf, modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** I_x(a, b): the Beta(a, b) distribution function at x. */
export function regularizedBeta(x: number, a: number, b: number): number {
  requirePositive(a, "the first shape of the incomplete beta");
  requirePositive(b, "the second shape of the incomplete beta");
  requireProbability(x, "the argument of the incomplete beta");
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  // The fraction converges fast only below the mean; above it, use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The x with I_x(a, b) = p: the p-quantile of a Beta(a, b) variable (R's qbeta(p, a, b)). */
export function betaQuantile(p: number, a: number, b: number): number {
  requireProbability(p, "the probability");
  if (p === 0) return 0;
  if (p === 1) return 1;
  return invertMonotone((x) => regularizedBeta(x, a, b) < p, 0, 1);
}
