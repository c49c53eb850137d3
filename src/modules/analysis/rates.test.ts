// Rates per 100,000 on each database, with known counts over known denominators: the real
// population files of test/fixtures/stats (Eurostat tps00001, the migr_pop1ctz sample, the World
// Bank's SP.POP.TOTL) are imported, incidents are walked through the workflow, and every rate,
// interval, share and comparison is checked against a reference value computed outside this code.
//
// Reference values, all SciPy 1.17.1 (python3, scipy.stats):
//   Garwood bounds on a count k:  chi2.ppf(0.025, 2k) / 2 and chi2.ppf(0.975, 2k + 2) / 2
//   Wilson interval of x of n:    binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
//   Rate ratio after/before:      with k = k_after + k_before, p_lo = beta.ppf(0.025, k_after, k_before + 1),
//                                 p_hi = beta.ppf(0.975, k_after + 1, k_before), R = p / (1 - p) · T_before / T_after
// and k = 0's upper bound and k = 1's lower bound also by hand: -ln(0.025) and -ln(0.975).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectClose } from "../../domain/stats/test-support.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { recordIncident, type IncidentFields } from "../../testing/factories.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { loadCsvMapping } from "../stats/importers/mapping.js";
import { calendarPeriods } from "../figures/periods.js";
import { RATE_GROUP_STATUSES, ratesQuery, type AnalysisRates } from "./rates-schema.js";
import { MIGRATION_STATUSES } from "../../domain/vocabulary.js";

/** Garwood 95% bounds on a count, per 1 (SciPy, above). */
const GARWOOD: Record<number, [number, number]> = {
  0: [0, 3.6888794541139354],
  1: [0.025317807984289876, 5.571643390938898],
  2: [0.24220927854396496, 7.22468766772396],
  3: [0.6186721228956014, 8.767273069742323],
  4: [1.0898653736263249, 10.241588675403694],
  5: [1.6234863901184207, 11.66833207932267],
};

/** Population figures as the fixture files hold them (the file and cell each came from). */
const POP = {
  // test/fixtures/stats/migr_pop1ctz_sample.jsonstat.json: citizen TOTAL / NAT / FOR, geo AT, DE, time 2021 and 2022.
  AT_2021: 8931064,
  AT_2021_NAT: 7422154, // flagged "e"
  AT_2021_FOR: 1508910,
  AT_2022: 8961064,
  AT_2022_FOR: 1533910,
  DE_2021: 83196711,
  // test/fixtures/stats/population.csv (World Bank SP.POP.TOTL): "Austria,AUT,2023,9131761", "Germany,DEU,2023,83287273".
  AT_2023_WB: 9131761,
  DE_2023_WB: 83287273,
  // test/fixtures/stats/tps00001.tsv: row "JAN,AT", column 2019.
  AT_2019_TPS: 8858775,
};

const per100k = (k: number, population: number) => (k * 100_000) / population;

