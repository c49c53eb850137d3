// The country report's housing section, on each database, for Ireland 2024: the BIS price index at
// its latest quarter up to the report's year (the fixture's 2024-Q4 value, 179.2843, 2010 = 100) and
// Eurostat's asylum applicants of 2024, each with unit, base year and publisher, beside the housing
// events counted in 2024 (one of three accepted; 2022's are another year). No causal wording.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { deskOf, recordIncident } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { loadCsvMapping } from "../stats/importers/mapping.js";
import type { ReportDocument } from "./document.js";

forEachDatabase("the country report's housing section", (env) => {
  let analyst: TestUser;

  beforeAll(async () => {
    const { stats } = env().context.services;
    await stats.importFile(CLI_ACTOR, {
      path: join(FIXTURES, "bis_nominal_index.csv"),
      mapping: loadCsvMapping(join(FIXTURES, "bis-house-prices.mapping.json")),
    });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "asylum_applicants_total.csv"), format: "auto" });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "genesis_22221-01-01-4_excerpt.csv"), format: "auto" });
    analyst = await env().user("analyst");
    const ireland = await deskOf(env(), "IE", { analyst, editor: await env().user("editor") });
    for (const from of ["2022-03-10", "2022-09-01", "2024-05-05"])
      await recordIncident(env().context, "accepted", ireland, { country: "IE", from, categories: ["HD.ACCOMMODATION"] });
  }, 120_000);

  it("when Ireland's 2024 country report is previewed, then the housing section gives each series in its unit with its base year, beside the events counted", async () => {
    const response = await env().request(analyst, {
      method: "POST",
      url: "/api/v1/reports/preview",
      json: { kind: "country", countries: ["IE"], period: "2024" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { document, markdown } = response.json() as { document: ReportDocument; markdown: string };
    const housing = document.sections.find((s) => s.id === "housing")!;
    expect(housing.heading).toBe("Housing and displacement");
    const table = housing.blocks.find((b) => b.type === "table")!;
    expect(table.type === "table" && table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["Residential property prices (nominal)", "Index, 2010 = 100", "2010", "2024-Q4", "179.28", "BIS"],
      ["Asylum applicants", "Persons", "—", "2024", "18,565", "Eurostat"],
    ]);
    expect(markdown).toContain(
      "1 housing and displacement event (housing acquired or requisitioned for accommodation, evictions, protests) recorded for Ireland in 2024 and accepted.",
    );
    expect(document.credits.join(" ")).toMatch(/BIS/);
    expect(document.credits.join(" ")).toMatch(/Eurostat/);
    expect(JSON.stringify(housing)).not.toMatch(/because|caused|due to|driven/i);
  });

  it("when Germany's 2014 country report is previewed, then the reception series is a row of its own, at 31 December 2014 as the GENESIS table holds it, credited to the Länder offices", async () => {
    const response = await env().request(analyst, {
      method: "POST",
      url: "/api/v1/reports/preview",
      json: { kind: "country", countries: ["DE"], period: "2014" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { document } = response.json() as { document: ReportDocument };
    const housing = document.sections.find((s) => s.id === "housing")!;
    const table = housing.blocks.find((b) => b.type === "table")!;
    const rows = table.type === "table" ? table.rows.map((r) => r.map((c) => c.text)) : [];
    expect(rows).toContainEqual([
      "People receiving standard benefits under the Asylum Seekers' Benefits Act (Asylbewerberleistungsgesetz) on 31 December",
      "Anzahl (persons)",
      "—",
      "2014",
      "362,850",
      "Statistische Ämter des Bundes und der Länder",
    ]);
    expect(rows).toContainEqual(["Asylum applicants", "Persons", "—", "2014", expect.any(String), "Eurostat"]);
    expect(document.credits.join(" ")).toMatch(/Statistische Ämter des Bundes und der Länder/);
    expect(JSON.stringify(housing)).not.toMatch(/because|caused|due to|driven/i);
  });
});
