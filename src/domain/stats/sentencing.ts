// The sentencing comparison of PRODUCT.md §6: for the same offence and court level, the sentences
// of two groups (e.g. by migration status) side by side — n, median and interquartile range of
// custodial months, the share suspended, and a rank test. Below the minimum n it refuses and gives
// no numbers at all, because a median of four cases invites exactly the cherry-picking the
// product exists to prevent.
import { requireCount, StatisticsInputError } from "./input.js";
import { mannWhitneyU, type MannWhitneyResult } from "./mann-whitney.js";
import { QUANTILE_DEFINITION, sortedQuantile } from "./quantile.js";
import { shareWithInterval, type ShareEstimate } from "./share.js";

const DEFAULT_MINIMUM_N = 10;

/** One sentenced person. Months are as pronounced, whether or not the sentence was suspended. */
export interface SentenceOutcome {
  custodialMonths: number;
  suspended: boolean;
  /** A fine was part of the sentence (alone or with custody). */
  fined: boolean;
}

interface SentencingGroupSummary {
  label: string;
  n: number;
  medianMonths: number;
  /** First and third quartiles of custodial months. */
  quartiles: { q1: number; q3: number };
  interquartileRange: number;
  /** The shortest and the longest, for a box plot's whiskers. */
  range: { min: number; max: number };
  suspended: ShareEstimate;
  fined: ShareEstimate;
}

export interface SentencingComparison {
  refused: false;
  minimumN: number;
  quantileDefinition: typeof QUANTILE_DEFINITION;
  groups: [SentencingGroupSummary, SentencingGroupSummary];
  /** U is for the first group; a two-sided test of whether custodial months tend to differ. */
  rankTest: MannWhitneyResult & { name: "Mann–Whitney U (Wilcoxon rank-sum)" };
}

export interface SentencingRefusal {
  refused: true;
  reason: string;
}

function shareOf(label: string, outcomes: readonly SentenceOutcome[], has: (o: SentenceOutcome) => boolean): ShareEstimate {
  const share = shareWithInterval(outcomes.filter(has).length, outcomes.length);
  // A group that passed the minimum-n check cannot be empty, so the share is always defined here.
  if (share.share === null) throw new StatisticsInputError(`group ${label} has no outcomes.`);
  return share;
}

function summarize(label: string, outcomes: readonly SentenceOutcome[]): SentencingGroupSummary {
  const months = outcomes.map((o) => o.custodialMonths).sort((x, y) => x - y);
  const q1 = sortedQuantile(months, 0.25);
  const q3 = sortedQuantile(months, 0.75);
  return {
    label,
    n: outcomes.length,
    medianMonths: sortedQuantile(months, 0.5),
    quartiles: { q1, q3 },
    interquartileRange: q3 - q1,
    range: { min: months[0]!, max: months.at(-1)! },
    suspended: shareOf(label, outcomes, (o) => o.suspended),
    fined: shareOf(label, outcomes, (o) => o.fined),
  };
}

function requireOutcomes(label: string, outcomes: readonly SentenceOutcome[]): void {
  for (const [i, o] of outcomes.entries()) {
    if (!Number.isFinite(o.custodialMonths) || o.custodialMonths < 0) {
      throw new StatisticsInputError(`group ${label}, outcome ${i + 1}: custodial months must be zero or more, got ${o.custodialMonths}.`);
    }
  }
}

/** The default minimum n per group (PRODUCT.md §6); a deployment may raise or lower it (config SENTENCING_MINIMUM_N). */
export { DEFAULT_MINIMUM_N as DEFAULT_SENTENCING_MINIMUM_N };

export function compareSentences(
  groupA: readonly SentenceOutcome[],
  groupB: readonly SentenceOutcome[],
  { minN = DEFAULT_MINIMUM_N, labels = ["A", "B"] as [string, string] } = {},
): SentencingComparison | SentencingRefusal {
  requireCount(minN, "the minimum n");
  if (minN < 1) throw new StatisticsInputError("the minimum n must be at least 1.");
  const [labelA, labelB] = labels;
  requireOutcomes(labelA, groupA);
  requireOutcomes(labelB, groupB);

  const shortfalls = [
    { label: labelA, n: groupA.length },
    { label: labelB, n: groupB.length },
  ].filter((g) => g.n < minN);
  if (shortfalls.length > 0) {
    return { refused: true, reason: shortfalls.map((g) => `group ${g.label} has n=${g.n}, below the minimum of ${minN}`).join("; ") };
  }

  const test = mannWhitneyU(
    groupA.map((o) => o.custodialMonths),
    groupB.map((o) => o.custodialMonths),
  );
  return {
    refused: false,
    minimumN: minN,
    quantileDefinition: QUANTILE_DEFINITION,
    groups: [summarize(labelA, groupA), summarize(labelB, groupB)],
    rankTest: { name: "Mann–Whitney U (Wilcoxon rank-sum)", ...test },
  };
}
