// The sentencing comparison's use case (GET /analysis/sentencing): permission first (whoever may
// read case outcomes), then the outcomes the filters take (asked of the statistics module, which
// owns them), compared by the one rule in figures/sentencing.ts and presented (sentencingAnswer is pure).
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { QUANTILE_DEFINITION } from "../../domain/stats/quantile.js";
import type { ShareEstimate } from "../../domain/stats/share.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { SENTENCING_RULE, sentencingStrata, type SentencingStratum } from "../figures/sentencing.js";
import { caseOutcomesMatching } from "../stats/index.js";
import type { AnalysisSentencing, SentencingQuery } from "./sentencing-schema.js";

const RANK_TEST_METHOD =
  "Mann–Whitney U, two-sided, as scipy.stats.mannwhitneyu by default: exact when nothing is tied and a group has 8 or fewer, otherwise the normal approximation with tie and continuity correction.";

const presentShare = (s: ShareEstimate) => ({ count: s.successes, share: s.share, ci95: { low: s.lower, high: s.upper } });

function presentStratum(s: SentencingStratum): AnalysisSentencing["strata"][number] {
  const compared = s.comparison.refused ? null : s.comparison;
  return {
    country: s.country,
    offence: { iccs: s.iccs, categories: s.categories },
    court_level: s.courtLevel,
    outcomes: s.outcomes,
    acquitted: s.acquitted,
    sentence_not_recorded: s.sentenceNotRecorded,
    sentenced_by_status: Object.entries(s.sentencedByStatus).map(([migration_status, n]) => ({ migration_status: migration_status as never, n })),
    groups: s.groups.map((g, i) => {
      const summary = compared?.groups[i];
      return {
        group: g.group,
        label: g.label,
        statuses: [...g.statuses],
        n: g.sentenced,
        custodial_months: summary
          ? { median: summary.medianMonths, q1: summary.quartiles.q1, q3: summary.quartiles.q3, iqr: summary.interquartileRange, ...summary.range }
          : null,
        suspended: summary ? presentShare(summary.suspended) : null,
        fined: summary ? presentShare(summary.fined) : null,
      };
    }),
    rank_test: compared
      ? { name: compared.rankTest.name, method: compared.rankTest.method, u: compared.rankTest.u, p_value: compared.rankTest.pValue, z: compared.rankTest.z }
      : null,
    refused: s.comparison.refused,
    refusal_reason: s.comparison.refused ? s.comparison.reason : null,
    synthetic_outcomes: s.synthetic,
  };
}

function sentencingAnswer(strata: readonly SentencingStratum[], minimumN: number, asOf: string): AnalysisSentencing {
  return {
    as_of: asOf,
    rule: SENTENCING_RULE,
    minimum_n: minimumN,
    quantile_definition: QUANTILE_DEFINITION,
    rank_test_method: RANK_TEST_METHOD,
    strata: strata.map(presentStratum),
    synthetic_outcomes: strata.reduce((sum, s) => sum + s.synthetic, 0),
  };
}

export function analysisSentencing(db: Kysely<Database>, { minimumN }: { minimumN: number }) {
  return async (actor: Actor | null, query: SentencingQuery): Promise<AnalysisSentencing> => {
    authorize(actor, "case_outcome.read");
    const outcomes = await caseOutcomesMatching(db, query);
    return sentencingAnswer(sentencingStrata(outcomes, minimumN), minimumN, nowIso());
  };
}
