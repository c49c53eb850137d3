// The words that go with the rates: how incidents are counted, what each group and its population
// are (and where they do not fit), how denominators are chosen, and why a rate is missing. They are
// part of the answer, so a report quoting a rate can quote its caveats with it.
import { daysBetween } from "../../domain/dates.js";
import { POPULATION_SOURCES } from "../stats/population.js";
import { RATE_GROUP_STATUSES, type AnalysisRates, type RateGranularity, type RateGroup } from "./rates-schema.js";

export const COUNTING =
  "Each figure counts distinct incidents. An incident filed under several top-level categories counts once under each, and once in the row for every category (category null). It counts in a group once when at least one of its perpetrator groups was reported with a status of that group, so an incident with both citizens and foreign nationals among its perpetrators counts once in each and the groups may add up to more than `all`; an incident with no perpetrator group recorded counts as `unknown`. An incident is placed in the year its occurrence window starts, or in the window's first year when it started before occurred_from.";

const UNKNOWN_CAVEAT =
  "Incidents whose perpetrators' status is unknown are in neither citizens nor foreign_nationals, so both rates are lower bounds of what they would be were every status reported, by as much as the unknown share.";

export const NO_RATE_FOR_UNKNOWN = "never a rate: no population has an unknown status; unknown_shares gives its share of all incidents with an interval";

export const GROUP_TEXTS: Record<RateGroup, { statuses: string[]; description: string; caveats: string[] }> = {
  all: {
    statuses: [],
    description: "Every incident counted, per 100,000 residents (citizen TOTAL).",
    caveats: [],
  },
  citizens: {
    statuses: [...RATE_GROUP_STATUSES.citizens],
    description: "Incidents with a perpetrator group reported as citizen_by_birth or citizen_naturalised, per 100,000 citizens of the country (citizen NAT).",
    caveats: [UNKNOWN_CAVEAT],
  },
  foreign_nationals: {
    statuses: [...RATE_GROUP_STATUSES.foreign_nationals],
    description: `Incidents with a perpetrator group reported as ${RATE_GROUP_STATUSES.foreign_nationals.join(", ")}, per 100,000 foreign citizens resident in the country (citizen FOR).`,
    caveats: [
      "People in irregular stay, and asylum seekers not (yet) counted as usual residents, are not in the resident population of foreign citizens, though incidents involving them are counted here: this is not a pure rate per resident, and overstates one by an unknown amount.",
      UNKNOWN_CAVEAT,
    ],
  },
  unknown: {
    statuses: [...RATE_GROUP_STATUSES.unknown],
    description: "Incidents with a perpetrator group of unknown status, or with none recorded. Counts and shares only (unknown_shares), never a rate.",
    caveats: [],
  },
};

const CITIZEN_WORDS = { TOTAL: "", NAT: " of citizens (NAT)", FOR: " of foreign citizens (FOR)" } as const;

/** "no population figure held for DE 2025", "no population figure of foreign citizens (FOR) held for AT and DE 2023". */
export function missingPopulation(countries: string[], year: number, citizen: keyof typeof CITIZEN_WORDS): string {
  const names = countries.length <= 1 ? countries.join("") : `${countries.slice(0, -1).join(", ")} and ${countries.at(-1)}`;
  return `no population figure${CITIZEN_WORDS[citizen]} held for ${names} ${year}`;
}

const ORDER = `the first held of ${POPULATION_SOURCES.map((s) => `${s.publisher} ${s.dataset} (${s.reference}${s.citizenship ? ", also by citizenship" : ""})`).join(", ")}; citizens (NAT) and foreign citizens (FOR) only from a source by citizenship`;

/** How this answer's denominators were chosen, and what its rates mean. */
export function denominatorsText(granularity: RateGranularity, first: AnalysisRates["periods"][number] | null): string {
  const noCarry = "No figure is carried over from another year: a country-year without one has no rate.";
  if (granularity === "total" && first) {
    const days = daysBetween(first.from, first.to) + 1;
    return `The window ${first.from} to ${first.to} (${days} days) is one period, and its denominator is the population of ${first.denominator_year}, the window's first year (${ORDER}): each rate is incidents per 100,000 residents over the whole window, not per year. Periods are compared only with granularity year. ${noCarry}`;
  }
  return `Each year's rate is over that year's population: ${ORDER}. A year that is not whole (cut by the window, or not over yet) gives a rate over that part of the year only, and is not compared with another. ${noCarry}`;
}
