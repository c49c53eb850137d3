// The demo's case outcomes: valid inputs of the case-outcome schema, all synthetic, the same for a
// seed, every reported status represented, and one sentence distribution for every group (the
// demo must not make up a disparity): recorded through the service, they reach the sentencing API.
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../auth/actor.js";
import { forEachDatabase } from "../../testing/harness.js";
import { caseOutcomeInput } from "../stats/case-outcomes-schema.js";
import { generateCaseOutcomes } from "./case-outcomes.js";
import { DEMO_NOTABLE_TITLE } from "./notable-case.js";
import { runDemo } from "./service.js";

it("when the demo makes case outcomes, then each is a valid synthetic input, the same for a seed, with every status", () => {
  const outcomes = generateCaseOutcomes(400, { seed: 3, today: "2026-06-01" });
  expect(outcomes.every((o) => caseOutcomeInput.safeParse(o).success && o.synthetic)).toBe(true);
  expect(generateCaseOutcomes(400, { seed: 3, today: "2026-06-01" })).toEqual(outcomes);
  expect(new Set(outcomes.map((o) => o.defendant.migration_status)).size).toBe(9);
  expect(outcomes.every((o) => o.decision_date >= "2024-01-01" && o.decision_date <= "2025-12-28")).toBe(true);
});

forEachDatabase("the demo's case outcomes", (env) => {
  it("when the demo runs, then its case outcomes are recorded, flagged synthetic, and the sentencing comparison counts them", async () => {
    const result = await runDemo(env().context.services, { count: 30, seed: 5 });
    // Ten generated, and the two of the notable case.
    expect(result.caseOutcomes).toBe(12);
    const analyst = await env().user("analyst");
    const response = await env().request(analyst, { method: "GET", url: "/api/v1/analysis/sentencing?synthetic=true" });
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json<{ synthetic_outcomes: number }>();
    expect(answer.synthetic_outcomes).toBe(12);
    expect((await env().context.services.stats.listCaseOutcomes(CLI_ACTOR, { synthetic: false })).items).toEqual([]);
  });

  it("when the demo runs again, then its one notable case (the briefing's German example) is there once, synthetic, its two outcomes side by side", async () => {
    const again = await runDemo(env().context.services, { count: 3, seed: 6 });
    expect(again.caseOutcomes).toBe(1);
    const { items } = await env().context.services.stats.listNotableCases(CLI_ACTOR, { country: "DE" });
    const demo = items.filter((n) => n.title === DEMO_NOTABLE_TITLE);
    expect(demo).toHaveLength(1);
    expect(demo[0]!.synthetic).toBe(true);
    expect(demo[0]!.outcomes.map((o) => [o.role, o.case_outcome.offence.category, o.case_outcome.synthetic])).toEqual([
      ["the original offence", "SV.RAPE", true],
      ["the related prosecution (an online insult of one of the men)", "JS", true],
    ]);
  });
});
