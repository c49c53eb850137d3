// Official statistics shown for context, where the database holds them: the latest year up to
// the report's. Each is labelled with the publisher's own words for its dimensions and unit, as
// stored with the series at import (Eurostat's P_HTHAB is "Per hundred thousand inhabitants", of
// everyone, not of the group the row is about), never with a paraphrase of ours. Where a dataset
// gives a group's count, a rate per 100,000 of that group is computed from it and the group's own
// population, and says that it is ours.
import type { PopulationOrder } from "../../stats/population.js";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types.js";
import { labelForCode } from "../../stats/dimensions.js";
import type { PopulationFigure } from "../../figures/engine.js";
import { populationsFor } from "../../figures/facts.js";
import type { Citizenship } from "../../figures/rules.js";
import { observationsUpTo } from "../../stats/index.js";
import type { ContextFigure } from "./context.js";

interface Indicator {
  publisher: string;
  dataset: string;
  dimensions: Record<string, string>;
  /** The dimensions whose labels name the figure, in order. */
  named: string[];
}

const INDICATORS: Indicator[] = [
  { publisher: "Eurostat", dataset: "migr_asyappctza", dimensions: { citizen: "TOTAL", sex: "T", age: "TOTAL", asyl_app: "ASY_APP" }, named: ["asyl_app"] },
  ...(["PER_SUSP", "PER_CNV"] as const).flatMap((legStat) =>
    (["NAT", "FOR"] as const).flatMap((citizen) =>
      (["P_HTHAB", "NR"] as const).map((unit) => ({
        publisher: "Eurostat",
        dataset: "crim_just_ctz",
        dimensions: { leg_stat: legStat, citizen, unit },
        named: ["leg_stat", "citizen"],
      })),
    ),
  ),
];

const labelOf = (dimension: string, code: string, labels: Record<string, string>) => labels[dimension] ?? labelForCode(dimension, code) ?? code;

/** A computed rate of a group: its count over its own population, per 100,000. */
export interface GroupRate {
  country: string;
  /** "Suspected person, Foreign country". */
  label: string;
  period: string;
  count: number;
  population: PopulationFigure;
  rate: number;
  source: ContextFigure["source"];
}

export async function contextStatistics(db: Kysely<Database>, countries: readonly string[], year: number): Promise<ContextFigure[]> {
  // One query per dataset for every country; then, per country and indicator, the latest year held.
  const datasets = [...new Map(INDICATORS.map((i) => [`${i.publisher}|${i.dataset}`, i])).values()];
  const rowsOf = new Map(
    await Promise.all(
      datasets.map(async (d) => [`${d.publisher}|${d.dataset}`, await observationsUpTo(db, d.publisher, d.dataset, countries, String(year))] as const),
    ),
  );
  const figures: ContextFigure[] = [];
  for (const country of countries) {
    for (const indicator of INDICATORS) {
      const rows = rowsOf.get(`${indicator.publisher}|${indicator.dataset}`) ?? [];
      const match = rows.find(
        (r) => r.geo === country && /^\d{4}$/.test(r.period) && Object.entries(indicator.dimensions).every(([d, v]) => r.dimensions[d] === v),
      );
      if (!match) continue;
      const unitCode = match.dimensions["unit"] ?? match.unit ?? null;
      // The publisher's words, with its "hundred thousand" written as a figure, as every other rate here is.
      const unit = (unitCode ? labelOf("unit", unitCode, match.labels) : "Number").replace(/hundred thousand/i, "100,000");
      figures.push({
        country,
        dataset: indicator.dataset,
        label: indicator.named.map((d) => labelOf(d, match.dimensions[d]!, match.labels)).join(", "),
        unit,
        period: match.period,
        value: match.value,
        flag: match.flag,
        citizen: match.dimensions["citizen"] ?? null,
        measure: unitCode === "P_HTHAB" ? "per-100k-inhabitants" : unitCode === null || unitCode === "NR" || unitCode === "PER" ? "number" : "other",
        source: { publisher: match.publisher, title: match.title, revision: match.revision, retrieved_at: match.retrieved_at },
      });
    }
  }
  return figures;
}

/** Rates per 100,000 of a group (citizens, foreign citizens) from a dataset's counts of that group and its population. */
export async function groupRates(db: Kysely<Database>, figures: readonly ContextFigure[], order?: PopulationOrder): Promise<GroupRate[]> {
  const counts = figures.filter((f) => f.measure === "number" && (f.citizen === "NAT" || f.citizen === "FOR"));
  if (counts.length === 0) return [];
  const populations = await populationsFor(
    db,
    [...new Set(counts.map((f) => f.country))],
    [...new Set(counts.map((f) => Number(f.period)))],
    ["NAT", "FOR"],
    order,
  );
  return counts.flatMap((f) => {
    const population = populations.get(f.country, Number(f.period), f.citizen as Citizenship);
    if (!population || population.value <= 0) return [];
    return [
      { country: f.country, label: f.label, period: f.period, count: f.value, population, rate: (f.value / population.value) * 100_000, source: f.source },
    ];
  });
}
