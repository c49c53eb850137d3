// The summary: per country, how many incidents the bureau accepted in the period, their rate, the
// unknown share and the change on the period before — every number footnoted — and, once, how
// the document's comparisons were adjusted and that synthetic records are counted.
import { periodText, rateUnit } from "../../../figures/periods.js";
import { counted, formatCount, formatPercent } from "../../../figures/words.js";
import { SYNTHETIC_WATERMARK, type Inline } from "../../document.js";
import { cellOf, CURRENT, PREVIOUS, text, type ReportContext } from "../context.js";
import { comparisonDetail, countryNote, rateText, verdictCell } from "../figure-text.js";
import { daysText } from "../notes.js";

export function summary(ctx: ReportContext): Inline[][] {
  const { request, periods } = ctx;
  const paragraphs: Inline[][] = [];
  const categoriesText = request.categories.length > 0 ? ` in ${request.categories.map((c) => `${c} (${ctx.categoryName(c)})`).join(", ")}` : "";
  const current = periods[CURRENT];
  for (const country of request.countries) {
    const here = cellOf(ctx, country, null);
    const before = cellOf(ctx, country, null, "all", PREVIOUS);
    const n = countryNote(ctx, country);
    const content: Inline[] = [
      text(`${ctx.countryName(country)}: ${counted(here.count, "incident")}${categoriesText} occurring ${daysText(current)} were accepted by the bureau`),
      text(
        here.rate
          ? `, ${rateText(here)} ${rateUnit(current)} (95% interval).`
          : `; no population figure is held for ${current.denominator_year}, so no rate is given.`,
      ),
    ];
    const share = ctx.figures.unknownShare(country, null, CURRENT);
    if (share.estimate.share !== null) {
      const e = share.estimate;
      content.push(
        text(
          ` The perpetrators' migration status is unknown or unreported for ${formatCount(share.unknown)} of them (${formatPercent(e.share!)}, 95% interval ${formatPercent(e.lower)}–${formatPercent(e.upper)}).`,
        ),
      );
    }
    const c = ctx.comparison(country, null);
    content.push(
      text(
        c.reason
          ? ` Not compared with ${periodText(periods[PREVIOUS])} (${counted(before.count, "incident")}): ${c.reason}.`
          : ` Against ${periodText(periods[PREVIOUS])} (${counted(before.count, "incident")}): ${verdictCell(c)} (${comparisonDetail(c)}).`,
      ),
      { type: "footnote", n },
    );
    paragraphs.push(content);
  }
  const family = request.countries.length > 0 ? ctx.comparison(request.countries[0]!, null).family : 0;
  if (family > 1) {
    paragraphs.push([
      text(
        `This document sets ${formatCount(family)} figures against the period before. Taken one by one, about one in twenty such comparisons would look significant by chance alone, so they are adjusted together by Holm's method, and a change is called significant only after that adjustment.`,
      ),
      {
        type: "footnote",
        n: ctx.notes.note(
          `Holm's step-down method (S. Holm, "A simple sequentially rejective multiple test procedure", Scandinavian Journal of Statistics 6, 1979, 65–70) keeps the chance of any false call among the ${formatCount(family)} comparisons at 5%. The comparisons made: every category and all categories together, for each country, against ${periodText(periods[PREVIOUS])}.`,
        ),
      },
    ]);
  }
  const all = cellOf(ctx, null, null);
  const synthetic = all.incidents.filter((i) => i.synthetic);
  if (synthetic.length > 0) {
    paragraphs.push([
      text(
        `${SYNTHETIC_WATERMARK}: ${formatCount(synthetic.length)} of the ${counted(all.count, "record")} counted here are synthetic (generated for demonstration or testing); the figures describe no real events.`,
      ),
      { type: "footnote", n: ctx.notes.counted("Synthetic records counted", { period: current, incidents: synthetic }, ctx.details) },
    ]);
  }
  return paragraphs;
}
