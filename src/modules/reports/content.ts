// The content of a report, made from the database: the records it counts (accepted or published,
// never retracted, only those the actor may see), denominators, official statistics for context,
// and the template's sections. The result is a ReportDocument (document.ts), the same whatever it
// is rendered to, and deterministic: the same data give the same document, byte for byte once
// frozen (its as-of time is the data's, not the clock's).
//
// Honesty rules built in here (PRODUCT.md §6): every figure has a footnote naming what was counted,
// as of when and from which sources; rates carry their denominator and a 95% interval; the share
// of unknown migration status is always shown; a change is called an increase or a decrease only
// when its interval excludes no change; the same categories are shown whoever the perpetrators are.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { describePeriod, type ReportPeriod } from "../../domain/report-period.js";
import {
  comparePeriods,
  CONDITIONAL_METHOD,
  GARWOOD_METHOD,
  rateWithInterval,
  shareWithInterval,
  WILSON_METHOD,
  type PeriodComparison,
  type RateEstimate,
  type ShareEstimate,
  type UndefinedShare,
} from "../../domain/stats/index.js";
import { MIGRATION_STATUSES, type HANDLING_MARKINGS } from "../../domain/vocabulary.js";
import type { Visibility } from "../auth/policy.js";
import { findPopulations, type PopulationCitizenship } from "../stats/population.js";
import type { PopulationAnswer } from "../stats/schema.js";
import { SYNTHETIC_WATERMARK, type Block, type Citation, type Footnote, type Inline, type ReportDocument, type ReportKind, type Section, type TableCell } from "./document.js";
import * as repo from "./repo.js";
import type { ScopeIncident } from "./repo.js";
import type { ReportTemplate, SectionKind } from "./templates.js";

export interface ContentRequest {
  kind: ReportKind;
  countries: string[];
  period: ReportPeriod;
  /** Top-level category codes; empty for every category. */
  categories: string[];
  template: ReportTemplate;
  visibility: Visibility;
}

/** Perpetrator groups with a population denominator (PRODUCT.md §6: citizens per 100,000 citizens...). */
export const STATUS_GROUPS = [
  {
    id: "citizens",
    label: "Citizens",
    statuses: ["citizen_by_birth", "citizen_naturalised"],
    citizen: "NAT" as PopulationCitizenship,
    caveat: null,
  },
  {
    id: "foreign_nationals",
    label: "Foreign nationals",
    statuses: ["eu_efta_national", "third_country_resident", "asylum_seeker", "refugee_or_protected", "tolerated_stay", "irregular"],
    citizen: "FOR" as PopulationCitizenship,
    caveat:
      "The foreign population counts residents on 1 January; people in irregular stay and some asylum seekers are not in it, so this rate is not a rate among residents alone and overstates it to the extent they are counted in the numerator.",
  },
] as const;

/** Official statistics shown for context, where the database holds them (latest year up to the report's). */
const CONTEXT_INDICATORS = [
  { label: "Asylum applicants", publisher: "Eurostat", dataset: "migr_asyappctza", dimensions: { citizen: "TOTAL", sex: "T", age: "TOTAL", asyl_app: "ASY_APP" }, unit: "persons" },
  { label: "Persons suspected, nationals, per 100,000 nationals", publisher: "Eurostat", dataset: "crim_just_ctz", dimensions: { leg_stat: "PER_SUSP", citizen: "NAT", unit: "P_HTHAB" }, unit: "per 100,000" },
  { label: "Persons suspected, foreign citizens, per 100,000 foreign citizens", publisher: "Eurostat", dataset: "crim_just_ctz", dimensions: { leg_stat: "PER_SUSP", citizen: "FOR", unit: "P_HTHAB" }, unit: "per 100,000" },
  { label: "Persons convicted, nationals, per 100,000 nationals", publisher: "Eurostat", dataset: "crim_just_ctz", dimensions: { leg_stat: "PER_CNV", citizen: "NAT", unit: "P_HTHAB" }, unit: "per 100,000" },
  { label: "Persons convicted, foreign citizens, per 100,000 foreign citizens", publisher: "Eurostat", dataset: "crim_just_ctz", dimensions: { leg_stat: "PER_CNV", citizen: "FOR", unit: "P_HTHAB" }, unit: "per 100,000" },
] as const;

/** Publishers' credits, as ../shared/data/SOURCES.md asks them to be given. */
const PUBLISHER_CREDITS: Record<string, string> = {
  Eurostat: "Source of official statistics: Eurostat (© European Union), reused under the Commission's reuse policy (CC BY 4.0).",
  "World Bank": "Source: World Bank, World Development Indicators (CC BY 4.0).",
};

const NOTABLE_LIMIT: Record<ReportKind, number> = { cable: 5, country: 8, brief: 3 };
const SMALL_COUNT = 10;
const MAX_CITATIONS = 500;

// ---- formatting ---------------------------------------------------------------------------------

export const formatCount = (n: number) => n.toLocaleString("en-GB");
/** 1,234 · 56.7 · 8.90 · 0.00241: whole numbers from 100, else two or three significant figures. */
export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return "∞";
  if (x === 0) return "0";
  if (x < 1) return Number(x.toPrecision(3)).toLocaleString("en-GB", { maximumSignificantDigits: 3, minimumSignificantDigits: 3 });
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : 2;
  return x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const formatInterval = (low: number, high: number) => `${formatRate(low)}–${formatRate(high)}`;
