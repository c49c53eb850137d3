// The fast path bound to the engine: the API's counts and rates fold incidents grouped in the
// database (facts.ts `countedIncidentGroups`, dates cut to months when the window allows), and must
// give exactly what the engine gives over the same incidents read one by one (`countedIncidents`).
// For random incidents — any workflow state, dated to the day, week, month or year, spanning
// periods, filed under several categories and subcategories, with none or several perpetrator
// groups — and random questions (basis, reader, window on months' edges or not, country, category
// and status filters, granularity), every count, rate, unknown share and not-placed figure of
// `countsAnswer` and `ratesAnswer` is the same from both. The incidents are written to the real
// databases (each case in a post of its own), so the SQL grouping is what is tested.
import fc from "fast-check";
import { expect, it } from "vitest";
import { addDays } from "../../domain/dates.js";
import { MIGRATION_STATUSES, WORKFLOW_STATES, type MigrationStatus, type WorkflowState } from "../../domain/vocabulary.js";
import { ratesAnswer } from "../analysis/rates.js";
import { ratesQuery } from "../analysis/rates-schema.js";
import { analysisQuery } from "../analysis/schema.js";
import { countsAnswer } from "../analysis/service.js";
import { visibilityOf } from "../auth/policy.js";
import { incidentInput } from "../incidents/schema.js";
import { loadReferenceData } from "../reference/service.js";
import { topLevelCategories } from "../reference/index.js";
import { incidentFields, openPost } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import type { PopulationFigure, Populations } from "./engine.js";
import { countedIncidentGroups, countedIncidents, type FactsFilter } from "./facts.js";
import type { Citizenship } from "./rules.js";

const COUNTRIES = ["AT", "DE", "FR"];
const CATEGORIES = ["SV.RAPE", "SV.ASSAULT", "HC.VIOLENCE", "VP", "TIP.LABOUR", "HD"];
const TODAY = "2026-06-15";
const pad = (n: number) => String(n).padStart(2, "0");
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;

/** A window of the given precision around `day` that the incident schema accepts. */
function windowOf(day: string, precision: "day" | "week" | "month" | "year", span: number): [string, string] {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (precision === "year") return [`${y}-01-01`, `${y < 2025 ? y + Math.min(span, 1) : y}-12-31`];
  if (precision === "month") return [`${y}-${pad(m)}-01`, monthEnd(y, Math.min(12, m + span))];
  if (precision === "week") {
    const monday = addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    return [monday, addDays(monday, 6 + 7 * Math.min(span, 1))];
  }
  return [day, addDays(day, span === 3 ? 40 : span)];
}

const incidentArb = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  // Often within a few months, so that incidents alike fall together and groups weigh more than one.
  offset: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 1000 })),
  precision: fc.constantFrom<"day" | "week" | "month" | "year">("day", "day", "week", "month", "year"),
  span: fc.integer({ min: 0, max: 3 }),
  categories: fc.oneof(fc.constant<string[]>(["SV.RAPE"]), fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 3 })),
  statuses: fc.oneof(fc.constant<MigrationStatus[]>([]), fc.uniqueArray(fc.constantFrom(...MIGRATION_STATUSES), { maxLength: 3 })),
  state: fc.constantFrom<WorkflowState>("accepted", ...WORKFLOW_STATES),
  synthetic: fc.boolean(),
});

/** Incidents made of a few kinds, each repeated, some a day or two apart: so that groups hold several incidents. */
const incidentsArb = fc
  .tuple(fc.array(incidentArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(0, 0, 1, 2)), { minLength: 1, maxLength: 30 }))
  .map(([kinds, picks]) => picks.map(([k, shift]) => ({ ...kinds[k % kinds.length]!, offset: kinds[k % kinds.length]!.offset + shift })));

