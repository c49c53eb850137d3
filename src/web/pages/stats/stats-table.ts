// The chosen values as a period × geo table, shared by the chart, the table on the page and its CSV
// download. A period a geo has no value for is null (a gap), never 0.
import type { StatsDataset, StatsObservationPage } from "../../api/types.js";
import { toCsv } from "../../lib/csv.js";

interface StatsCell {
  value: number;
  flag: string | null;
}

export interface StatsTable {
  periods: string[];
  geos: string[];
  /** cells[period index][geo index] */
  cells: (StatsCell | null)[][];
}

export function statsTable(items: StatsObservationPage["items"], geos: readonly string[]): StatsTable {
  const periods = [...new Set(items.map((i) => i.period))].sort();
  const shown = geos.filter((g) => items.some((i) => i.geo === g));
  const at = new Map(items.map((i) => [`${i.period}|${i.geo}`, { value: i.value, flag: i.flag }]));
  return { periods, geos: shown, cells: periods.map((p) => shown.map((g) => at.get(`${p}|${g}`) ?? null)) };
}

/** The table as CSV: the period, then each geo's value and flag; an empty cell where there is none. */
export function statsCsv(table: StatsTable): string {
  const header = ["period", ...table.geos.flatMap((g) => [g, `${g} flag`])];
  return toCsv(
    header,
    table.periods.map((p, i) => [p, ...table.cells[i]!.flatMap((c) => [c?.value ?? null, c?.flag ?? null])]),
  );
}

export function formatValue(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: 6 });
}

/** Eurostat's flags (the ones most files use); others are shown as they are. */
const FLAG_LABELS: Record<string, string> = {
  b: "break in time series",
  c: "confidential",
  d: "definition differs",
  e: "estimated",
  f: "forecast",
  n: "not significant",
  p: "provisional",
  r: "revised",
  s: "Eurostat estimate",
  u: "low reliability",
  z: "not applicable",
};

export function flagLabel(flag: string): string {
  return [...flag].map((f) => FLAG_LABELS[f] ?? f).join(", ");
}

/** "Source: Eurostat, tps00001 — Population on 1 January (revision 1, retrieved 2026-11-24). © European Union, CC BY 4.0" */
export function creditLine(dataset: Pick<StatsDataset, "publisher" | "code" | "title" | "revision" | "retrieved_at" | "licence">): string {
  const licence = dataset.licence ? ` ${dataset.licence}` : "";
  return `Source: ${dataset.publisher}, ${dataset.code} — ${dataset.title} (revision ${dataset.revision}, retrieved ${dataset.retrieved_at.slice(0, 10)}).${licence}`;
}
