// Documents are written for people (issue 10): over the demo data and the real statistics files,
// every report kind — a year that is over, a year that is not, a quarter, several countries — as
// Markdown, cable text and PDF text holds no identifier with an underscore, no backtick, no ISO
// date or timestamp; every number it states has its note; and the notes take at most a fifth of
// the PDF's pages.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unnotedFigures } from "../../testing/footnotes.js";
import { machineWords } from "../../testing/machine-words.js";
import { createTestEnv, type TestEnv } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { runDemo } from "../demo/service.js";
import { reportRequest } from "./schema.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { inCi, pageCount, pageText, popplerAvailable, popplerMissingWarning } from "../../testing/poppler.js";

const THIS_YEAR = new Date().getUTCFullYear();
const LAST_YEAR = String(THIS_YEAR - 1);

const REQUESTS = [
  { kind: "cable", countries: ["DE"], period: LAST_YEAR },
  { kind: "cable", countries: ["DE"], period: String(THIS_YEAR) },
  { kind: "cable", countries: ["FR"], period: `${LAST_YEAR}-Q2` },
  { kind: "country", countries: ["DE"], period: LAST_YEAR },
  { kind: "brief", countries: ["AT", "DE", "FR"], period: LAST_YEAR },
] as const;

describe("reports over the demo data, in words for people", () => {
  let env: TestEnv & { close(): Promise<void> };
  let analyst: Awaited<ReturnType<TestEnv["user"]>>;
  // The PDFs are left in test-output/ to look at (gitignored).
  const dir = join(import.meta.dirname, "../../../test-output/reports-words");

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    env = await createTestEnv("sqlite");
    const { services } = env.context;
    for (const file of ["tps00001.tsv", "migr_pop1ctz_sample.jsonstat.json", "estat_crim_just_ctz_en.csv", "asylum_applicants_total.csv"]) {
      await services.stats.importFile(CLI_ACTOR, { path: join(FIXTURES, file), format: "auto" });
    }
    await runDemo(services, { count: 600, seed: 7 });
    analyst = await env.user("analyst");
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  for (const request of REQUESTS) {
    const name = `${request.kind} ${request.countries.join(",")} ${request.period}`;
    it(`when the ${name} is rendered, then Markdown and cable text hold no machine words and every number has its note`, async () => {
      const { reports } = env.context.services;
      const md = (await reports.renderNow(analyst.actor, reportRequest.parse(request), "md")).file.toString("utf8");
      const txt = (await reports.renderNow(analyst.actor, reportRequest.parse(request), "txt")).file.toString("utf8");
      expect(machineWords(md), "Markdown").toEqual([]);
      expect(machineWords(txt), "cable text").toEqual([]);
      expect(unnotedFigures(md)).toEqual([]);
      if (request.period === String(THIS_YEAR)) {
        expect(md).toMatch(/not over, so it is not compared/);
        expect(md).not.toMatch(/significant (increase|decrease)/);
      }
    });

    it(`when the ${name} is rendered as PDF, then its text holds no machine words and the notes take at most a fifth of its pages`, async () => {
      if (!popplerAvailable()) {
        if (inCi()) throw new Error("pdftoppm/pdftotext (poppler-utils) are required in CI");
        console.warn(popplerMissingWarning());
        return;
      }
      const { reports } = env.context.services;
      const pdf = join(dir, `${name.replaceAll(/[ ,]/g, "-")}.pdf`);
      writeFileSync(pdf, (await reports.renderNow(analyst.actor, reportRequest.parse(request), "pdf")).file);
      const pages = pageCount(pdf);
      const texts = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1));
      expect(machineWords(texts.join("\n")), "PDF text").toEqual([]);
      // The notes' share of the document: their lines (from the Notes heading to the Sources or Credits
      // heading) over all the lines of text, in pages.
      const lines = texts
        .join("\n")
        .split("\n")
        .filter((l) => l.trim() !== "");
      const start = lines.indexOf("Notes");
      const end = lines.findIndex((l, i) => i > start && (l === "Sources" || l === "Credits"));
      const noteLines = start < 0 ? 0 : (end < 0 ? lines.length : end) - start;
      expect(noteLines / lines.length, `${noteLines} of ${lines.length} lines of ${pages} pages are notes`).toBeLessThanOrEqual(0.2);
    });
  }
});