/** A window bound: none, on a month's edge, or any day. */
const boundArb = (edge: "from" | "to") =>
  fc.oneof(
    fc.constant(undefined),
    fc
      .record({ y: fc.integer({ min: 2023, max: 2025 }), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => (edge === "from" ? `${y}-${pad(m)}-01` : monthEnd(y, m))),
    fc.integer({ min: 0, max: 1000 }).map((d) => addDays("2023-01-01", d)),
  );

const questionArb = fc.record({
  basis: fc.constantFrom("accepted", "visible"),
  analyst: fc.boolean(),
  from: boundArb("from"),
  to: boundArb("to"),
  country: fc.option(fc.constantFrom("DE", "AT,FR"), { nil: undefined }),
  category: fc.option(fc.constantFrom("SV", "SV.RAPE", "HC,VP", "HD"), { nil: undefined }),
  migration_status: fc.option(fc.constantFrom("unknown", "refugee_or_protected,citizen_by_birth"), { nil: undefined }),
  synthetic: fc.option(fc.constantFrom("true", "false"), { nil: undefined }),
  granularity: fc.constantFrom("year", "quarter", "month", "total"),
});

/** Every country-year has a population, so every rate is computed from the counts being compared. */
const populations: Populations = {
  get: (country: string, year: number, citizen: Citizenship): PopulationFigure => ({
    geo: country,
    year,
    citizen,
    value: citizen === "TOTAL" ? 5_000_000 : citizen === "NAT" ? 4_000_000 : 1_000_000,
    flag: null,
    reference: "1 January",
    source: { publisher: "Test", dataset: "pop", title: "Population", licence: null, series: "s", revision: 1, retrieved_at: "2026-01-01T00:00:00Z" },
  }),
};

forEachDatabase("grouped facts", (env) => {
  it("when incidents are counted grouped, then every count, rate, unknown share and not-placed figure is the engine's over the incidents one by one", async () => {
    const { context } = env();
    const analyst = await env().user("analyst");
    const categories = await topLevelCategories(context.db);
    // A post of its own for each case, in a country without one, while there are such countries (a
    // long shrink may then reuse them: the property holds over whatever the database holds).
    const reference = await loadReferenceData(context.db);
    const hosts = [...reference.countries].filter((c) => !reference.posts.has(c)).sort();
    const opened = new Map<string, { post: string; reporter: TestUser }>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(incidentsArb, fc.array(questionArb, { minLength: 3, maxLength: 3 }), async (incidents, questions) => {
        const host = hosts[run++ % hosts.length]!;
        if (!opened.has(host)) {
          const code = (await openPost(context, { country_code: host })).code;
          opened.set(host, { post: code, reporter: await env().user("reporter", code) });
        }
        const { post: postCode, reporter } = opened.get(host)!;
        const post = { code: postCode };
        for (const state of WORKFLOW_STATES) {
          const inputs = incidents
            .filter((i) => i.state === state)
            .map((i) => {
              const [from, to] = windowOf(addDays("2023-01-01", i.offset), i.precision, i.span);
              return incidentInput.parse(
                incidentFields({
                  country: i.country,
                  from,
                  to,
                  precision: i.precision,
                  categories: i.categories,
                  groups: i.statuses.map((s) => ({ count: 1, migration_status: s })),
                  // Only a synthetic record may be written in a state other than draft.
                  synthetic: state === "draft" ? i.synthetic : true,
                }),
              );
            });
          if (inputs.length > 0) await context.services.incidents.createIncidents(reporter.actor, inputs, { state, retractionReason: "Recorded twice" });
        }
        for (const q of questions) {
          const window = { ...(q.from ? { occurred_from: q.from } : {}), ...(q.to && (!q.from || q.to >= q.from) ? { occurred_to: q.to } : {}) };
          const shared = {
            ...window,
            basis: q.basis,
            ...(q.country ? { country: q.country } : {}),
            ...(q.category ? { category: q.category } : {}),
            ...(q.synthetic ? { synthetic: q.synthetic } : {}),
          };
          const reader = q.analyst ? analyst.actor : reporter.actor;
          const counts = analysisQuery.parse({ ...shared, post: post.code, ...(q.migration_status ? { migration_status: q.migration_status } : {}) });
          const filter: FactsFilter = {
            visibility: visibilityOf(reader, "analysis.read"),
            basis: counts.basis,
            from: counts.occurred_from,
            to: counts.occurred_to,
            countries: counts.country,
            posts: counts.post,
            categories: counts.category,
            synthetic: counts.synthetic,
          };
          const [exact, grouped] = [await countedIncidents(context.db, filter), await countedIncidentGroups(context.db, filter)];
          expect(countsAnswer(counts, grouped, categories, TODAY, "now")).toEqual(countsAnswer(counts, exact, categories, TODAY, "now"));
          const total = q.granularity === "total";
          const rates = ratesQuery.parse({
            ...shared,
            post: post.code,
            granularity: q.granularity,
            ...(total ? { occurred_from: window.occurred_from ?? "2023-01-01", occurred_to: window.occurred_to ?? "2025-12-31" } : {}),
          });
          const ratesFilter = { ...filter, from: rates.occurred_from, to: rates.occurred_to };
          const [exactR, groupedR] = [await countedIncidents(context.db, ratesFilter), await countedIncidentGroups(context.db, ratesFilter)];
          expect(ratesAnswer(rates, groupedR, populations, TODAY, "now")).toEqual(ratesAnswer(rates, exactR, populations, TODAY, "now"));
        }
      }),
      { numRuns: 50 },
    );
  }, 300_000);
});