const formatPercent = (x: number) => `${Math.round(x * 100)}%`;
/** "50% (9%–91%)", or "—" for a share of nothing. */
const shareText = (share: ShareEstimate | UndefinedShare) => (share.share === null ? "—" : `${formatPercent(share.share)} (${formatPercent(share.lower)}–${formatPercent(share.upper)})`);
const rateText = (r: RateEstimate) => `${formatRate(r.rate)} (${formatInterval(r.lower, r.upper)})`;
function ratioText(c: PeriodComparison): string {
  if (c.ratio === null) return "no incidents in either period";
  return `ratio ${formatRate(c.ratio)} (95% CI ${formatInterval(c.lower, c.upper)})`;
}
/** Chart values: six significant figures are plenty and keep the JSON (and its hash) stable. */
const round = (x: number) => Number(x.toPrecision(6));

/** [1]–[4], [7] */
function citationRanges(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i + 1 ? `[${sorted[i]}]–[${sorted[j]}]` : j === i + 1 ? `[${sorted[i]}], [${sorted[j]}]` : `[${sorted[i]}]`);
    i = j + 1;
  }
  return parts.join(", ");
}

const text = (value: string): Inline => ({ type: "text", text: value });
const paragraph = (...content: Inline[]): Block => ({ type: "paragraph", content });
const cell = (value: string, footnote?: number): TableCell => (footnote === undefined ? { text: value } : { text: value, footnote });

// ---- the builder --------------------------------------------------------------------------------

interface Denominators {
  get(country: string, year: number, citizen: PopulationCitizenship): PopulationAnswer | null;
}

export async function buildReport(db: Kysely<Database>, request: ContentRequest): Promise<ReportDocument> {
  const { period, countries, categories: categoryFilter, kind } = request;
  const scope = { visibility: request.visibility, countries, categories: categoryFilter };
  const [current, previous, asOf, countryName, categoryInfo, posts] = await Promise.all([
    repo.scopeIncidents(db, { ...scope, from: period.from, to: period.to }),
    repo.scopeIncidents(db, { ...scope, from: period.previous.from, to: period.previous.to }),
    repo.dataAsOf(db, { ...scope, from: period.previous.from, to: period.to }),
    repo.countryNames(db, countries),
    repo.categoryNames(db),
    repo.postsOf(db),
  ]);

  // Denominators for each country in the window's year and the previous window's year.
  const years = [...new Set([period.year, period.previous.year])];
  const wanted = countries.flatMap((geo) => years.flatMap((year) => (["TOTAL", "NAT", "FOR"] as const).map((citizen) => ({ geo, year, citizen }))));
  const found = await findPopulations(db, wanted);
  const populations = new Map(wanted.map((w, i) => [`${w.geo}|${w.year}|${w.citizen}`, found[i]!]));
  const denominators: Denominators = { get: (country, year, citizen) => populations.get(`${country}|${year}|${citizen}`) ?? null };
  const context = await contextStatistics(db, countries, period.year);

  const topCategories =
    categoryFilter.length > 0
      ? categoryFilter
      : [...categoryInfo.entries()].filter(([, info]) => info.parent === null).map(([code]) => code).sort();
  const datasetTimes = [
    ...[...populations.values()].flatMap((p) => (p === null ? [] : [p.source.retrieved_at])),
    ...context.map((c) => c.source.retrieved_at),
  ];
  const asOfTime = [asOf, ...datasetTimes].filter((t): t is string => t !== null).sort().at(-1) ?? `${period.to}T23:59:59Z`;

  const builder = new ReportBuilder({
    request,
    current,
    previous,
    asOf: asOfTime,
    countryName: (code) => countryName.get(code) ?? code,
    categoryName: (code) => categoryInfo.get(code)?.name ?? code,
    topCategories,
    denominators,
    context,
    posts,
  });
  return builder.build(kind);
}

interface ContextFigure {
  country: string;
  label: string;
  unit: string;
  period: string;
  value: number;
  flag: string | null;
  source: { publisher: string; dataset: string; title: string; revision: number; retrieved_at: string };
}

async function contextStatistics(db: Kysely<Database>, countries: string[], year: number): Promise<ContextFigure[]> {
  // One query per dataset for every country; then, per country and indicator, the latest year held.
  const datasets = [...new Map(CONTEXT_INDICATORS.map((i) => [`${i.publisher}|${i.dataset}`, i])).values()];
  const rowsOf = new Map(
    await Promise.all(datasets.map(async (d) => [`${d.publisher}|${d.dataset}`, await repo.observationsUpTo(db, d.publisher, d.dataset, countries, String(year))] as const)),
  );
  const figures: ContextFigure[] = [];
  for (const country of countries) {
    for (const indicator of CONTEXT_INDICATORS) {
      const rows = rowsOf.get(`${indicator.publisher}|${indicator.dataset}`) ?? [];
      const match = rows.find((r) => r.geo === country && /^\d{4}$/.test(r.period) && Object.entries(indicator.dimensions).every(([d, v]) => r.dimensions[d] === v));
      if (!match) continue;
      figures.push({
        country,
        label: indicator.label,
        unit: indicator.unit,
        period: match.period,
        value: match.value,
        flag: match.flag,
        source: { publisher: match.publisher, dataset: match.code, title: match.title, revision: match.revision, retrieved_at: match.retrieved_at },
      });
    }
  }
  return figures;
}

interface BuilderInput {
  request: ContentRequest;
  current: ScopeIncident[];
  previous: ScopeIncident[];
  asOf: string;
  countryName: (code: string) => string;
  categoryName: (code: string) => string;
  topCategories: string[];
  denominators: Denominators;
  context: ContextFigure[];
  posts: { code: string; name: string; kind: string; country_code: string | null; city: string | null }[];
}

