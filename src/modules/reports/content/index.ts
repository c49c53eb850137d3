// The content of a report, made from the database: the records it counts (accepted or published,
// never retracted, only those the actor may see), their figures from the figures module, official
// statistics for context, and the template's sections. The result is a ReportDocument, the same
// whatever it is rendered to, and deterministic: the same data give the same document, byte for
// byte once frozen (its as-of time is the data's, not the clock's; only a period that is not over
// names today, as the last day it covers).
//
// The counting rules, the period an incident belongs to, when two periods may be compared and the
// adjustment for many comparisons are the figures module's; this folder only words them, numbers
// the notes and sources, and chooses notable incidents.
import type { PopulationOrder } from "../../stats/population.js";
import type { Kysely } from "kysely";
import { todayUtc } from "../../../domain/clock.js";
import type { Database } from "../../../db/types.js";
import type { Visibility } from "../../auth/policy.js";
import { computeFigures, type PopulationFigure, type Populations } from "../../figures/engine.js";
import { countedIncidents, populationsFor } from "../../figures/facts.js";
import { makePeriod, periodText, type FigurePeriod } from "../../figures/periods.js";
import { BASIS_STATES, RATE_GROUPS, REPORT_BASIS, type CountedIncident } from "../../figures/rules.js";
import { SENTENCING_RULE, sentencingStrata } from "../../figures/sentencing.js";
import { countryName } from "../../figures/words.js";
import { caseOutcomesMatching, notableCasesForReport, type NotableCaseOutput } from "../../stats/index.js";
import type { ReportDocument, Section } from "../document.js";
import { incidentDetails, latestIncidentChange, type IncidentDetail as ScopeIncident } from "../../incidents/index.js";
import { currentCategoryNames } from "../../reference/index.js";
import type { SectionKind } from "../templates.js";
import { contextStatistics, groupRates, type GroupRate } from "./context-statistics.js";
import { comparisonFamily, CURRENT, type ContentRequest, type ContextFigure, type ReportContext, type ReportSentencing } from "./context.js";
import { Notebook } from "./notes.js";
import { comparisonSection } from "./sections/comparison.js";
import { figuresSection } from "./sections/figures.js";
import { justiceSection } from "./sections/justice.js";
import { housingSection } from "./sections/housing.js";
import { engagementSection } from "./sections/engagements.js";
import { acceptedEngagements, type EngagementOutput } from "../../engagements/index.js";
import { housingSeries, type HousingSeries } from "../../figures/housing.js";
import { limitationsSection } from "./sections/limitations.js";
import { methodSection } from "./sections/method.js";
import { notableSection } from "./sections/notable.js";
import { officialStatisticsSection } from "./sections/official-statistics.js";
import { statusSection } from "./sections/status.js";
import { summary } from "./sections/summary.js";
import { trendsSection } from "./sections/trends.js";

export type { ContentRequest } from "./context.js";

/** Publishers' credits, as ../shared/data/SOURCES.md asks them to be given. */
const PUBLISHER_CREDITS: Record<string, string> = {
  Eurostat: "Source of official statistics: Eurostat (© European Union), reused under the Commission's reuse policy (CC BY 4.0).",
  "World Bank": "Source: World Bank, World Development Indicators (CC BY 4.0).",
  "Statistische Ämter des Bundes und der Länder":
    "Source: © Statistische Ämter des Bundes und der Länder, Deutschland, Regionaldatenbank Deutschland (Datenlizenz Deutschland – Namensnennung – 2.0).",
};

/** The credits of these publishers of official statistics, in name order, each once. */
export function publisherCredits(publishers: Iterable<string>): string[] {
  return [...new Set(publishers)].sort().map((p) => PUBLISHER_CREDITS[p] ?? `Source: ${p}.`);
}

/** The periods a report counts: the period before, and its own (kind from the request). */
export function reportPeriods(period: ContentRequest["period"], today: string): [FigurePeriod, FigurePeriod] {
  return [
    makePeriod(period.kind, period.previous.label, period.previous.from, period.previous.to, today),
    makePeriod(period.kind, period.label, period.from, period.to, today),
  ];
}

