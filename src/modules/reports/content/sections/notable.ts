// The most notable accepted incidents of the period, per country: confirmed by the authorities
// first, then corroborated, then by the number of victims, then the most recent; disputed
// records are left out. Each cites its sources by number.
import type { ReportKind } from "../../document.js";
import { spanText } from "../../../../domain/dates.js";
import { LEGAL_STATUS_LABELS, MIGRATION_STATUS_LABELS, VERIFICATION_LABELS } from "../../../../domain/labels.js";
import { counted, formatCount } from "../../../figures/words.js";
import type { Block, Inline } from "../../document.js";
import type { IncidentDetail as ScopeIncident } from "../../../incidents/index.js";
import { cellOf, paragraph, recordsOf, text, type ReportContext } from "../context.js";
import { countryNote } from "../figure-text.js";

const NOTABLE_LIMIT: Record<ReportKind, number> = { cable: 5, country: 8, brief: 3 };

const rank = (i: ScopeIncident) => (i.verification_status === "confirmed_by_authorities" ? 0 : i.verification_status === "corroborated" ? 1 : 2);

export function notableSection(ctx: ReportContext): Block[] {
  const { request } = ctx;
  const blocks: Block[] = [];
  for (const country of request.countries) {
    const here = recordsOf(ctx, cellOf(ctx, country, null).incidents);
    const chosen = here
      .filter((i) => i.verification_status !== "disputed")
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          (b.victims_count ?? -1) - (a.victims_count ?? -1) ||
          (a.occurred_from < b.occurred_from ? 1 : a.occurred_from > b.occurred_from ? -1 : a.number - b.number),
      )
      .slice(0, NOTABLE_LIMIT[request.kind]);
    const label = request.countries.length > 1 ? `${ctx.countryName(country)}: ` : "";
    const note = countryNote(ctx, country);
    if (chosen.length === 0) {
      blocks.push(paragraph(text(`${label}No accepted incident in the period.`)));
      continue;
    }
    blocks.push(
      paragraph(
        text(
          `${label}${formatCount(chosen.length)} of ${counted(here.length, "accepted incident")}, chosen by verification (confirmed by the authorities, then corroborated), then the number of victims; disputed records are left out.`,
        ),
        { type: "footnote", n: note },
      ),
    );
    blocks.push({ type: "list", items: chosen.map((i) => item(ctx, i)) });
  }
  return blocks;
}

function item(ctx: ReportContext, i: ScopeIncident): Inline[] {
  const where = [i.city, i.admin_region].filter(Boolean).join(", ") || ctx.countryName(i.country);
  const when = spanText(i.occurred_from, i.occurred_to);
  const statuses = i.statuses.length === 0 ? "not reported" : [...new Set(i.statuses.map((s) => MIGRATION_STATUS_LABELS[s.status]))].join(", ");
  const summary = i.summary.length > 400 ? `${i.summary.slice(0, 397).trimEnd()}...` : i.summary;
  const categories = i.categories.map((c) => ctx.categoryName(c)).join(", ");
  const content: Inline[] = [
    { type: "text", text: `No. ${i.number}, ${when}, ${where}: ${i.title}.`, strong: true },
    text(
      ` ${summary} Categories: ${categories}. Verification: ${VERIFICATION_LABELS[i.verification_status]}. Legal status: ${LEGAL_STATUS_LABELS[i.legal_status]}. Perpetrators' migration status as reported: ${statuses}.`,
    ),
  ];
  for (const source of i.sources) {
    const n = ctx.notes.citationOf(source.id);
    if (n > 0) content.push({ type: "cite", n });
  }
  if (i.synthetic) content.push(text(" (synthetic record)"));
  return content;
}
