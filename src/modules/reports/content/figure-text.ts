// How a report words the figures module's results, once for every section: a rate with its
// interval, a share, a comparison as this document calls it (after the family's adjustment), and
// the one note that serves all of a country's figures in the period.
import type { ShareEstimate, UndefinedShare } from "../../../domain/stats/index.js";
import type { AdjustedComparison } from "../../figures/compare.js";
import type { FigureCell } from "../../figures/engine.js";
import { formatInterval, formatP, formatPercent, formatRate, listText, verdictText } from "../../figures/words.js";
import { cellOf, CURRENT, PREVIOUS, type ReportContext } from "./context.js";

/** "0.00241 (0.000292–0.00870)" */
export function rateText(cell: FigureCell): string {
  if (!cell.rate) return noRateText(cell);
  return `${formatRate(cell.rate.rate)} (${formatInterval(cell.rate.lower, cell.rate.upper)})`;
}

/** Why a cell has no rate, briefly, for a table cell. */
function noRateText(cell: FigureCell): string {
  if (cell.group === "unknown") return "no rate: no population";
  if (cell.no_rate_reason?.startsWith("counts only")) return "counts only";
  return "no population figure";
}

/** "50% (9%–91%)", or "—" for a share of nothing. */
export function shareText(share: ShareEstimate | UndefinedShare): string {
  return share.share === null ? "—" : `${formatPercent(share.share)} (${formatPercent(share.lower)}–${formatPercent(share.upper)})`;
}

/** A comparison as this document calls it: "no significant change", "a significant increase", "not compared". */
export function verdictCell(c: AdjustedComparison): string {
  return c.adjusted_verdict === null ? "not compared" : verdictText(c.adjusted_verdict);
}

/** "ratio 0.50 (95% interval 0.05–3.0), p = 0.62" or the reason it was not compared. */
export function comparisonDetail(c: AdjustedComparison): string {
  if (c.reason) return c.reason;
  if (c.ratio === null) return "no incident in either period";
  const ratio = Number.isFinite(c.ratio) ? `ratio ${formatRate(c.ratio)}` : "no incident in the earlier period";
  const adjusted = c.family > 1 ? ` (${formatP(c.adjusted_p!).replace(/^p = /, "").replace(/^p /, "")} after adjustment)` : "";
  return `${ratio}, 95% interval ${formatInterval(c.low ?? 0, c.high)}, ${formatP(c.p_value!)}${adjusted}`;
}

/** The note that serves every figure of a country in the period: its records, the earlier period's, the denominators and methods. */
export function countryNote(ctx: ReportContext, country: string): number {
  return scopeNote(ctx, [country]);
}

/** The one note of figures over several countries (all of a brief's): the same words over all their records. */
export function scopeNote(ctx: ReportContext, countries: readonly string[] = ctx.request.countries): number {
  const one = countries.length === 1 ? countries[0]! : null;
  const current = cellOf(ctx, one, null, "all", CURRENT);
  const previous = cellOf(ctx, one, null, "all", PREVIOUS);
  const family = ctx.comparison(countries[0]!, null).family;
  const groups = countries.flatMap((c) =>
    (["all", "citizens", "foreign_nationals"] as const).flatMap((g) => [CURRENT, PREVIOUS].map((p) => cellOf(ctx, c, null, g, p))),
  );
  const extra = [
    `Changes: ratio of rates per person-day, exact 95% interval${family > 1 ? `, significant only after Holm's adjustment over the ${family} comparisons made here` : ""}.`,
  ];
  return ctx.notes.counted(`Incidents in ${listText(countries.map((c) => ctx.countryName(c)))}`, current, ctx.details, {
    previous,
    populations: groups.flatMap((c) => c.denominator?.figures ?? []),
    extra,
  });
}