export async function buildReport(
  db: Kysely<Database>,
  request: ContentRequest & { visibility: Visibility; sentencingMinimumN: number; populationOrder?: PopulationOrder },
): Promise<ReportDocument> {
  const { countries, period } = request;
  const today = todayUtc();
  const periods = reportPeriods(period, today);
  const [facts, dataAsOf, categories] = await Promise.all([
    countedIncidents(db, {
      visibility: request.visibility,
      basis: REPORT_BASIS,
      from: period.previous.from,
      to: period.to,
      countries,
      categories: request.categories,
    }),
    // The data's as-of time: the latest change to any record the report could count (a retraction
    // changes the figures too). Not the clock: the same data frozen twice give the same hash.
    latestIncidentChange(db, {
      visibility: request.visibility,
      states: [...BASIS_STATES[REPORT_BASIS], "retracted"],
      countries,
      from: period.previous.from,
      to: period.to,
    }),
    currentCategoryNames(db),
  ]);
  const populations = await populationsFor(
    db,
    countries,
    [...new Set(periods.map((p) => p.denominator_year))],
    ["TOTAL", "NAT", "FOR"],
    request.populationOrder,
  );
  const details = new Map(
    (
      await incidentDetails(
        db,
        facts.map((i) => i.id),
      )
    ).map((d) => [d.id, d]),
  );
  const context = await contextStatistics(db, countries, period.year);
  const rates = await groupRates(db, context, request.populationOrder);
  // The case outcomes a justice section compares: the report's countries, decided in its period.
  const outcomes = request.template.sections.some((s) => s.section === "justice")
    ? await caseOutcomesMatching(db, { country: [...countries], decided_from: period.from, decided_to: period.to })
    : [];
  const sentencing = {
    strata: sentencingStrata(outcomes, request.sentencingMinimumN),
    minimumN: request.sentencingMinimumN,
    rule: SENTENCING_RULE,
    recordedAt:
      outcomes
        .map((o) => o.created_at)
        .sort()
        .at(-1) ?? null,
  };
  // "2024-Z" sorts after every period of 2024 (2024, 2024-Q4, 2024-12) and before 2025.
  const housing = request.template.sections.some((s) => s.section === "housing")
    ? (await Promise.all(countries.map(async (country) => (await housingSeries(db, country, `${period.year}-Z`)).map((s) => ({ ...s, country }))))).flat()
    : [];
  const engagements = request.template.sections.some((s) => s.section === "engagement")
    ? await acceptedEngagements(db, { countries, from: period.from, to: period.to, visibility: request.visibility })
    : [];
  const notableCases = request.template.sections.some((s) => s.section === "justice")
    ? await notableCasesForReport(db, { countries, from: period.from, to: period.to })
    : [];
  return composeReport({
    request,
    facts,
    details,
    populations,
    context,
    groupRates: rates,
    sentencing,
    housing,
    engagements,
    notableCases,
    dataAsOf,
    categories,
    today,
  });
}

export interface ReportInputs {
  request: ContentRequest;
  facts: readonly CountedIncident[];
  details: Map<string, ScopeIncident>;
  populations: Populations & { all(): PopulationFigure[] };
  context: ContextFigure[];
  groupRates: GroupRate[];
  /** The sentencing comparison, with when its latest case outcome was recorded (part of the data's as-of time). */
  sentencing?: ReportSentencing & { recordedAt: string | null };
  housing?: (HousingSeries & { country: string })[];
  engagements?: EngagementOutput[];
  notableCases?: NotableCaseOutput[];
  /** The latest change to any record the report could count, or null when there is none. */
  dataAsOf: string | null;
  categories: Map<string, { name: string; parent: string | null }>;
  today: string;
}

