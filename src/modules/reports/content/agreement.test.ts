// The two outputs bound together: for random data — incidents dated to the day, week, month or
// year, spanning periods, with and without perpetrator groups, populations with flags and gaps,
// periods over and not over — every count, rate, interval, unknown share and verdict a report of
// each kind prints equals what GET /analysis/rates answers for the same scope (the verdicts after
// the report's family adjustment of the API's own p-values). Both are composed from what was read
// (composeReport, ratesAnswer), so a thousand cases run in memory; the loaders are exercised by
// reports.test.ts and rates.test.ts against both databases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../domain/dates.js";
import { parseReportPeriod, type ReportPeriod } from "../../../domain/report-period.js";
import { TAXONOMY_V1 } from "../../../domain/taxonomy.js";
import { MIGRATION_STATUSES, type MigrationStatus } from "../../../domain/vocabulary.js";
import { ratesAnswer } from "../../analysis/rates.js";
import type { AnalysisRates, RatesQuery } from "../../analysis/rates-schema.js";
import { adjustFamily } from "../../figures/compare.js";
import { computeFigures, type PopulationFigure } from "../../figures/engine.js";
import type { Citizenship, CountedIncident } from "../../figures/rules.js";
import { formatCount, formatInterval, formatRate, verdictText } from "../../figures/words.js";
import type { ReportDocument, TableCell } from "../document.js";
import type { IncidentDetail as ScopeIncident } from "../../incidents/index.js";
import { BRIEF_TEMPLATE, builtinTemplate, CABLE_TEMPLATE } from "../templates.js";
import { unnotedFigures } from "../../../testing/footnotes.js";
import { renderMarkdown } from "../render/markdown.js";
import { composeReport, reportPeriods } from "./index.js";

const COUNTRIES = ["AT", "DE", "FR"] as const;
const TOP = TAXONOMY_V1.categories.filter((c) => !c.code.includes(".")).map((c) => c.code);
const CATEGORY_NAMES = new Map(TAXONOMY_V1.categories.map((c) => [c.code, { name: c.label, parent: c.code.includes(".") ? c.code.split(".")[0]! : null }]));

