// The country report's justice section shows the notable cases of its country and period, on each
// database: each outcome side by side (part, offence in words with its ICCS code, court, status as
// reported, date, sentence), the account and the sentence that one pair of cases proves nothing;
// the synthetic watermark when a linked outcome is synthetic; a frozen version keeps it, freezing
// unchanged data again makes no new version, and a withdrawn notable case leaves the next one.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { caseOutcomeExample, caseOutcomeInput } from "../stats/case-outcomes-schema.js";
import { NOTABLE_CASE_CAVEAT } from "../../domain/case-words.js";
import { notableCaseInput, type NotableCaseOutput } from "../stats/notable-cases-schema.js";
import { reportRequest } from "./schema.js";
import type { ReportDocument } from "./document.js";

forEachDatabase("notable cases in the country report", (env) => {
  let analyst: TestUser;
  let notable: NotableCaseOutput;

  beforeAll(async () => {
    const reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
    const { stats } = env().context.services;
    const offence = await stats.recordCaseOutcome(
      reporter.actor,
      caseOutcomeInput.parse({
        ...caseOutcomeExample,
        offence: { category: "SV.RAPE" },
        decision_date: "2024-03-14",
        defendant: { migration_status: "asylum_seeker", basis: "court_record" },
        sentence: { custodial_months: 24, suspended: true },
        synthetic: true,
      }),
    );
    const insult = await stats.recordCaseOutcome(
      reporter.actor,
      caseOutcomeInput.parse({
        ...caseOutcomeExample,
        offence: { category: "JS" },
        decision_date: "2024-09-02",
        defendant: { migration_status: "citizen_by_birth", basis: "court_record" },
        sentence: { fine: { amount: 1200, currency: "EUR" } },
      }),
    );
    notable = await stats.recordNotableCase(
      analyst.actor,
      notableCaseInput.parse({
        country: "DE",
        title: "An offence at a tram stop and the prosecution of an online insult about it",
        description: "A friend of the victim was prosecuted for insulting one of the men online.",
        outcomes: [
          { case_outcome_id: offence.id, role: "the original offence" },
          { case_outcome_id: insult.id, role: "the related prosecution" },
        ],
      }),
    );
  });

  const justiceOf = (document: ReportDocument) => document.sections.find((s) => s.id === "justice")!;
  const notableTable = (document: ReportDocument) =>
    justiceOf(document).blocks.flatMap((b) => (b.type === "table" && b.caption.startsWith("Notable case") ? [b] : []));

  it("when a country report of the cases' year is frozen, then its justice section shows the case side by side with the caveat and the synthetic watermark", async () => {
    const { reports } = env().context.services;
    const created = await reports.create(analyst.actor, reportRequest.parse({ kind: "country", countries: ["DE"], period: "2024" }));
    const frozen = await reports.version(analyst.actor, created.report.id, 1);
    const [table] = notableTable(frozen.document);
    expect(table!.caption).toBe("Notable case, Germany: An offence at a tram stop and the prosecution of an online insult about it");
    expect(table!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["The original offence", "Sexual violence: rape (ICCS 03011)", "First instance", "Asylum seeker", "14 March 2024", "24 months in custody, suspended"],
      [
        "The related prosecution",
        "Justice and sentencing: a notable case outcome or policy",
        "First instance",
        "Citizen by birth",
        "2 September 2024",
        "fine of 1,200 EUR",
      ],
    ]);
    const texts = justiceOf(frozen.document).blocks.flatMap((b) =>
      b.type === "paragraph" ? [b.content.map((c) => (c.type === "text" ? c.text : "")).join("")] : [],
    );
    expect(texts).toContain(`A friend of the victim was prosecuted for insulting one of the men online. ${NOTABLE_CASE_CAVEAT}`);
    expect(frozen.document.synthetic).toBe(true);
    // Nothing changed: no new version, the same hash.
    const again = await reports.freeze(analyst.actor, created.report.id);
    expect(again.created).toBe(false);
    expect(again.version.sha256).toBe(frozen.sha256);

    // Withdrawn, it leaves the next version; the frozen one keeps it.
    await env().context.services.stats.withdrawNotableCase(analyst.actor, notable.id, { version: 1, reason: "Recorded in error." });
    const next = await reports.freeze(analyst.actor, created.report.id);
    expect(next.created).toBe(true);
    expect(notableTable((await reports.version(analyst.actor, created.report.id, 2)).document)).toEqual([]);
    expect(notableTable((await reports.version(analyst.actor, created.report.id, 1)).document)).toHaveLength(1);
  });

  it("when the report's year holds none of the case's decisions, then the case is not shown", async () => {
    const preview = await env().context.services.reports.preview(analyst.actor, reportRequest.parse({ kind: "country", countries: ["DE"], period: "2023" }));
    expect(notableTable(preview.document)).toEqual([]);
  });
});
