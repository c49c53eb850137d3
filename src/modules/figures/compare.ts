// Whether two periods may be compared, and the comparison: one rule for the API and every report.
// Two periods are compared only when both are over and whole, are of one kind (two years, two
// quarters, two months, or two ranges of equal days), and — for a category that takes a rate —
// both have a population figure that marks no break in series. Exposure is population × days, so
// a 28-day February is fairly set against a 31-day January. A category that takes no rate is
// compared as counts over the days (the population is not its exposure), and says so.
// A document that makes several comparisons adjusts them as one family (adjustFamily, Holm).
import { conditionalPValue, holmAdjust, rateRatio } from "../../domain/stats/index.js";
import { periodText, type FigurePeriod } from "./periods.js";
import { takesRate } from "./rules.js";

export type Verdict = "increase" | "decrease" | "no significant change";

/** A population figure as a comparison needs it; `flag` is the publisher's (b: break in series). */
interface ExposureFigure {
  value: number;
  flag: string | null;
}

export interface ComparisonSide {
  period: FigurePeriod;
  count: number;
  /** The population (summed over countries where several are counted together), or null when none is held. */
  population: ExposureFigure | null;
  /** Why there is no population, in words ("no population figure held for Germany 2025"). */
  missing?: string;
}

export interface Comparison {
  /** How the two were set against each other, or null when they were not compared. */
  basis: "rates" | "counts" | null;
  verdict: Verdict | null;
  /** after / before, per unit of exposure; null when not compared, or when neither had an incident; Infinity when only after did. */
  ratio: number | null;
  low: number | null;
  /** null: no upper bound (no incident in the earlier period). */
  high: number | null;
  p_value: number | null;
  notes: string[];
  /** Why the periods were not compared; null when they were. */
  reason: string | null;
}

const BREAK_FLAG = /b/;

/** Why before and after cannot be compared, or null when they can. */
function comparabilityProblem(before: ComparisonSide, after: ComparisonSide, category: string | null): string | null {
  for (const side of [before, after]) {
    if (!side.period.complete) {
      const cut = side.period.whole ? "is not over" : "is cut short by the dates asked for";
      return `${periodText(side.period)} ${cut}, so it is not compared`;
    }
  }
  const sameKind = before.period.kind === after.period.kind && (before.period.kind !== "range" || before.period.days === after.period.days);
  if (!sameKind) return `${periodText(before.period)} and ${periodText(after.period)} are not periods of one kind and length, so they are not compared`;
  if (!takesRate(category)) return null;
  for (const side of [before, after]) {
    if (!side.population) return `${side.missing ?? `no population figure held for ${periodText(side.period)}`}, so the periods are not compared`;
  }
  for (const side of [before, after]) {
    if (side.population!.flag && BREAK_FLAG.test(side.population!.flag)) {
      return `the population figure for ${periodText(side.period)} marks a break in series (flag ${side.population!.flag}), so the periods are not compared`;
    }
  }
  return null;
}

/** One comparison, unadjusted: as a single test, significant when p < 0.05 (the 95% interval excludes 1). */
export function comparePeriodSides(before: ComparisonSide, after: ComparisonSide, category: string | null): Comparison {
  const problem = comparabilityProblem(before, after, category);
  if (problem) return { basis: null, verdict: null, ratio: null, low: null, high: null, p_value: null, notes: [], reason: problem };
  const rated = takesRate(category);
  const exposure = (side: ComparisonSide) => (rated ? side.population!.value * side.period.days : side.period.days);
  const ratio = rateRatio(
    { count: after.count, population: exposure(after) },
    { count: before.count, population: exposure(before) },
    {
      names: [periodText(after.period), periodText(before.period)],
    },
  );
  const p = conditionalPValue(after.count, exposure(after), before.count, exposure(before));
  const notes = [...ratio.notes];
  for (const side of [before, after]) {
    if (side.population?.flag && /p/.test(side.population.flag))
      notes.push(`the population figure for ${periodText(side.period)} is provisional (flag ${side.population.flag})`);
  }
  if (!rated) notes.push("compared as counts over the days of each period: this category takes no rate");
  return {
    basis: rated ? "rates" : "counts",
    verdict: verdictOf(ratio.ratio, p),
    ratio: ratio.ratio,
    low: ratio.lower,
    high: Number.isFinite(ratio.upper) ? ratio.upper : null,
    p_value: p,
    notes,
    reason: null,
  };
}

function verdictOf(ratio: number | null, p: number, alpha = 0.05): Verdict {
  if (ratio === null || p >= alpha) return "no significant change";
  return ratio > 1 ? "increase" : "decrease";
}

/** A comparison as called in a document that makes `family` comparisons: Holm-adjusted p and verdict. */
export interface AdjustedComparison extends Comparison {
  adjusted_p: number | null;
  /** The verdict after adjustment; equals `verdict` when the document makes one comparison. */
  adjusted_verdict: Verdict | null;
  family: number;
}

/** Adjust the comparisons a document makes as one family; refused ones are not in the family. */
export function adjustFamily<T extends Comparison>(comparisons: readonly T[]): (T & AdjustedComparison)[] {
  const tested = comparisons.map((c, i) => [c, i] as const).filter(([c]) => c.p_value !== null);
  const adjusted = holmAdjust(tested.map(([c]) => c.p_value!));
  const byIndex = new Map(tested.map(([, i], j) => [i, adjusted[j]!]));
  return comparisons.map((c, i) => {
    const p = byIndex.get(i) ?? null;
    return { ...c, adjusted_p: p, adjusted_verdict: p === null ? null : verdictOf(c.ratio, p), family: tested.length };
  });
}
