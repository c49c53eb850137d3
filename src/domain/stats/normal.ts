// The standard normal distribution function and its quantile, for the Wilson interval and the
// normal approximation of the Mann–Whitney test.
import { regularizedGammaQ } from "./gamma.js";
import { requireProbability } from "./input.js";

/**
 * Φ(z). Uses erfc(t) = Q(1/2, t²), so the tail is computed directly and keeps its relative
 * precision (Φ(-8) ≈ 6e-16 is not a difference of two numbers near 1).
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === 0) return 0.5;
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

// Peter J. Acklam's rational approximation (relative error below 1.15e-9), then one Halley step
// against normalCdf, which brings it to the precision of normalCdf itself.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  const [a1, a2, a3, a4, a5, a6] = A as [number, number, number, number, number, number];
  const [b1, b2, b3, b4, b5] = B as [number, number, number, number, number];
  const [c1, c2, c3, c4, c5, c6] = C as [number, number, number, number, number, number];
  const [d1, d2, d3, d4] = D as [number, number, number, number];
  const tail = (q: number) => (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
  if (p < P_LOW) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log1p(-p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q) / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
}

/** Φ⁻¹(p) (R's qnorm(p)). */
export function normalQuantile(p: number): number {
  requireProbability(p, "the probability");
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Work in the lower half so the Halley step compares two small numbers, not two near 1.
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklam(p);
  const error = normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