/** One report's numbering of footnotes and citations, and the sections made from the input. */
class ReportBuilder {
  private readonly footnotes: Footnote[] = [];
  private readonly footnoteByText = new Map<string, number>();
  private readonly citations: Citation[] = [];
  private readonly citationBySource = new Map<string, number>();
  private readonly publishersUsed = new Set<string>();
  private readonly periodText: string;
  private readonly previousText: string;
  private readonly windowText: string;
  /** "in 2025", "in July 2025", "between 1 January 2025 and 30 June 2025". */
  private readonly during: string;
  private readonly duringPrevious: string;
  private uncitedSources = 0;

  constructor(private readonly input: BuilderInput) {
    const { period } = input.request;
    this.periodText = describePeriod(period);
    this.previousText = describePeriod({ ...period.previous, kind: period.kind });
    this.windowText = `${period.from} to ${period.to}`;
    const between = (text: string) => `between ${text.replace(" to ", " and ")}`;
    this.during = period.kind === "range" ? between(this.periodText) : `in ${this.periodText}`;
    this.duringPrevious = period.kind === "range" ? between(this.previousText) : `in ${this.previousText}`;
    // Sources are numbered in the order the counted records cite them (oldest record first).
    for (const incident of input.current) {
      for (const source of incident.sources) {
        if (this.citationBySource.has(source.id)) continue;
        if (this.citations.length >= MAX_CITATIONS) {
          this.uncitedSources++;
          this.citationBySource.set(source.id, 0);
          continue;
        }
        const n = this.citations.length + 1;
        this.citationBySource.set(source.id, n);
        const published = source.published_date ? `, ${source.published_date}` : "";
        this.citations.push({
          n,
          text: `${source.publisher}, “${source.title}” (${source.kind.replaceAll("_", " ")}${published}); source reliability ${source.reliability}, information credibility ${source.credibility}.`,
          url: source.url,
        });
      }
    }
  }

  // ---- numbering ----

  private note(textValue: string): number {
    const existing = this.footnoteByText.get(textValue);
    if (existing !== undefined) return existing;
    const n = this.footnotes.length + 1;
    this.footnotes.push({ n, text: textValue });
    this.footnoteByText.set(textValue, n);
    return n;
  }

  private citesOf(incidents: ScopeIncident[]): number[] {
    return incidents.flatMap((i) => i.sources.map((s) => this.citationBySource.get(s.id) ?? 0)).filter((n) => n > 0);
  }

  /** The footnote of a figure: what was counted, the window, the as-of time, the sources, the denominator. */
  private figureNote(what: string, incidents: ScopeIncident[], population: PopulationAnswer | null = null, extra = ""): number {
    const cites = this.citesOf(incidents);
    const numbers = incidents.map((i) => `#${i.number}`);
    const records =
      incidents.length === 0
        ? "no records matched"
        : `${formatCount(incidents.length)} record${incidents.length === 1 ? "" : "s"} (${numbers.length <= 12 ? numbers.join(", ") : `${numbers.slice(0, 12).join(", ")} and ${numbers.length - 12} more`})`;
    const sources =
      incidents.length === 0 ? "none" : cites.length === 0 ? "no sources listed for these records" : citationRanges(cites) + (this.uncitedSources > 0 ? " (list truncated)" : "");
    const parts = [
      `${what}: distinct incidents in Rapporteur, accepted or published and not retracted, occurring ${this.windowText}; ${records}; as of ${this.input.asOf}.`,
      `Sources: ${sources}.`,
    ];
    if (population) parts.push(this.denominatorText(population));
    if (extra) parts.push(extra);
    return this.note(parts.join(" "));
  }

  private denominatorText(p: PopulationAnswer): string {
    this.publishersUsed.add(p.source.publisher);
    const group = p.citizen === "TOTAL" ? "population" : p.citizen === "NAT" ? "population of citizens" : "population of foreign citizens";
    return `Denominator: ${group} of ${this.input.countryName(p.geo)}, ${formatCount(p.value)} (${p.reference} ${p.year}), ${p.source.publisher} ${p.source.dataset} revision ${p.source.revision}, retrieved ${p.source.retrieved_at.slice(0, 10)}; rate interval ${GARWOOD_METHOD}.`;
  }

  // ---- counting ----

  /** One country's records in the period and the one before, and its total population in each. */
  private countryData(country: string) {
    const { request, current, previous, denominators } = this.input;
    return {
      here: current.filter((i) => i.country === country),
      before: previous.filter((i) => i.country === country),
      population: denominators.get(country, request.period.year, "TOTAL"),
      populationBefore: denominators.get(country, request.period.previous.year, "TOTAL"),
    };
  }

  private inCategory(incidents: ScopeIncident[], category: string | null) {
    return category === null ? incidents : incidents.filter((i) => i.top_categories.includes(category));
  }

  private unknownIncidents(incidents: ScopeIncident[]) {
    return incidents.filter((i) => i.statuses.length === 0 || i.statuses.some((s) => s.status === "unknown"));
  }

  private inGroup(incidents: ScopeIncident[], statuses: readonly string[]) {
    return incidents.filter((i) => i.statuses.some((s) => statuses.includes(s.status)));
  }

  private rate(count: number, population: PopulationAnswer | null): RateEstimate | null {
    return population && population.value > 0 ? rateWithInterval(count, population.value) : null;
  }

  private compare(before: number, after: number, populationBefore: PopulationAnswer | null, populationAfter: PopulationAnswer | null): PeriodComparison {
    // Without both denominators, equal windows are compared as counts (equal exposure).
    const both = populationBefore !== null && populationAfter !== null && populationBefore.value > 0 && populationAfter.value > 0;
    return comparePeriods({ count: before, population: both ? populationBefore.value : 100_000 }, { count: after, population: both ? populationAfter.value : 100_000 });
  }