interface Case {
  kind: "cable" | "country" | "brief";
  countries: string[];
  period: ReportPeriod;
  today: string;
  facts: CountedIncident[];
  populations: PopulationFigure[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A window of the given precision that starts on `day` (moved to the unit's start for month and year). */
function windowOf(day: string, precision: CountedIncident["precision"], span: number): [string, string] {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (precision === "year") return [`${y}-01-01`, `${y}-12-31`];
  if (precision === "month") {
    const endMonth = Math.min(m + span, 12);
    return [`${y}-${pad(m)}-01`, `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}`];
  }
  if (precision === "week") {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(day, -weekday);
    return [monday, addDays(monday, 6)];
  }
  return [day, addDays(day, span)];
}

const periodArb = fc
  .record({
    kind: fc.constantFrom("year", "quarter", "month"),
    year: fc.integer({ min: 2023, max: 2026 }),
    q: fc.integer({ min: 1, max: 4 }),
    m: fc.integer({ min: 1, max: 12 }),
  })
  .map(
    ({ kind, year, q, m }) => parseReportPeriod(kind === "year" ? String(year) : kind === "quarter" ? `${year}-Q${q}` : `${year}-${pad(m)}`) as ReportPeriod,
  );

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    kind: fc.constantFrom("cable", "country", "brief"),
    countries: fc.shuffledSubarray([...COUNTRIES], { minLength: 2, maxLength: 3 }),
    period: periodArb,
    todayOffset: fc.integer({ min: -200, max: 400 }),
  })
  .chain(({ kind, countries, period, todayOffset }) => {
    const chosen = kind === "brief" ? [...countries].sort() : countries.slice(0, 1);
    const period2 = kind === "country" ? (parseReportPeriod(period.label.slice(0, 4)) as ReportPeriod) : period;
    // Today somewhere from inside the period to long after it; never before the earlier period ends.
    const today = [addDays(period2.to, todayOffset), addDays(period2.from, 1)].sort()[1]!;
    const start = addDays(period2.previous.from, -45);
    const days = Math.max(1, Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000));
    const incident = fc.record({
      country: fc.constantFrom(...chosen),
      offset: fc.integer({ min: 0, max: days - 1 }),
      precision: fc.constantFrom<CountedIncident["precision"]>("day", "day", "day", "week", "month", "year"),
      span: fc.integer({ min: 0, max: 3 }),
      categories: fc.uniqueArray(fc.constantFrom(...TOP), { minLength: 1, maxLength: 2 }),
      statuses: fc.uniqueArray(fc.constantFrom(...MIGRATION_STATUSES), { maxLength: 3 }),
      synthetic: fc.boolean(),
    });
    const years = [...new Set([period2.previous.year, period2.year])];
    const population = fc.record({
      held: fc.integer({ min: 0, max: 9 }),
      value: fc.integer({ min: 50_000, max: 90_000_000 }),
      flag: fc.constantFrom(null, null, null, "p", "b", "e"),
    });
    return fc
      .record({
        incidents: fc.array(incident, { maxLength: 40 }),
        populations: fc.array(population, { minLength: chosen.length * years.length * 3, maxLength: chosen.length * years.length * 3 }),
      })
      .map(({ incidents, populations }) => {
        const facts: CountedIncident[] = incidents
          .map((i, n) => {
            const [from, to] = windowOf(addDays(start, i.offset), i.precision, i.span);
            return {
              id: `i${n}`,
              number: n + 1,
              country: i.country,
              occurred_from: from,
              occurred_to: to,
              precision: i.precision,
              categories: [...i.categories].sort(),
              statuses: [...i.statuses].sort() as MigrationStatus[],
              synthetic: i.synthetic,
            };
          })
          // Occurrence dates are never in the future.
          .filter((f) => f.occurred_to <= today);
        const figures: PopulationFigure[] = [];
        let k = 0;
        for (const geo of chosen) {
          for (const year of years) {
            for (const citizen of ["TOTAL", "NAT", "FOR"] as Citizenship[]) {
              const p = populations[k++]!;
              if (p.held === 0) continue; // a gap
              const value = citizen === "TOTAL" ? p.value : citizen === "NAT" ? Math.round(p.value * 0.85) : Math.round(p.value * 0.15);
              figures.push({
                geo,
                year,
                citizen,
                value,
                flag: p.flag,
                reference: "1 January",
                source: {
                  publisher: "Eurostat",
                  dataset: "migr_pop1ctz",
                  title: "Population on 1 January",
                  licence: null,
                  series: `citizen=${citizen}`,
                  revision: 1,
                  retrieved_at: "2026-01-01T00:00:00.000Z",
                },
              });
            }
          }
        }
        return { kind, countries: chosen, period: period2, today, facts, populations: figures };
      });
  });

function populationsOf(figures: PopulationFigure[]) {
  const map = new Map(figures.map((f) => [`${f.geo}|${f.year}|${f.citizen}`, f]));
  return { get: (geo: string, year: number, citizen: Citizenship) => map.get(`${geo}|${year}|${citizen}`) ?? null, all: () => figures };
}

function detailsOf(facts: CountedIncident[]): Map<string, ScopeIncident> {
  return new Map(
    facts.map((f) => [
      f.id,
      {
        id: f.id,
        number: f.number,
        country: f.country,
        post: f.country,
        title: `Incident ${f.number}`,
        summary: "Generated.",
        city: null,
        admin_region: null,
        occurred_from: f.occurred_from,
        occurred_to: f.occurred_to,
        date_precision: f.precision,
        victims_count: null,
        verification_status: "unverified",
        legal_status: "reported",
        handling_marking: "UNCLASSIFIED",
        synthetic: f.synthetic,
        updated_at: "2026-01-01T00:00:00.000Z",
        categories: [...f.categories],
        top_categories: [...f.categories],
        statuses: f.statuses.map((s) => ({ status: s, basis: null })),
        sources: [
          {
            id: `s${f.number % 7}`,
            kind: "news",
            publisher: `Publisher ${f.number % 7}`,
            title: "Story",
            url: null,
            published_date: null,
            reliability: "B",
            credibility: 2,
          },
        ],
      },
    ]),
  );
}

