// The counting rules, once (PRODUCT.md §6). Every figure Rapporteur shows — the API's counts and
// rates, the dashboard, every report — is counted by these rules and no copy of them: which
// workflow states each basis counts, the groups of perpetrators' migration statuses and the
// population each group is divided by (with its caveat), how `unknown` is treated, and which
// categories take a rate per 100,000. The period an incident belongs to is in periods.ts, whether
// two periods may be compared in compare.ts. Pure: no I/O.
import { statusesInGroup, type RateGroup, type StatusGroup } from "../../domain/rate-groups.js";
import type { MigrationStatus, WorkflowState } from "../../domain/vocabulary.js";

/** Which records are counted: the bureau's analysis basis, or everything the caller may see. */
export const ANALYSIS_BASES = ["accepted", "visible"] as const;
export type AnalysisBasis = (typeof ANALYSIS_BASES)[number];

/** The states each basis counts. Retracted records are never counted; drafts only on `visible`. */
export const BASIS_STATES: Record<AnalysisBasis, readonly WorkflowState[]> = {
  accepted: ["accepted", "published"],
  visible: ["draft", "submitted", "cleared", "accepted", "published", "returned"],
};

/** Reports count the bureau's basis only: accepted or published, never retracted. */
export const REPORT_BASIS: AnalysisBasis = "accepted";

export const BASIS_DESCRIPTIONS: Record<AnalysisBasis, string> = {
  accepted: "Accepted and published records the bureau has reviewed; retracted records are left out. Drafts and records still in review are not counted.",
  visible: "Every record you may see in any workflow state but retracted, including drafts and records still in review: not the bureau's analysis basis.",
};

export { RATE_GROUP_STATUSES, RATE_GROUPS, type RateGroup } from "../../domain/rate-groups.js";

/** Eurostat's citizenship codes for the population a group is divided by. */
export type Citizenship = "TOTAL" | "NAT" | "FOR";

/** The population each group's rate is taken over; `unknown` has none and is never a rate. */
export const RATE_GROUP_POPULATION = { all: "TOTAL", citizens: "NAT", foreign_nationals: "FOR", unknown: null } as const satisfies Record<
  RateGroup,
  Citizenship | null
>;

const UNKNOWN_CAVEAT =
  "Incidents whose perpetrators' status is unknown are in neither citizens nor foreign nationals, so both rates are lower bounds of what they would be were every status reported, by as much as the unknown share.";

/** What each group is, in words for people, and where the group and its population do not fit. */
export const GROUP_TEXTS: Record<RateGroup, { label: string; description: string; caveats: string[] }> = {
  all: { label: "All incidents", description: "Every incident counted, per 100,000 residents.", caveats: [] },
  citizens: {
    label: "Citizens",
    description: "Incidents with a perpetrator group reported as citizens (by birth or naturalised), per 100,000 citizens of the country.",
    caveats: [UNKNOWN_CAVEAT],
  },
  foreign_nationals: {
    label: "Foreign nationals",
    description:
      "Incidents with a perpetrator group reported as foreign nationals (EU or EFTA nationals, third-country residents, asylum seekers, refugees or protected persons, people with tolerated stay or in irregular stay), per 100,000 foreign citizens resident in the country.",
    caveats: [
      "People in irregular stay, and asylum seekers not (yet) counted as usual residents, are not in the resident population of foreign citizens, though incidents involving them are counted here: this is not a pure rate per resident, and overstates one by an unknown amount.",
      UNKNOWN_CAVEAT,
    ],
  },
  unknown: {
    label: "Status unknown or not reported",
    description: "Incidents with a perpetrator group of unknown status, or with none recorded. Counts and shares only, never a rate.",
    caveats: [],
  },
};

/** The facts about one incident that counting needs. */
export interface CountedIncident {
  id: string;
  number: number;
  country: string;
  occurred_from: string;
  occurred_to: string;
  precision: "day" | "week" | "month" | "year";
  /** Top-level categories it is filed under (after any category filter), each once. */
  categories: readonly string[];
  /** Perpetrators' statuses as reported, each once; empty when no group was recorded. */
  statuses: readonly MigrationStatus[];
  synthetic: boolean;
  /**
   * The groups of statuses it is in, when that is all that is known of its statuses (facts read
   * from the incidents' tallies for rates: `statuses` is then empty and not read).
   */
  groups?: readonly StatusGroup[];
  /**
   * How many incidents this fact stands for (default 1). The API's counts and rates read their facts
   * grouped (facts.ts `countedIncidentGroups`): incidents alike in everything counting looks at are
   * one fact with their number as weight; every count is then a sum of weights.
   */
  weight?: number;
}

/** How many incidents a list of facts stands for: the sum of their weights. */
export function incidentCount(facts: readonly Pick<CountedIncident, "weight">[]): number {
  let n = 0;
  for (const f of facts) n += f.weight ?? 1;
  return n;
}

/** `unknown`: a perpetrator group of unknown status, or none recorded at all. */
export function isUnknown(incident: Pick<CountedIncident, "statuses" | "groups">): boolean {
  return inGroup(incident, "unknown");
}

/** Whether an incident counts in a group: once when at least one perpetrator group has a status of it. */
export function inGroup(incident: Pick<CountedIncident, "statuses" | "groups">, group: RateGroup): boolean {
  if (group === "all") return true;
  return incident.groups ? incident.groups.includes(group) : statusesInGroup(incident.statuses, group);
}

/** Whether an incident has a perpetrator group of this one status (`unknown` includes none recorded). */
export function hasStatus(incident: Pick<CountedIncident, "statuses">, status: MigrationStatus): boolean {
  return status === "unknown" ? isUnknown(incident) : incident.statuses.includes(status);
}

/**
 * Categories whose incidents are offences against people, for which incidents per 100,000 residents
 * mean something. Housing events, case outcomes and government responses are not offences by
 * residents: they are counted, never divided by a population.
 */
const RATED_CATEGORIES: readonly string[] = ["SV", "SE", "TIP", "HC", "VE", "VP"];
export const COUNT_ONLY_REASON =
  "counts only: these are events and official acts, not offences by residents, so a rate per 100,000 residents would mean nothing";

/** Whether a category (null: every category together) takes a rate per 100,000. */
export function takesRate(category: string | null): boolean {
  return category === null || RATED_CATEGORIES.includes(category);
}

/** Counts below this have intervals too wide to read as levels or trends. */
export const SMALL_COUNT = 10;

export const COUNTING =
  "Each figure counts distinct incidents. An incident filed under several top-level categories counts once under each, and once in the figure for every category together. It counts in a group of perpetrators once when at least one of its perpetrator groups was reported with a status of that group, so an incident with both citizens and foreign nationals among its perpetrators counts once in each and the groups may add up to more than all incidents; an incident with no perpetrator group recorded counts as unknown.";

/** Whether a country-year's population may serve as a denominator: a figure of 0 (a bad file) gives no rate. */
export function usablePopulation(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}