  private verdictText(c: PeriodComparison): string {
    return c.verdict === "no significant change" ? "no significant change" : `a significant ${c.verdict}`;
  }

  private get handling(): (typeof HANDLING_MARKINGS)[number] {
    return this.input.current.some((i) => i.handling_marking === "SBU") ? "SBU" : "UNCLASSIFIED";
  }

  // ---- sections ----

  build(kind: ReportKind): ReportDocument {
    const { request } = this.input;
    const sections: Section[] = request.template.sections.map((s) => ({ id: s.section, heading: s.heading, blocks: this.section(s.section, s.heading) }));
    const summary = this.summary();
    const names = request.countries.map((c) => this.input.countryName(c));
    const synthetic = this.input.current.some((i) => i.synthetic);
    const title =
      kind === "cable"
        ? `${names[0]}: human-rights concerns linked to migration, ${this.periodText}`
        : kind === "country"
          ? `${names[0]} ${request.period.label}: migration and human rights`
          : `Comparative brief: ${names.join(", ")}, ${this.periodText}`;
    return {
      kind,
      template: { id: request.template.id, version: request.template.version },
      title,
      subject: kind === "cable" ? `${names[0]}: incidents linked to migration reported ${this.during}` : title,
      tags: ["PHUM", "SMIG", "KCRM", ...request.countries],
      handling: this.handling,
      synthetic,
      as_of: this.input.asOf,
      parameters: {
        countries: [...request.countries],
        period: request.period.label,
        from: request.period.from,
        to: request.period.to,
        categories: [...request.categories],
      },
      summary,
      sections,
      footnotes: this.footnotes,
      citations: this.citations,
      credits: [...this.publishersUsed].sort().map((p) => PUBLISHER_CREDITS[p] ?? `Source: ${p}.`),
    };
  }

  private summary(): Inline[][] {
    const { request, current } = this.input;
    const paragraphs: Inline[][] = [];
    const categoriesText = request.categories.length > 0 ? ` in ${request.categories.map((c) => `${c} (${this.input.categoryName(c)})`).join(", ")}` : "";
    for (const country of request.countries) {
      const { here, before, population, populationBefore } = this.countryData(country);
      const rate = this.rate(here.length, population);
      const content: Inline[] = [
        text(`${this.input.countryName(country)}: ${formatCount(here.length)} incident${here.length === 1 ? "" : "s"}${categoriesText} occurring ${this.during} were accepted by the bureau`),
        { type: "footnote", n: this.figureNote(`Incidents, ${this.input.countryName(country)}${categoriesText}`, here, population) },
        text(rate ? `, ${rateText(rate)} per 100,000 residents (95% interval).` : `; no population figure is held for ${request.period.year}, so no rate is given.`),
      ];
      const unknown = this.unknownIncidents(here);
      const share = shareWithInterval(unknown.length, here.length);
      if (share.share !== null) {
        content.push(text(` The perpetrators' migration status is unknown or unreported for ${formatCount(unknown.length)} of them (${formatPercent(share.share)}, 95% interval ${formatPercent(share.lower)}–${formatPercent(share.upper)}).`));
      }
      const comparison = this.compare(before.length, here.length, populationBefore, population);
      content.push(text(` Against ${this.previousText} (${formatCount(before.length)}): ${this.verdictText(comparison)}.`));
      paragraphs.push(content);
    }
    if (current.some((i) => i.synthetic)) {
      const n = current.filter((i) => i.synthetic).length;
      paragraphs.push([text(`${SYNTHETIC_WATERMARK}: ${formatCount(n)} of the ${formatCount(current.length)} records counted here are synthetic (generated for demonstration or testing); the figures describe no real events.`)]);
    }
    return paragraphs;
  }

  private section(kind: SectionKind, heading: string): Block[] {
    switch (kind) {
      case "figures":
        return this.figures(heading);
      case "status":
        return this.status(heading);
      case "trends":
        return this.trends();
      case "comparison":
        return this.comparison(heading);
      case "notable":
        return this.notable();
      case "context":
        return this.contextSection(heading);
      case "limitations":
        return this.limitations();
      case "method":
        return this.method();
    }
  }

  /** Per country: counts and rates by category (table), a chart of the rates (or counts). */
  private figures(heading: string): Block[] {
    const { request, topCategories } = this.input;
    const blocks: Block[] = [];
    for (const country of request.countries) {
      const name = this.input.countryName(country);
      const { here, before, population, populationBefore } = this.countryData(country);
      const rows: TableCell[][] = [];
      const points: { x: string; y: number | null; low?: number | null; high?: number | null }[] = [];
      for (const category of [...topCategories, null]) {
        const counted = this.inCategory(here, category);
        const label = category === null ? "All categories (distinct incidents)" : `${category} ${this.input.categoryName(category)}`;
        const n = this.figureNote(`${label}, ${name}`, counted, population);
        const rate = this.rate(counted.length, population);
        const unknown = shareWithInterval(this.unknownIncidents(counted).length, counted.length);
        const comparison = this.compare(this.inCategory(before, category).length, counted.length, populationBefore, population);
        rows.push([
          cell(label),
          cell(formatCount(counted.length), n),
          cell(rate ? rateText(rate) : "no denominator", n),
          cell(shareText(unknown), n),
          cell(this.verdictText(comparison)),
        ]);
        if (category !== null) points.push(rate ? { x: category, y: round(rate.rate), low: round(rate.lower), high: round(rate.upper) } : { x: category, y: null });
      }
      blocks.push({
        type: "table",
        caption: request.countries.length > 1 ? `${heading}: ${name}` : heading,
        columns: [
          { label: "Category", align: "left" },
          { label: "Incidents", align: "right" },
          { label: "Rate per 100,000 (95% CI)", align: "right" },
          { label: "Status unknown (95% CI)", align: "right" },
          { label: `Against ${this.previousText}`, align: "left" },
        ],
        rows,
      });
      blocks.push({
        type: "chart",
        kind: "bar",
        title: population ? `Incidents per 100,000 residents by category, ${name}, ${this.periodText}` : `Incidents by category, ${name}, ${this.periodText}`,
        unit: population ? "per 100,000 residents" : "incidents",
        series: [{ label: name, points: population ? points : topCategories.map((c) => ({ x: c, y: this.inCategory(here, c).length })) }],
        footnote: this.figureNote(`Chart of incidents by category, ${name}`, here, population),
      });
      if (request.period.kind === "year" || request.period.kind === "range") {
        const months = monthsOf(request.period.from, request.period.to);
        if (months.length >= 3 && months.length <= 36) {
          blocks.push({
            type: "chart",
            kind: "line",
            title: `Incidents by month of occurrence, ${name}`,
            unit: "incidents",
            series: [{ label: "Incidents", points: months.map((m) => ({ x: m, y: here.filter((i) => i.occurred_from.slice(0, 7) === m).length })) }],
            footnote: this.figureNote(`Incidents by month (the month an incident began), ${name}`, here),
          });
        }
      }
    }
    return blocks;
  }

