// "Engagement with the host government": the accepted engagements of a country report's period
// (or those a tasking response links, in its cable), counted by the counterpart's level and by the
// response (every response column shown, "no response yet" included, so a silence is not hidden),
// then the notable ones with date, office, level, message and response. Which are notable: those
// the bureau marked notable; when it marked none, the latest few. Pure: the callers read them.
import { dayText } from "../../../../domain/dates.js";
import { COUNTERPART_LEVEL_LABELS, ENGAGEMENT_KIND_LABELS, ENGAGEMENT_RESPONSE_LABELS, OFFICE_TYPE_LABELS } from "../../../../domain/labels.js";
import { COUNTERPART_LEVELS, ENGAGEMENT_RESPONSES } from "../../../../domain/vocabulary.js";
import type { EngagementOutput } from "../../../engagements/index.js";
import { counted, formatCount } from "../../../figures/words.js";
import type { Block } from "../../document.js";
import type { ReportContext } from "../context.js";

/** How many of the latest are named when the bureau marked none notable. */
const LATEST_NOTABLE = 5;

export function engagementBlocks(
  engagements: readonly EngagementOutput[],
  options: { where: string; period: string; caption: string; notable: "marked_or_latest" | "all" },
): Block[] {
  if (engagements.length === 0) {
    return [{ type: "paragraph", content: [{ type: "text", text: `No engagement with the government of ${options.where} was accepted ${options.period}.` }] }];
  }
  const responded = engagements.filter((e) => e.response !== "no_response_yet").length;
  const blocks: Block[] = [
    {
      type: "paragraph",
      content: [
        {
          type: "text",
          text: `${counted(engagements.length, "engagement")} with the government of ${options.where} ${options.period}; ${formatCount(responded)} with a response so far.`,
        },
      ],
    },
    {
      type: "table",
      caption: options.caption,
      columns: [
        { label: "Level", align: "left" },
        ...ENGAGEMENT_RESPONSES.map((r) => ({ label: ENGAGEMENT_RESPONSE_LABELS[r], align: "right" as const })),
        { label: "All", align: "right" },
      ],
      rows: [...COUNTERPART_LEVELS, null].map((level) => {
        const here = engagements.filter((e) => level === null || e.counterpart.level === level);
        return [
          { text: level === null ? "All levels" : COUNTERPART_LEVEL_LABELS[level] },
          ...ENGAGEMENT_RESPONSES.map((r) => ({ text: formatCount(here.filter((e) => e.response === r).length) })),
          { text: formatCount(here.length) },
        ];
      }),
    },
  ];
  const marked = engagements.filter((e) => e.notable);
  const chosen =
    options.notable === "all"
      ? [...engagements]
      : marked.length > 0
        ? marked
        : [...engagements].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, LATEST_NOTABLE);
  blocks.push({
    type: "paragraph",
    content: [
      {
        type: "text",
        text:
          options.notable === "all"
            ? "The engagements:"
            : marked.length > 0
              ? "Notable engagements, as the bureau marked them:"
              : `The latest ${counted(chosen.length, "engagement")} (the bureau marked none notable):`,
      },
    ],
  });
  blocks.push({
    type: "list",
    items: chosen.map((e) => [
      { type: "text", text: `${dayText(e.date)}, ${ENGAGEMENT_KIND_LABELS[e.kind].toLowerCase()} with ${e.counterpart.office}`, strong: true },
      {
        type: "text",
        text: ` (${COUNTERPART_LEVEL_LABELS[e.counterpart.level].toLowerCase()}, ${OFFICE_TYPE_LABELS[e.counterpart.office_type].toLowerCase()}). Message: ${e.message.trim()} Response: ${ENGAGEMENT_RESPONSE_LABELS[e.response].toLowerCase()}${e.response_text ? `: ${e.response_text.trim()}` : "."}`,
      },
    ]),
  });
  return blocks;
}

/** The country report's section: per country, its accepted engagements of the report's period. */
export function engagementSection(ctx: ReportContext, heading: string): Block[] {
  return ctx.request.countries.flatMap((country) => {
    const name = ctx.countryName(country);
    return engagementBlocks(
      ctx.engagements.filter((e) => e.country === country),
      {
        where: name,
        period: `in ${ctx.request.period.label}`,
        caption: `${heading}: ${name}, accepted engagements by the counterpart's level and the response`,
        notable: "marked_or_latest",
      },
    );
  });
}
