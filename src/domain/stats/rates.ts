// Rates per 100,000 with exact intervals, the ratio of two rates, and the verdict on a change
// between two periods. PRODUCT.md §6: a rate always carries its denominator and interval, and a
// change is called an increase or a decrease only when its interval excludes no change.
import { betaQuantile } from "./beta.js";
import { gammaQuantile, gammaUpperQuantile } from "./gamma.js";
import { requireConfidence, requireCount, requirePositive } from "./input.js";

export const GARWOOD_METHOD = "exact Poisson (Garwood)";
export const CONDITIONAL_METHOD = "exact conditional (Clopper–Pearson on k1/(k1+k2), transformed to a rate ratio)";

export interface CountAndPopulation {
  count: number;
  /** The people at risk (e.g. foreign residents), or person-years for a multi-year period. */
  population: number;
}

export interface RateEstimate {
  count: number;
  denominator: number;
  per: number;
  rate: number;
  lower: number;
  upper: number;
  confidence: number;
  method: typeof GARWOOD_METHOD;
}

export function rateWithInterval(count: number, population: number, { per = 100_000, confidence = 0.95 } = {}): RateEstimate {
  requireCount(count, "the count");
  requirePositive(population, "the population");
  requirePositive(per, "the rate base");
  requireConfidence(confidence);
  const alpha = 1 - confidence;
  // Garwood (1936): lower = qchisq(α/2, 2k)/2 and upper = qchisq(1-α/2, 2k+2)/2, i.e. Gamma(k)
  // and Gamma(k+1) quantiles. No events still has an upper bound, which is the honest statement.
  const lowerCount = count === 0 ? 0 : gammaQuantile(alpha / 2, count);
  const upperCount = gammaUpperQuantile(alpha / 2, count + 1);
  const scale = per / population;
  return { count, denominator: population, per, rate: count * scale, lower: lowerCount * scale, upper: upperCount * scale, confidence, method: GARWOOD_METHOD };
}

export interface RateRatio {
  /** Rate of `a` divided by rate of `b`; Infinity when only `b` had no events, null when neither did. */
  ratio: number | null;
  /** 0 when `a` had no events. */
  lower: number;
  /** Infinity when `b` had no events. */
  upper: number;
  confidence: number;
  method: typeof CONDITIONAL_METHOD;
  /** Plain-language statements about zero counts, to be shown beside the numbers. */
  notes: string[];
}

/**
 * Ratio of the rate of `a` to the rate of `b`. Given k = k1 + k2 events, k1 is binomial with
 * p = R·T1 / (R·T1 + T2), so an exact interval for p (Clopper–Pearson) maps to one for R through
 * R = p/(1-p) · T2/T1. This is what R's poisson.test(c(k1, k2), c(T1, T2)) reports.
 */
export function rateRatio(
  a: CountAndPopulation,
  b: CountAndPopulation,
  { confidence = 0.95, names = ["the first group", "the second group"] as [string, string] } = {},
): RateRatio {
  requireCount(a.count, "the first count");
  requireCount(b.count, "the second count");
  requirePositive(a.population, "the first population");
  requirePositive(b.population, "the second population");
  requireConfidence(confidence);
  const alpha = 1 - confidence;
  const k1 = a.count;
  const k = a.count + b.count;
  const notes: string[] = [];
  const base = { confidence, method: CONDITIONAL_METHOD } as const;

  if (k === 0) {
    notes.push(`no events in ${names[0]} or in ${names[1]}: the ratio is undefined and the data are compatible with any ratio`);
    return { ...base, ratio: null, lower: 0, upper: Infinity, notes };
  }
  const pLower = k1 === 0 ? 0 : betaQuantile(alpha / 2, k1, k - k1 + 1);
  const pUpper = k1 === k ? 1 : betaQuantile(1 - alpha / 2, k1 + 1, k - k1);
  const toRatio = (p: number) => (p === 1 ? Infinity : (p / (1 - p)) * (b.population / a.population));
  if (k1 === 0) notes.push(`no events in ${names[0]}: the ratio is 0 and its lower bound is 0`);
  if (k1 === k) notes.push(`no events in ${names[1]}: the ratio and its upper bound are infinite`);
  const ratio = k1 === k ? Infinity : a.count / a.population / (b.count / b.population);
  return { ...base, ratio, lower: toRatio(pLower), upper: toRatio(pUpper), notes };
}

type ChangeVerdict = "increase" | "decrease" | "no significant change";

export interface PeriodComparison extends RateRatio {
  verdict: ChangeVerdict;
  before: RateEstimate;
  after: RateEstimate;
}

/**
 * Whether the rate changed from one period to the next. The ratio is after / before; a verdict
 * other than "no significant change" needs the whole interval on one side of 1, so a single
 * dramatic-looking month cannot be reported as a trend.
 */
export function comparePeriods(before: CountAndPopulation, after: CountAndPopulation, { confidence = 0.95, per = 100_000 } = {}): PeriodComparison {
  const ratio = rateRatio(after, before, { confidence, names: ["the later period", "the earlier period"] });
  const verdict: ChangeVerdict = ratio.lower > 1 ? "increase" : ratio.upper < 1 ? "decrease" : "no significant change";
  return {
    ...ratio,
    verdict,
    before: rateWithInterval(before.count, before.population, { per, confidence }),
    after: rateWithInterval(after.count, after.population, { per, confidence }),
  };
}