forEachDatabase("analysis rates", (env) => {
  let reporterAt: TestUser;
  let reporterDe: TestUser;
  let analyst: TestUser;
  let admin: TestUser;
  const posts: Record<string, { reporter: TestUser; approver: TestUser }> = {};

  /** Record an incident as the country's post and walk it to `state`. */
  async function recorded(state: "draft" | "accepted" | "retracted", fields: IncidentFields & { country: string; title: string }) {
    const { reporter, approver } = posts[fields.country]!;
    await recordIncident(env().context, state, { reporter, approver, analyst }, { ...fields, title: `Rates test incident ${fields.title}` });
  }

  const rates = async (user: TestUser | null, query = "") => {
    const response = await env().request(user, { method: "GET", url: `/api/v1/analysis/rates${query ? `?${query}` : ""}` });
    return { status: response.statusCode, body: response.json() as AnalysisRates };
  };
  const WINDOW = "occurred_from=2021-01-01&occurred_to=2025-12-31";
  const row = (body: AnalysisRates, country: string, category: string | null, period: string, group: string) => {
    const found = body.rows.find((r) => r.country === country && r.category === category && r.period === period && r.group === group);
    if (!found) throw new Error(`no row ${country} ${category} ${period} ${group}`);
    return found;
  };
  const expectRate = (r: { incidents: number; rate_per_100k: number | null; ci95: { low: number; high: number } | null }, k: number, population: number) => {
    expect(r.incidents).toBe(k);
    expectClose(r.rate_per_100k!, per100k(k, population));
    expectClose(r.ci95!.low, per100k(GARWOOD[k]![0], population));
    expectClose(r.ci95!.high, per100k(GARWOOD[k]![1], population));
  };

  beforeAll(async () => {
    const stats = env().context.services.stats;
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "tps00001.tsv") });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "migr_pop1ctz_sample.jsonstat.json") });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "population.csv"), mapping: loadCsvMapping(join(FIXTURES, "worldbank-population.mapping.json")) });
    for (const country of ["AT", "DE"]) posts[country] = { reporter: await env().user("reporter", country), approver: await env().user("approver", country) };
    reporterAt = posts["AT"]!.reporter;
    reporterDe = posts["DE"]!.reporter;
    analyst = await env().user("analyst");
    admin = await env().user("admin");

    await recorded("accepted", { country: "AT", from: "2019-06-01", categories: ["VP"], title: "A0 2019" });
    await recorded("accepted", {
      country: "AT",
      from: "2021-03-01",
      categories: ["SV.RAPE"],
      groups: [{ count: 1, migration_status: "citizen_by_birth" }],
      title: "A1",
    });
    await recorded("accepted", {
      country: "AT",
      from: "2021-05-01",
      categories: ["SV.ASSAULT", "HC.VIOLENCE"],
      groups: [
        { count: 2, migration_status: "asylum_seeker" },
        { count: 1, migration_status: "unknown" },
      ],
      title: "A2 two categories, foreign and unknown",
    });
    await recorded("accepted", { country: "AT", from: "2021-07-01", categories: ["SV"], title: "A3 no perpetrator group" });
    await recorded("accepted", {
      country: "AT",
      from: "2022-02-01",
      categories: ["SV.RAPE"],
      groups: [
        { count: 1, migration_status: "irregular" },
        { count: 1, migration_status: "eu_efta_national" },
      ],
      title: "A4 two foreign statuses",
    });
    // A week across the new year: in 2020 by its start, in 2021 when the window starts on 1 January 2021.
    await recorded("accepted", {
      country: "AT",
      from: "2020-12-28",
      to: "2021-01-03",
      precision: "week",
      categories: ["HC.THREAT"],
      groups: [{ count: 1, migration_status: "citizen_naturalised" }],
      title: "A5 week",
    });
    await recorded("retracted", {
      country: "AT",
      from: "2021-08-01",
      categories: ["SV"],
      groups: [{ count: 1, migration_status: "third_country_resident" }],
      title: "retracted",
    });
    await recorded("draft", { country: "AT", from: "2021-09-01", categories: ["SV"], title: "draft" });
    await recorded("accepted", {
      country: "DE",
      from: "2021-04-01",
      categories: ["SV.OTHER"],
      groups: [{ count: 1, migration_status: "citizen_naturalised" }],
      title: "D1",
    });
    await recorded("accepted", {
      country: "DE",
      from: "2025-01-15",
      categories: ["SV"],
      groups: [{ count: 1, migration_status: "refugee_or_protected" }],
      title: "D2 2025",
    });
  });

  it("when an analyst asks for 2021 to 2025, then each country-year's rate is incidents over that year's population, with Garwood's interval and the source named", async () => {
    const { status, body } = await rates(analyst, WINDOW);
    expect(status).toBe(200);
    expect(body.granularity).toBe("year");
    expect(body.periods.map((p) => [p.period, p.whole_year, p.denominator_year])).toEqual([
      ["2021", true, 2021],
      ["2022", true, 2022],
      ["2023", true, 2023],
      ["2024", true, 2024],
      ["2025", true, 2025],
    ]);
    expect(body.dimensions).toEqual({
      countries: ["AT", "DE"],
      categories: ["HC", "SV"],
      periods: ["2021", "2022", "2023", "2024", "2025"],
      groups: ["all", "citizens", "foreign_nationals", "unknown"],
    });
    // A1, A2, A3; the retracted record and the draft are not counted.
    const atSv = row(body, "AT", "SV", "2021", "all");
    expectRate(atSv, 3, POP.AT_2021);
    expect(atSv.denominator).toMatchObject({
      value: POP.AT_2021,
      citizen: "TOTAL",
      year: 2021,
      reference: "1 January",
      source: { publisher: "Eurostat", dataset: "migr_pop1ctz", revision: 1 },
    });
    expect(atSv.denominator!.source.series).toMatch(/citizen=TOTAL/);
    expect(atSv.denominator!.source.retrieved_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Every category, each incident once: A1, A2, A3. A5 (a week from 28 December 2020) belongs to 2020,
    // which the window leaves out: it is not placed in 2021, and the answer says so.
    expectRate(row(body, "AT", null, "2021", "all"), 3, POP.AT_2021);
    expectRate(row(body, "AT", "HC", "2021", "all"), 1, POP.AT_2021);
    expect(body.totals.not_placed).toBe(1);
    expectRate(row(body, "DE", null, "2021", "all"), 1, POP.DE_2021);
    // The same by hand: k = 1's lower bound is -ln(0.975).
    expectClose(row(body, "DE", null, "2021", "all").ci95!.low, (-Math.log(0.975) * 100_000) / POP.DE_2021, 1e-9);
  });

  it("when groups are read, then citizens meet the citizen population and foreign nationals the foreign one, each incident once per group", async () => {
    const { body } = await rates(analyst, WINDOW);
    const citizens = row(body, "AT", null, "2021", "citizens"); // A1 (by birth); A5 belongs to 2020
    expectRate(citizens, 1, POP.AT_2021_NAT);
    expect(citizens.denominator).toMatchObject({ citizen: "NAT", flag: "e" });
    expectRate(row(body, "AT", null, "2021", "foreign_nationals"), 1, POP.AT_2021_FOR); // A2
    // A4 has two foreign perpetrator groups and counts once.
    expectRate(row(body, "AT", "SV", "2022", "foreign_nationals"), 1, POP.AT_2022_FOR);
    expect(row(body, "AT", "SV", "2022", "foreign_nationals").denominator!.source.series).toMatch(/citizen=FOR/);
    const unknown = row(body, "AT", "SV", "2021", "unknown"); // A2 (an unknown group) and A3 (no group)
    expect(unknown).toMatchObject({ incidents: 2, denominator: null, rate_per_100k: null, ci95: null });
    expect(unknown.no_rate_reason).toMatch(/never a rate/);
    const groups = Object.fromEntries(body.groups.map((g) => [g.group, g]));
    expect(groups["foreign_nationals"]).toMatchObject({ population: "FOR", statuses: [...RATE_GROUP_STATUSES.foreign_nationals] });
    expect(groups["foreign_nationals"]!.caveats[0]).toMatch(/irregular stay.*asylum seekers.*not a pure rate per resident/s);
    expect(groups["foreign_nationals"]!.caveats[1]).toMatch(/lower bounds/);
    expect(groups["citizens"]!.caveats).toEqual([groups["foreign_nationals"]!.caveats[1]]);
    expect(groups["unknown"]).toMatchObject({ population: null, caveats: [] });
    expect(body.counting).toMatch(/once in each/);
  });

  it("when the unknown share is read, then it has its Wilson interval and n, and an empty cell has none", async () => {
    const { body } = await rates(analyst, WINDOW);
    const share = body.unknown_shares.find((s) => s.country === "AT" && s.category === "SV" && s.period === "2021")!;
    expect(share).toMatchObject({ incidents: 3, unknown: 2, share: 2 / 3 });
    expectClose(share.ci95!.low, 0.20765960080204782);
    expectClose(share.ci95!.high, 0.9385080552796038);
    const empty = body.unknown_shares.find((s) => s.country === "AT" && s.category === null && s.period === "2023")!;
    expect(empty).toEqual({ country: "AT", category: null, period: "2023", incidents: 0, unknown: 0, share: null, ci95: null });
    const combined = body.combined.unknown_shares.find((s) => s.category === null && s.period === "2021")!;
    expect(combined).toMatchObject({ incidents: 4, unknown: 2 }); // A1, A2, A3, D1; A2 and A3 unknown
    // Wilson 2 of 4 (SciPy: norm.ppf(0.975) in the score formula).
    expectClose(combined.ci95!.low, 0.15003898915214947);
    expectClose(combined.ci95!.high, 0.8499610108478506);
  });

  it("when no population figure is held for a country-year, then there is no rate and the row says why, never 0", async () => {
    const { body } = await rates(analyst, WINDOW);
    const de2025 = row(body, "DE", "SV", "2025", "all");
    expect(de2025).toMatchObject({
      incidents: 1,
      denominator: null,
      rate_per_100k: null,
      ci95: null,
      no_rate_reason: "no population figure held for Germany 2025",
    });
    expect(row(body, "AT", null, "2023", "citizens").no_rate_reason).toBe("no population figure of citizens held for Austria 2023");
    // 2023 has no incident in AT but a World Bank figure: a rate of 0 with its upper bound, mid-year.
    const at2023 = row(body, "AT", null, "2023", "all");
    expectRate(at2023, 0, POP.AT_2023_WB);
    expect(at2023.denominator).toMatchObject({ reference: "mid-year", source: { publisher: "World Bank", dataset: "SP.POP.TOTL" } });
    const combined2025 = body.combined.rows.find((r) => r.category === null && r.period === "2025" && r.group === "all")!;
    expect(combined2025).toMatchObject({ incidents: 1, rate_per_100k: null, denominator: null });
    expect(combined2025.no_rate_reason).toMatch(/^no population figure held for Austria and Germany 2025/);
    expect(body.sources.map((s) => `${s.publisher} ${s.dataset}`)).toEqual(["Eurostat migr_pop1ctz", "World Bank SP.POP.TOTL"]);
    expect(body.sources[0]!.series).toEqual(
      expect.arrayContaining([expect.stringMatching(/citizen=NAT/), expect.stringMatching(/citizen=FOR/), expect.stringMatching(/citizen=TOTAL/)]),
    );
  });

  it("when the countries are combined, then their incidents are over the sum of their populations", async () => {
    const { body } = await rates(analyst, WINDOW);
    expect(body.combined.countries).toEqual(["AT", "DE"]);
    const all2021 = body.combined.rows.find((r) => r.category === null && r.period === "2021" && r.group === "all")!;
    expectRate(all2021, 4, POP.AT_2021 + POP.DE_2021);
    expect(all2021.denominator).toEqual({
      value: POP.AT_2021 + POP.DE_2021,
      citizen: "TOTAL",
      year: 2021,
      countries: ["AT", "DE"],
      datasets: ["Eurostat migr_pop1ctz"],
    });
    expectRate(body.combined.rows.find((r) => r.category === null && r.period === "2023" && r.group === "all")!, 0, POP.AT_2023_WB + POP.DE_2023_WB);
  });

  it("when a year is compared with the one before, then the rate ratio has its exact interval and the verdict needs the interval to exclude 1", async () => {
    const { body } = await rates(analyst, WINDOW);
    const find = (category: string | null, group: string, after: string) =>
      body.comparisons.find((c) => c.country === "AT" && c.category === category && c.group === group && c.after === after)!;
    const sv = find("SV", "all", "2022"); // 3 in 2021 → 1 in 2022
    expect(sv).toMatchObject({ before: "2021", verdict: "no significant change", reason: null });
    expectClose(sv.rate_ratio!, 0.3322173944225076);
    expectClose(sv.ci95!.low, 0.006328268258964561);
    expectClose(sv.ci95!.high!, 4.137542513343846);
    const all = find(null, "all", "2022"); // 3 → 1 (A1, A2, A3 → A4): the same as SV
    expectClose(all.rate_ratio!, 0.3322173944225076);
    expectClose(all.ci95!.low, 0.006328268258964561);
    expectClose(all.ci95!.high!, 4.137542513343846);
    // 1 → 0, and the populations change source: Eurostat to the World Bank.
    const toZero = find("SV", "all", "2023");
    expect(toZero).toMatchObject({ verdict: "no significant change", rate_ratio: 0 });
    expect(toZero.ci95!.low).toBe(0);
    expectClose(toZero.ci95!.high!, 38.270985848184125); // by hand: 0.975 / 0.025 · 8961064 / 9131761
    expect(toZero.notes.join(" ")).toMatch(/no events in 2023.*different sources \(Eurostat migr_pop1ctz; World Bank SP\.POP\.TOTL\)/s);
    // 0 → 0 in 2023 → 2024: no ratio, no upper bound.
    expect(find("SV", "all", "2024")).toMatchObject({ rate_ratio: null, ci95: { low: 0, high: null } });
    expect(find(null, "citizens", "2023")).toMatchObject({
      verdict: null,
      rate_ratio: null,
      reason: "no population figure of citizens held for Austria 2023, so the periods are not compared",
    });
    expect(body.comparisons.some((c) => c.group === "unknown")).toBe(false);
  });

  it("when a year is cut by the window, then it is not whole, its rate is over the part, and it is not compared", async () => {
    const { body } = await rates(analyst, "occurred_from=2021-01-01&occurred_to=2022-06-30");
    expect(body.periods.at(-1)).toMatchObject({
      period: "2022",
      label: "1 January to 30 June 2022",
      from: "2022-01-01",
      to: "2022-06-30",
      days: 181,
      whole_year: false,
      complete: false,
      denominator_year: 2022,
    });
    expect(body.periods.at(-1)!.rate_unit).toBe("per 100,000 residents over 181 days (not a yearly rate)");
    const c = body.comparisons.find((x) => x.country === "AT" && x.category === null && x.group === "all")!;
    expect(c).toMatchObject({
      before: "2021",
      after: "2022",
      verdict: null,
      reason: "1 January to 30 June 2022 is cut short by the dates asked for, so it is not compared",
    });
  });

  it("when no window is given, then the years run from the first incident to the last, each in the year it started, with the best source of each year", async () => {
    const { body } = await rates(analyst);
    expect(body.dimensions.periods).toEqual(["2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
    // Whole years, the last one too (it ends on 31 December, not on the last incident's day), so each is compared.
    expect(body.periods.at(-1)).toMatchObject({ period: "2025", from: "2025-01-01", to: "2025-12-31", complete: true });
    expect(body.comparisons.find((c) => c.country === "DE" && c.category === null && c.group === "all" && c.after === "2025")!.reason).not.toMatch(/cut short/);
    expect(row(body, "AT", "HC", "2020", "all").incidents).toBe(1); // A5 started in 2020
    const y2019 = row(body, "AT", null, "2019", "all");
    expectRate(y2019, 1, POP.AT_2019_TPS);
    expect(y2019.denominator!.source).toMatchObject({ publisher: "Eurostat", dataset: "tps00001", series: "indic_de=JAN" });
    expect(body.sources.map((s) => s.dataset)).toEqual(["migr_pop1ctz", "tps00001", "SP.POP.TOTL"]);
  });

  it("when the granularity is total, then the window is one period over the population of its first year, and nothing is compared", async () => {
    const { body } = await rates(analyst, "granularity=total&occurred_from=2021-01-01&occurred_to=2022-12-31");
    expect(body.periods).toMatchObject([
      { period: "2021-01-01/2022-12-31", from: "2021-01-01", to: "2022-12-31", days: 730, whole_year: false, complete: true, denominator_year: 2021 },
    ]);
    expectRate(row(body, "AT", "SV", "2021-01-01/2022-12-31", "all"), 4, POP.AT_2021); // A1, A2, A3, A4
    expect(body.denominators).toMatch(/population of 2021, the window's first year.*not per year/);
    expect(body.comparisons).toEqual([]);
    expect(body.combined.comparisons).toEqual([]);
  });

  it("when a reporter asks, then only their post's records count, and the combined countries are theirs", async () => {
    const at = (await rates(reporterAt, WINDOW)).body;
    expect(at.dimensions.countries).toEqual(["AT"]);
    expect(at.totals.incidents).toBe(4); // A1–A4; A5 belongs to 2020
    expect(at.rows.some((r) => r.country === "DE")).toBe(false);
    const de = (await rates(reporterDe, WINDOW)).body;
    expect(de.dimensions.countries).toEqual(["DE"]);
    expect(de.totals.incidents).toBe(2);
    // On the `visible` basis the post's draft counts, the retracted record never.
    expect(row((await rates(reporterAt, `${WINDOW}&basis=visible`)).body, "AT", "SV", "2021", "all").incidents).toBe(4);
  });

  it("when countries and groups are named, then a named country without incidents has a rate of 0 and the unknown share is still given", async () => {
    const { body } = await rates(analyst, `${WINDOW}&country=AT,DE,IE&group=foreign_nationals`);
    expect(body.dimensions.countries).toEqual(["AT", "DE", "IE"]);
    expect(new Set(body.rows.map((r) => r.group))).toEqual(new Set(["foreign_nationals"]));
    expect(body.rows.filter((r) => r.country === "IE").map((r) => r.category)).toEqual([null, null, null, null, null]);
    // test/fixtures/stats/migr_pop1ctz_sample.jsonstat.json: FOR, IE, 2021 = 670519.
    expectRate(row(body, "IE", null, "2021", "foreign_nationals"), 0, 670519);
    expect(body.unknown_shares.some((s) => s.country === "AT" && s.unknown > 0)).toBe(true);
    expect(body.combined.scope).toMatch(/named in the country filter/);
  });

  it("when called in code by a reports module, then the same checks hold as over HTTP", async () => {
    const { analysis } = env().context.services;
    const query = ratesQuery.parse({ occurred_from: "2021-01-01", occurred_to: "2021-12-31", country: "AT" });
    const answer = await analysis.rates(analyst.actor, query);
    expect(answer.totals.incidents).toBe(3);
    await expect(analysis.rates(analyst.actor, { ...query, granularity: "total", occurred_to: undefined })).rejects.toMatchObject({ status: 400 });
    await expect(analysis.rates(admin.actor, query)).rejects.toMatchObject({ status: 403 });
    await expect(analysis.rates(null, query)).rejects.toMatchObject({ status: 401 });
  });
});

describe("the rates' groups and periods", () => {
  it("when the statuses are grouped, then every status but unknown is in exactly one group with a population", () => {
    const grouped = [...RATE_GROUP_STATUSES.citizens, ...RATE_GROUP_STATUSES.foreign_nationals, ...RATE_GROUP_STATUSES.unknown];
    expect([...grouped].sort()).toEqual([...MIGRATION_STATUSES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it("when the window starts and ends inside years, then the first and last years are cut and not whole", () => {
    const periods = calendarPeriods("year", "2023-03-01", "2025-12-31", "2026-06-01");
    expect(periods.map((p) => [p.key, p.from, p.until, p.complete])).toEqual([
      ["2023", "2023-03-01", "2023-12-31", false],
      ["2024", "2024-01-01", "2024-12-31", true],
      ["2025", "2025-01-01", "2025-12-31", true],
    ]);
  });
});
