// Countries side by side (comparative brief): a table of counts, rates and unknown shares, a
// chart of the rates with their intervals and a map; then incidents by category and country.
import { periodText, rateUnit } from "../../../figures/periods.js";
import { formatCount } from "../../../figures/words.js";
import type { Block, TableCell } from "../../document.js";
import { cell, cellOf, CURRENT, paragraph, round, text, type ReportContext } from "../context.js";
import { rateText, scopeNote, shareText } from "../figure-text.js";

/** Countries a map of Europe frames (the EU, EFTA, the UK and their neighbours). */
const EUROPE = new Set(
  "AL AD AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK".split(" "),
);

export function comparisonSection(ctx: ReportContext, heading: string): Block[] {
  const { countries } = ctx.request;
  const current = ctx.periods[CURRENT];
  const note = scopeNote(ctx);
  const rows: TableCell[][] = [];
  const points: { x: string; y: number | null; low?: number | null; high?: number | null }[] = [];
  const mapValues: { country: string; value: number | null }[] = [];
  for (const country of countries) {
    const here = cellOf(ctx, country, null);
    rows.push([
      cell(ctx.countryName(country)),
      cell(formatCount(here.count)),
      cell(rateText(here)),
      cell(shareText(ctx.figures.unknownShare(country, null, CURRENT).estimate)),
    ]);
    points.push(here.rate ? { x: country, y: round(here.rate.rate), low: round(here.rate.lower), high: round(here.rate.upper) } : { x: country, y: null });
    mapValues.push({ country, value: here.rate ? round(here.rate.rate) : null });
  }
  const anyRate = points.some((p) => p.y !== null);
  const extent = countries.every((c) => EUROPE.has(c)) ? "europe" : "world";
  const unit = rateUnit(current);
  return [
    {
      type: "table",
      caption: `${heading}${current.kind === "year" && current.complete ? "" : `, rates over the ${formatCount(current.days)} days counted`}`,
      columns: [
        { label: "Country", align: "left" },
        { label: "Incidents", align: "right" },
        { label: "Rate per 100,000 (95% CI)", align: "right" },
        { label: "Status unknown (95% CI)", align: "right" },
      ],
      rows,
      footnote: note,
    },
    paragraph(
      text(
        "Where two countries' intervals overlap, the difference between their rates may be due to chance; differences in what each post can collect also shape these counts, so the table ranks nothing.",
      ),
    ),
    anyRate
      ? { type: "chart", kind: "bar", title: `Incidents ${unit}, ${periodText(current)}`, unit, series: [{ label: "Rate", points }], footnote: note }
      : {
          type: "chart",
          kind: "bar",
          title: `Incidents, ${periodText(current)}`,
          unit: "incidents",
          series: [{ label: "Incidents", points: countries.map((c) => ({ x: c, y: cellOf(ctx, c, null).count })) }],
          footnote: note,
        },
    anyRate
      ? { type: "map", title: `Incidents ${unit}, ${periodText(current)}`, values: mapValues, unit, extent, footnote: note }
      : {
          type: "map",
          title: `Incidents, ${periodText(current)}`,
          values: countries.map((c) => ({ country: c, value: cellOf(ctx, c, null).count })),
          unit: "incidents",
          extent,
          footnote: note,
        },
    {
      type: "table",
      caption: "Incidents by category and country",
      columns: [{ label: "Category", align: "left" }, ...countries.map((c) => ({ label: ctx.countryName(c), align: "right" as const }))],
      rows: ctx.topCategories.map((category) => [
        cell(`${category} ${ctx.categoryName(category)}`),
        ...countries.map((country) => cell(formatCount(cellOf(ctx, country, category).count))),
      ]),
      footnote: note,
    },
  ];
}
