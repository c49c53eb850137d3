import { describe, expect, it } from "vitest";
import { mannWhitneyU } from "./mann-whitney.js";
import { quantile } from "./quantile.js";
import { compareSentences, type SentenceOutcome, type SentencingComparison } from "./sentencing.js";
import { expectClose, seededUniform } from "./test-support.js";

// Reference values. SciPy is not installed here and nothing outside the npm registry is reachable,
// so each value is what scipy.stats.mannwhitneyu(x, y) gives by its documented algorithm
// (scipy/stats/_mannwhitneyu.py, SciPy 1.7 and later; alternative="two-sided", use_continuity=True,
// method="auto"), worked out independently of this code by docs/reference/mannwhitneyu.py:
//   - method "auto": "exact" when no value is tied and at least one group has 8 or fewer values
//     (the source's `if n1 > 8 and n2 > 8: return "asymptotic"`), "asymptotic" otherwise;
//   - exact: p = 2 · P(U ≥ max(U1, U2)) under the null, counted by enumerating every placement of
//     the smaller group's ranks in fractions (so each exact p below is a ratio of whole numbers);
//   - asymptotic: z = (max(U1, U2) − n1·n2/2 − 1/2) / σ with σ² = n1·n2/12 · (N + 1 − Σ(t³ − t)/(N(N − 1))),
//     p = 2 · Φ(−z), in mpmath at 50 digits, capped at 1.
// Quartiles: numpy.quantile(x, p) (default method "linear", R's type 7). Wilson intervals:
// scipy.stats.binomtest(k, n).proportion_ci(method="wilson"), checked by hand from the formula.
const SCIPY_TOLERANCE = 1e-9;

// Two groups of custodial months with the ties real sentences have (6, 12, 24 months).
const MONTHS_A = [6, 12, 12, 18, 24, 24, 24, 30, 36, 6, 12, 48];
const MONTHS_B = [6, 6, 12, 12, 12, 18, 6, 24, 3, 12, 6, 9, 18, 12];
const SUSPENDED_A = [false, false, true, false, false, false, false, false, false, true, false, false];
const SUSPENDED_B = [true, true, false, true, false, false, true, false, true, false, true, true, false, false];

function outcomes(months: number[], suspended: boolean[]): SentenceOutcome[] {
  return months.map((custodialMonths, i) => ({ custodialMonths, suspended: suspended[i]!, fined: i % 4 === 0 }));
}

function compared(result: ReturnType<typeof compareSentences>): SentencingComparison {
  if (result.refused) throw new Error(`expected a comparison, got a refusal: ${result.reason}`);
  return result;
}

