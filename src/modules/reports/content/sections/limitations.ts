// What the data cannot say, from the data: what an interval covers and what it does not, coverage,
// the unknown share, small counts, missing denominators, records that could not be placed in the
// period, how many rest on one source, a change of sources, and synthetic records. Every number
// here is footnoted like any figure.
import { shareWithInterval } from "../../../../domain/stats/index.js";
import { isUnknown, SMALL_COUNT, takesRate } from "../../../figures/rules.js";
import { counted, formatCount, formatPercent } from "../../../figures/words.js";
import { SYNTHETIC_WATERMARK, type Block, type Inline } from "../../document.js";
import { cellOf, CURRENT, PREVIOUS, recordsOf, text, type ReportContext } from "../context.js";
import { scopeNote } from "../figure-text.js";
import { daysText } from "../notes.js";

export function limitationsSection(ctx: ReportContext): Block[] {
  const { request, topCategories, periods, notes } = ctx;
  const all = cellOf(ctx, null, null);
  const before = cellOf(ctx, null, null, "all", PREVIOUS);
  const scope = () => scopeNote(ctx);
  const footnote = (n: number): Inline => ({ type: "footnote", n });
  const items: Inline[][] = [
    [
      text(
        "The figures count incidents that sources reported, posts recorded and the bureau accepted. They are not a census of crime or abuse: what is reported depends on the media, on the authorities' statements and on each post's capacity, and the categories are recorded the same way whoever the perpetrators are.",
      ),
    ],
    [
      text(
        "Each interval reflects only the chance variation of counts (Poisson variation). It does not cover changes in coverage — which posts report, how many officers, which sources are watched — which can move the counts far more than the interval suggests.",
      ),
    ],
  ];
  const unknown = all.incidents.filter(isUnknown).length;
  const share = shareWithInterval(unknown, all.count);
  if (share.share !== null) {
    items.push([
      text(
        `The perpetrators' migration status is unknown or not reported for ${formatCount(unknown)} of ${counted(all.count, "incident")} (${formatPercent(share.share)}, 95% interval ${formatPercent(share.lower)}–${formatPercent(share.upper)}). Counts and rates by status are lower bounds for every group by up to that many incidents.`,
      ),
      footnote(scope()),
    ]);
  }
  const small: string[] = [];
  for (const country of request.countries) {
    for (const category of topCategories) {
      const n = cellOf(ctx, country, category).count;
      if (n > 0 && n < SMALL_COUNT)
        small.push(request.countries.length > 1 ? `${ctx.countryName(country)} ${ctx.categoryName(category)}` : ctx.categoryName(category));
    }
  }
  if (small.length > 0)
    items.push([text(`Counts below ten (${small.join("; ")}) have wide intervals; read them as indicative, not as levels or trends.`), footnote(scope())]);
  const missing = [
    ...new Set(
      request.countries.flatMap((country) =>
        [CURRENT, PREVIOUS].flatMap((p) =>
          cellOf(ctx, country, null, "all", p).denominator ? [] : [`${ctx.countryName(country)} ${periods[p]!.denominator_year}`],
        ),
      ),
    ),
  ];
  if (missing.length > 0 && topCategories.some(takesRate))
    items.push([
      text(`No population figure is held for ${missing.join(", ")}: those figures are counts without rates, and are not compared with another period.`),
    ]);
  const notPlaced = ctx.figures.unplaced;
  if (notPlaced.length > 0) {
    items.push([
      text(
        `${counted(notPlaced.length, "accepted incident")} overlapping these periods ${notPlaced.length === 1 ? "is" : "are"} dated too loosely to place in one of them (known only to the month or the year, running past the period) and ${notPlaced.length === 1 ? "is" : "are"} counted in neither.`,
      ),
      footnote(notes.counted("Incidents not placed in a period", { period: periods[CURRENT], incidents: notPlaced }, ctx.details)),
    ]);
  }
  if (all.count > 0) {
    const records = recordsOf(ctx, all.incidents);
    const verified = records.filter((i) => i.verification_status === "confirmed_by_authorities" || i.verification_status === "corroborated").length;
    const single = records.filter((i) => i.sources.length <= 1).length;
    items.push([
      text(
        `${formatCount(verified)} of ${counted(all.count, "incident")} ${verified === 1 ? "is" : "are"} confirmed by the authorities or corroborated; ${formatCount(single)} ${single === 1 ? "rests" : "rest"} on a single source or none.`,
      ),
      footnote(scope()),
    ]);
  }
  const publishers = (incidents: typeof all.incidents) => new Set(recordsOf(ctx, incidents).flatMap((i) => i.sources.map((s) => s.publisher)));
  const now = publishers(all.incidents);
  const then = publishers(before.incidents);
  const added = [...now].filter((p) => !then.has(p));
  if (before.count > 0 && added.length > 0 && added.length >= Math.max(2, then.size / 2)) {
    items.push([
      text(
        `Source coverage changed: ${formatCount(added.length)} publishers cited ${daysText(periods[CURRENT])} were not cited ${daysText(periods[PREVIOUS])} (${added.slice(0, 6).join(", ")}${added.length > 6 ? ", ..." : ""}). New sources can create an apparent rise that is not a change in events.`,
      ),
      footnote(scope()),
    ]);
  }
  const synthetic = all.incidents.filter((i) => i.synthetic);
  if (synthetic.length > 0) {
    items.push([
      text(`${SYNTHETIC_WATERMARK}: this report includes ${counted(synthetic.length, "synthetic record")}.`),
      footnote(notes.counted("Synthetic records counted", { period: periods[CURRENT], incidents: synthetic }, ctx.details)),
    ]);
  }
  if (all.count === 0) items.push([text("No accepted incident falls in this period: the absence of records is not evidence that nothing happened.")]);
  return [{ type: "list", items }];
}
