// What every section of a report works from: the request, the figures engine over the report's
// period and the one before, the counted records' details, the family of comparisons adjusted
// together, and the notebook that numbers footnotes and citations. Sections only choose and word
// figures; every number comes from `figures` (the figures module), never counted here.
import type { EngagementOutput } from "../../engagements/index.js";
import type { NotableCaseOutput } from "../../stats/index.js";
import { adjustFamily, type AdjustedComparison } from "../../figures/compare.js";
import type { Figures, PopulationFigure } from "../../figures/engine.js";
import type { FigurePeriod } from "../../figures/periods.js";
import type { CountedIncident, RateGroup } from "../../figures/rules.js";
import type { SentencingStratum } from "../../figures/sentencing.js";
import type { HousingSeries } from "../../figures/housing.js";
import type { ReportPeriod } from "../../../domain/report-period.js";
import type { Block, Inline, TableCell } from "../document.js";
import type { IncidentDetail as ScopeIncident } from "../../incidents/index.js";
import type { ReportTemplate } from "../templates.js";
import type { GroupRate } from "./context-statistics.js";
import type { Notebook } from "./notes.js";

export interface ContentRequest {
  kind: "cable" | "country" | "brief";
  countries: string[];
  period: ReportPeriod;
  /** Top-level category codes; empty for every category. */
  categories: string[];
  template: ReportTemplate;
}

/** An official statistic shown for context, with the dataset's own labels and unit. */
export interface ContextFigure {
  country: string;
  /** The publisher's dataset code (crim_just_ctz). */
  dataset: string;
  /** The series' dimensions in the publisher's words ("Convicted person, Foreign country"). */
  label: string;
  /** The publisher's unit, in its words ("Per hundred thousand inhabitants", "Number"). */
  unit: string;
  period: string;
  value: number;
  flag: string | null;
  /** The citizenship the series is about, when it is one (NAT, FOR, TOTAL). */
  citizen: string | null;
  measure: "number" | "per-100k-inhabitants" | "other";
  source: { publisher: string; title: string; revision: number; retrieved_at: string };
}

export interface ReportContext {
  request: ContentRequest;
  /** [the period before, the report's period]. */
  periods: [FigurePeriod, FigurePeriod];
  figures: Figures;
  topCategories: string[];
  details: Map<string, ScopeIncident>;
  populations: PopulationFigure[];
  context: ContextFigure[];
  /** Rates per 100,000 of a group computed from a dataset's counts and the group's population. */
  groupRates: GroupRate[];
  /** The sentencing comparison over the report's countries and period (figures/sentencing.ts). */
  sentencing: ReportSentencing;
  /** The housing series held for the report's countries, up to its period (figures/housing.ts). */
  housing: (HousingSeries & { country: string })[];
  /** The accepted engagements with the report's countries' governments in its period (engagements/index.ts). */
  engagements: EngagementOutput[];
  /** The standing notable cases of the report's countries with an outcome decided in its period (stats/notable-cases.ts). */
  notableCases: NotableCaseOutput[];
  asOf: string;
  notes: Notebook;
  countryName(code: string): string;
  categoryName(code: string): string;
  /** The comparisons this document prints, adjusted together (Holm); by country × category. */
  comparison(country: string, category: string | null): AdjustedComparison;
}

export interface ReportSentencing {
  strata: SentencingStratum[];
  minimumN: number;
  rule: string;
}

export const CURRENT = 1;
export const PREVIOUS = 0;

/**
 * The comparisons a report prints, adjusted together: the summary's (all categories, per country),
 * the figures table's (every category), and the trends' (every category with an incident in
 * either period). Anything the document does not print is not in the family.
 */
export function comparisonFamily(figures: Figures, request: Pick<ContentRequest, "countries" | "template">, categories: readonly string[]) {
  const shown = new Set(request.template.sections.map((s) => s.section));
  const keys = request.countries.flatMap((country) => [
    { country, category: null as string | null },
    ...categories
      .filter(
        (category) =>
          shown.has("figures") ||
          (shown.has("trends") && (figures.cell(country, category, CURRENT, "all").count > 0 || figures.cell(country, category, PREVIOUS, "all").count > 0)),
      )
      .map((category) => ({ country, category })),
  ]);
  const adjusted = adjustFamily(keys.map(({ country, category }) => figures.comparison(country, category, CURRENT, "all")));
  const byKey = new Map(keys.map((k, i) => [`${k.country}|${k.category ?? "*"}`, adjusted[i]!]));
  return (country: string, category: string | null) => {
    const found = byKey.get(`${country}|${category ?? "*"}`);
    if (!found) throw new Error(`the comparison of ${country} ${category ?? "all"} is not in the document's family`);
    return found;
  };
}

/** The records behind a cell, with their details (for notable incidents and citations). */
export function recordsOf(ctx: ReportContext, incidents: readonly CountedIncident[]): ScopeIncident[] {
  return incidents.map((i) => ctx.details.get(i.id)!).filter(Boolean);
}

export const cellOf = (ctx: ReportContext, country: string | null, category: string | null, group: RateGroup = "all", period = CURRENT) =>
  ctx.figures.cell(country, category, period, group);

export const text = (value: string): Inline => ({ type: "text", text: value });
export const paragraph = (...content: Inline[]): Block => ({ type: "paragraph", content });
export const cell = (value: string, footnote?: number): TableCell => (footnote === undefined ? { text: value } : { text: value, footnote });
/** Chart values: six significant figures are plenty and keep the JSON (and its hash) stable. */
export const round = (x: number) => Number(x.toPrecision(6));
