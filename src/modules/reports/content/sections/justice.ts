// Justice and sentencing (the "two-tiered justice" concern): the sentencing comparison of the
// figures module (figures/sentencing.ts, the same as GET /analysis/sentencing) for the report's
// country and period, each country × offence × court level compared or refused with its reason;
// then the notable cases of the period, each outcome side by side with its sentence and, in so
// many words, no statistical claim; then Eurostat's convictions by citizenship as the publisher
// gives them, in its own units. None is comparable with the others, and none says why sentences differ.
import { dayText } from "../../../../domain/dates.js";
import { COURT_LEVEL_LABELS, MIGRATION_STATUS_LABELS } from "../../../../domain/labels.js";
import { sentenceText } from "../../../../domain/case-words.js";
import type { NotableCaseOutput } from "../../../stats/index.js";
import type { SentencingStratum } from "../../../figures/sentencing.js";
import { formatCount, formatP, formatPercent, formatRate } from "../../../figures/words.js";
import type { Block, TableCell } from "../../document.js";
import { periodText } from "../../../figures/periods.js";
import { cell, CURRENT, paragraph, text, type ReportContext } from "../context.js";
import { datasetText, flagText } from "../notes.js";

const CONVICTIONS_DATASET = "crim_just_ctz";

function strataBlocks(ctx: ReportContext, strata: readonly SentencingStratum[], minimumN: number, note: number): Block[] {
  return strata.map((s): Block => {
    const offence = `${s.categories.map(ctx.categoryName).join(", ")}${s.iccs ? ` (ICCS ${s.iccs})` : ""}`;
    const caption = `${ctx.countryName(s.country)}: ${offence}, ${COURT_LEVEL_LABELS[s.courtLevel].toLowerCase()}`;
    if (s.comparison.refused) {
      return paragraph(
        text(
          `${caption}: not compared — ${s.comparison.reason}; each group needs at least ${minimumN} sentenced defendants. ${counted(s.outcomes)} recorded in all.`,
        ),
        { type: "footnote", n: note },
      );
    }
    const { groups, rankTest } = s.comparison;
    const rows: TableCell[][] = groups.map((g) => [
      cell(g.label.charAt(0).toUpperCase() + g.label.slice(1)),
      cell(formatCount(g.n)),
      cell(monthsText(g.medianMonths)),
      cell(`${monthsText(g.quartiles.q1)}–${monthsText(g.quartiles.q3)}`),
      cell(formatPercent(g.suspended.share)),
      cell(formatPercent(g.fined.share)),
    ]);
    rows.push([
      cell(`Mann–Whitney test, two-sided: ${formatP(rankTest.pValue)}${rankTest.pValue < 0.05 ? "" : " (no significant difference in custodial months)"}`),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
    ]);
    return {
      type: "table",
      caption,
      columns: [
        { label: "Defendants reported as", align: "left" },
        { label: "n", align: "right" },
        { label: "Median custodial months", align: "right" },
        { label: "Interquartile range", align: "right" },
        { label: "Suspended", align: "right" },
        { label: "Fined", align: "right" },
      ],
      rows,
      footnote: note,
    };
  });
}

/** A notable case: its outcomes side by side (a withdrawn one shown withdrawn), its account, and the caveat. */
function notableCaseBlocks(ctx: ReportContext, notable: NotableCaseOutput): Block[] {
  const note = ctx.notes.note(
    `A notable case recorded in Rapporteur: the case outcomes it links as recorded, each with its part in the case in the recorder's words and its sentence as the court gave it.`,
  );
  return [
    {
      type: "table",
      caption: `Notable case, ${ctx.countryName(notable.country)}: ${notable.title}`,
      columns: [
        { label: "Part in the case", align: "left" },
        { label: "Offence", align: "left" },
        { label: "Court", align: "left" },
        { label: "Defendant reported as", align: "left" },
        { label: "Decided", align: "left" },
        { label: "Sentence", align: "left" },
      ],
      rows: notable.outcomes.map(({ role, offence_label, case_outcome: o }) => [
        cell(role.charAt(0).toUpperCase() + role.slice(1)),
        cell(offence_label),
        cell(COURT_LEVEL_LABELS[o.court_level]),
        cell(MIGRATION_STATUS_LABELS[o.defendant.migration_status]),
        cell(dayText(o.decision_date)),
        cell(o.withdrawn ? `Withdrawn from the record: ${o.withdrawn.reason}` : sentenceText(o)),
      ]),
      footnote: note,
    },
    paragraph(text(`${notable.description} ${notable.caveat}`), { type: "footnote", n: note }),
  ];
}

const monthsText = (x: number) => x.toLocaleString("en-GB", { maximumFractionDigits: 1 });
const counted = (n: number) => `${formatCount(n)} case outcome${n === 1 ? "" : "s"}`;

export function justiceSection(ctx: ReportContext, heading: string): Block[] {
  const { request, notes, sentencing } = ctx;
  const names = request.countries.map((c) => ctx.countryName(c)).join(", ");
  const blocks: Block[] = [];
  if (sentencing.strata.length === 0) {
    blocks.push(paragraph(text(`No case outcome for ${names} decided in ${request.period.label} is recorded in Rapporteur, so no sentences are compared.`)));
  } else {
    const note = notes.note(
      `Case outcomes recorded in Rapporteur, decided in ${periodText(ctx.periods[CURRENT])}. ${sentencing.rule} Quartiles: R type 7. The rank test is scipy.stats.mannwhitneyu's default (exact without ties when a group has 8 or fewer, otherwise the normal approximation with tie and continuity correction).`,
    );
    blocks.push(
      paragraph(
        text(
          "Sentences for the same offence at the same court level, by the defendant's migration status as reported. A difference does not by itself show unequal treatment: offences within one code differ in gravity, and prior convictions and pleas are not recorded.",
        ),
      ),
      ...strataBlocks(ctx, sentencing.strata, sentencing.minimumN, note),
    );
  }
  for (const notable of ctx.notableCases) blocks.push(...notableCaseBlocks(ctx, notable));
  const convictions = ctx.context.filter((f) => f.dataset === CONVICTIONS_DATASET && f.label.startsWith("Convicted") && request.countries.includes(f.country));
  if (convictions.length > 0) {
    const sources = [...new Map(convictions.map((f) => [`${f.source.publisher}|${f.source.title}`, f.source])).values()];
    for (const s of sources) notes.publishers.add(s.publisher);
    blocks.push({
      type: "table",
      caption: `${heading}: convictions by citizenship, as published`,
      columns: [
        { label: "Country", align: "left" },
        { label: "Figure", align: "left" },
        { label: "Unit", align: "left" },
        { label: "Year", align: "left" },
        { label: "Value", align: "right" },
      ],
      rows: convictions.map((f) => [
        cell(ctx.countryName(f.country)),
        cell(f.label),
        cell(f.unit),
        cell(f.period),
        cell(`${f.measure === "number" ? formatCount(f.value) : formatRate(f.value)}${f.flag ? ` (${flagText(f.flag)})` : ""}`),
      ]),
      footnote: notes.note(
        `Figures as published, in the publisher's units, not comparable with the case outcomes above: ${sources.map(datasetText).join("; ")}.`,
      ),
    });
  }
  return blocks;
}
