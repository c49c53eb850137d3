// Official statistics for context, as the publishers give them: population, foreign citizens,
// asylum applicants, and persons suspected or convicted by citizenship per hundred thousand
// inhabitants — in the publisher's own words for the figure and its unit. Then, where a dataset
// counts a group, that count per 100,000 of the group's own population, computed here and said so.
import { formatCount, formatRate, POPULATION_LABELS } from "../../../figures/words.js";
import type { Block, TableCell } from "../../document.js";
import { cell, CURRENT, paragraph, text, type ReportContext } from "../context.js";
import { datasetText, flagText } from "../notes.js";

export function officialStatisticsSection(ctx: ReportContext, heading: string): Block[] {
  const { request, context, groupRates, notes } = ctx;
  const year = ctx.periods[CURRENT].denominator_year;
  const rows: TableCell[][] = [];
  const datasets = new Map<string, string>();
  const value = (v: number, flag: string | null, whole: boolean) => `${whole ? formatCount(v) : formatRate(v)}${flag ? ` (${flagText(flag)})` : ""}`;
  for (const country of request.countries) {
    const name = ctx.countryName(country);
    for (const citizen of ["TOTAL", "FOR"] as const) {
      const p = ctx.populations.find((f) => f.geo === country && f.year === year && f.citizen === citizen);
      if (!p) continue;
      datasets.set(`${p.source.publisher}|${p.source.title}`, datasetText(p.source));
      rows.push([
        cell(name),
        cell(citizen === "TOTAL" ? "Population" : "Foreign citizens"),
        cell(p.reference === "1 January" ? "Persons on 1 January" : "Persons at mid-year"),
        cell(String(p.year)),
        cell(value(p.value, p.flag, true)),
        cell(p.source.publisher),
      ]);
    }
    const shown = context.filter((c) => c.country === country && (c.measure !== "number" || c.citizen === null || c.citizen === "TOTAL"));
    for (const figure of shown) {
      datasets.set(`${figure.source.publisher}|${figure.source.title}`, datasetText(figure.source));
      rows.push([
        cell(name),
        cell(figure.label),
        cell(figure.unit),
        cell(figure.period),
        cell(value(figure.value, figure.flag, figure.measure === "number")),
        cell(figure.source.publisher),
      ]);
    }
  }
  for (const key of datasets.keys()) notes.publishers.add(key.split("|")[0]!);
  if (rows.length === 0) {
    return [
      paragraph(
        text(
          `No official statistics for ${request.countries.map((c) => ctx.countryName(c)).join(", ")} up to ${year} are held in Rapporteur. Import them (Statistics, or the command line's statistics import) to give these figures context.`,
        ),
      ),
    ];
  }
  const blocks: Block[] = [
    paragraph(
      text(
        "Official statistics, as published, for context: the latest year held up to the report's. They count what the authorities record (suspects, convictions, applications), which is not what the incidents above count, and are not comparable with them. A figure per hundred thousand inhabitants is over everyone living in the country, whichever group it counts.",
      ),
    ),
    {
      type: "table",
      caption: heading,
      columns: [
        { label: "Country", align: "left" },
        { label: "Figure", align: "left" },
        { label: "Unit", align: "left" },
        { label: "Year", align: "left" },
        { label: "Value", align: "right" },
        { label: "Publisher", align: "left" },
      ],
      rows,
      footnote: notes.note(`Figures as published, the latest year held up to ${year}: ${[...datasets.values()].join("; ")}.`),
    },
  ];
  const computed = groupRates.filter((r) => request.countries.includes(r.country));
  if (computed.length > 0) {
    const sources = [...new Map(computed.flatMap((r) => [r.source, r.population.source]).map((src) => [`${src.publisher}|${src.title}`, src])).values()];
    for (const src of sources) notes.publishers.add(src.publisher);
    const n = notes.note(
      `Computed by Rapporteur, not published as such: each count of persons over the population of the same group (citizens, or foreign citizens) on 1 January of the same year, times 100,000; the publisher's own figure per 100,000 inhabitants is in the table above. From ${sources.map(datasetText).join("; ")}.`,
    );
    blocks.push({
      type: "table",
      caption: "Per 100,000 of the group's own population (computed by Rapporteur)",
      columns: [
        { label: "Country", align: "left" },
        { label: "Figure", align: "left" },
        { label: "Year", align: "left" },
        { label: "Persons", align: "right" },
        { label: "Population of the group", align: "right" },
        { label: "Per 100,000 of the group", align: "right" },
      ],
      rows: computed.map((r) => [
        cell(ctx.countryName(r.country)),
        cell(r.label),
        cell(r.period),
        cell(formatCount(r.count)),
        cell(`${formatCount(r.population.value)} ${POPULATION_LABELS[r.population.citizen]}`),
        cell(formatRate(r.rate)),
      ]),
      footnote: n,
    });
  }
  return blocks;
}
