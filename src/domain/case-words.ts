// Case outcomes in words, the same on every page and in every report: a court's decision
// ("Acquitted", "24 months in custody, suspended; fine of 1,200 EUR"), and what is said of every
// notable case (the caveat that it proves nothing in general, the rule for its title).

/** What every page and report that shows a notable case says of it. */
export const NOTABLE_CASE_CAVEAT =
  "These cases are shown side by side as examples, not compared: one pair of cases proves nothing about sentencing in general.";

/** What the form and the API say of a notable case's title (PRODUCT.md §8). */
export const NOTABLE_CASE_TITLE_RULE = "Describe the case in words without naming victims or suspects.";

export interface SentencedOutcome {
  convicted: boolean;
  sentence: {
    custodial_months: number | null;
    suspended: boolean | null;
    fine: { amount: number; currency: string } | null;
    other: string | null;
  } | null;
}

const number = (x: number) => x.toLocaleString("en-GB", { maximumFractionDigits: 1 });

export function sentenceText(o: SentencedOutcome): string {
  if (!o.convicted) return "Acquitted";
  if (!o.sentence) return "Convicted, sentence not recorded";
  const parts = [
    o.sentence.custodial_months === null
      ? null
      : `${number(o.sentence.custodial_months)} month${o.sentence.custodial_months === 1 ? "" : "s"} in custody${o.sentence.suspended ? ", suspended" : ""}`,
    o.sentence.fine ? `fine of ${number(o.sentence.fine.amount)} ${o.sentence.fine.currency}` : null,
    o.sentence.other,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : "Convicted";
}
