// The demo's case outcomes: valid inputs of the case-outcome schema, all synthetic, the same for a
// seed, every reported status represented, and one sentence distribution for every group (the
// demo must not make up a disparity): recorded through the service, they reach the sentencing API.
import { expect, it } from "vitest";
import { CLI_ACTOR } from "../auth/actor.js";
import { forEachDatabase } from "../../testing/harness.js";
import { caseOutcomeInput } from "../stats/case-outcomes-schema.js";
import { generateCaseOutcomes } from "./case-outcomes.js";
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
    expect(result.caseOutcomes).toBe(10);
    const analyst = await env().user("analyst");
    const response = await env().request(analyst, { method: "GET", url: "/api/v1/analysis/sentencing?synthetic=true" });
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json<{ synthetic_outcomes: number }>();
    expect(answer.synthetic_outcomes).toBe(10);
    expect((await env().context.services.stats.listCaseOutcomes(CLI_ACTOR, { synthetic: false })).items).toEqual([]);
  });
});
