import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYNTHETIC_WATERMARK, type ReportDocument } from "../document.js";
import { SERIES_COLOURS } from "./chart-geometry.js";
import { handlingBanner } from "./common.js";
import { CLASS_COLOURS } from "./map-geometry.js";
import { renderPdf } from "./pdf.js";
import { countColour, fonts, inCi, pageCount, pageText, popplerAvailable, popplerMissingWarning, readPpm } from "../../../testing/poppler.js";
import { fixtureReport } from "../../../testing/report-fixture.js";

// Where a person looks at the pages (gitignored): test-output/reports/pdf-<name>-<page>.png at 80 dpi.
const OUTPUT = fileURLToPath(new URL("../../../../test-output/reports/", import.meta.url));

const available = popplerAvailable();
if (!available) {
  if (inCi()) throw new Error("CI=true but pdftoppm (poppler-utils) is missing: the PDF renderer tests would be skipped. .ci/run installs it.");
  process.stderr.write(popplerMissingWarning());
}

interface Rendered {
  file: string;
  pages: number;
  texts: string[];
}

let dir = "";
async function render(name: string, doc: ReportDocument): Promise<Rendered> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdf(doc));
  const pages = pageCount(file);
  const texts = Array.from({ length: pages }, (_, i) => pageText(file, i + 1));
  return { file, pages, texts };
}

/** The fixture with a table long enough to run over a page break. */
function withLongTable(doc: ReportDocument): ReportDocument {
  const districts = Array.from({ length: 70 }, (_, i) => [
    { text: `District ${String(i + 1).padStart(2, "0")} (Regierungsbezirk ${["Köln", "Düsseldorf", "Münster"][i % 3]})` },
    { text: String((i * 7) % 23), footnote: 1 },
    { text: `${((i * 13) % 40) + 10}%` },
  ]);
  return {
    ...doc,
    sections: [
      ...doc.sections,
      {
        id: "districts",
        heading: "Incidents by district",
        blocks: [
          {
            type: "table",
            caption: "Incidents by district",
            columns: [
              { label: "District", align: "left" },
              { label: "Incidents", align: "right" },
              { label: "Status unknown", align: "right" },
            ],
            rows: districts,
          },
        ],
      },
    ],
  };
}

/** The fixture without charts or maps: the pixel checks must find none of their colours in it. */
function withoutFigures(doc: ReportDocument): ReportDocument {
  return { ...doc, sections: doc.sections.map((s) => ({ ...s, blocks: s.blocks.filter((b) => b.type !== "chart" && b.type !== "map") })) };
}

