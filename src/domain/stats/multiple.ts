// Many comparisons in one document: the exact conditional test's p-value for a change between two
// periods, and Holm's step-down adjustment of a family of p-values. A report that calls nine
// categories' changes significant or not makes nine tests; at 5% each, one in three such reports
// would show a "significant" change where none happened. Holm (1979) keeps the chance of any false
// call in the family at 5% without assuming the tests are independent, and is uniformly more
// powerful than Bonferroni. Reference: S. Holm, "A simple sequentially rejective multiple test
// procedure", Scandinavian Journal of Statistics 6 (1979) 65–70; R's p.adjust(method = "holm").
import { regularizedBeta } from "./beta.js";
import { requireCount, requirePositive } from "./input.js";

export const HOLM_METHOD = "Holm's step-down adjustment (Holm 1979), which keeps the chance of any false call among the comparisons at 5%";

/** P(X ≤ x) for X ~ Binomial(n, p). */
function binomialCdf(x: number, n: number, p: number): number {
  if (x >= n) return 1;
  if (x < 0) return 0;
  return regularizedBeta(1 - p, n - x, x + 1);
}

/**
 * Two-sided p-value of the exact conditional test that two Poisson rates are equal: given
 * k = k1 + k2 events, k1 is Binomial(k, E1 / (E1 + E2)) under no change. Twice the smaller tail,
 * capped at 1 — the test the Clopper–Pearson interval of rateRatio inverts, so p < 0.05 exactly
 * when that 95% interval excludes 1 (R: poisson.test(c(k1, k2), c(E1, E2))$p.value is the
 * minimum-likelihood version; this central one matches the interval).
 */
export function conditionalPValue(k1: number, exposure1: number, k2: number, exposure2: number): number {
  requireCount(k1, "the first count");
  requireCount(k2, "the second count");
  requirePositive(exposure1, "the first exposure");
  requirePositive(exposure2, "the second exposure");
  const k = k1 + k2;
  if (k === 0) return 1;
  const p0 = exposure1 / (exposure1 + exposure2);
  const lower = binomialCdf(k1, k, p0);
  const upper = k1 === 0 ? 1 : 1 - binomialCdf(k1 - 1, k, p0);
  return Math.min(1, 2 * Math.min(lower, upper));
}

/** Holm-adjusted p-values, in the order given (R's p.adjust(p, "holm")). */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
