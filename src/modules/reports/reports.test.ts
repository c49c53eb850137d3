// Reports over a fixture database with known content: Germany, 2019, against 2018, with Eurostat's
// tps00001 population (DE 1 January 2019 = 83,019,213; 2018 = 82,792,351) imported from the real
// file. The figures are worked out by hand below; each footnote must name its sources.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { recordIncident, type IncidentFields } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { auditListQuery } from "../audit/schema.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { reportRequest } from "./schema.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { SYNTHETIC_WATERMARK, type ReportDocument, type TableCell } from "./document.js";
import { inCi, pageCount, pageText, popplerAvailable, popplerMissingWarning } from "../../testing/poppler.js";
import type { ReportChange } from "./diff.js";
import { timeText } from "./content/notes.js";

/** A table's row by its first cell (or the cell in `column`). */
function row(doc: ReportDocument, caption: RegExp, first: RegExp, column = 0): TableCell[] {
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (block.type !== "table" || !caption.test(block.caption)) continue;
      const found = block.rows.find((r) => first.test(r[column]!.text));
      if (found) return found;
    }
  }
  throw new Error(`no row ${first} in a table ${caption}`);
}
const footnote = (doc: ReportDocument, n: number | undefined) => doc.footnotes.find((f) => f.n === n)?.text ?? "";
function table(doc: ReportDocument, caption: RegExp) {
  for (const block of doc.sections.flatMap((s) => s.blocks)) if (block.type === "table" && caption.test(block.caption)) return block;
  throw new Error(`no table ${caption}`);
}

