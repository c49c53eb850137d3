// The Mann–Whitney U (Wilcoxon rank-sum) test: a comparison of two groups of sentence lengths that
// asks whether one tends to be longer, without assuming months are normally distributed (they are
// not: they bunch at 6, 12, 24 months and have long tails).
import { normalCdf } from "./normal.js";
import { StatisticsInputError } from "./input.js";

const EXACT_METHOD = "exact (no ties, a group of 8 or fewer)";
const NORMAL_METHOD = "normal approximation with continuity and tie correction";
/** SciPy's `method="auto"` takes the exact distribution only while one group is this small (and nothing is tied). */
const EXACT_MAX_SMALLER_GROUP = 8;

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
 * How many arrangements of m and n untied values give each U = 0..mn: the coefficients of the
 * Gaussian binomial [m+n choose m]_q = ∏_{i=1..m} (1 − q^(n+i)) / (1 − q^i), built one factor at a
 * time. After each factor the partial product is itself a Gaussian binomial, so every coefficient
 * is a whole number, held exactly while below 2^53 (for m = 8 the largest reaches that near n = 500;
 * beyond, doubles keep their relative precision of 1e-16, more than a p-value needs). The work is
 * m · mn additions, so a group of 8 against thousands is still quick.
 */
function exactFrequencies(m: number, n: number): number[] {
  const coefficients = new Array<number>(m * n + 1).fill(0);
  coefficients[0] = 1;
  for (let i = 1; i <= m; i++) {
    for (let u = m * n; u >= n + i; u--) coefficients[u]! -= coefficients[u - n - i]!; // × (1 − q^(n+i))
    for (let u = i; u <= m * n; u++) coefficients[u]! += coefficients[u - i]!; // ÷ (1 − q^i)
  }
  return coefficients;
}

/** SciPy's two-sided exact p: twice the chance of a U at least as large as the larger of the two. */
function exactTwoSidedP(larger: number, m: number, n: number): number {
  const frequencies = exactFrequencies(Math.min(m, n), Math.max(m, n));
  let total = 0;
  let atOrAbove = 0;
  frequencies.forEach((f, v) => {
    total += f;
    if (v >= larger) atOrAbove += f;
  });
  return Math.min(1, (2 * atOrAbove) / total);
}

/**
 * Two-sided Mann–Whitney test as scipy.stats.mannwhitneyu(a, b) gives it by default (method "auto",
 * use_continuity=True): exact without ties when a group has 8 or fewer values, otherwise the normal
 * approximation with tie and continuity correction. (R's wilcox.test takes the exact route up to 50
 * per group, so it differs from SciPy between 9 and 49.)
 */
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

  const larger = Math.max(u, uOther);
  if (tieSizes.length === 0 && Math.min(m, n) <= EXACT_MAX_SMALLER_GROUP) {
    return { u, uOther, pValue: exactTwoSidedP(larger, m, n), method: EXACT_METHOD, z: null };
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
