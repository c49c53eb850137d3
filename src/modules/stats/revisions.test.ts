// Revisions done right, on both databases: a newer edition that withdraws a value (now empty or
// `:`) withdraws it; every value keeps its history, so what a frozen report cited reads back
// after newer editions change or withdraw it; an unchanged file changes nothing (no revision, no
// new "retrieved", the same report hash when frozen again).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordIncident } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { auditListQuery } from "../audit/schema.js";
import { CLI_ACTOR } from "../auth/actor.js";

const CODES = join(FIXTURES, "estat_crim_off_cat_codes.csv");
const TPS = join(FIXTURES, "tps00001.tsv");

forEachDatabase("statistics revisions", (env) => {
  let approver: TestUser;
  const stats = () => env().context.services.stats;
  const dataset = async (code: string) => (await stats().listDatasets(CLI_ACTOR)).find((d) => d.code === code)!;
  const values = async (code: string, geo: string) => stats().queryObservations(CLI_ACTOR, { dataset: code, geo, limit: 1000 });
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-revisions-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    const reporter = await env().user("reporter", "DE");
    approver = await env().user("approver", "DE");
    const analyst = await env().user("analyst");
    await recordIncident(
      env().context,
      "accepted",
      { reporter, approver, analyst },
      { from: "2019-03-02", categories: ["SV.RAPE"], title: "Rape reported in Cologne" },
    );
  });

  it("when the same file is imported again, then nothing changes: not the revision, not when it was retrieved", async () => {
    const first = await stats().importFile(CLI_ACTOR, { path: CODES });
    expect(first).toMatchObject({ added: 9, withdrawn: 0, dataset: { revision: 1 } });
    const before = await dataset("crim_off_cat");
    const again = await stats().importFile(CLI_ACTOR, { path: CODES });
    expect(again).toMatchObject({ added: 0, updated: 0, withdrawn: 0, unchanged: 9, dataset: { revision: 1, previous_revision: 1 } });
    expect(await dataset("crim_off_cat")).toEqual(before);
  });

  it("when a newer edition changes one value and has none for another, then the one is updated, the other withdrawn, and both keep their history", async () => {
    const lines = readFileSync(CODES, "utf8").split("\n");
    lines[2] = lines[2]!.replace(",2022,58,p,", ",2022,60,,"); // AT 2022: 58 p → 60, final
    lines[5] = lines[5]!.replace(",2022,11896,,", ",2022,,,"); // DE 2022: withdrawn
    const newer = write("crim_off_cat_newer.csv", lines.join("\n").replaceAll("26/03/25 23:00:00", "02/09/25 23:00:00"));
    const report = await stats().importFile(CLI_ACTOR, { path: newer });
    expect(report).toMatchObject({ added: 0, updated: 1, withdrawn: 1, unchanged: 7, dataset: { revision: 2, previous_revision: 1 } });

    expect((await values("crim_off_cat", "DE")).map((v) => [v.period, v.value])).toEqual([["2021", 9903]]);
    const at = (await values("crim_off_cat", "AT")).find((v) => v.period === "2022" && v.dimensions["unit"] === "NR");
    expect(at).toMatchObject({ value: 60, flag: null });

    const cited = (series: string, geo: string, revision: number) =>
      stats().citedValue(CLI_ACTOR, { publisher: "Eurostat", dataset: "crim_off_cat", series, geo, period: "2022", revision });
    expect(await cited("freq=A,iccs=ICCS03011,unit=NR", "DE", 1)).toEqual({ value: 11896, flag: null, revision: 1 });
    expect(await cited("freq=A,iccs=ICCS03011,unit=NR", "DE", 2)).toBeNull();
    expect(await cited("freq=A,iccs=ICCS0101,unit=NR", "AT", 1)).toEqual({ value: 58, flag: "p", revision: 1 });
    expect(await cited("freq=A,iccs=ICCS0101,unit=NR", "AT", 2)).toEqual({ value: 60, flag: null, revision: 2 });

    // The withdrawal is audited with the value it took away.
    const audit = await env().context.services.audit.listEvents(CLI_ACTOR, auditListQuery.parse({ entity_id: report.dataset!.id, limit: 10 }));
    expect(JSON.stringify(audit.items[0])).toContain('"after":null');
  });

  it("when a file is imported twice and a report frozen after each, then the hash is the same; after a newer edition the frozen report's figure still reads back", async () => {
    await stats().importFile(CLI_ACTOR, { path: TPS });
    const created = await env().request(approver, { method: "POST", url: "/api/v1/reports", json: { kind: "cable", countries: ["DE"], period: "2019" } });
    expect(created.statusCode, created.body).toBe(201);
    const { report, version } = created.json() as { report: { id: string }; version: { sha256: string } };

    await stats().importFile(CLI_ACTOR, { path: TPS });
    const again = await env().request(approver, { method: "POST", url: `/api/v1/reports/${report.id}/versions` });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: false, version: { version: 1, sha256: version.sha256 } });

    // Eurostat revises Germany's 2019 population; the frozen version keeps what it cited, and the
    // history gives the cited value back at the revision the report names.
    const revised = write("tps00001.tsv", readFileSync(TPS, "utf8").replace("83019213 ", "83100000 "));
    expect(await stats().importFile(CLI_ACTOR, { path: revised })).toMatchObject({ updated: 1, dataset: { revision: 2 } });
    const v1 = await env().request(approver, { method: "GET", url: `/api/v1/reports/${report.id}/versions/1` });
    expect(v1.json()).toMatchObject({ sha256: version.sha256 });
    expect(v1.body).toMatch(/83,019,213 \(Eurostat, Population on 1 January, revision 1/);
    expect(
      await stats().citedValue(CLI_ACTOR, { publisher: "Eurostat", dataset: "tps00001", series: "indic_de=JAN", geo: "DE", period: "2019", revision: 1 }),
    ).toMatchObject({
      value: 83019213,
    });
  });
});
