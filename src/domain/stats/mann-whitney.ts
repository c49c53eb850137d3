// The Mann–Whitney U (Wilcoxon rank-sum) test: a comparison of two groups of sentence lengths that
// asks whether one tends to be longer, without assuming months are normally distributed (they are
// not: they bunch at 6, 12, 24 months and have long tails).
import { normalCdf } from "./normal.js";
import { StatisticsInputError } from "./input.js";

const EXACT_METHOD = "exact (no ties, both groups under 50)";
const NORMAL_METHOD = "normal approximation with continuity and tie correction";

export interface MannWhitneyResult {
  /** U for the first group: the number of pairs (a, b) with a > b, ties counting one half. */
  u: number;
  /** U for the second group; u + uOther = nA · nB. */
  uOther: number;
  /** Two-sided. */
  pValue: number;
  method: typeof EXACT_METHOD | typeof NORMAL_METHOD;
  /** The standardized statistic, for the normal approximation only. */
  z: number | null;
}

/** Mid-ranks of the pooled sample, and the sizes of the groups of tied values. */
function midRanks(pooled: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = pooled.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(pooled.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!.index] = rank;
    if (end > start) tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

/**
 * How many arrangements of m and n untied values give each U = 0..mn. The largest value is either
 * in the first group (adding n to U) or in the second (adding 0): f(m,n,u) = f(m-1,n,u-n) + f(m,n-1,u).
 * Only additions, so the counts (up to C(98, 49) ≈ 2.5e28) stay accurate in doubles.
 */
function exactFrequencies(m: number, n: number): number[] {
  let previous: number[][] = Array.from({ length: n + 1 }, () => [1]); // m' = 0: U is always 0
  for (let mi = 1; mi <= m; mi++) {
    const current: number[][] = [[1]]; // n' = 0: U is always 0
    for (let ni = 1; ni <= n; ni++) {
      const row = new Array<number>(mi * ni + 1).fill(0);
      const withLargestInFirst = previous[ni]!;
      const withLargestInSecond = current[ni - 1]!;
      for (let u = 0; u < withLargestInFirst.length; u++) row[u + ni]! += withLargestInFirst[u]!;
      for (let u = 0; u < withLargestInSecond.length; u++) row[u]! += withLargestInSecond[u]!;
      current.push(row);
    }
    previous = current;
  }
  return previous[n]!;
}

function exactTwoSidedP(u: number, m: number, n: number): number {
  const frequencies = exactFrequencies(m, n);
  let total = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  frequencies.forEach((f, v) => {
    total += f;
    if (v <= u) atOrBelow += f;
    if (v >= u) atOrAbove += f;
  });
  return Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / total);
}

/** Two-sided Mann–Whitney test, matching R's wilcox.test(a, b, correct = TRUE) in its choice of method. */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) throw new StatisticsInputError("the rank test needs at least one value in each group.");
  if ([...a, ...b].some((v) => !Number.isFinite(v))) throw new StatisticsInputError("the rank test needs finite values.");
  const { ranks, tieSizes } = midRanks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < m; i++) rankSumA += ranks[i]!;
  const u = rankSumA - (m * (m + 1)) / 2;
  const uOther = m * n - u;

  // R's rule: the exact distribution holds only without ties, and is used below 50 per group.
  if (tieSizes.length === 0 && m < 50 && n < 50) {
    return { u, uOther, pValue: exactTwoSidedP(u, m, n), method: EXACT_METHOD, z: null };
  }
  const total = m + n;
  const tieTerm = tieSizes.reduce((sum, t) => sum + t * t * t - t, 0);
  const sigma = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
  const difference = u - (m * n) / 2;
  // Every value tied: no ordering at all, so no evidence of a difference.
  if (sigma === 0) return { u, uOther, pValue: 1, method: NORMAL_METHOD, z: 0 };
  const z = (difference - Math.sign(difference) * 0.5) / sigma;
  return { u, uOther, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: NORMAL_METHOD, z };
}