  /** By perpetrators' migration status as reported: every status with its count, `unknown` first; rates for groups with a denominator. */
  private status(heading: string): Block[] {
    const { request, current } = this.input;
    if (request.countries.length > 1) return this.statusCompared(heading);
    const blocks: Block[] = [];
    for (const country of request.countries) {
      const name = this.input.countryName(country);
      const here = current.filter((i) => i.country === country);
      const statuses = ["unknown", ...MIGRATION_STATUSES.filter((s) => s !== "unknown")];
      blocks.push({
        type: "table",
        caption: `${heading}: ${name}, every status`,
        columns: [
          { label: "Status as reported", align: "left" },
          { label: "Incidents", align: "right" },
          { label: "Share of incidents (95% CI)", align: "right" },
        ],
        rows: statuses.map((status) => {
          const counted = status === "unknown" ? this.unknownIncidents(here) : this.inGroup(here, [status]);
          const share = shareWithInterval(counted.length, here.length);
          const n = this.figureNote(`Incidents with a perpetrator group of status ${status}${status === "unknown" ? " (or none recorded)" : ""}, ${name}`, counted, null, `Share interval: ${WILSON_METHOD}.`);
          return [
            cell(status.replaceAll("_", " ")),
            cell(formatCount(counted.length), n),
            cell(shareText(share), n),
          ];
        }),
      });
      const rows: TableCell[][] = STATUS_GROUPS.map((group) => {
        const counted = this.inGroup(here, group.statuses);
        const population = this.input.denominators.get(country, request.period.year, group.citizen);
        const rate = this.rate(counted.length, population);
        const n = this.figureNote(`Incidents with a perpetrator group of ${group.label.toLowerCase()} (${group.statuses.join(", ")}), ${name}`, counted, population, group.caveat ?? "");
        return [
          cell(group.label),
          cell(formatCount(counted.length), n),
          cell(rate ? rateText(rate) : "no denominator", n),
          cell(population ? `${formatCount(population.value)} (${population.source.publisher} ${population.source.dataset})` : `none held for ${request.period.year}`),
        ];
      });
      const unknown = this.unknownIncidents(here);
      rows.push([cell("Unknown or not reported"), cell(formatCount(unknown.length), this.figureNote(`Incidents of unknown perpetrator status, ${name}`, unknown)), cell("no rate: no population"), cell("—")]);
      blocks.push({
        type: "table",
        caption: `Rates by perpetrators' citizenship, ${name}`,
        columns: [
          { label: "Perpetrators", align: "left" },
          { label: "Incidents", align: "right" },
          { label: "Rate per 100,000 of the group (95% CI)", align: "right" },
          { label: "Denominator", align: "left" },
        ],
        rows,
      });
      const missing = STATUS_GROUPS.filter((g) => !this.input.denominators.get(country, request.period.year, g.citizen));
      if (missing.length > 0) {
        blocks.push(paragraph(text(`No population by citizenship is held for ${name} in ${request.period.year}, so ${missing.map((g) => g.label.toLowerCase()).join(" and ")} have counts but no rate.`)));
      }
    }
    return blocks;
  }

