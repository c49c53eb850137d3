import { describe, expect, it } from "vitest";
import { comparePeriods, rateRatio, rateWithInterval } from "./rates.js";
import { expectClose, seededUniform } from "./test-support.js";

// Reference values for the exact Poisson interval on a count k: SciPy 1.17.1,
//   lower = scipy.stats.chi2.ppf(α/2, 2k) / 2, upper = scipy.stats.chi2.ppf(1 - α/2, 2k + 2) / 2,
// independently re-derived with mpmath 1.3.0 at 40 digits by bisection on
//   mpmath.gammainc(k, 0, x, regularized=True) = α/2 and mpmath.gammainc(k + 1, x, inf, regularized=True) = α/2,
// the two agreeing to 15 digits. The published table of Ulm (1990, Am J Epidemiol 131:373) gives the
// same to its four figures: k=0 → [0, 3.689], k=1 → [0.0253, 5.572], k=10 → [4.795, 18.390].
const GARWOOD: [k: number, confidence: number, lower: number, upper: number][] = [
  [0, 0.95, 0, 3.6888794541139354], // closed form: upper = -ln(0.025)
  [1, 0.95, 0.025317807984289897, 5.571643390938898], // closed form: lower = -ln(0.975)
  [2, 0.95, 0.24220927854396507, 7.22468766772396],
  [5, 0.95, 1.623486390118421, 11.66833207932267],
  [10, 0.95, 4.7953886961324335, 18.39035604201778],
  [37, 0.95, 26.051414567106033, 50.999626141930825],
  [100, 0.95, 81.36399125092315, 121.62679379242638],
  [1000, 0.95, 938.9730184076952, 1063.952136016302],
  [10, 0.9, 5.425405697091292, 16.962219235721903],
  [10, 0.99, 3.716922131467116, 21.397827499654273],
];

describe("a rate per 100,000 with its exact Poisson interval", () => {
  it("when counted over a population of one, then the interval is Garwood's, as SciPy and mpmath compute it", () => {
    for (const [k, confidence, lower, upper] of GARWOOD) {
      const rate = rateWithInterval(k, 1, { per: 1, confidence });
      expect(rate.rate).toBe(k);
      expectClose(rate.lower, lower);
      expectClose(rate.upper, upper);
    }
  });

  it("when the closed forms for k = 0 and k = 1 are worked by hand, then the bounds agree", () => {
    // P(X = 0 | μ) = e^-μ = 0.025 gives μ = -ln 0.025; P(X >= 1 | μ) = 1 - e^-μ = 0.025 gives μ = -ln 0.975.
    expectClose(rateWithInterval(0, 1, { per: 1 }).upper, -Math.log(0.025), 1e-12);
    expectClose(rateWithInterval(1, 1, { per: 1 }).lower, -Math.log(0.975), 1e-12);
  });

  it("when 37 incidents are recorded among 2,450,000 residents, then the rate carries its denominator and scaled bounds", () => {
    const rate = rateWithInterval(37, 2_450_000);
    expect(rate).toMatchObject({ count: 37, denominator: 2_450_000, per: 100_000, confidence: 0.95, method: "exact Poisson (Garwood)" });
    expectClose(rate.rate, (37 / 2_450_000) * 100_000);
    expectClose(rate.lower, (26.051414567106033 * 100_000) / 2_450_000);
    expectClose(rate.upper, (50.999626141930825 * 100_000) / 2_450_000);
  });

  it("when nothing was recorded, then the rate is 0 but the upper bound is not", () => {
    const rate = rateWithInterval(0, 50_000);
    expect(rate.rate).toBe(0);
    expect(rate.lower).toBe(0);
    expectClose(rate.upper, (3.6888794541139354 * 100_000) / 50_000);
  });

  it("when the count is negative or fractional, or the population is not positive, then it refuses", () => {
    expect(() => rateWithInterval(-1, 1000)).toThrow(/whole number/);
    expect(() => rateWithInterval(2.5, 1000)).toThrow(/whole number/);
    expect(() => rateWithInterval(3, 0)).toThrow(/population/);
    expect(() => rateWithInterval(3, -10)).toThrow(/population/);
    expect(() => rateWithInterval(3, Number.NaN)).toThrow(/population/);
    expect(() => rateWithInterval(3, 1000, { confidence: 1 })).toThrow(/confidence/);
  });

  it("for many counts, the interval contains the rate, widens with confidence, and narrows relative to the rate as counts grow", () => {
    const uniform = seededUniform(2024);
    for (let i = 0; i < 200; i++) {
      const k = Math.floor(uniform() * 500);
      const population = 1_000 + uniform() * 5_000_000;
      const at90 = rateWithInterval(k, population, { confidence: 0.9 });
      const at95 = rateWithInterval(k, population, { confidence: 0.95 });
      const at99 = rateWithInterval(k, population, { confidence: 0.99 });
      expect(at95.lower).toBeLessThanOrEqual(at95.rate);
      expect(at95.upper).toBeGreaterThan(at95.rate);
      expect(at99.lower).toBeLessThanOrEqual(at95.lower);
      expect(at95.lower).toBeLessThanOrEqual(at90.lower);
      expect(at99.upper).toBeGreaterThan(at95.upper);
      expect(at95.upper).toBeGreaterThan(at90.upper);
    }
    const relativeWidth = (k: number) => {
      const r = rateWithInterval(k, 1_000_000);
      return (r.upper - r.lower) / r.rate;
    };
    expect(relativeWidth(10)).toBeGreaterThan(relativeWidth(100));
    expect(relativeWidth(100)).toBeGreaterThan(relativeWidth(1000));
  });
});

