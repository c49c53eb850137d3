// The housing and displacement indicators' use case (GET /analysis/housing): permission first, then
// the housing series held for the country (figures/housing.ts) and its `HD` incidents per calendar
// year by the counting rules (accepted and published, placed by precision), side by side.
import type { Kysely } from "kysely";
import { nowIso, todayUtc } from "../../domain/clock.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { countedIncidents } from "../figures/facts.js";
import { HOUSING_KINDS, housingSeries } from "../figures/housing.js";
import { calendarPeriods, placeIncident } from "../figures/periods.js";
import { REPORT_BASIS } from "../figures/rules.js";
import { currentCategoryNames } from "../reference/index.js";
import type { AnalysisHousing, HousingQuery } from "./housing-schema.js";
import { basisOf } from "./schema.js";

const NOTE =
  "Each series is shown in its own unit, as its publisher gives it, on a common time axis. Series that move together over the same years are not thereby shown to affect one another; incidents count what posts recorded and the bureau accepted, not every event.";

export function analysisHousing(db: Kysely<Database>) {
  return async (actor: Actor | null, query: HousingQuery): Promise<AnalysisHousing> => {
    authorize(actor, "analysis.read");
    const today = todayUtc();
    const [series, facts, categories] = await Promise.all([
      housingSeries(db, query.country),
      countedIncidents(db, { visibility: visibilityOf(actor, "analysis.read"), basis: REPORT_BASIS, countries: [query.country], categories: ["HD"] }),
      currentCategoryNames(db),
    ]);
    const first = facts.map((f) => f.occurred_from).sort()[0];
    const last = facts
      .map((f) => f.occurred_to)
      .sort()
      .at(-1);
    const years = first && last ? calendarPeriods("year", `${first.slice(0, 4)}-01-01`, `${last.slice(0, 4)}-12-31`, today) : [];
    const placed = facts.map((f) => placeIncident(f, years));
    return {
      as_of: nowIso(),
      country: query.country,
      note: NOTE,
      series: series.map((s) => ({
        kind: s.kind,
        label: s.label,
        unit: s.unit,
        measure: s.measure,
        base_year: s.baseYear,
        points: s.points,
        source: s.source,
      })),
      incidents: {
        category: "HD",
        label: categories.get("HD")?.name ?? "Housing and displacement events",
        basis: basisOf(REPORT_BASIS),
        by_year: years.map((y, i) => ({ year: y.key, incidents: placed.filter((p) => p === i).length })),
        not_placed: placed.filter((p) => p < 0).length,
        synthetic: facts.filter((f) => f.synthetic).length,
      },
      not_held: HOUSING_KINDS.filter((k) => !series.some((s) => s.kind === k)),
    };
  };
}
