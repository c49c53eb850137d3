import { describe, expect, it } from "vitest";
import { shareWithInterval, type ShareEstimate } from "./share.js";
import { expectClose, seededUniform } from "./test-support.js";

function defined(result: ReturnType<typeof shareWithInterval>): ShareEstimate {
  if (result.share === null) throw new Error(`expected a defined share, got: ${result.reason}`);
  return result as ShareEstimate;
}

// Reference values: SciPy 1.17.1,
//   scipy.stats.binomtest(x, n).proportion_ci(confidence_level=c, method="wilson")
// which is Wilson's 1927 score interval without continuity correction (R: prop.test(x, n, correct = FALSE)).
// Newcombe (1998, Stat Med 17:857–872, worked examples, score method without correction) prints the
// same to four figures:
// 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611, 1/29 → 0.0061–0.1718.
const WILSON: [x: number, n: number, confidence: number, lower: number, upper: number][] = [
  [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
  [15, 148, 0.95, 0.06238639953073629, 0.16048724172330803],
  [0, 20, 0.95, 0, 0.16112515805281935],
  [1, 29, 0.95, 0.006113214292762667, 0.17175521879320282],
  [29, 29, 0.95, 0.8830302015002592, 1],
  [0, 1, 0.95, 0, 0.7934506856227626],
  [3, 7, 0.95, 0.1582198552514697, 0.7495416354723428],
  [3, 7, 0.99, 0.11637368051613817, 0.8102850959116125],
];

describe("a share with its Wilson interval", () => {
  it("when computed for Newcombe's examples and others, then it matches SciPy's Wilson interval", () => {
    for (const [x, n, confidence, lower, upper] of WILSON) {
      const result = defined(shareWithInterval(x, n, { confidence }));
      expect(result.share).toBe(x / n);
      expectClose(result.lower, lower);
      expectClose(result.upper, upper);
      expect(result.method).toMatch(/Wilson/);
    }
  });

  it("when Newcombe's published four-figure values are compared, then they agree", () => {
    const published: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, lower, upper] of published) {
      const result = defined(shareWithInterval(x, n));
      expect(Math.abs(result.lower - lower)).toBeLessThan(0.00005 + 1e-12);
      expect(Math.abs(result.upper - upper)).toBeLessThan(0.00005 + 1e-12);
    }
  });

  it("when there are no records, then the share is undefined with a reason, not 0%", () => {
    const result = shareWithInterval(0, 0);
    expect(result.share).toBeNull();
    expect("reason" in result && result.reason).toMatch(/no records/);
  });

  it("when the counts are impossible, then it refuses", () => {
    expect(() => shareWithInterval(5, 3)).toThrow(/more records/);
    expect(() => shareWithInterval(-1, 3)).toThrow(/whole number/);
    expect(() => shareWithInterval(1.5, 3)).toThrow(/whole number/);
  });

  it("for many shares, the interval stays in [0, 1], contains the share, widens with confidence and narrows with more records", () => {
    const uniform = seededUniform(7);
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(uniform() * 400);
      const x = Math.floor(uniform() * (n + 1));
      const at95 = defined(shareWithInterval(x, n));
      const at99 = defined(shareWithInterval(x, n, { confidence: 0.99 }));
      expect(at95.lower).toBeGreaterThanOrEqual(0);
      expect(at95.upper).toBeLessThanOrEqual(1);
      expect(at95.lower).toBeLessThanOrEqual(at95.share);
      expect(at95.upper).toBeGreaterThanOrEqual(at95.share);
      expect(at99.lower).toBeLessThanOrEqual(at95.lower);
      expect(at99.upper).toBeGreaterThanOrEqual(at95.upper);
    }
    const width = (x: number, n: number) => {
      const r = defined(shareWithInterval(x, n));
      return r.upper - r.lower;
    };
    expect(width(3, 10)).toBeGreaterThan(width(30, 100));
    expect(width(30, 100)).toBeGreaterThan(width(300, 1000));
  });
});