// Reference values for the ratio of two rates: SciPy 1.17.1,
//   ci = scipy.stats.binomtest(k1, k1 + k2).proportion_ci(confidence_level=0.95, method="exact")
//   ratio bound = p / (1 - p) · T2 / T1  (the transformation R's poisson.test(c(k1, k2), c(T1, T2)) applies).
describe("the ratio of two rates", () => {
  it("when both groups had events, then the exact conditional interval matches the transformed Clopper–Pearson bounds", () => {
    const reference: [number, number, number, number, number, number][] = [
      [12, 150_000, 5, 200_000, 1.049394525563755, 11.594641491573691],
      [30, 1_000_000, 14, 1_100_000, 1.2119860303465202, 4.810837578025123],
      [27, 1_000_000, 20, 1_000_000, 0.7294597393375177, 2.538833303228356],
    ];
    for (const [k1, t1, k2, t2, lower, upper] of reference) {
      const result = rateRatio({ count: k1, population: t1 }, { count: k2, population: t2 });
      expectClose(result.ratio!, k1 / t1 / (k2 / t2));
      expectClose(result.lower, lower);
      expectClose(result.upper, upper);
      expect(result.method).toMatch(/Clopper–Pearson/);
      expect(result.notes).toEqual([]);
    }
  });

  it("when the first group had no events, then the ratio and its lower bound are 0 and the notes say so", () => {
    const result = rateRatio({ count: 0, population: 10_000 }, { count: 7, population: 12_000 });
    expect(result.ratio).toBe(0);
    expect(result.lower).toBe(0);
    expectClose(result.upper, 0.832576776115899); // binomtest(0, 7) exact upper, transformed
    expect(result.notes.join(" ")).toMatch(/no events in the first group/);
  });

  it("when the second group had no events, then the ratio and its upper bound are infinite and the notes say so", () => {
    const result = rateRatio({ count: 9, population: 50_000 }, { count: 0, population: 60_000 });
    expect(result.ratio).toBe(Infinity);
    expect(result.upper).toBe(Infinity);
    expectClose(result.lower, 2.368591574264559); // binomtest(9, 9) exact lower, transformed
    expect(result.notes.join(" ")).toMatch(/no events in the second group/);
  });

  it("when neither group had events, then the ratio is undefined and any ratio is compatible", () => {
    const result = rateRatio({ count: 0, population: 1000 }, { count: 0, population: 2000 });
    expect(result).toMatchObject({ ratio: null, lower: 0, upper: Infinity });
    expect(result.notes.join(" ")).toMatch(/undefined/);
  });
});

describe("comparing two periods", () => {
  it("when the later rate's interval ratio lies wholly above 1, then it is called an increase", () => {
    const result = comparePeriods({ count: 20, population: 1_000_000 }, { count: 45, population: 1_000_000 });
    expect(result.verdict).toBe("increase");
    expectClose(result.ratio!, 2.25);
    expectClose(result.lower, 1.3016395849786162); // binomtest(45, 65) exact, transformed
    expectClose(result.upper, 4.022427854470272);
    expectClose(result.after.rate, 4.5);
  });

  it("when it lies wholly below 1, then it is called a decrease", () => {
    const result = comparePeriods({ count: 60, population: 1_000_000 }, { count: 30, population: 1_000_000 });
    expect(result.verdict).toBe("decrease");
    expectClose(result.lower, 0.31135919751092855); // binomtest(30, 90) exact, transformed
    expectClose(result.upper, 0.7874678331948879);
  });

  it("when a 35% rise has an interval that includes 1, then it is no significant change, not an increase", () => {
    const result = comparePeriods({ count: 20, population: 1_000_000 }, { count: 27, population: 1_000_000 });
    expect(result.verdict).toBe("no significant change");
    expectClose(result.ratio!, 1.35);
    expect(result.lower).toBeLessThan(1);
  });

  it("when a small post goes from 0 to 2 incidents, then that is no significant change and the infinite ratio is stated", () => {
    const result = comparePeriods({ count: 0, population: 40_000 }, { count: 2, population: 40_000 });
    expect(result.verdict).toBe("no significant change");
    expect(result.ratio).toBe(Infinity);
    expect(result.notes.join(" ")).toMatch(/no events in the earlier period/);
  });

  it("when both periods are empty, then it is no significant change", () => {
    expect(comparePeriods({ count: 0, population: 1000 }, { count: 0, population: 1000 }).verdict).toBe("no significant change");
  });
});
