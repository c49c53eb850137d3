// How the figures were counted, in the figures module's own words.
import { CONDITIONAL_METHOD, GARWOOD_METHOD, HOLM_METHOD, WILSON_METHOD } from "../../../../domain/stats/index.js";
import { PLACEMENT_RULE } from "../../../figures/periods.js";
import { COUNT_ONLY_REASON, takesRate } from "../../../figures/rules.js";
import type { Block } from "../../document.js";
import { text, type ReportContext } from "../context.js";

const REFERENCES =
  "References: F. Garwood, Fiducial limits for the Poisson distribution, Biometrika 28 (1936) 437–442; E. B. Wilson, Probable inference, the law of succession, and statistical inference, Journal of the American Statistical Association 22 (1927) 209–212; C. J. Clopper and E. S. Pearson, The use of confidence or fiducial limits illustrated in the case of the binomial, Biometrika 26 (1934) 404–413; S. Holm, A simple sequentially rejective multiple test procedure, Scandinavian Journal of Statistics 6 (1979) 65–70.";

export function methodSection(ctx: ReportContext): Block[] {
  const countOnly = ctx.topCategories.filter((c) => !takesRate(c)).map((c) => ctx.categoryName(c));
  const n = ctx.notes.note(REFERENCES);
  const cite = { type: "footnote", n } as const;
  return [
    {
      type: "list",
      items: [
        [
          text(
            `Counted: distinct incidents accepted or published by the bureau, never retracted ones. ${PLACEMENT_RULE} An incident filed under several categories counts once under each; the totals count it once.`,
          ),
        ],
        [
          text(
            `Rates per 100,000 residents use the population on 1 January of the period's first year (Eurostat) or the mid-year population (World Bank) where Eurostat has none; intervals are ${GARWOOD_METHOD}. A rate over less than a whole year is over those days, not a yearly rate.${countOnly.length > 0 ? ` ${countOnly.join(", ")}: ${COUNT_ONLY_REASON}.` : ""}`,
          ),
          cite,
        ],
        [text(`Shares (such as the unknown share) carry a ${WILSON_METHOD}.`), cite],
        [
          text(
            `Changes between periods are the ratio of the two rates per person-day with an ${CONDITIONAL_METHOD} interval. Only two whole, ended periods of one kind with populations held are compared. Where a document makes several comparisons they are adjusted together by ${HOLM_METHOD}.`,
          ),
          cite,
        ],
        [text("Perpetrators' migration status is as reported by sources (court records, official statements, credible media), never inferred.")],
      ],
    },
  ];
}
