// How the dashboard writes rates per 100,000: enough digits to tell small rates apart (0.034, not
// 0.0), intervals as "low–high", the classes of the rate map, and the credit line that names the
// population figures' publishers and revisions.
import type { AnalysisRates } from "../../api/types.js";

/** Three significant digits below 10, one decimal below 1,000, whole numbers above. */
export function formatRate(value: number): string {
  if (value === 0) return "0";
  if (value >= 1000) return Math.round(value).toLocaleString("en-GB");
  if (value >= 10) return value.toFixed(1);
  return value
    .toPrecision(3)
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}

export function formatInterval(ci: { low: number; high: number }): string {
  return `${formatRate(ci.low)}–${formatRate(ci.high)}`;
}

/** A share as a whole percentage ("67%"), with its interval when given ("67% (21–94%)"). */
export function formatShare(share: number, ci?: { low: number; high: number } | null): string {
  const pct = (x: number) => `${Math.round(x * 100)}`;
  return ci ? `${pct(share)}% (95% interval ${pct(ci.low)}–${pct(ci.high)}%)` : `${pct(share)}%`;
}

export function formatPopulation(value: number): string {
  return Math.round(value).toLocaleString("en-GB");
}

/** Upper bounds of up to five equal, round classes covering 0..max (a rate of 0 is in the first). */
export function rateBreaks(max: number): number[] {
  if (!(max > 0)) return [];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const breaks: number[] = [];
  for (let upper = step; breaks.length < 5; upper += step) {
    breaks.push(Number(upper.toPrecision(12)));
    if (upper >= max) break;
  }
  return breaks;
}

/** Round ticks from 0 to at least `max` (about five). */
export function rateTicks(max: number): number[] {
  const top = max > 0 ? max : 1;
  const rough = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const ticks = [0];
  while (ticks[ticks.length - 1]! < top) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}

/** "Population: Eurostat, Population on 1 January by age group, sex and citizenship, revision 2; World Bank, Population, total, revision 1." */
export function populationCredit(sources: AnalysisRates["sources"]): string | null {
  if (sources.length === 0) return null;
  return `Population: ${sources.map((s) => `${s.publisher}, ${s.title}, revision ${s.revision}`).join("; ")}.`;
}

/**
 * The year the rate view opens on: the latest in which some country has both an incident and a
 * rate, else the latest with any rate, else the latest.
 */
export function defaultRateYear(rates: AnalysisRates): string | null {
  const totals = rates.rows.filter((r) => r.group === "all" && r.category === null && r.rate_per_100k !== null);
  const periods = rates.dimensions.periods;
  return (
    periods.findLast((p) => totals.some((r) => r.period === p && r.incidents > 0)) ??
    periods.findLast((p) => totals.some((r) => r.period === p)) ??
    periods.at(-1) ??
    null
  );
}
