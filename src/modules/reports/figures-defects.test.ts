// The defects a statistician found in the reports (issue 10), one case each, through the API as a
// user meets them: the real files (tps00001: DE 2011 flagged "b", FR 2018–2019 flagged "p", nothing
// before 2008; crim_just_ctz in P_HTHAB), records placed so that each defect shows.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { deskOf, recordIncident, type Desk, type IncidentFields } from "../../testing/factories.js";
import { unnotedFigures } from "../../testing/footnotes.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { CLI_ACTOR } from "../auth/actor.js";
import type { ReportDocument } from "./document.js";

const THIS_YEAR = new Date().getUTCFullYear();
const LAST_YEAR = THIS_YEAR - 1;
const TODAY = new Date().toISOString().slice(0, 10);

forEachDatabase("reports' figures, the defects found", (env) => {
  let analyst: TestUser;
  const desks: Record<string, Desk> = {};
  const accepted = (country: string, fields: IncidentFields) => recordIncident(env().context, "accepted", desks[country]!, { country, ...fields });
  const preview = async (json: unknown) => {
    const response = await env().request(analyst, { method: "POST", url: "/api/v1/reports/preview", json });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { document: ReportDocument; markdown: string };
  };
  const rates = async (query: string) => {
    const response = await env().request(analyst, { method: "GET", url: `/api/v1/analysis/rates?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      comparisons: {
        country: string;
        category: string | null;
        group: string;
        after: string;
        verdict: string | null;
        p_value: number | null;
        reason: string | null;
      }[];
    };
  };
  const tableRow = (doc: ReportDocument, caption: RegExp, first: RegExp, column = 0) =>
    doc.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.type === "table" && caption.test(b.caption) ? b.rows : []))
      .find((r) => first.test(r[column]!.text))!;
  const note = (doc: ReportDocument, caption: RegExp) => {
    const table = doc.sections.flatMap((s) => s.blocks).find((b) => b.type === "table" && caption.test(b.caption));
    return doc.footnotes.find((f) => table?.type === "table" && f.n === table.footnote)?.text ?? "";
  };

  beforeAll(async () => {
    const { services } = env().context;
    for (const file of ["tps00001.tsv", "estat_crim_just_ctz_en.csv"])
      await services.stats.importFile(CLI_ACTOR, { path: join(FIXTURES, file), format: "auto" });
    analyst = await env().user("analyst");
    const editor = await env().user("editor");
    for (const country of ["DE", "FR", "AT"]) desks[country] = await deskOf(env(), country, { analyst, editor });
    // Last year: 25 incidents; this year, so far: 1.
    for (let i = 0; i < 25; i++) await accepted("DE", { from: `${LAST_YEAR}-0${1 + (i % 9)}-1${i % 10}`, categories: ["SV"] });
    await accepted("DE", { from: `${THIS_YEAR}-01-05`, categories: ["SV"] });
    // 2019 against 2018: 8 SV against 1 — significant alone (p ≈ 0.04), not among ten comparisons.
    for (let i = 0; i < 8; i++) await accepted("DE", { from: `2019-0${1 + i}-10`, categories: ["SV"] });
    await accepted("DE", { from: "2018-05-10", categories: ["SV"] });
    // A record across the new year: in 2018, where it began, and only there.
    await accepted("DE", { from: "2018-12-30", to: "2019-01-02", categories: ["HC"] });
    // A government response: counted, never a rate.
    await accepted("DE", { from: "2019-03-03", categories: ["GR"] });
    // 2011 (population flagged b, a break in series) against 2010.
    await accepted("DE", { from: "2010-04-04", categories: ["SV"] });
    await accepted("DE", { from: "2011-04-04", categories: ["SV"] });
    // FR 2019 and 2018: provisional populations.
    await accepted("FR", { from: "2019-04-04", categories: ["SV"] });
    await accepted("FR", { from: "2018-04-04", categories: ["SV"] });
    // AT 2008 against 2007, which has no population figure.
    await accepted("AT", { from: "2008-04-04", categories: ["SV"] });
    await accepted("AT", { from: "2007-04-04", categories: ["SV"] });
  }, 120_000);

  it("when context statistics are in P_HTHAB, then they say per 100,000 inhabitants, never per 100,000 nationals or foreign citizens", async () => {
    const { document, markdown } = await preview({ kind: "country", countries: ["DE"], period: "2019" });
    expect(tableRow(document, /^Official statistics$/, /^Suspected person, Foreign country$/, 1)[2]!.text).toBe("Per 100,000 inhabitants");
    // The publisher's own figures: per inhabitant, whatever group they count.
    const section = markdown.split("\n## ").find((part) => part.startsWith("Official statistics"))!;
    expect(section).toContain("Per 100,000 inhabitants");
    expect(section).not.toMatch(/per 100,000 (nationals|foreign citizens)/i);
  });

  it("when the year is not over, then neither the cable nor the API compares it, and the window ends today", async () => {
    const { document, markdown } = await preview({ kind: "cable", countries: ["DE"], period: String(THIS_YEAR) });
    expect(markdown).not.toMatch(/significant (increase|decrease)/);
    expect(markdown).toMatch(/is not over, so it is not compared/);
    const answer = await rates(`occurred_from=${LAST_YEAR}-01-01&occurred_to=${TODAY}&country=DE`);
    const api = answer.comparisons.find((c) => c.country === "DE" && c.category === null && c.group === "all" && c.after === String(THIS_YEAR))!;
    expect(api.verdict).toBeNull();
    // The same words in both.
    expect(markdown).toContain(api.reason!);
    expect(note(document, /^Incidents by category/)).toMatch(new RegExp(`occurring from 1 January to \\d+ \\w+ ${THIS_YEAR}, as of`));
    expect(note(document, /^Incidents by category/)).not.toContain(`31 December ${THIS_YEAR}`);
  });

  it("when a population is missing for one year, then the periods are not compared and the reason names that year only", async () => {
    const { markdown } = await preview({ kind: "cable", countries: ["AT"], period: "2008" });
    expect(markdown).toContain("Not compared with 2007 (1 incident): no population figure held for Austria 2007, so the periods are not compared.");
    expect(markdown).not.toMatch(/Austria 2008,? (and|or) /);
  });

  it("when a year's population marks a break in series, then it is not compared", async () => {
    const { markdown } = await preview({ kind: "cable", countries: ["DE"], period: "2011" });
    expect(markdown).toContain("marks a break in series (flag b), so the periods are not compared");
  });

  it("when a population is provisional, then the rate's note and the comparison say so", async () => {
    const { document } = await preview({ kind: "cable", countries: ["FR"], period: "2019" });
    expect(note(document, /^Incidents by category/)).toMatch(/residents of France on 1 January 2019, 67,012,883 \(Eurostat, .*flagged provisional\)/);
    const answer = await rates("occurred_from=2018-01-01&occurred_to=2019-12-31&country=FR");
    const c = answer.comparisons.find((x) => x.country === "FR" && x.category === null && x.group === "all" && x.after === "2019")! as unknown as {
      notes: string[];
    };
    expect(c.notes.join(" ")).toMatch(/population figure for 2019 is provisional/);
  });

  it("when a record spans two years, then it is counted once, in the year it began", async () => {
    const y2019 = (await preview({ kind: "cable", countries: ["DE"], period: "2019" })).document;
    const y2018 = (await preview({ kind: "cable", countries: ["DE"], period: "2018" })).document;
    expect(tableRow(y2019, /^Incidents by category/, /^HC /)[1]!.text).toBe("0");
    expect(tableRow(y2018, /^Incidents by category/, /^HC /)[1]!.text).toBe("1");
  });

  it("when a document makes many comparisons, then it adjusts them together, says so once, and calls a change the API alone would call significant no significant change", async () => {
    const { document, markdown } = await preview({ kind: "cable", countries: ["DE"], period: "2019" });
    const answer = await rates("occurred_from=2018-01-01&occurred_to=2019-12-31&country=DE");
    const sv = answer.comparisons.find((c) => c.country === "DE" && c.category === "SV" && c.group === "all" && c.after === "2019")!;
    expect(sv.verdict).toBe("increase");
    expect(sv.p_value!).toBeLessThan(0.05);
    expect(tableRow(document, /^Incidents by category/, /^SV /)[4]!.text).toBe("no significant change");
    expect(markdown.match(/adjusted together by Holm's method/g)).toHaveLength(1);
  });

  it("when a category is a government response, then it has a count and no rate per 100,000", async () => {
    const { document } = await preview({ kind: "cable", countries: ["DE"], period: "2019" });
    const gr = tableRow(document, /^Incidents by category/, /^GR /);
    expect([gr[1]!.text, gr[2]!.text]).toEqual(["1", "counts only"]);
  });

  it("when a cable is rendered, then every number in it has a note, and no source's grade ends in two full stops", async () => {
    const { markdown } = await preview({ kind: "cable", countries: ["DE"], period: "2019" });
    expect(unnotedFigures(markdown)).toEqual([]);
    expect(markdown).not.toMatch(/\d\.\./);
  });
});
