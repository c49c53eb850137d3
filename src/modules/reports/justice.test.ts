// The country report's justice section, on each database: the constructed sentencing case of
// src/testing/sentencing-case.ts (its statistics checked against SciPy's in
// analysis/sentencing.test.ts) compared at first instance and refused at appeal, with Eurostat's
// convictions by citizenship (crim_just_ctz, the fixture's Germany 2022) beside it in the
// publisher's own units; the same answer as GET /analysis/sentencing, and nothing causal.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { recordCase } from "../../testing/sentencing-case.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { CLI_ACTOR } from "../auth/actor.js";
import type { ReportDocument } from "./document.js";

forEachDatabase("the country report's justice section", (env) => {
  let analyst: TestUser;

  beforeAll(async () => {
    await env().context.services.stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "estat_crim_just_ctz_en.csv"), format: "auto" });
    const reporter = await env().user("reporter", "DE");
    await recordCase(env(), reporter, "first_instance");
    await recordCase(env(), reporter, "appeal", 1);
    analyst = await env().user("analyst");
  }, 120_000);

  const preview = async (json: unknown) => {
    const response = await env().request(analyst, { method: "POST", url: "/api/v1/reports/preview", json });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { document: ReportDocument; markdown: string };
  };

  it("when a country report of 2024 is previewed, then the justice section compares first instance and refuses appeal with the reason", async () => {
    const { document, markdown } = await preview({ kind: "country", countries: ["DE"], period: "2024" });
    const justice = document.sections.find((s) => s.id === "justice")!;
    expect(justice.heading).toBe("Justice and sentencing");
    const tables = justice.blocks.flatMap((b) => (b.type === "table" ? [b] : []));
    const compared = tables.find((t) => t.caption === "Germany: Sexual violence: sexual assault (ICCS 03012), first instance")!;
    expect(compared.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Citizens", "10", "13", "10.5–22.5", "40%", "20%"],
      ["Foreign nationals", "11", "9", "6–13.5", "55%", "9%"],
      ["Mann–Whitney test, two-sided: p = 0.14 (no significant difference in custodial months)", "", "", "", "", ""],
    ]);
    expect(markdown).toContain(
      "Germany: Sexual violence: sexual assault (ICCS 03012), appeal: not compared — group citizens has n=9, below the minimum of 10; each group needs at least 10 sentenced defendants.",
    );
    // The publisher's convictions by citizenship, in its own units, beside the comparison.
    const convictions = tables.find((t) => /convictions by citizenship, as published/.test(t.caption))!;
    expect(convictions.rows.map((r) => r.map((c) => c.text))).toEqual(
      expect.arrayContaining([
        ["Germany", "Convicted person, Foreign country", "Number", "2022", "238,653"],
        ["Germany", "Convicted person, Foreign country", "Per 100,000 inhabitants", "2022", "287"],
      ]),
    );
    expect(document.credits.join(" ")).toContain("Eurostat");
    expect(markdown).not.toMatch(/because|caused|due to|lenien/i);
  });

  it("when the report's year holds no case outcome, then the section says so and compares nothing", async () => {
    const { document } = await preview({ kind: "country", countries: ["DE"], period: "2023" });
    const justice = document.sections.find((s) => s.id === "justice")!;
    const first = justice.blocks[0]!;
    expect(first.type === "paragraph" && first.content.map((c) => (c.type === "text" ? c.text : "")).join("")).toBe(
      "No case outcome for Germany decided in 2023 is recorded in Rapporteur, so no sentences are compared.",
    );
  });
});