  /** Several countries: every status by country in one table, and the rates by citizenship in another. */
  private statusCompared(heading: string): Block[] {
    const { request, current } = this.input;
    const statuses = ["unknown", ...MIGRATION_STATUSES.filter((s) => s !== "unknown")];
    const byCountry = new Map(request.countries.map((c) => [c, current.filter((i) => i.country === c)]));
    const counts: Block = {
      type: "table",
      caption: `${heading}: every status, by country`,
      columns: [{ label: "Status as reported", align: "left" }, ...request.countries.map((c) => ({ label: c, align: "right" as const }))],
      rows: statuses.map((status) => [
        cell(status.replaceAll("_", " ")),
        ...request.countries.map((country) => {
          const here = byCountry.get(country)!;
          const counted = status === "unknown" ? this.unknownIncidents(here) : this.inGroup(here, [status]);
          const share = shareWithInterval(counted.length, here.length);
          return cell(share.share === null ? "0" : `${formatCount(counted.length)} (${formatPercent(share.share)})`);
        }),
      ]),
      footnote: this.figureNote(
        "Incidents with a perpetrator group of each status (row; unknown includes incidents with no group recorded) in each country (column), with the share of that country's incidents",
        current,
        null,
        `Shares: ${WILSON_METHOD} intervals in each country's figures.`,
      ),
    };
    const rates: Block = {
      type: "table",
      caption: "Rates by perpetrators' citizenship, by country",
      columns: [
        { label: "Country", align: "left" },
        ...STATUS_GROUPS.map((g) => ({ label: `${g.label}: rate per 100,000 of the group (95% CI)`, align: "right" as const })),
        { label: "Unknown or not reported", align: "right" },
      ],
      rows: request.countries.map((country) => {
        const here = byCountry.get(country)!;
        const name = this.input.countryName(country);
        return [
          cell(name),
          ...STATUS_GROUPS.map((group) => {
            const counted = this.inGroup(here, group.statuses);
            const population = this.input.denominators.get(country, request.period.year, group.citizen);
            const rate = this.rate(counted.length, population);
            const n = this.figureNote(`Incidents with a perpetrator group of ${group.label.toLowerCase()} (${group.statuses.join(", ")}), ${name}`, counted, population, group.caveat ?? "");
            return cell(rate ? `${formatCount(counted.length)}: ${rateText(rate)}` : `${formatCount(counted.length)}: no denominator`, n);
          }),
          cell(formatCount(this.unknownIncidents(here).length)),
        ];
      }),
    };
    return [counts, rates];
  }

  /** Each category against the previous period: "increase"/"decrease" only where significant. */
  private trends(): Block[] {
    const { request, topCategories } = this.input;
    const blocks: Block[] = [];
    for (const country of request.countries) {
      const name = this.input.countryName(country);
      const { here, before, population, populationBefore } = this.countryData(country);
      const items: Inline[][] = [];
      for (const category of topCategories) {
        const a = this.inCategory(before, category);
        const b = this.inCategory(here, category);
        if (a.length === 0 && b.length === 0) continue;
        const comparison = this.compare(a.length, b.length, populationBefore, population);
        const asRates = population !== null && populationBefore !== null;
        const n = this.note(
          `Change in ${category} (${this.input.categoryName(category)}), ${name}: ${formatCount(b.length)} incidents in ${this.windowText} against ${formatCount(a.length)} in ${request.period.previous.from} to ${request.period.previous.to}; ${asRates ? "rates per 100,000 residents" : "counts (no population figure held for both periods)"}; ${CONDITIONAL_METHOD}; called an increase or a decrease only when the 95% interval of the ratio excludes 1; as of ${this.input.asOf}. Sources: ${citationRanges(this.citesOf(b)) || "none"} (the earlier period's records are not cited).`,
        );
        items.push([
          text(`${category} ${this.input.categoryName(category)}: ${formatCount(b.length)} against ${formatCount(a.length)}, ${ratioText(comparison)}: `),
          text(this.verdictText(comparison)),
          { type: "footnote", n },
          text("."),
        ]);
      }
      const label = request.countries.length > 1 ? `${name}: ` : "";
      if (items.length === 0) blocks.push(paragraph(text(`${label}No incidents were counted ${this.during} or ${this.duringPrevious}: there is no change to report.`)));
      else {
        blocks.push(paragraph(text(`${label}Against ${this.previousText}. A change is called an increase or a decrease only when its 95% interval excludes no change; small counts rarely allow it.`)));
        blocks.push({ type: "list", items });
      }
    }
    return blocks;
  }

  /** Countries side by side (comparative brief): a table, a chart of rates with intervals, a map. */
  private comparison(heading: string): Block[] {
    const { request, current } = this.input;
    const rows: TableCell[][] = [];
    const points: { x: string; y: number | null; low?: number | null; high?: number | null }[] = [];
    const mapValues: { country: string; value: number | null }[] = [];
    let anyRate = false;
    for (const country of request.countries) {
      const name = this.input.countryName(country);
      const { here, population } = this.countryData(country);
      const rate = this.rate(here.length, population);
      const unknown = shareWithInterval(this.unknownIncidents(here).length, here.length);
      const n = this.figureNote(`Incidents, ${name}`, here, population);
      rows.push([
        cell(name),
        cell(formatCount(here.length), n),
        cell(rate ? rateText(rate) : "no denominator", n),
        cell(shareText(unknown), n),
      ]);
      if (rate) anyRate = true;
      points.push(rate ? { x: country, y: round(rate.rate), low: round(rate.lower), high: round(rate.upper) } : { x: country, y: null });
      mapValues.push({ country, value: rate ? round(rate.rate) : null });
    }
    const overall = this.figureNote(`Incidents in ${request.countries.join(", ")}`, current);
    const europe = request.countries.every((c) => EUROPE.has(c));
    const blocks: Block[] = [
      {
        type: "table",
        caption: heading,
        columns: [
          { label: "Country", align: "left" },
          { label: "Incidents", align: "right" },
          { label: "Rate per 100,000 (95% CI)", align: "right" },
          { label: "Status unknown (95% CI)", align: "right" },
        ],
        rows,
        footnote: overall,
      },
      paragraph(
        text(
          "Where two countries' intervals overlap, the difference between their rates may be due to chance; differences in what each post can collect also shape these counts, so the table ranks nothing.",
        ),
      ),
    ];
    if (anyRate) {
      blocks.push({ type: "chart", kind: "bar", title: `Incidents per 100,000 residents, ${this.periodText}`, unit: "per 100,000 residents", series: [{ label: "Rate", points }], footnote: overall });
      blocks.push({ type: "map", title: `Incidents per 100,000 residents, ${this.periodText}`, values: mapValues, unit: "per 100,000 residents", extent: europe ? "europe" : "world", footnote: overall });
    } else {
      blocks.push({ type: "chart", kind: "bar", title: `Incidents, ${this.periodText}`, unit: "incidents", series: [{ label: "Incidents", points: request.countries.map((c) => ({ x: c, y: current.filter((i) => i.country === c).length })) }], footnote: overall });
      blocks.push({ type: "map", title: `Incidents, ${this.periodText}`, values: request.countries.map((c) => ({ country: c, value: current.filter((i) => i.country === c).length })), unit: "incidents", extent: europe ? "europe" : "world", footnote: overall });
    }
    // By category: counts per country (rates per category are in each country's figures). One
    // note for the table: each cell counts that country's incidents filed under that category.
    blocks.push({
      type: "table",
      caption: "Incidents by category and country",
      columns: [{ label: "Category", align: "left" }, ...request.countries.map((c) => ({ label: c, align: "right" as const }))],
      rows: this.input.topCategories.map((category) => [
        cell(`${category} ${this.input.categoryName(category)}`),
        ...request.countries.map((country) => cell(formatCount(this.inCategory(current.filter((i) => i.country === country), category).length))),
      ]),
      footnote: this.figureNote(`Incidents by category (row) and country (column), each cell the incidents of that country filed under that category or its subcategories`, current),
    });
    return blocks;
  }