forEachDatabase("reports", (env) => {
  let reporter: TestUser;
  let approver: TestUser;
  let analyst: TestUser;
  let editor: TestUser;
  let reporterFr: TestUser;
  let admin: TestUser;
  const ids: Record<string, string> = {};

  /** A record of `fields` taken to `state` by the post's desk (the reporter and approver given) and the analyst. */
  async function recorded(state: "draft" | "accepted" | "retracted", fields: IncidentFields, by = reporter, clearer = approver) {
    return (await recordIncident(env().context, state, { reporter: by, approver: clearer, analyst }, fields)).id;
  }

  const post = async (user: TestUser, url: string, json?: unknown) => env().request(user, { method: "POST", url, ...(json === undefined ? {} : { json }) });
  const get = async (user: TestUser | null, url: string) => env().request(user, { method: "GET", url });
  const preview = async (user: TestUser, json: unknown) => {
    const response = await post(user, "/api/v1/reports/preview", json);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { document: ReportDocument; markdown: string; sha256: string };
  };

  beforeAll(async () => {
    const { services } = env().context;
    reporter = await env().user("reporter", "DE");
    approver = await env().user("approver", "DE");
    reporterFr = await env().user("reporter", "FR");
    analyst = await env().user("analyst");
    editor = await env().user("editor");
    admin = await env().user("admin");
    for (const file of ["tps00001.tsv", "estat_crim_just_ctz_en.csv", "asylum_applicants_total.csv"]) {
      await services.stats.importFile(CLI_ACTOR, { path: resolve(FIXTURES, file), format: "auto" });
    }

    ids["rape"] = await recorded("accepted", {
      from: "2019-03-02",
      categories: ["SV.RAPE"],
      groups: [{ count: 1, migration_status: "third_country_resident" }],
      title: "Rape reported in Cologne",
      verification: "confirmed_by_authorities",
      victims: 1,
      sources: [
        { publisher: "Kölner Stadt-Anzeiger", title: "Police report on a rape" },
        { publisher: "Polizei Köln", title: "Press release 114" },
      ],
    });
    const [first] = await services.incidents.present([ids["rape"]!]);
    const shared = first!.sources[0]!.id;
    ids["assault"] = await recorded("accepted", {
      from: "2019-06-10",
      categories: ["SV.ASSAULT"],
      title: "Assault at a festival",
      sources: [{ publisher: "Der Spiegel", title: "Festival assault" }],
    });
    ids["hate"] = await recorded("accepted", {
      from: "2019-09-01",
      categories: ["HC.VIOLENCE"],
      groups: [{ count: 2, migration_status: "citizen_by_birth" }],
      title: "Attack on a shelter",
      sources: [{ source_id: shared }],
    });
    await recorded("draft", { from: "2019-04-01", categories: ["SV.RAPE"], title: "Draft, never counted" });
    await recorded("retracted", {
      from: "2019-05-01",
      categories: ["SV.RAPE"],
      title: "Retracted, never counted",
      sources: [{ publisher: "Bild", title: "Retracted story" }],
    });
    await recorded("accepted", {
      from: "2018-05-01",
      categories: ["SV.OTHER"],
      title: "Last year's record",
      sources: [{ publisher: "Die Zeit", title: "Earlier case" }],
    });
    await recorded(
      "accepted",
      { country: "FR", from: "2019-02-01", categories: ["SV.RAPE"], title: "A French record" },
      reporterFr,
      await env().user("approver", "FR"),
    );
  });

  it("when a cable for Germany 2019 is previewed, then it counts only accepted records and states the right figures with intervals", async () => {
    const { document: doc } = await preview(reporter, { kind: "cable", countries: ["DE"], period: "2019" });
    expect(doc.kind).toBe("cable");
    expect(doc.synthetic).toBe(false);
    expect(doc.tags).toEqual(["PHUM", "SMIG", "KCRM", "DE"]);

    // SV: the rape and the assault (the draft and the retracted record are not counted).
    const sv = row(doc, /^Incidents by category$/, /^SV /);
    expect(sv[1]!.text).toBe("2");
    // 2 / 83,019,213 × 100,000 = 0.002409; exact Poisson 95% for k = 2 is [0.242209, 7.224688]
    // (chi2.ppf(0.025, 4)/2 and chi2.ppf(0.975, 6)/2), so 0.000292–0.00870 per 100,000.
    expect(sv[2]!.text).toBe("0.00241 (0.000292–0.00870)");
    // One of the two has no perpetrator group: unknown 50%; Wilson 95% for 1/2 is [9.45%, 90.55%].
    expect(sv[3]!.text).toBe("50% (9%–91%)");
    expect(row(doc, /^Incidents by category$/, /^HC /)[1]!.text).toBe("1");
    expect(row(doc, /^Incidents by category$/, /^TIP /)[1]!.text).toBe("0");
    expect(row(doc, /^Incidents by category$/, /^All categories/)[1]!.text).toBe("3");

    // One note serves the table: what was counted, the days, the as-of time, the records and their
    // sources by number, the earlier period's too, and the denominator.
    const note = footnote(doc, table(doc, /^Incidents by category$/).footnote);
    expect(note).toMatch(/accepted or published by the bureau and not retracted/);
    expect(note).toMatch(/occurring in 2019, as of \d+ \w+ \d{4}, \d\d:\d\d UTC: 3 records \(No\. \d+, No\. \d+ and No\. \d+\); sources \[1\]–\[3\]\./);
    expect(note).toContain(`as of ${timeText(doc.as_of)}`);
    expect(note).toMatch(/Set against 2018: 1 record \(No\. \d+\); sources \[4\]\./);
    expect(note).toMatch(/residents of Germany on 1 January 2019, 83,019,213 \(Eurostat, .*revision 1/);
    expect(doc.citations.map((c) => c.text.split(",")[0])).toEqual(["Kölner Stadt-Anzeiger", "Polizei Köln", "Der Spiegel", "Die Zeit"]);

    // By status: unknown first and always there; citizens and foreign nationals without a
    // denominator by citizenship (tps00001 has none), so counts and no rate.
    const unknown = row(doc, /every status/, /^unknown or not reported$/);
    expect(unknown[1]!.text).toBe("1");
    expect(row(doc, /citizenship/, /^Foreign nationals$/)[2]!.text).toBe("no population figure");

    // Trends against 2018 (one SV record then): 2 against 1 is no significant change.
    const trends = doc.sections.find((s) => s.id === "trends")!;
    const trendText = JSON.stringify(trends.blocks);
    expect(trendText).toContain("SV Sexual violence: 2 against 1");
    expect(trendText).toContain("no significant change");
    expect(trendText).not.toMatch(/significant increase/);

    expect(doc.credits.join(" ")).toMatch(/Eurostat/);
    // Records default to SBU; the most restrictive marking of any counted record is the report's.
    expect(doc.handling).toBe("SBU");
  });

  it("when the country report and a brief are previewed, then they use their templates and the brief compares with a map", async () => {
    const country = (await preview(analyst, { kind: "country", countries: ["DE"], period: "2019" })).document;
    expect(country.template).toEqual({ id: "country-2025", version: "builtin" });
    expect(country.sections.map((s) => s.id)).toEqual(["figures", "status", "notable", "justice", "housing", "context", "limitations"]);
    // The analyst sees the same accepted records as the post.
    expect(row(country, /Crimes and abuses/, /^All categories/)[1]!.text).toBe("3");
    // Notable: confirmed first, with its two sources cited.
    const notable = JSON.stringify(country.sections.find((s) => s.id === "notable")!.blocks);
    expect(notable.indexOf("Rape reported in Cologne")).toBeLessThan(notable.indexOf("Assault at a festival"));
    expect(notable).toContain('{"type":"cite","n":1},{"type":"cite","n":2}');

    // Official statistics for context, as published (the files' DE 2019 cells), each with its note and credit.
    const asylum = row(country, /^Official statistics$/, /^Asylum applicant$/, 1);
    expect(asylum.map((c) => c.text)).toEqual(["Germany", "Asylum applicant", "Person", "2019", "165,685", "Eurostat"]);
    expect(footnote(country, table(country, /^Official statistics$/).footnote)).toMatch(
      /^Figures as published, the latest year held up to 2019: .*Eurostat, Asylum applicants by type, citizenship, age and sex - annual aggregated data, revision 1, retrieved /,
    );
    // crim_just_ctz in P_HTHAB: per 100,000 inhabitants, in the publisher's words — never "per 100,000 foreign citizens".
    const suspects = row(country, /^Official statistics$/, /^Suspected person, Foreign country$/, 1);
    expect(suspects.map((c) => c.text)).toEqual(["Germany", "Suspected person, Foreign country", "Per 100,000 inhabitants", "2019", "842", "Eurostat"]);
    expect(JSON.stringify(table(country, /^Official statistics$/))).not.toMatch(/per 100,000 (nationals|foreign citizens)/i);
    expect(row(country, /^Official statistics$/, /^Population$/, 1)[4]!.text).toBe("83,019,213");
    expect(country.credits.join(" ")).toMatch(/Eurostat/);

    const brief = (await preview(analyst, { kind: "brief", countries: ["FR", "DE"], period: "2019", categories: ["SV"] })).document;
    expect(brief.parameters["countries"]).toEqual(["DE", "FR"]);
    // Context per country, from one query per dataset: each country's own figure.
    const asylumRows = brief.sections.flatMap((sec) => sec.blocks).flatMap((b) => (b.type === "table" && /^Official statistics/.test(b.caption) ? b.rows : []));
    const asylumOf = (name: string) => asylumRows.find((r) => r[0]!.text === name && r[1]!.text === "Asylum applicant")?.[4]?.text;
    expect([asylumOf("Germany"), asylumOf("France")]).toEqual(["165,685", "151,070"]);
    const compared = row(brief, /^Countries compared$/, /^France$/);
    expect(compared[1]!.text).toBe("1");
    const map = brief.sections.flatMap((s) => s.blocks).find((b) => b.type === "map");
    expect(map).toMatchObject({ extent: "europe" });
    // FR 2019: 1 / 67,012,883 × 100,000
    expect(map?.type === "map" && map.values.find((v) => v.country === "FR")?.value).toBeCloseTo(0.0015, 4);
  });

  it("when the same data are frozen twice, then the hash is the same; after a change to an accepted record the diff names the changed figure", async () => {
    const created = await post(approver, "/api/v1/reports", { kind: "cable", countries: ["DE"], period: "2019" });
    expect(created.statusCode, created.body).toBe(201);
    const { report, version } = created.json() as { report: { id: string }; version: { version: number; sha256: string } };
    expect(version.version).toBe(1);
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await post(approver, `/api/v1/reports/${report.id}/versions`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, version: { version: 1, sha256: version.sha256 } });
    // The preview of the same parameters would freeze to the same bytes.
    expect((await preview(reporter, { kind: "cable", countries: ["DE"], period: "2019" })).sha256).toBe(version.sha256);

    // The bureau corrects an accepted record: the assault was a hate crime, not sexual violence.
    const { incidents } = env().context.services;
    const [assault] = await incidents.present([ids["assault"]!]);
    await incidents.updateIncident(analyst.actor, ids["assault"]!, { categories: ["HC.VIOLENCE"], version: assault!.version });

    const second = await post(approver, `/api/v1/reports/${report.id}/versions`);
    expect(second.statusCode, second.body).toBe(201);
    const v2 = (second.json() as { version: { version: number; sha256: string } }).version;
    expect(v2.version).toBe(2);
    expect(v2.sha256).not.toBe(version.sha256);

    const diff = await get(reporter, `/api/v1/reports/${report.id}/diff?from=1&to=2`);
    expect(diff.statusCode, diff.body).toBe(200);
    const changes = (diff.json() as { changes: ReportChange[] }).changes;
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: "figure",
        label: "Incidents by category › Incidents by category › SV Sexual violence › Incidents",
        before: "2",
        after: "1",
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: "figure", label: "Incidents by category › Incidents by category › HC Hate crime › Incidents", before: "1", after: "2" }),
    );
    // Figures come first.
    expect(changes[0]!.kind).toBe("figure");

    // Version 1 is unchanged by all this.
    const v1 = await get(reporter, `/api/v1/reports/${report.id}/versions/1`);
    expect(v1.json()).toMatchObject({ sha256: version.sha256 });
    expect(row((v1.json() as { document: ReportDocument }).document, /^Incidents by category$/, /^SV /)[1]!.text).toBe("2");

    // Every change is audited.
    const audit = await env().context.services.audit.listEvents(CLI_ACTOR, auditListQuery.parse({ entity_id: report.id, limit: 100 }));
    expect(audit.items.map((e) => e.action).sort()).toEqual(["report.create", "report.freeze", "report.freeze"]);
  });

  it("when any counted record is synthetic, then the document says so and every page of every rendering carries the watermark; otherwise none", async () => {
    const { reports } = env().context.services;
    const request = reportRequest.parse({ kind: "brief", countries: ["DE", "FR"], period: "2019" });
    const watermarkedPages = async () => {
      const dir = mkdtempSync(join(tmpdir(), "rapporteur-report-"));
      try {
        const pdf = join(dir, "brief.pdf");
        writeFileSync(pdf, (await reports.renderNow(analyst.actor, request, "pdf")).file);
        const pages = pageCount(pdf);
        expect(pages).toBeGreaterThan(1);
        const marked = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1).includes(SYNTHETIC_WATERMARK));
        const docx = await JSZip.loadAsync((await reports.renderNow(analyst.actor, request, "docx")).file);
        const parts = Object.keys(docx.files).filter((name) => /^word\/(header|footer)\d*\.xml$/.test(name));
        expect(parts.length).toBeGreaterThan(0);
        const docxMarked = await Promise.all(parts.map(async (name) => (await docx.file(name)!.async("string")).includes(SYNTHETIC_WATERMARK)));
        return { pages, marked, docxMarked };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    if (!popplerAvailable()) {
      if (inCi()) throw new Error("pdftoppm/pdftotext (poppler-utils) are required in CI");
      console.warn(popplerMissingWarning());
      return;
    }
    const before = await watermarkedPages();
    expect(
      before.marked.every((m) => !m),
      "no page is watermarked while every record is real",
    ).toBe(true);
    expect(before.docxMarked.every((m) => !m)).toBe(true);

    await recorded("accepted", { from: "2019-11-11", categories: ["VP"], synthetic: true, title: "Synthetic record" });
    const after = await watermarkedPages();
    expect(after.marked, "every page carries the watermark once one synthetic record is counted").toEqual(Array(after.pages).fill(true));
    expect(after.docxMarked.every((m) => m)).toBe(true);
    const { document: doc, markdown } = await preview(analyst, { kind: "cable", countries: ["DE"], period: "2019" });
    expect(doc.synthetic).toBe(true);
    expect(markdown).toContain("SYNTHETIC DATA — NOT REAL EVENTS");
    const clean = await preview(analyst, { kind: "cable", countries: ["DE"], period: "2019-Q1" });
    expect(clean.document.synthetic).toBe(false);
    expect(clean.markdown).not.toContain("SYNTHETIC DATA");
  });

  describe("who may do what", () => {
    it("when a post asks about another country, then it is refused; the bureau may ask about any", async () => {
      const response = await post(reporter, "/api/v1/reports/preview", { kind: "cable", countries: ["FR"], period: "2019" });
      expect(response.statusCode).toBe(403);
      expect((await post(analyst, "/api/v1/reports/preview", { kind: "cable", countries: ["FR"], period: "2019" })).statusCode).toBe(200);
    });

    it("when a reporter tries to freeze, then only approvers and the bureau may; another post cannot see the report", async () => {
      expect((await post(reporter, "/api/v1/reports", { kind: "cable", countries: ["DE"], period: "2019" })).statusCode).toBe(403);
      const created = await post(editor, "/api/v1/reports", { kind: "brief", countries: ["DE", "FR"], period: "2019" });
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as { report: { id: string } }).report.id;
      expect((await get(reporterFr, `/api/v1/reports/${id}`)).statusCode).toBe(404);
      expect((await get(admin, `/api/v1/reports/${id}`)).statusCode).toBe(403);
      const list = (await get(reporterFr, "/api/v1/reports")).json() as { items: { id: string }[] };
      expect(list.items.map((r) => r.id)).not.toContain(id);
    });

    it("when the input is bad, then the answer names each field", async () => {
      const paths = async (json: unknown) => {
        const response = await post(analyst, "/api/v1/reports/preview", json);
        expect(response.statusCode).toBe(400);
        return (response.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort();
      };
      expect(await paths({ kind: "memo", countries: ["de"], period: "last year", categories: ["SV.RAPE"], extra: 1 })).toEqual([
        "body.categories.0",
        "body.countries.0",
        "body.extra",
        "body.kind",
        "body.period",
      ]);
      // Rules across fields: a country report covers one country and a whole year; a brief at least two countries.
      expect(await paths({ kind: "country", countries: ["DE", "FR"], period: "2019-Q2" })).toEqual(["body.countries", "body.period"]);
      expect(await paths({ kind: "brief", countries: ["DE"], period: "2019" })).toEqual(["body.countries"]);
      const unknown = await post(analyst, "/api/v1/reports/preview", { kind: "cable", countries: ["QQ"], period: "2019" });
      expect(unknown.statusCode).toBe(400);
      // A code the schema accepts but no country has: checked by the service, placed by the edge like the rest.
      expect(unknown.json()).toMatchObject({ error: { issues: [{ path: "body.countries.0" }] } });
    });
  });

  describe("templates", () => {
    it("when an editor configures the 2019 country template, then 2019 reports use it and record its revision", async () => {
      const sections = [
        { section: "figures", heading: "Figures" },
        { section: "limitations", heading: "What the data cannot say" },
      ];
      const set = await post(editor, "/api/v1/reports/templates", { kind: "country", year: 2019, sections });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ id: "country-2019", version: "r1" });
      const doc = (await preview(analyst, { kind: "country", countries: ["DE"], period: "2019" })).document;
      expect(doc.template).toEqual({ id: "country-2019", version: "r1" });
      expect(doc.sections.map((s) => s.heading)).toEqual(["Figures", "What the data cannot say"]);
      // 2020 still uses the built-in template.
      expect((await preview(analyst, { kind: "country", countries: ["DE"], period: "2020" })).document.template.id).toBe("country-2025");

      const bad = await post(editor, "/api/v1/reports/templates", { kind: "country", year: 2019, sections: [{ section: "comparison", heading: "X" }] });
      expect(bad.statusCode).toBe(400);
      expect((await post(analyst, "/api/v1/reports/templates", { kind: "country", year: 2019, sections })).statusCode).toBe(403);
    });
  });
});