describe("the Mann–Whitney U test, as scipy.stats.mannwhitneyu's default", () => {
  it("when three values lie wholly below three others, then U is 0 and the exact p is 2/20 (worked by hand)", () => {
    // Of the C(6, 3) = 20 equally likely orderings, one gives U = 0 and one U = 9: p = 2 · 1/20.
    const result = mannWhitneyU([1.1, 2.2, 3.3], [4.4, 5.5, 6.6]);
    expect(result.u).toBe(0);
    expect(result.method).toMatch(/^exact/);
    expectClose(result.pValue, 0.1, SCIPY_TOLERANCE);
  });

  it("when a group has 8 or fewer values and nothing is tied, then U and the exact p-value match scipy's", () => {
    const seven = [12.5, 3.1, 8.0, 15.2, 9.9, 20.4, 7.3];
    const eight = [4.2, 2.0, 6.6, 1.5, 11.0, 5.4, 0.9, 3.8];
    const result = mannWhitneyU(seven, eight);
    expect(result).toMatchObject({ u: 48, uOther: 8, z: null });
    expectClose(result.pValue, 4 / 195, SCIPY_TOLERANCE); // = 132/6435, enumerated

    // Eight against twelve: the larger group above 8 does not matter, the smaller one decides.
    const smaller = [1.5, 4.0, 6.5, 9.0, 13.0, 15.5, 20.0, 26.0];
    const twelve = [2.0, 3.0, 5.0, 7.0, 8.0, 10.0, 11.0, 12.0, 14.0, 16.0, 17.0, 18.0];
    const mixed = mannWhitneyU(smaller, twelve);
    expect(mixed.u).toBe(51);
    expect(mixed.method).toMatch(/^exact/);
    expectClose(mixed.pValue, 17859 / 20995, SCIPY_TOLERANCE); // 2 · 53,589 of the C(20, 8) = 125,970 placements

    // Eight wholly below five hundred: U = 0, and only 2 of the C(508, 8) placements are as extreme.
    const few = Array.from({ length: 8 }, (_, i) => i);
    const many = Array.from({ length: 500 }, (_, j) => 10 + j);
    const lopsided = mannWhitneyU(few, many);
    expect(lopsided.method).toMatch(/^exact/);
    expectClose(lopsided.pValue, 1.9217504348472506e-17, SCIPY_TOLERANCE); // = 2 / C(508, 8) = 2 / 104,071,785,999,568,101
  });

  it("when both groups have more than 8 values, then the normal approximation is used even without ties, as scipy's default does", () => {
    // R's wilcox.test would take these exactly (0.00042991...); scipy's "auto" does not.
    const twelve = [20.01, 21.79, 18.36, 14.66, 17.27, 14.05, 20.36, 28.04, 17.05, 16.28, 22.94, 22.14];
    const ten = [15.63, 9.42, 14.82, 19.17, 6.93, 12.25, 3.59, 7.26, 3.95, 13.59];
    const larger = mannWhitneyU(twelve, ten);
    expect(larger.u).toBe(110);
    expect(larger.method).toMatch(/^normal/);
    expectClose(larger.pValue, 0.001098770124574994, SCIPY_TOLERANCE); // σ² = 230, z = (110 − 60 − 0.5)/√230

    const a = Array.from({ length: 49 }, (_, i) => 3 * i);
    const b = Array.from({ length: 49 }, (_, j) => 3 * j + 10);
    const edge = mannWhitneyU(a, b);
    expect(edge.u).toBe(1035);
    expectClose(edge.pValue, 0.24105266263877942, SCIPY_TOLERANCE); // σ² = 79233/4

    const c = Array.from({ length: 55 }, (_, i) => 3 * i);
    const d = Array.from({ length: 60 }, (_, j) => 3 * j + 10);
    const big = mannWhitneyU(c, d);
    expect(big.u).toBe(1326);
    expectClose(big.pValue, 0.07010180992935001, SCIPY_TOLERANCE); // σ² = 31900
  });

  it("when there are ties, then the normal approximation with continuity and tie correction matches scipy's, whatever the sizes", () => {
    const result = mannWhitneyU(MONTHS_A, MONTHS_B);
    expect(result.u).toBe(126);
    expect(result.method).toBe("normal approximation with continuity and tie correction");
    expectClose(result.pValue, 0.02890508688123443, SCIPY_TOLERANCE); // σ² = 117264/325
    const tiny = mannWhitneyU([5, 5, 5, 7], [5, 5, 9, 9, 9]);
    expect(tiny.u).toBe(5);
    expect(tiny.method).toMatch(/^normal/);
    expectClose(tiny.pValue, 0.2178087535479829, SCIPY_TOLERANCE); // σ² = 40/3
  });

  it("when every value is tied, then there is no evidence of a difference", () => {
    expect(mannWhitneyU(Array(10).fill(5), Array(10).fill(5)).pValue).toBe(1); // scipy also gives 1.0
  });

  it("for random groups, the p-value is the same whichever group is named first, and the two U add to nA·nB", () => {
    const uniform = seededUniform(99);
    for (let i = 0; i < 60; i++) {
      const withTies = i % 2 === 0;
      const draw = () => (withTies ? Math.floor(uniform() * 8) * 6 : uniform() * 100);
      const a = Array.from({ length: 3 + Math.floor(uniform() * 40) }, draw);
      const b = Array.from({ length: 3 + Math.floor(uniform() * 40) }, draw);
      const forward = mannWhitneyU(a, b);
      const backward = mannWhitneyU(b, a);
      expectClose(forward.pValue, backward.pValue, 1e-12);
      expect(forward.u + forward.uOther).toBe(a.length * b.length);
      expect(backward.u).toBe(forward.uOther);
      expect(forward.pValue).toBeGreaterThan(0);
      expect(forward.pValue).toBeLessThanOrEqual(1);
    }
  });
});

