// The counts and the rates read from the incidents' tallies (analysis/service.ts
// countsOfProjections, figures/engine.ts computeProjectedFigures) are those of every counted
// incident grouped one by one (`countsAnswer` and `ratesAnswer` over figures/facts.ts
// countedIncidentGroups), for every reader and filter the tallies answer: records of three posts in every workflow state, windows inside a month, across
// months and years, dates pinned and loose, synthetic or not, several categories and
// subcategories, perpetrator groups of several statuses, an explicit unknown, or none.
import { beforeAll, expect, it } from "vitest";
import { CLI_ACTOR } from "../auth/actor.js";
import { visibilityOf } from "../auth/policy.js";
import { countedIncidentGroups, factsFilterOf, populationsFor } from "../figures/facts.js";
import { rebuildTallies } from "../incidents/index.js";
import { topLevelCategories } from "../reference/index.js";
import { deskOf, incidentInputOf, type Desk } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { sql } from "kysely";
import { todayUtc } from "../../domain/clock.js";
import { join } from "node:path";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { loadCsvMapping } from "../stats/importers/mapping.js";
import { ratesAnswer } from "./rates.js";
import { ratesQuery, type AnalysisRates } from "./rates-schema.js";
import { analysisQuery, type AnalysisCounts } from "./schema.js";
import { countsAnswer } from "./service.js";

const WINDOWS = [
  { from: "2025-03-05", precision: "day" },
  { from: "2025-03-31", to: "2025-04-06", precision: "week" },
  { from: "2024-12-30", to: "2025-01-05", precision: "week" },
  { from: "2025-06-02", to: "2025-06-08", precision: "week" },
  { from: "2025-02-01", to: "2025-02-28", precision: "month" },
  { from: "2025-01-01", to: "2025-03-31", precision: "month" },
  { from: "2024-01-01", to: "2024-12-31", precision: "year" },
  { from: "2024-07-19", precision: "day" },
  { from: "2022-04-11", precision: "day" },
  { from: "2022-09-01", to: "2022-09-30", precision: "month" },
  { from: "2023-02-14", precision: "day" },
] as const;
const CATEGORIES = [["SV.ASSAULT"], ["HC"], ["SV.ASSAULT", "HC"], ["SV", "SV.ASSAULT"], ["HD"]];
const GROUPS = [
  [],
  [{ migration_status: "citizen_by_birth" as const, count: 1 }],
  [
    { migration_status: "asylum_seeker" as const, count: 2 },
    { migration_status: "irregular" as const, count: 1 },
  ],
  [{ migration_status: "unknown" as const, count: 1 }],
  [
    { migration_status: "asylum_seeker" as const, count: 1 },
    { migration_status: "asylum_seeker" as const, count: 3 },
  ],
  [
    { migration_status: "citizen_naturalised" as const, count: 1 },
    { migration_status: "unknown" as const, count: 2 },
    { migration_status: "third_country_resident" as const, count: 1 },
  ],
];
const STATES = ["draft", "submitted", "cleared", "accepted", "published", "returned", "retracted"];

const QUERIES: Record<string, string>[] = [
  {},
  { basis: "visible" },
  { country: "DE" },
  { country: "DE,FR" },
  { post: "FR" },
  { occurred_from: "2025-01-01", occurred_to: "2025-06-30" },
  { occurred_from: "2025-04-01" },
  { occurred_to: "2024-12-31" },
  { synthetic: "false" },
  { synthetic: "true", basis: "visible" },
];

const RATE_QUERIES: Record<string, string>[] = [
  {},
  { granularity: "quarter" },
  { granularity: "month", occurred_from: "2025-01-01", occurred_to: "2025-06-30" },
  { granularity: "total", occurred_from: "2024-01-01", occurred_to: "2025-12-31" },
  { country: "DE,AT" },
  { group: "citizens,foreign_nationals" },
  { basis: "visible", synthetic: "false" },
  { post: "FR", granularity: "quarter" },
  { occurred_from: "2022-01-01", occurred_to: "2023-12-31" },
];

