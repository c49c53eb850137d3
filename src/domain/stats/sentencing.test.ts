import { describe, expect, it } from "vitest";
import { mannWhitneyU } from "./mann-whitney.js";
import { quantile } from "./quantile.js";
import { compareSentences, type SentenceOutcome, type SentencingComparison } from "./sentencing.js";
import { expectClose, seededUniform } from "./test-support.js";

// Reference values: SciPy 1.17.1 / NumPy 2.4.6 (python3 in this environment):
//   scipy.stats.mannwhitneyu(a, b, alternative="two-sided", use_continuity=True, method=M)
//     with M = "exact" (R: wilcox.test(a, b, exact = TRUE)) or "asymptotic" (R: wilcox.test(a, b, correct = TRUE, exact = FALSE)),
//   numpy.quantile(x, p) (default method "linear", R's type 7),
//   scipy.stats.binomtest(k, n).proportion_ci(method="wilson").

// Two groups of custodial months with the ties real sentences have (6, 12, 24 months).
const MONTHS_A = [6, 12, 12, 18, 24, 24, 24, 30, 36, 6, 12, 48];
const MONTHS_B = [6, 6, 12, 12, 12, 18, 6, 24, 3, 12, 6, 9, 18, 12];
const SUSPENDED_A = [false, false, true, false, false, false, false, false, false, true, false, false];
const SUSPENDED_B = [true, true, false, true, false, false, true, false, true, false, true, true, false, false];

function outcomes(months: number[], suspended: boolean[]): SentenceOutcome[] {
  return months.map((custodialMonths, i) => ({ custodialMonths, suspended: suspended[i]! }));
}

function compared(result: ReturnType<typeof compareSentences>): SentencingComparison {
  if (result.refused) throw new Error(`expected a comparison, got a refusal: ${result.reason}`);
  return result;
}

describe("the Mann–Whitney U test", () => {
  it("when three values lie wholly below three others, then U is 0 and the exact p is 2/20 (worked by hand)", () => {
    // Of the C(6, 3) = 20 equally likely orderings, one gives U = 0 and one U = 9: p = 2 · 1/20.
    const result = mannWhitneyU([1.1, 2.2, 3.3], [4.4, 5.5, 6.6]);
    expect(result.u).toBe(0);
    expect(result.method).toMatch(/^exact/);
    expectClose(result.pValue, 0.1);
  });

  it("when small groups have no ties, then U and the exact p-value match scipy's method='exact'", () => {
    const seven = [12.5, 3.1, 8.0, 15.2, 9.9, 20.4, 7.3];
    const eight = [4.2, 2.0, 6.6, 1.5, 11.0, 5.4, 0.9, 3.8];
    const result = mannWhitneyU(seven, eight);
    expect(result).toMatchObject({ u: 48, uOther: 8, z: null });
    expectClose(result.pValue, 0.020512820512820513); // = 132/6435, exact

    const twelve = [20.01, 21.79, 18.36, 14.66, 17.27, 14.05, 20.36, 28.04, 17.05, 16.28, 22.94, 22.14];
    const ten = [15.63, 9.42, 14.82, 19.17, 6.93, 12.25, 3.59, 7.26, 3.95, 13.59];
    const larger = mannWhitneyU(twelve, ten);
    expect(larger.u).toBe(110);
    expectClose(larger.pValue, 0.0004299106466289129);

    // 49 per group, the largest R still treats exactly: U = 1035, scipy exact p.
    const a = Array.from({ length: 49 }, (_, i) => 3 * i);
    const b = Array.from({ length: 49 }, (_, j) => 3 * j + 10);
    const edge = mannWhitneyU(a, b);
    expect(edge.u).toBe(1035);
    expect(edge.method).toMatch(/^exact/);
    expectClose(edge.pValue, 0.2422409756187206);
  });

  it("when there are ties, then the normal approximation with continuity and tie correction matches scipy's method='asymptotic'", () => {
    const result = mannWhitneyU(MONTHS_A, MONTHS_B);
    expect(result.u).toBe(126);
    expect(result.method).toBe("normal approximation with continuity and tie correction");
    expectClose(result.pValue, 0.02890508688123442);
    const tiny = mannWhitneyU([5, 5, 5, 7], [5, 5, 9, 9, 9]);
    expect(tiny.u).toBe(5);
    expectClose(tiny.pValue, 0.21780875354798301);
  });

  it("when a group has 50 or more, then the normal approximation is used even without ties", () => {
    const a = Array.from({ length: 55 }, (_, i) => 3 * i);
    const b = Array.from({ length: 60 }, (_, j) => 3 * j + 10);
    const result = mannWhitneyU(a, b);
    expect(result.u).toBe(1326);
    expect(result.method).toMatch(/^normal/);
    expectClose(result.pValue, 0.07010180992935);
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
    expect(a).toMatchObject({ label: "foreign nationals", n: 12, medianMonths: 21, quartiles: { q1: 12, q3: 25.5 }, interquartileRange: 13.5 });
    expect(b).toMatchObject({ label: "citizens", n: 14, medianMonths: 12, quartiles: { q1: 6, q3: 12 }, interquartileRange: 6 });
    expect(a.suspended.successes).toBe(2);
    expectClose(a.suspended.lower, 0.04696514218385381); // binomtest(2, 12) Wilson
    expectClose(a.suspended.upper, 0.4480308622529734);
    expectClose(b.suspended.lower, 0.2679920245241364); // binomtest(7, 14) Wilson
    expectClose(b.suspended.upper, 0.7320079754758636);
    expect(result.rankTest.u).toBe(126);
    expectClose(result.rankTest.pValue, 0.02890508688123442);
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

  it("when exactly at the minimum, then it answers", () => {
    const ten = outcomes(MONTHS_A.slice(0, 10), SUSPENDED_A.slice(0, 10));
    expect(compareSentences(ten, outcomes(MONTHS_B, SUSPENDED_B)).refused).toBe(false);
  });

  it("when a sentence length is negative or missing, then it refuses the input", () => {
    const bad = [...outcomes(MONTHS_A, SUSPENDED_A), { custodialMonths: Number.NaN, suspended: false }];
    expect(() => compareSentences(bad, outcomes(MONTHS_B, SUSPENDED_B))).toThrow(/group A, outcome 13/);
    expect(() => compareSentences(outcomes(MONTHS_A, SUSPENDED_A), outcomes(MONTHS_B, SUSPENDED_B), { minN: 2.5 })).toThrow(/minimum n/);
  });
});
