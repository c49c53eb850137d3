// By perpetrators' migration status as reported: every status with its count and share, `unknown`
// first and always there; rates for the groups that have a population of their own (citizens per
// citizen, foreign nationals per foreign citizen), each with its caveat. Several countries: one
// table of every status by country, and one of the groups' rates.
import { MIGRATION_STATUSES } from "../../../../domain/vocabulary.js";
import { shareWithInterval } from "../../../../domain/stats/index.js";
import { periodText } from "../../../figures/periods.js";
import { GROUP_TEXTS, hasStatus, type RateGroup } from "../../../figures/rules.js";
import { MIGRATION_STATUS_LABELS } from "../../../../domain/labels.js";
import { formatCount, formatPercent, POPULATION_LABELS } from "../../../figures/words.js";
import type { Block, TableCell } from "../../document.js";
import { cell, cellOf, CURRENT, paragraph, text, type ReportContext } from "../context.js";
import { countryNote, rateText, scopeNote, shareText } from "../figure-text.js";

const STATUSES = ["unknown", ...MIGRATION_STATUSES.filter((s) => s !== "unknown")] as const;
const GROUPS: RateGroup[] = ["citizens", "foreign_nationals"];

/** What each group is and where it and its population do not fit: shown with the rates, not in a note. */
function groupCaveats(): Block {
  return paragraph(text(GROUPS.map((g) => `${GROUP_TEXTS[g].label}: ${GROUP_TEXTS[g].description} ${GROUP_TEXTS[g].caveats.join(" ")}`).join(" ")));
}

export function statusSection(ctx: ReportContext, heading: string): Block[] {
  if (ctx.request.countries.length > 1) return statusCompared(ctx, heading);
  const blocks: Block[] = [];
  const current = ctx.periods[CURRENT];
  for (const country of ctx.request.countries) {
    const name = ctx.countryName(country);
    const note = countryNote(ctx, country);
    const here = cellOf(ctx, country, null).incidents;
    blocks.push({
      type: "table",
      caption: `${heading}: ${name}, every status`,
      columns: [
        { label: "Status as reported", align: "left" },
        { label: "Incidents", align: "right" },
        { label: "Share of incidents (95% CI)", align: "right" },
      ],
      rows: STATUSES.map((status) => {
        const n = here.filter((i) => hasStatus(i, status)).length;
        return [
          cell(status === "unknown" ? "unknown or not reported" : MIGRATION_STATUS_LABELS[status]),
          cell(formatCount(n)),
          cell(shareText(shareWithInterval(n, here.length))),
        ];
      }),
      footnote: note,
    });
    const rows: TableCell[][] = GROUPS.map((group) => {
      const c = cellOf(ctx, country, null, group);
      const figure = c.denominator?.figures[0];
      return [
        cell(GROUP_TEXTS[group].label),
        cell(formatCount(c.count)),
        cell(rateText(c)),
        cell(
          figure
            ? `${formatCount(figure.value)} ${POPULATION_LABELS[figure.citizen]} (${figure.source.publisher})`
            : `none held for ${current.denominator_year}`,
        ),
      ];
    });
    const unknown = cellOf(ctx, country, null, "unknown");
    rows.push([cell(GROUP_TEXTS.unknown.label), cell(formatCount(unknown.count)), cell("no rate: no population"), cell("—")]);
    blocks.push({
      type: "table",
      caption: `Rates by perpetrators' citizenship, ${name}`,
      columns: [
        { label: "Perpetrators", align: "left" },
        { label: "Incidents", align: "right" },
        { label: "Rate per 100,000 of the group (95% CI)", align: "right" },
        { label: "Denominator", align: "left" },
      ],
      rows,
      footnote: note,
    });
    blocks.push(groupCaveats());
    const missing = GROUPS.filter((g) => !cellOf(ctx, country, null, g).denominator);
    if (missing.length > 0) {
      blocks.push(
        paragraph(
          text(
            `No population by citizenship is held for ${name} in ${current.denominator_year}, so ${missing.map((g) => GROUP_TEXTS[g].label.toLowerCase()).join(" and ")} have counts but no rate.`,
          ),
        ),
      );
    }
  }
  return blocks;
}

function statusCompared(ctx: ReportContext, heading: string): Block[] {
  const { countries } = ctx.request;
  const note = scopeNote(ctx);
  const counts: Block = {
    type: "table",
    caption: `${heading}: every status, by country`,
    columns: [{ label: "Status as reported", align: "left" }, ...countries.map((c) => ({ label: ctx.countryName(c), align: "right" as const }))],
    rows: STATUSES.map((status) => [
      cell(status === "unknown" ? "unknown or not reported" : MIGRATION_STATUS_LABELS[status]),
      ...countries.map((country) => {
        const here = cellOf(ctx, country, null).incidents;
        const n = here.filter((i) => hasStatus(i, status)).length;
        return cell(here.length === 0 ? "0" : `${formatCount(n)} (${formatPercent(n / here.length)})`);
      }),
    ]),
    footnote: note,
  };
  const rates: Block = {
    type: "table",
    caption: `Rates by perpetrators' citizenship, by country, ${periodText(ctx.periods[CURRENT])}`,
    columns: [
      { label: "Country", align: "left" },
      ...GROUPS.map((g) => ({ label: `${GROUP_TEXTS[g].label}: rate per 100,000 of the group (95% CI)`, align: "right" as const })),
      { label: "Unknown or not reported", align: "right" },
    ],
    rows: countries.map((country) => [
      cell(ctx.countryName(country)),
      ...GROUPS.map((group) => {
        const c = cellOf(ctx, country, null, group);
        return cell(`${formatCount(c.count)}: ${rateText(c)}`);
      }),
      cell(formatCount(cellOf(ctx, country, null, "unknown").count)),
    ]),
    footnote: note,
  };
  return [counts, rates, groupCaveats()];
}