function report(c: Case): ReportDocument {
  const template = c.kind === "cable" ? CABLE_TEMPLATE : c.kind === "brief" ? BRIEF_TEMPLATE : builtinTemplate("country", c.period.year);
  return composeReport({
    request: { kind: c.kind, countries: c.countries, period: c.period, categories: [], template },
    facts: c.facts,
    details: detailsOf(c.facts),
    populations: populationsOf(c.populations),
    context: [],
    groupRates: [],
    dataAsOf: "2026-01-01T00:00:00.000Z",
    categories: CATEGORY_NAMES,
    today: c.today,
  });
}

function api(c: Case): AnalysisRates {
  const granularity = c.period.kind === "range" ? "total" : c.period.kind;
  const to = [c.period.to, c.today].sort()[0]!;
  // As the route would parse it, but with the case's own "today" (the schema checks dates against the clock).
  const query: RatesQuery = { granularity, occurred_from: c.period.previous.from, occurred_to: to, country: c.countries, basis: "accepted" };
  return ratesAnswer(query, c.facts, populationsOf(c.populations), c.today, "2026-01-01T00:00:00.000Z");
}

const rateCell = (r: { rate_per_100k: number | null; ci95: { low: number; high: number } | null; no_rate_reason: string | null }) =>
  r.rate_per_100k === null
    ? r.no_rate_reason!.startsWith("counts only")
      ? "counts only"
      : "no population figure"
    : `${formatRate(r.rate_per_100k)} (${formatInterval(r.ci95!.low, r.ci95!.high)})`;
const shareCell = (s: AnalysisRates["unknown_shares"][number]) =>
  s.share === null ? "—" : `${Math.round(s.share * 100)}% (${Math.round(s.ci95!.low * 100)}%–${Math.round(s.ci95!.high * 100)}%)`;

function tables(doc: ReportDocument, caption: RegExp) {
  return doc.sections.flatMap((s) => s.blocks).filter((b): b is Extract<typeof b, { type: "table" }> => b.type === "table" && caption.test(b.caption));
}