  /** The most notable accepted incidents: confirmed first, then by victims, then most recent. */
  private notable(): Block[] {
    const { request, current } = this.input;
    const rank = (i: ScopeIncident) => (i.verification_status === "confirmed_by_authorities" ? 0 : i.verification_status === "corroborated" ? 1 : 2);
    const blocks: Block[] = [];
    for (const country of request.countries) {
      const chosen = current
        .filter((i) => i.country === country && i.verification_status !== "disputed")
        .sort((a, b) => rank(a) - rank(b) || (b.victims_count ?? -1) - (a.victims_count ?? -1) || (a.occurred_from < b.occurred_from ? 1 : a.occurred_from > b.occurred_from ? -1 : a.number - b.number))
        .slice(0, NOTABLE_LIMIT[request.kind]);
      const label = request.countries.length > 1 ? `${this.input.countryName(country)}: ` : "";
      if (chosen.length === 0) {
        blocks.push(paragraph(text(`${label}No accepted incident ${this.during}.`)));
        continue;
      }
      blocks.push(
        paragraph(
          text(
            `${label}${chosen.length} of ${formatCount(current.filter((i) => i.country === country).length)} accepted incidents, chosen by verification (confirmed by the authorities, then corroborated), then the number of victims; disputed records are left out.`,
          ),
        ),
      );
      blocks.push({
        type: "list",
        items: chosen.map((i) => {
          const where = [i.city, i.admin_region].filter(Boolean).join(", ") || this.input.countryName(i.country);
          const when = i.occurred_from === i.occurred_to ? i.occurred_from : `${i.occurred_from} to ${i.occurred_to}`;
          const statuses = i.statuses.length === 0 ? "not reported" : [...new Set(i.statuses.map((s) => s.status.replaceAll("_", " ")))].join(", ");
          const summary = i.summary.length > 400 ? `${i.summary.slice(0, 397).trimEnd()}...` : i.summary;
          const content: Inline[] = [
            { type: "text", text: `#${i.number}, ${when}, ${where}: ${i.title}.`, strong: true },
            text(
              ` ${summary} Categories: ${i.categories.join(", ")}. Verification: ${i.verification_status.replaceAll("_", " ")}. Legal status: ${i.legal_status}. Perpetrators' migration status as reported: ${statuses}.`,
            ),
          ];
          for (const source of i.sources) {
            const n = this.citationBySource.get(source.id) ?? 0;
            if (n > 0) content.push({ type: "cite", n });
          }
          if (i.synthetic) content.push(text(" (synthetic record)"));
          return content;
        }),
      });
    }
    return blocks;
  }

  private contextSection(heading: string): Block[] {
    const { request, context } = this.input;
    const blocks: Block[] = [];
    const rows: TableCell[][] = [];
    for (const country of request.countries) {
      const name = this.input.countryName(country);
      const total = this.input.denominators.get(country, request.period.year, "TOTAL");
      const foreign = this.input.denominators.get(country, request.period.year, "FOR");
      for (const [label, p] of [["Population", total], ["Foreign citizens", foreign]] as const) {
        if (!p) continue;
        this.publishersUsed.add(p.source.publisher);
        const n = this.note(`${label}, ${name}, ${p.reference} ${p.year}: ${p.source.publisher} ${p.source.dataset} (${p.source.title}), series ${p.source.series}, revision ${p.source.revision}, retrieved ${p.source.retrieved_at.slice(0, 10)}${p.flag ? `; flag ${p.flag}` : ""}.`);
        rows.push([cell(name), cell(label), cell(String(p.year)), cell(`${formatCount(p.value)}${p.flag ? ` (${p.flag})` : ""}`, n), cell(`${p.source.publisher} ${p.source.dataset}`)]);
      }
      for (const figure of context.filter((c) => c.country === country)) {
        this.publishersUsed.add(figure.source.publisher);
        const n = this.note(`${figure.label}, ${name}, ${figure.period}: ${figure.source.publisher} ${figure.source.dataset} (${figure.source.title}), revision ${figure.source.revision}, retrieved ${figure.source.retrieved_at.slice(0, 10)}${figure.flag ? `; flag ${figure.flag}` : ""}.`);
        const value = figure.unit === "persons" ? formatCount(figure.value) : formatRate(figure.value);
        rows.push([cell(name), cell(figure.label), cell(figure.period), cell(`${value}${figure.flag ? ` (${figure.flag})` : ""}`, n), cell(`${figure.source.publisher} ${figure.source.dataset}`)]);
      }
    }
    if (rows.length === 0) {
      blocks.push(paragraph(text(`No official statistics for ${request.countries.map((c) => this.input.countryName(c)).join(", ")} up to ${request.period.year} are held in Rapporteur. Import them with \`rapporteur import stats\` to give these figures context.`)));
      return blocks;
    }
    blocks.push(
      paragraph(
        text(
          "Official statistics, as published, for context: the latest year held up to the report's. They count what the authorities record (suspects, convictions, applications), which is not what the incidents above count, and are not comparable with them.",
        ),
      ),
    );
    blocks.push({
      type: "table",
      caption: heading,
      columns: [
        { label: "Country", align: "left" },
        { label: "Indicator", align: "left" },
        { label: "Year", align: "left" },
        { label: "Value", align: "right" },
        { label: "Source", align: "left" },
      ],
      rows,
    });
    return blocks;
  }