describe.skipIf(!available)("the PDF rendering", () => {
  let synthetic: Rendered;
  let real: Rendered;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rapporteur-pdf-"));
    synthetic = await render("synthetic", fixtureReport({ synthetic: true }));
    real = await render("real", fixtureReport({ synthetic: false, handling: "UNCLASSIFIED" }));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is an A4 document of at least three pages, and every page becomes a PNG with pdftoppm", () => {
    expect(synthetic.pages).toBeGreaterThanOrEqual(3);
    const info = execFileSync("pdfinfo", [synthetic.file], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const prefix = join(dir, "page");
    execFileSync("pdftoppm", ["-png", "-r", "50", synthetic.file, prefix]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith("page") && f.endsWith(".png"));
    expect(pngs).toHaveLength(synthetic.pages);

    // For people to look at (test-output is gitignored).
    mkdirSync(OUTPUT, { recursive: true });
    for (const [name, rendered] of [
      ["synthetic", synthetic],
      ["real", real],
    ] as const) {
      for (const old of readdirSync(OUTPUT).filter((f) => f.startsWith(`pdf-${name}-`))) rmSync(join(OUTPUT, old));
      execFileSync("pdftoppm", ["-png", "-r", "80", rendered.file, join(OUTPUT, `pdf-${name}`)]);
    }
  });

  it("carries the handling marking twice (header and footer) and 'Page n of N' on every page", () => {
    for (const rendered of [synthetic, real]) {
      const banner = rendered === synthetic ? handlingBanner("SBU") : handlingBanner("UNCLASSIFIED");
      rendered.texts.forEach((text, i) => {
        expect(text.split(banner).length - 1, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
        expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${rendered.pages}`);
      });
    }
  });

  it("is watermarked on every page when the report holds a synthetic record, and on none otherwise", () => {
    synthetic.texts.forEach((text, i) => {
      expect(text.split(SYNTHETIC_WATERMARK).length - 1, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
    });
    real.texts.forEach((text, i) => expect(text, `page ${i + 1}`).not.toMatch(/SYNTHETIC|NOT REAL EVENTS/));
  });

  it("draws the charts and the map: their colours cover a real area of the pages, and vanish without them", async () => {
    const measure = async (rendered: Rendered, name: string) => {
      execFileSync("pdftoppm", ["-r", "50", rendered.file, join(dir, name)]);
      const rasters = readdirSync(dir)
        .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".ppm"))
        .map((f) => readPpm(join(dir, f)));
      const total = (colour: string) => rasters.reduce((sum, r) => sum + countColour(r, colour), 0);
      return { bars: total(SERIES_COLOURS[0]!), lines: total(SERIES_COLOURS[1]!), classes: CLASS_COLOURS.slice(1).reduce((s, c) => s + total(c), 0) };
    };
    const drawn = await measure(synthetic, "figures");
    // At 50 dpi a page is 413 × 585 pixels; the bars alone cover thousands of them.
    expect(drawn.bars).toBeGreaterThan(2000);
    expect(drawn.lines).toBeGreaterThan(80);
    // The map's class colours (the lightest is too close to anti-aliased grey text to count).
    expect(drawn.classes).toBeGreaterThan(2000);

    const bare = await measure(await render("bare", withoutFigures(fixtureReport({ synthetic: true }))), "bare");
    expect(bare).toEqual({ bars: 0, lines: 0, classes: 0 });
  });

  it("sets every character the report uses in an embedded font: accents, dashes, ≤ and ±", () => {
    const all = synthetic.texts.join("\n");
    for (const word of ["Türkiye", "Curaçao", "Côte d'Ivoire", "Köln-Mülheim", "≤ 10", "1.04 ± 0.11", "January–June", "SBU — SENSITIVE BUT UNCLASSIFIED"]) {
      expect(all).toContain(word);
    }
    const used = fonts(synthetic.file);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((f) => !f.embedded)).toEqual([]);
    expect(used.every((f) => f.name.includes("SourceSans3"))).toBe(true);
  });

  it("states the figures, footnote markers, notes and sources as the document numbers them", () => {
    const all = synthetic.texts.join("\n");
    expect(all).toMatch(/Table 1\. Incidents by category, January–June 2025¹/);
    expect(all).toMatch(/Physical assault\s+96³/);
    expect(all).toContain("Figure 1. Incidents by category, with 95% intervals³");
    expect(all).toContain("Map 1. Incident rate by country, January–June 2025⁶");
    expect(all).toContain("Not visible at this scale: Curaçao (0.02).");
    expect(all).toMatch(/Notes\s+1\s+Accepted and published, non-retracted incidents[\s\S]*\n\s*8\s+Source coverage log/);
    expect(all).toMatch(/\[6\]\s+Bundeskriminalamt/);
  });

  it("repeats a long table's header row on the page it continues on", async () => {
    const long = await render("long-table", withLongTable(fixtureReport()));
    const continued = long.texts.filter((t) => t.includes("Table 3 (continued)"));
    expect(continued.length).toBeGreaterThanOrEqual(1);
    for (const text of continued) {
      const after = text.slice(text.indexOf("Table 3 (continued)"));
      expect(after).toMatch(/^Table 3 \(continued\)\s+District\s+Incidents\s+Status unknown/);
    }
    expect(long.texts.join("\n")).toMatch(/District 70 \(Regierungsbezirk Köln\)/);
  });

  it("gives the same bytes for the same document, with the as-of time as its creation date", async () => {
    const doc = fixtureReport({ synthetic: true });
    const [a, b] = [await renderPdf(doc), await renderPdf(doc)];
    expect(a.equals(b)).toBe(true);
    const info = execFileSync("pdfinfo", ["-isodates", synthetic.file], { encoding: "utf8" });
    expect(info).toMatch(/CreationDate:\s+2025-07-01T09:30:00(Z|\+00)/);
    expect(info).toMatch(/Title:\s+Germany: migration-related human-rights concerns, first half of 2025/);
  });
});