/** The report's printed figures set against the API's answer; throws on the first that differs. */
function agree(c: Case): void {
  const doc = report(c);
  // Every number the document states has its note.
  expect(unnotedFigures(renderMarkdown(doc))).toEqual([]);
  const answer = api(c);
  const current = answer.periods.at(-1)!;
  expect(answer.periods.map((p) => p.period)).toEqual([c.period.previous.label, c.period.label]);
  const row = (country: string, category: string | null, group = "all") =>
    answer.rows.find((r) => r.country === country && r.category === category && r.period === current.period && r.group === group)!;
  const share = (country: string, category: string | null) =>
    answer.unknown_shares.find((s) => s.country === country && s.category === category && s.period === current.period)!;
  const apiComparison = (country: string, category: string | null) =>
    answer.comparisons.find((x) => x.country === country && x.category === category && x.group === "all" && x.after === current.period)!;

  // The family the report adjusts: what it prints, with the API's own p-values.
  const shown = new Set(
    (c.kind === "cable" ? CABLE_TEMPLATE : c.kind === "brief" ? BRIEF_TEMPLATE : builtinTemplate("country", c.period.year)).sections.map((s) => s.section),
  );
  const family = c.countries.flatMap((country) => [
    { country, category: null as string | null },
    ...TOP.filter(
      (cat) =>
        shown.has("figures") ||
        (shown.has("trends") && answer.rows.some((r) => r.country === country && r.category === cat && r.group === "all" && r.incidents > 0)),
    ).map((category) => ({ country, category })),
  ]);
  // A category with no incident in either period has no row in the API's answer: 0 against 0, as
  // the engine compares it with nothing counted (the periods' and populations' rules alone decide).
  const empty = computeFigures(
    [],
    { countries: c.countries, categories: TOP, periods: reportPeriods(c.period, c.today), groups: ["all"] },
    populationsOf(c.populations),
  );
  const adjusted = adjustFamily(
    family.map(({ country, category }) => {
      const x = answer.comparisons.find((y) => y.country === country && y.category === category && y.group === "all" && y.after === current.period);
      // The API gives an infinite ratio (none before, some after) as null; its verdict keeps the direction.
      const ratio = x ? (x.rate_ratio ?? (x.verdict === "increase" ? Infinity : null)) : null;
      return x
        ? { basis: x.basis, verdict: x.verdict, ratio, low: null, high: null, p_value: x.p_value, notes: [], reason: x.reason }
        : empty.comparison(country, category, 1, "all");
    }),
  );
  const verdictOf = (country: string, category: string | null) => {
    const a = adjusted[family.findIndex((k) => k.country === country && k.category === category)]!;
    return a.adjusted_verdict === null ? "not compared" : verdictText(a.adjusted_verdict);
  };
  if (!current.complete) for (const x of answer.comparisons.filter((y) => y.after === current.period)) expect(x.verdict).toBeNull();

  for (const country of c.countries) {
    for (const table of tables(doc, /^(Incidents by category|Crimes and abuses|Reported incidents)/).filter(
      (t) => c.countries.length === 1 || t.caption.endsWith(countryLabel(country)),
    )) {
      for (const cells of table.rows) {
        const category = cells[0]!.text.startsWith("All categories") ? null : cells[0]!.text.split(" ")[0]!;
        const r = row(country, category);
        if (r) {
          expect(texts(cells).slice(1, 4), `${country} ${category ?? "all"}`).toEqual([
            formatCount(r.incidents),
            rateCell(r),
            shareCell(share(country, category)),
          ]);
        } else {
          expect([cells[1]!.text, cells[3]!.text], `${country} ${category}`).toEqual(["0", "—"]);
        }
        expect(cells[4]!.text, `verdict ${country} ${category ?? "all"}`).toBe(verdictOf(country, category));
      }
    }
    // The summary's count, rate and verdict for the country, all categories together.
    const paragraph = doc.summary.map((p) => p.map((i) => (i.type === "text" ? i.text : "")).join("")).find((t) => t.startsWith(`${countryLabel(country)}:`))!;
    const all = row(country, null);
    expect(paragraph).toContain(`${formatCount(all.incidents)} incident`);
    if (all.rate_per_100k !== null) expect(paragraph).toContain(rateCell(all));
    const comparison = apiComparison(country, null);
    if (comparison.reason) expect(paragraph).toContain(comparison.reason);
    else expect(paragraph).toContain(`: ${verdictOf(country, null)} (`);
    // Rates by perpetrators' citizenship: each group's count and rate.
    for (const table of tables(doc, /^Rates by perpetrators' citizenship/)) {
      if (c.countries.length === 1) {
        for (const [label, group] of [
          ["Citizens", "citizens"],
          ["Foreign nationals", "foreign_nationals"],
        ] as const) {
          const cells = table.rows.find((r) => r[0]!.text === label)!;
          expect(texts(cells).slice(1, 3)).toEqual([formatCount(row(country, null, group).incidents), rateCell(row(country, null, group))]);
        }
        expect(table.rows.at(-1)![1]!.text).toBe(formatCount(row(country, null, "unknown").incidents));
      } else {
        const cells = table.rows.find((r) => r[0]!.text === countryLabel(country))!;
        expect(cells[1]!.text).toBe(`${formatCount(row(country, null, "citizens").incidents)}: ${rateCell(row(country, null, "citizens"))}`);
      }
    }
    // The brief's countries compared.
    for (const table of tables(doc, /^Countries compared/)) {
      const cells = table.rows.find((r) => r[0]!.text === countryLabel(country))!;
      expect(texts(cells).slice(1)).toEqual([formatCount(all.incidents), rateCell(all), shareCell(share(country, null))]);
    }
  }
}

const texts = (cells: TableCell[]) => cells.map((x) => x.text);
const countryLabel = (code: string) => ({ AT: "Austria", DE: "Germany", FR: "France" })[code]!;

describe("the footnote check", () => {
  it("when a figure has no note, then it is found; years, dates, record numbers and a noted table are not figures", () => {
    const md = [
      "# Title 2025",
      "*Country: Germany · data as of 1 December 2026, 09:10 UTC*",
      "## Summary",
      "Germany: 3 incidents in 2019.[^1]",
      "Against 2018: 12 more.",
      "- No. 14, 2 March 2019: summary with 5 words. [3]",
      "- 4 of 9 rest on one source.",
      "**Table 1. Incidents**[^2]",
      "| A | B |\n|---|---:|\n| SV | 2 |",
      "**Table 2. Other**",
      "| A | B |\n|---|---:|\n| SV | 7[^3] |\n| HC | 1 |",
      "## Sources",
      "- [1] A source, 2019, 44 pages.",
      "[^1]: 3 records.",
    ].join("\n\n");
    expect(unnotedFigures(md)).toEqual(["Against 2018: 12 more.", "- 4 of 9 rest on one source.", "1"]);
  });
});

describe("a report and the API, over random data", () => {
  it("when any data are counted, then every figure and verdict a report prints is the API's for the same scope", () => {
    fc.assert(
      fc.property(caseArb, (c) => agree(c)),
      { numRuns: 1000, seed: 20261201 },
    );
    // A thousand reports composed in memory: pure computation, which a busy machine (two cores
    // shared with other test files) stretches past the default 30 s; it waits for nothing.
  }, 180_000);

  it("when the period is not over, then neither the report nor the API compares it", () => {
    const c: Case = { kind: "cable", countries: ["DE"], period: parseReportPeriod("2026") as ReportPeriod, today: "2026-12-01", facts: [], populations: [] };
    const answer = api(c);
    expect(answer.periods.at(-1)).toMatchObject({ period: "2026", complete: false, label: "1 January to 1 December 2026" });
    expect(answer.comparisons.every((x) => x.verdict === null && x.reason === "1 January to 1 December 2026 is not over, so it is not compared")).toBe(true);
    const doc = report(c);
    expect(JSON.stringify(doc.summary)).toContain("Not compared with 2025 (0 incidents): 1 January to 1 December 2026 is not over, so it is not compared.");
    expect(tables(doc, /^Incidents by category, rates over the 335 days counted$/)[0]!.rows.every((r) => r[4]!.text === "not compared")).toBe(true);
    // A past, complete year with its populations held still is compared, by the report and the API alike.
    const population = (year: number): PopulationFigure => ({ ...populationsOfCase.base, year });
    const populationsOfCase = {
      base: {
        geo: "DE",
        citizen: "TOTAL" as const,
        value: 80_000_000,
        flag: null,
        reference: "1 January" as const,
        source: {
          publisher: "Eurostat",
          dataset: "tps00001",
          title: "Population on 1 January",
          licence: null,
          series: "indic_de=JAN",
          revision: 1,
          retrieved_at: "2026-01-01T00:00:00.000Z",
        },
      },
    };
    const past: Case = { ...c, period: parseReportPeriod("2025") as ReportPeriod, populations: [population(2024), population(2025)] };
    const compared = api(past).comparisons.find((x) => x.country === "DE" && x.category === null && x.group === "all" && x.after === "2025")!;
    expect(compared).toMatchObject({ reason: null, verdict: "no significant change" });
    expect(JSON.stringify(report(past).summary)).toContain("Against 2024 (0 incidents): no significant change");
  });
});
