// Official statistics for context, as the publishers give them: population, foreign citizens,
// asylum applicants, and persons suspected or convicted by citizenship per hundred thousand
// inhabitants — in the publisher's own words for the figure and its unit. Then, where a dataset
// counts a group, that count per 100,000 of the group's own population, computed here and said so.
import { counted, formatCount, formatRate, POPULATION_LABELS } from "../../../figures/words.js";
import type { Block, TableCell } from "../../document.js";
import { cell, CURRENT, paragraph, text, type ReportContext } from "../context.js";
import { datasetText, flagText } from "../notes.js";

export function officialStatisticsSection(ctx: ReportContext, heading: string): Block[] {
  const { request, context, groupRates, notes } = ctx;
  const year = ctx.periods[CURRENT].denominator_year;
  const rows: TableCell[][] = [];
  for (const country of request.countries) {
    const name = ctx.countryName(country);
    for (const citizen of ["TOTAL", "FOR"] as const) {
      const p = ctx.populations.find((f) => f.geo === country && f.year === year && f.citizen === citizen);
      if (!p) continue;
      notes.publishers.add(p.source.publisher);
      const label = citizen === "TOTAL" ? "Population" : "Foreign citizens";
      const n = notes.note(`${label}, ${name}, ${p.reference === "1 January" ? `1 January ${p.year}` : `mid-year ${p.year}`}: ${datasetText(p.source)}${p.flag ? `; flagged ${flagText(p.flag)}` : ""}.`);
      rows.push([cell(name), cell(label), cell("Persons"), cell(String(p.year)), cell(`${formatCount(p.value)}${p.flag ? ` (${flagText(p.flag)})` : ""}`, n), cell(p.source.publisher)]);
    }
    for (const figure of context.filter((c) => c.country === country && c.measure !== "number")) {
      notes.publishers.add(figure.source.publisher);
      const n = notes.note(`${figure.label}, ${figure.unit.toLowerCase()}, ${name}, ${figure.period}: ${datasetText(figure.source)}${figure.flag ? `; flagged ${flagText(figure.flag)}` : ""}.`);
      rows.push([cell(name), cell(figure.label), cell(figure.unit), cell(figure.period), cell(`${formatRate(figure.value)}${figure.flag ? ` (${flagText(figure.flag)})` : ""}`, n), cell(figure.source.publisher)]);
    }
    for (const figure of context.filter((c) => c.country === country && c.measure === "number" && (c.citizen === null || c.citizen === "TOTAL"))) {
      notes.publishers.add(figure.source.publisher);
      const n = notes.note(`${figure.label}, ${name}, ${figure.period}: ${datasetText(figure.source)}${figure.flag ? `; flagged ${flagText(figure.flag)}` : ""}.`);
      rows.push([cell(name), cell(figure.label), cell(figure.unit), cell(figure.period), cell(`${formatCount(figure.value)}${figure.flag ? ` (${flagText(figure.flag)})` : ""}`, n), cell(figure.source.publisher)]);
    }
  }
  if (rows.length === 0) {
    return [paragraph(text(`No official statistics for ${request.countries.map((c) => ctx.countryName(c)).join(", ")} up to ${year} are held in Rapporteur. Import them (Statistics, or the command line's statistics import) to give these figures context.`))];
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
    },
  ];
  const computed = groupRates.filter((r) => request.countries.includes(r.country));
  if (computed.length > 0) {
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
      rows: computed.map((r) => {
        notes.publishers.add(r.source.publisher);
        notes.publishers.add(r.population.source.publisher);
        const n = notes.note(
          `${r.label}, ${ctx.countryName(r.country)}, ${r.period}: ${counted(r.count, "person")} (${datasetText(r.source)}) over the ${POPULATION_LABELS[r.population.citizen]} on 1 January ${r.population.year}, ${formatCount(r.population.value)} (${datasetText(r.population.source)}), times 100,000. Computed by Rapporteur, not published as such; the publisher's own figure per hundred thousand inhabitants is in the table above.`,
        );
        return [cell(ctx.countryName(r.country)), cell(r.label), cell(r.period), cell(formatCount(r.count), n), cell(formatCount(r.population.value), n), cell(formatRate(r.rate), n)];
      }),
    });
  }
  return blocks;
}