forEachDatabase("the counts and rates read from the tallies", (env) => {
  let analyst: TestUser;
  let desks: Desk[];
  beforeAll(async () => {
    desks = [await deskOf(env(), "DE")];
    desks.push(await deskOf(env(), "FR", { analyst: desks[0]!.analyst, editor: desks[0]!.editor }));
    desks.push(await deskOf(env(), "AT", { analyst: desks[0]!.analyst, editor: desks[0]!.editor }));
    analyst = desks[0]!.analyst;
    const { incidents, stats } = env().context.services;
    // Populations for some country-years and not others, so rates and their missing reasons are both compared.
    // (AT and DE: citizens and foreign citizens 2020–2022, everyone 2023.)
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "migr_pop1ctz_sample.jsonstat.json") });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "population.csv"), mapping: loadCsvMapping(join(FIXTURES, "worldbank-population.mapping.json")) });
    let i = 0;
    for (const [d, desk] of desks.entries()) {
      const inputs = Array.from({ length: 70 }, () => {
        i++;
        const window = WINDOWS[i % WINDOWS.length]!;
        return incidentInputOf({
          country: ["DE", "FR", "AT"][d]!,
          ...window,
          categories: CATEGORIES[(i * 3) % CATEGORIES.length]!,
          groups: GROUPS[(i * 7) % GROUPS.length]!,
          synthetic: i % 4 === 0,
        });
      });
      await incidents.createIncidents(desk.reporter.actor, inputs);
    }
    // Every workflow state, spread by number: the test reads the tallies, another holds their upkeep.
    const db = env().context.db;
    const slot = sql`(incidents.number % 7)`;
    await sql`UPDATE incidents SET state = CASE ${sql.join(
      STATES.map((state, k) => sql`WHEN ${slot} = ${k} THEN ${state}`),
      sql` `,
    )} END`.execute(db);
    await rebuildTallies(db);
  });

  const without = ({ as_of: _, ...rest }: AnalysisCounts) => rest;

  for (const params of QUERIES) {
    for (const reader of ["the bureau's analyst", "a reporter of the German post"] as const) {
      it(`when ${reader} asks for counts with ${JSON.stringify(params)}, then the tallies give the counts of the incidents one by one`, async () => {
        const user = reader === "the bureau's analyst" ? analyst : desks[0]!.reporter;
        const query = analysisQuery.parse(params);
        const answer = await env().context.services.analysis.counts(user.actor, query);
        const db = env().context.db;
        const facts = await countedIncidentGroups(db, {
          visibility: visibilityOf(user.actor, "analysis.read"),
          basis: query.basis,
          from: query.occurred_from,
          to: query.occurred_to,
          countries: query.country,
          posts: query.post,
          synthetic: query.synthetic,
        });
        const expected = countsAnswer(query, facts, await topLevelCategories(db), todayUtc(), answer.as_of);
        expect(without(answer)).toEqual(without(expected));
        // Something was counted where the data holds records, so the comparison says something.
        if (Object.keys(params).length === 0) expect(answer.totals.incidents).toBeGreaterThan(10);
      });
    }
  }

  for (const params of RATE_QUERIES) {
    for (const reader of ["the bureau's analyst", "a reporter of the German post"] as const) {
      it(`when ${reader} asks for rates with ${JSON.stringify(params)}, then the tallies give the rates of the incidents one by one`, async () => {
        const user = reader === "the bureau's analyst" ? analyst : desks[0]!.reporter;
        const query = ratesQuery.parse(params);
        const answer = await env().context.services.analysis.rates(user.actor, query);
        const db = env().context.db;
        const facts = await countedIncidentGroups(db, factsFilterOf(visibilityOf(user.actor, "analysis.read"), query));
        const years = Array.from({ length: 10 }, (_, k) => 2018 + k);
        const populations = await populationsFor(db, ["AT", "DE", "FR"], years, ["TOTAL", "NAT", "FOR"]);
        const expected = ratesAnswer(query, facts, populations, todayUtc(), answer.as_of);
        expect(answer).toEqual(expected);
        if (Object.keys(params).length === 0) {
          // Something was counted and some rate taken, so the comparison says something.
          expect(answer.totals.incidents).toBeGreaterThan(10);
          expect(answer.rows.some((r: AnalysisRates["rows"][number]) => r.rate_per_100k !== null && r.incidents > 0)).toBe(true);
          expect(answer.rows.some((r: AnalysisRates["rows"][number]) => r.category !== null && r.group === "foreign_nationals" && r.incidents > 0)).toBe(true);
        }
      });
    }
  }

  it("when the system asks for every record, then the same holds", async () => {
    const query = analysisQuery.parse({ basis: "visible" });
    const answer = await env().context.services.analysis.counts(CLI_ACTOR, query);
    expect(answer.totals.incidents).toBeGreaterThan(100);
  });
});