  /** What the data cannot say, from the data: coverage, unknown shares, small counts, missing denominators. */
  private limitations(): Block[] {
    const { request, current, previous, topCategories } = this.input;
    const items: Inline[][] = [];
    items.push([
      text(
        "The figures count incidents that sources reported, posts recorded and the bureau accepted. They are not a census of crime or abuse: what is reported depends on the media, on the authorities' statements and on each post's capacity, and the categories are recorded the same way whoever the perpetrators are.",
      ),
    ]);
    const unknown = this.unknownIncidents(current);
    const share = shareWithInterval(unknown.length, current.length);
    if (share.share !== null) {
      items.push([
        text(
          `The perpetrators' migration status is unknown or not reported for ${formatCount(unknown.length)} of ${formatCount(current.length)} incidents (${formatPercent(share.share)}, 95% interval ${formatPercent(share.lower)}–${formatPercent(share.upper)}). Counts and rates by status are lower bounds for every group by up to that many incidents.`,
        ),
      ]);
    }
    const small: string[] = [];
    for (const country of request.countries) {
      for (const category of topCategories) {
        const n = this.inCategory(current.filter((i) => i.country === country), category).length;
        if (n > 0 && n < SMALL_COUNT) small.push(request.countries.length > 1 ? `${country} ${category}` : category);
      }
    }
    if (small.length > 0) {
      items.push([text(`Counts below ${SMALL_COUNT} (${small.join(", ")}) have wide intervals; read them as indicative, not as levels or trends.`)]);
    }
    const missing: string[] = [];
    for (const country of request.countries) {
      for (const year of [...new Set([request.period.year, request.period.previous.year])]) {
        if (!this.input.denominators.get(country, year, "TOTAL")) missing.push(`${this.input.countryName(country)} ${year}`);
      }
    }
    if (missing.length > 0) items.push([text(`No population figure is held for ${missing.join(", ")}: those figures are counts without rates, and changes there are compared as counts.`)]);
    const verified = current.filter((i) => i.verification_status === "confirmed_by_authorities" || i.verification_status === "corroborated").length;
    if (current.length > 0) {
      const singleSource = current.filter((i) => i.sources.length <= 1).length;
      items.push([
        text(
          `${formatCount(verified)} of ${formatCount(current.length)} incidents are confirmed by the authorities or corroborated; ${formatCount(singleSource)} rest on a single source or none.`,
        ),
      ]);
    }
    const publishers = (list: ScopeIncident[]) => new Set(list.flatMap((i) => i.sources.map((s) => s.publisher)));
    const now = publishers(current);
    const then = publishers(previous);
    const added = [...now].filter((p) => !then.has(p));
    if (previous.length > 0 && added.length > 0 && added.length >= Math.max(2, then.size / 2)) {
      items.push([
        text(
          `Source coverage changed: ${added.length} publishers cited ${this.during} were not cited ${this.duringPrevious} (${added.slice(0, 6).join(", ")}${added.length > 6 ? ", ..." : ""}). New sources can create an apparent rise that is not a change in events.`,
        ),
      ]);
    }
    if (current.some((i) => i.synthetic)) {
      items.push([text(`${SYNTHETIC_WATERMARK}: this report includes ${formatCount(current.filter((i) => i.synthetic).length)} synthetic records.`)]);
    }
    if (current.length === 0) items.push([text("No accepted incident falls in this period: the absence of records is not evidence that nothing happened.")]);
    return [{ type: "list", items }];
  }

  private method(): Block[] {
    return [
      {
        type: "list",
        items: [
          [text("Counted: distinct incidents accepted or published by the bureau, never retracted ones, whose window of occurrence overlaps the period. An incident filed under several categories counts once under each; the totals count it once.")],
          [text(`Rates per 100,000 residents use the population on 1 January of the period's first year (Eurostat) or the mid-year population (World Bank) where Eurostat has none; intervals are ${GARWOOD_METHOD}.`)],
          [text(`Shares (such as the unknown share) carry a ${WILSON_METHOD}.`)],
          [text(`Changes between periods are the ratio of the two rates with an ${CONDITIONAL_METHOD} interval, called an increase or a decrease only when the interval excludes 1.`)],
          [text("Perpetrators' migration status is as reported by sources (court records, official statements, credible media), never inferred.")],
        ],
      },
    ];
  }
}

/** Every YYYY-MM from the month of `from` to the month of `to`. */
function monthsOf(from: string, to: string): string[] {
  const result: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    result.push(label);
    if (label >= last || result.length > 1200) return result;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** Countries a map of Europe frames (the EU, EFTA, the UK and their neighbours). */
const EUROPE = new Set(
  "AL AD AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK".split(" "),
);
