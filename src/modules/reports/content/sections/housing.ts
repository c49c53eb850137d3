// Housing and displacement (the displacement concern; Ireland is named in the tasking): each
// housing series held for the country (figures/housing.ts, the same as GET /analysis/housing) at
// its latest period up to the report's, in its own unit with its base year and publisher, and the
// country's housing and displacement incidents counted in the report's period. Side by side only:
// nothing here says one moves another.
import { counted, formatCount } from "../../../figures/words.js";
import type { Block } from "../../document.js";
import { cell, cellOf, paragraph, text, type ReportContext } from "../context.js";
import { scopeNote } from "../figure-text.js";
import { datasetText, flagText } from "../notes.js";

export function housingSection(ctx: ReportContext, heading: string): Block[] {
  const { request, notes, housing } = ctx;
  const blocks: Block[] = [];
  for (const country of request.countries) {
    const name = ctx.countryName(country);
    const events = ctx.topCategories.includes("HD") ? cellOf(ctx, country, "HD").count : null;
    blocks.push(
      paragraph(
        text(
          events === null
            ? `Housing and displacement events are not among the categories this report counts for ${name}.`
            : `${counted(events, "housing and displacement event")} (housing acquired or requisitioned for accommodation, evictions, protests) recorded for ${name} in ${request.period.label} and accepted.`,
        ),
        ...(events === null ? [] : [{ type: "footnote" as const, n: scopeNote(ctx, [country]) }]),
      ),
    );
    const series = housing.filter((s) => s.country === country);
    if (series.length === 0) {
      blocks.push(paragraph(text(`No house-price, rent, asylum or reception series for ${name} is held in Rapporteur.`)));
      continue;
    }
    for (const s of series) notes.publishers.add(s.source.publisher);
    blocks.push({
      type: "table",
      caption: `${heading}: ${name}, the latest figure of each series up to ${request.period.label}`,
      columns: [
        { label: "Series", align: "left" },
        { label: "Unit", align: "left" },
        { label: "Base year", align: "left" },
        { label: "Period", align: "left" },
        { label: "Value", align: "right" },
        { label: "Publisher", align: "left" },
      ],
      rows: series.map((s) => {
        const last = s.points.at(-1)!;
        return [
          cell(s.measure ? `${s.label} (${s.measure})` : s.label),
          cell(s.unit),
          cell(s.baseYear === null ? "—" : String(s.baseYear)),
          cell(last.period),
          cell(
            `${s.baseYear === null ? formatCount(last.value) : last.value.toLocaleString("en-GB", { maximumFractionDigits: 2 })}${last.flag ? ` (${flagText(last.flag)})` : ""}`,
          ),
          cell(s.source.publisher),
        ];
      }),
      footnote: notes.note(
        `Each series in its own unit, as published; series that move together are not thereby shown to affect one another. ${series.map((s) => datasetText(s.source)).join("; ")}.`,
      ),
    });
  }
  return blocks;
}
