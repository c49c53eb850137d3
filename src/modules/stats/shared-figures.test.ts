// Shared figures are guarded, on each database: a post may import figures for its own host
// country only, and never a population denominator (the bureau's rates for every country divide
// by it). A refused import leaves every statistics table and the audit log exactly as they were.
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import type { ImportReport, PopulationResponse } from "./schema.js";

const TPS = "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG";
const CRIME = "DATAFLOW,freq,iccs,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG";
const lines = (...rows: string[]) => [...rows, ""].join("\n");

forEachDatabase("shared figures", (env) => {
  let reporterDe: TestUser;
  let approverDe: TestUser;
  let analyst: TestUser;
  let editor: TestUser;
  const db = () => env().context.db;

  const upload = (user: TestUser, body: string, query = "") =>
    env()
      .request(user, { method: "POST", url: `/api/v1/stats/imports${query}`, payload: body, headers: { "content-type": "text/csv" } })
      .then((response) => env().finished(user, response));
  const population = async (geo: string) => {
    const response = await env().request(analyst, { method: "GET", url: `/api/v1/stats/population?geo=${geo}&year=2011` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PopulationResponse>();
  };
  /** Every row of the statistics tables and the audit log. */
  const everything = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of ["datasets", "series", "observations", "geos", "audit_events"]) {
      // The import's own events: the job that ran it records its steps too.
      const where = table === "audit_events" ? sql`WHERE entity_type <> 'job'` : sql``;
      out[table] = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ${where}`.execute(db())).rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  };

  beforeAll(async () => {
    reporterDe = await env().user("reporter", "DE");
    approverDe = await env().user("approver", "DE");
    analyst = await env().user("analyst");
    editor = await env().user("editor");
    // The bureau's denominators: France's and Germany's population in 2011.
    const imported = await upload(analyst, lines(TPS, "ESTAT:TPS00001(1.0),A,JAN,FR,2011,65000000,", "ESTAT:TPS00001(1.0),A,JAN,DE,2011,80000000,"));
    expect(imported.statusCode, imported.body).toBe(200);
    // A dataset that is no denominator, holding figures for both countries.
    expect(
      (await upload(analyst, lines(CRIME, "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,FR,2011,700,", "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,DE,2011,500,"))).statusCode,
    ).toBe(200);
  });

  it("when a reporter of post DE imports a tps00001 file with one row for FR, then it is refused and the bureau's FR denominator is unchanged", async () => {
    const before = await everything();
    const response = await upload(reporterDe, lines(TPS, "ESTAT:TPS00001(1.0),A,JAN,FR,2011,1,"));
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().error).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/population.*denominator.*bureau's analysts and editors/i),
    });
    expect(await everything()).toEqual(before);
    expect((await population("FR")).population).toMatchObject({ value: 65000000, source: { dataset: "tps00001" } });
  });

  it("when a post imports its own country's row of a denominator dataset, then that is refused too: a denominator is the bureau's", async () => {
    const before = await everything();
    for (const user of [reporterDe, approverDe]) {
      const response = await upload(user, lines(TPS, "ESTAT:TPS00001(1.0),A,JAN,DE,2011,1,"));
      expect(response.statusCode, response.body).toBe(403);
    }
    // Every population source is guarded, whatever the format: here demo_pjan.
    const pjan = await upload(reporterDe, lines("DATAFLOW,freq,unit,sex,age,geo,TIME_PERIOD,OBS_VALUE", "ESTAT:DEMO_PJAN(1.0),A,NR,T,TOTAL,DE,2011,1"));
    expect(pjan.statusCode, pjan.body).toBe(403);
    expect(await everything()).toEqual(before);
    expect((await population("DE")).population).toMatchObject({ value: 80000000 });
  });

  it("when a post imports another dataset with rows for another country, then nothing is imported and the rows are named", async () => {
    const before = await everything();
    const response = await upload(
      reporterDe,
      lines(
        CRIME,
        "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,DE,2011,501,",
        "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,FR,2011,1,",
        "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,EU27_2020,2011,9,",
      ),
    );
    expect(response.statusCode, response.body).toBe(403);
    const error = response.json().error as { message: string; issues: { path: string; message: string }[] };
    expect(error.message).toMatch(/own host country/);
    expect(error.issues).toEqual([
      { path: "body", message: "line 3: geo FR is not Germany, your post's host country" },
      { path: "body", message: "line 4: geo EU27_2020 is not Germany, your post's host country" },
    ]);
    expect(await everything()).toEqual(before);
  });

  it("when a post imports its own country's figures of a dataset that is no denominator, then they are imported", async () => {
    const response = await upload(reporterDe, lines(CRIME, "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,DE,2012,510,"));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImportReport>()).toMatchObject({ imported: true, added: 1 });
  });

  it("when the bureau's editor revises a denominator, then it is imported", async () => {
    const response = await upload(editor, lines(TPS, "ESTAT:TPS00001(1.0),A,JAN,FR,2011,65000001,"));
    expect(response.statusCode, response.body).toBe(200);
    expect((await population("FR")).population).toMatchObject({ value: 65000001 });
  });

  it("when a post imports its own country's figures into a dataset the bureau holds, then the dataset's title, licence, address and edition stay the bureau's", async () => {
    const mapping = (title: string, licence: string, url: string) =>
      encodeURIComponent(
        JSON.stringify({
          dataset: { publisher: "BIS", code: "RPP_NOMINAL", title, licence, url },
          columns: { geo: "country_code", period: "date", value: "price" },
          geo_codes: "iso2",
          period: "quarter",
          dimensions: { indicator: { code: "RPP_NOMINAL", label: "Residential property prices, nominal" } },
          unit: "INDEX",
        }),
      );
    const file = (rows: string[]) => lines("date,country_code,price", ...rows);
    const bureau = await upload(
      analyst,
      file(["2020-03-31,FR,100", "2020-03-31,DE,100"]),
      `?format=csv&mapping=${mapping("Residential property prices", "BIS terms of use", "https://data.bis.org/topics/RPP")}`,
    );
    expect(bureau.statusCode, bureau.body).toBe(200);
    const post = await upload(
      reporterDe,
      file(["2020-06-30,DE,101"]),
      `?format=csv&mapping=${mapping("Prices as Germany's post titles them", "none", "https://example.org/")}`,
    );
    expect(post.statusCode, post.body).toBe(200);
    expect(post.json<ImportReport>()).toMatchObject({ added: 1, dataset: { title: "Residential property prices" } });
    const stored = await db().selectFrom("datasets").select(["title", "licence", "url"]).where("code", "=", "RPP_NOMINAL").executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: "Residential property prices", licence: "BIS terms of use", url: "https://data.bis.org/topics/RPP" });
  });
});
