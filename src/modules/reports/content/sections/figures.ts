// Per country: incidents by category in the period, their rates per 100,000 (for the categories
// that take one), the unknown share and the change on the period before, in one table with one
// note; a chart of the rates (or counts); and incidents by month, each in the month that holds it.
import { calendarPeriods, periodText, placeIncident, rateUnit } from "../../../figures/periods.js";
import { takesRate } from "../../../figures/rules.js";
import { counted, formatCount } from "../../../figures/words.js";
import type { Block, TableCell } from "../../document.js";
import { cell, cellOf, CURRENT, paragraph, PREVIOUS, round, text, type ReportContext } from "../context.js";
import { countryNote, rateText, shareText, verdictCell } from "../figure-text.js";

export function figuresSection(ctx: ReportContext, heading: string): Block[] {
  const { request, topCategories } = ctx;
  const current = ctx.periods[CURRENT];
  const blocks: Block[] = [];
  for (const country of request.countries) {
    const name = ctx.countryName(country);
    const note = countryNote(ctx, country);
    const all = cellOf(ctx, country, null);
    const rows: TableCell[][] = [];
    const points: { x: string; y: number | null; low?: number | null; high?: number | null }[] = [];
    for (const category of [...topCategories, null]) {
      const here = cellOf(ctx, country, category);
      const label = category === null ? "All categories (distinct incidents)" : `${category} ${ctx.categoryName(category)}`;
      rows.push([
        cell(label),
        cell(formatCount(here.count)),
        cell(rateText(here)),
        cell(shareText(ctx.figures.unknownShare(country, category, CURRENT).estimate)),
        cell(verdictCell(ctx.comparison(country, category))),
      ]);
      if (category !== null && takesRate(category))
        points.push(
          here.rate ? { x: category, y: round(here.rate.rate), low: round(here.rate.lower), high: round(here.rate.upper) } : { x: category, y: null },
        );
    }
    blocks.push({
      type: "table",
      caption: `${request.countries.length > 1 ? `${heading}: ${name}` : heading}${current.kind === "year" && current.complete ? "" : `, rates over the ${formatCount(current.days)} days counted`}`,
      columns: [
        { label: "Category", align: "left" },
        { label: "Incidents", align: "right" },
        { label: "Rate per 100,000 (95% CI)", align: "right" },
        { label: "Status unknown (95% CI)", align: "right" },
        { label: `Against ${periodText(ctx.periods[PREVIOUS])}`, align: "left" },
      ],
      rows,
      footnote: note,
    });
    const rated = all.denominator !== null;
    blocks.push({
      type: "chart",
      kind: "bar",
      title: rated ? `Incidents ${rateUnit(current)} by category, ${name}, ${periodText(current)}` : `Incidents by category, ${name}, ${periodText(current)}`,
      unit: rated ? rateUnit(current) : "incidents",
      series: [{ label: name, points: rated ? points : topCategories.map((c) => ({ x: c, y: cellOf(ctx, country, c).count })) }],
      footnote: note,
    });
    blocks.push(...byMonth(ctx, country));
  }
  return blocks;
}

/** A line of incidents by month for a year or a range of 3 to 36 months; loosely dated ones are said to be in no month. */
function byMonth(ctx: ReportContext, country: string): Block[] {
  const period = ctx.periods[CURRENT];
  if (period.kind !== "year" && period.kind !== "range") return [];
  // Months only bin the period's days here; whether each is over does not matter.
  const months = calendarPeriods("month", period.from, period.until, "9999-12-31");
  if (months.length < 3 || months.length > 36) return [];
  const here = cellOf(ctx, country, null).incidents;
  const placed = here.map((i) => placeIncident(i, months));
  const notPlaced = placed.filter((p) => p < 0).length;
  const name = ctx.countryName(country);
  const note = countryNote(ctx, country);
  const blocks: Block[] = [
    {
      type: "chart",
      kind: "line",
      title: `Incidents by month of occurrence, ${name}`,
      unit: "incidents",
      series: [{ label: "Incidents", points: months.map((m, i) => ({ x: m.key, y: placed.filter((p) => p === i).length })) }],
      footnote: note,
    },
  ];
  if (notPlaced > 0)
    blocks.push(
      paragraph(
        text(
          `${counted(notPlaced, "incident")} of ${formatCount(here.length)} ${notPlaced === 1 ? "is" : "are"} dated too loosely to place in one month and ${notPlaced === 1 ? "is" : "are"} left out of the chart by month.`,
        ),
        { type: "footnote", n: note },
      ),
    );
  return blocks;
}