describe("quartiles", () => {
  it("when computed, then they follow R's type 7 as numpy.quantile does", () => {
    expect([0.25, 0.5, 0.75].map((p) => quantile(MONTHS_A, p))).toEqual([12, 21, 25.5]);
    expect([0.25, 0.5, 0.75].map((p) => quantile(MONTHS_B, p))).toEqual([6, 12, 12]);
    // Worked by hand: for 1..4, h = 3 · 0.25 = 0.75, so Q1 = 1 + 0.75 · (2 - 1) = 1.75.
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
  });
});

describe("the sentencing comparison", () => {
  it("when both groups reach the minimum, then it reports n, median, IQR, share suspended and the rank test", () => {
    const result = compared(compareSentences(outcomes(MONTHS_A, SUSPENDED_A), outcomes(MONTHS_B, SUSPENDED_B), { labels: ["foreign nationals", "citizens"] }));
    const [a, b] = result.groups;
    expect(a).toMatchObject({
      label: "foreign nationals",
      n: 12,
      medianMonths: 21,
      quartiles: { q1: 12, q3: 25.5 },
      interquartileRange: 13.5,
      range: { min: 6, max: 48 },
    });
    expect(b).toMatchObject({ label: "citizens", n: 14, medianMonths: 12, quartiles: { q1: 6, q3: 12 }, interquartileRange: 6 });
    expect(a.suspended.successes).toBe(2);
    expectClose(a.suspended.lower, 0.04696514218385381); // binomtest(2, 12) Wilson
    expectClose(a.suspended.upper, 0.4480308622529734);
    expectClose(b.suspended.lower, 0.2679920245241364); // binomtest(7, 14) Wilson
    expectClose(b.suspended.upper, 0.7320079754758636);
    expect([a.fined.successes, b.fined.successes]).toEqual([3, 4]); // the 1st, 5th, 9th (and 13th) of each
    expect(result.rankTest.u).toBe(126);
    expectClose(result.rankTest.pValue, 0.02890508688123443, SCIPY_TOLERANCE);
    expect(result.quantileDefinition).toMatch(/type 7/);
    expect(result.minimumN).toBe(10);
  });

  it("when a group is below the minimum n, then it refuses and gives no statistics", () => {
    const result = compareSentences(outcomes(MONTHS_A, SUSPENDED_A), outcomes(MONTHS_B.slice(0, 7), SUSPENDED_B.slice(0, 7)));
    expect(result).toEqual({ refused: true, reason: "group B has n=7, below the minimum of 10" });
  });

  it("when both groups are below a raised minimum, then the reason names both", () => {
    const result = compareSentences(outcomes(MONTHS_A, SUSPENDED_A), outcomes(MONTHS_B, SUSPENDED_B), { minN: 20, labels: ["foreign nationals", "citizens"] });
    expect(result).toEqual({
      refused: true,
      reason: "group foreign nationals has n=12, below the minimum of 20; group citizens has n=14, below the minimum of 20",
    });
  });

  it("when a group has 9, one below the default minimum of 10, then it refuses and says why", () => {
    const nine = outcomes(MONTHS_A.slice(0, 9), SUSPENDED_A.slice(0, 9));
    expect(compareSentences(nine, outcomes(MONTHS_B, SUSPENDED_B), { labels: ["foreign nationals", "citizens"] })).toEqual({
      refused: true,
      reason: "group foreign nationals has n=9, below the minimum of 10",
    });
    // A deployment that sets the minimum to 9 gets the comparison.
    expect(compareSentences(nine, outcomes(MONTHS_B, SUSPENDED_B), { minN: 9 }).refused).toBe(false);
  });

  it("when exactly at the minimum, then it answers", () => {
    const ten = outcomes(MONTHS_A.slice(0, 10), SUSPENDED_A.slice(0, 10));
    expect(compareSentences(ten, outcomes(MONTHS_B, SUSPENDED_B)).refused).toBe(false);
  });

  it("when a sentence length is negative or missing, then it refuses the input", () => {
    const bad = [...outcomes(MONTHS_A, SUSPENDED_A), { custodialMonths: Number.NaN, suspended: false, fined: false }];
    expect(() => compareSentences(bad, outcomes(MONTHS_B, SUSPENDED_B))).toThrow(/group A, outcome 13/);
    expect(() => compareSentences(outcomes(MONTHS_A, SUSPENDED_A), outcomes(MONTHS_B, SUSPENDED_B), { minN: 2.5 })).toThrow(/minimum n/);
  });
});
