// THE sentencing rule (PRODUCT.md §6, issue 13): which case outcomes a sentencing comparison takes,
// how they are grouped (same country, same offence by ICCS code, same court level), which
// defendants' statuses as reported make the two groups compared (the same groups as the rates:
// rules.ts), and the comparison itself (domain/stats/sentencing.ts). The API
// (GET /analysis/sentencing) and the country report's justice section both come from here. Pure.
import { compareSentences, type SentenceOutcome, type SentencingComparison, type SentencingRefusal } from "../../domain/stats/sentencing.js";
import { MIGRATION_STATUSES, type CourtLevel, type MigrationStatus } from "../../domain/vocabulary.js";
import type { CaseOutcomeTable } from "../../db/types.js";
import { GROUP_TEXTS, RATE_GROUP_STATUSES } from "./rules.js";

/** The groups compared, in the order the comparison names them. */
export const SENTENCING_GROUPS = ["citizens", "foreign_nationals"] as const;
type SentencingGroup = (typeof SENTENCING_GROUPS)[number];

export const SENTENCING_RULE =
  "Convictions with a sentence recorded are compared; a sentence with no custodial part counts as 0 custodial months, and months are as pronounced, whether or not suspended. Acquittals and convictions without a recorded sentence are counted but not compared. Outcomes are compared only within one country, one offence (ICCS code) and one court level, between defendants reported as citizens (by birth or naturalised) and as foreign nationals; defendants of unknown status are in neither group and are counted beside them.";

type Outcome = Pick<
  CaseOutcomeTable,
  | "country_code"
  | "offence_category"
  | "iccs_code"
  | "court_level"
  | "defendant_migration_status"
  | "convicted"
  | "custodial_months"
  | "suspended"
  | "fine_amount"
  | "sentence_other"
  | "synthetic"
>;

export interface SentencingStratum {
  country: string;
  iccs: string | null;
  categories: string[];
  courtLevel: CourtLevel;
  outcomes: number;
  acquitted: number;
  sentenceNotRecorded: number;
  /** Sentenced defendants by status as reported, every status listed (unknown always). */
  sentencedByStatus: Record<MigrationStatus, number>;
  groups: { group: SentencingGroup; label: string; statuses: readonly MigrationStatus[]; sentenced: number }[];
  comparison: SentencingComparison | SentencingRefusal;
  synthetic: number;
}

/** The outcome as a sentence to compare, or null when it is not one (an acquittal, or no sentence recorded). */
function sentenceOf(o: Outcome): SentenceOutcome | null {
  if (!o.convicted) return null;
  const recorded = o.custodial_months !== null || o.suspended !== null || o.fine_amount !== null || o.sentence_other !== null;
  if (!recorded) return null;
  return { custodialMonths: o.custodial_months ?? 0, suspended: o.suspended === true, fined: o.fine_amount !== null };
}

function groupOfStatus(status: MigrationStatus): SentencingGroup | null {
  return SENTENCING_GROUPS.find((g) => RATE_GROUP_STATUSES[g].includes(status)) ?? null;
}

const stratumKey = (o: Outcome) => JSON.stringify([o.country_code, o.iccs_code ?? `category:${o.offence_category}`, o.court_level]);

/** One comparison per country × offence × court level, in that order. */
export function sentencingStrata(outcomes: readonly Outcome[], minimumN: number): SentencingStratum[] {
  const strata = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = stratumKey(o);
    strata.set(key, [...(strata.get(key) ?? []), o]);
  }
  return [...strata.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, members]) => {
      const first = members[0]!;
      const sentenced = members.flatMap((o) => {
        const sentence = sentenceOf(o);
        return sentence ? [{ status: o.defendant_migration_status, sentence }] : [];
      });
      const byGroup = (g: SentencingGroup) => sentenced.filter((s) => groupOfStatus(s.status) === g).map((s) => s.sentence);
      const [citizens, foreign] = [byGroup("citizens"), byGroup("foreign_nationals")];
      const sentencedByStatus = Object.fromEntries(MIGRATION_STATUSES.map((s) => [s, sentenced.filter((x) => x.status === s).length])) as Record<
        MigrationStatus,
        number
      >;
      return {
        country: first.country_code,
        iccs: first.iccs_code,
        categories: [...new Set(members.map((o) => o.offence_category))].sort(),
        courtLevel: first.court_level,
        outcomes: members.length,
        acquitted: members.filter((o) => !o.convicted).length,
        sentenceNotRecorded: members.filter((o) => o.convicted && sentenceOf(o) === null).length,
        sentencedByStatus,
        groups: SENTENCING_GROUPS.map((g) => ({ group: g, label: GROUP_TEXTS[g].label, statuses: RATE_GROUP_STATUSES[g], sentenced: byGroup(g).length })),
        comparison: compareSentences(citizens, foreign, {
          minN: minimumN,
          labels: [GROUP_TEXTS.citizens.label.toLowerCase(), GROUP_TEXTS.foreign_nationals.label.toLowerCase()],
        }),
        synthetic: members.filter((o) => o.synthetic).length,
      };
    });
}