/** The document from what was read: pure, so its figures can be checked against the API's for any data. */
export function composeReport(input: ReportInputs): ReportDocument {
  const { request, facts, details, populations, context, categories, today } = input;
  const sentencing = input.sentencing ?? { strata: [], minimumN: 0, rule: "", recordedAt: null };
  const housing = input.housing ?? [];
  const engagements = input.engagements ?? [];
  const notableCases = input.notableCases ?? [];
  const { countries, period, kind } = request;
  const periods = reportPeriods(period, today);
  const topCategories =
    request.categories.length > 0
      ? [...request.categories]
      : [...categories.entries()]
          .filter(([, info]) => info.parent === null)
          .map(([code]) => code)
          .sort();
  const figures = computeFigures(facts, { countries, categories: topCategories, periods, groups: RATE_GROUPS }, populations);
  // The records cited: the period's, then the earlier period's (both are counted in comparisons).
  const counted = [...figures.cell(null, null, CURRENT, "all").incidents, ...figures.cell(null, null, 0, "all").incidents];
  const datasetTimes = [...populations.all(), ...input.groupRates.map((r) => r.population)]
    .map((p) => p.source.retrieved_at)
    .concat(context.map((c) => c.source.retrieved_at))
    .concat(housing.map((s) => s.source.retrieved_at));
  const asOfTime =
    [input.dataAsOf, sentencing.recordedAt, ...datasetTimes, ...engagements.map((e) => e.updated_at), ...notableCases.flatMap(notableCaseTimes)]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? `${period.to}T23:59:59Z`;
  const notes = new Notebook(
    asOfTime,
    counted.map((i) => details.get(i.id)!),
    countryName,
  );
  const ctx: ReportContext = {
    request,
    periods,
    figures,
    topCategories,
    details,
    populations: populations.all(),
    context,
    groupRates: input.groupRates,
    sentencing,
    housing,
    engagements,
    notableCases,
    asOf: asOfTime,
    notes,
    countryName,
    categoryName: (code) => categories.get(code)?.name ?? code,
    comparison: comparisonFamily(figures, request, topCategories),
  };

  const summaryParagraphs = summary(ctx);
  const sections: Section[] = request.template.sections.map((s) => ({ id: s.section, heading: s.heading, blocks: section(ctx, s.section, s.heading) }));
  const names = countries.map(countryName);
  const current = figures.cell(null, null, CURRENT, "all").incidents;
  const handling = current.some((i) => details.get(i.id)?.handling_marking === "SBU") || engagements.some((e) => e.handling === "SBU") ? "SBU" : "UNCLASSIFIED";
  const periodWords = periodText(periods[CURRENT]);
  const title =
    kind === "cable"
      ? `${names[0]}: human-rights concerns linked to migration, ${periodWords}`
      : kind === "country"
        ? `${names[0]} ${period.label}: migration and human rights`
        : `Comparative brief: ${names.join(", ")}, ${periodWords}`;
  return {
    kind,
    template: { id: request.template.id, version: request.template.version },
    title,
    subject: kind === "cable" ? `${names[0]}: incidents linked to migration reported, ${periodWords}` : title,
    tags: ["PHUM", "SMIG", "KCRM", ...countries],
    handling,
    synthetic:
      current.some((i) => i.synthetic) ||
      sentencing.strata.some((s) => s.synthetic > 0) ||
      engagements.some((e) => e.synthetic) ||
      notableCases.some((n) => n.synthetic),
    as_of: asOfTime,
    parameters: { countries: [...countries], period: period.label, from: period.from, to: period.to, categories: [...request.categories] },
    summary: summaryParagraphs,
    sections,
    footnotes: notes.footnotes,
    citations: notes.citations,
    credits: publisherCredits(notes.publishers),
  };
}

/** When a notable case and the outcomes it shows last changed (part of the data's as-of time). */
function notableCaseTimes(n: NotableCaseOutput): string[] {
  return [n.updated_at ?? n.created_at, ...n.outcomes.map((o) => o.case_outcome.updated_at ?? o.case_outcome.created_at)];
}

function section(ctx: ReportContext, kind: SectionKind, heading: string) {
  switch (kind) {
    case "figures":
      return figuresSection(ctx, heading);
    case "status":
      return statusSection(ctx, heading);
    case "trends":
      return trendsSection(ctx);
    case "comparison":
      return comparisonSection(ctx, heading);
    case "notable":
      return notableSection(ctx);
    case "housing":
      return housingSection(ctx, heading);
    case "justice":
      return justiceSection(ctx, heading);
    case "engagement":
      return engagementSection(ctx, heading);
    case "context":
      return officialStatisticsSection(ctx, heading);
    case "limitations":
      return limitationsSection(ctx);
    case "method":
      return methodSection(ctx);
  }
}
