import { describe, expect, it } from "vitest";
import { SYNTHETIC_WATERMARK, type ReportDocument } from "../document.js";
import { handlingBanner } from "./common.js";
import { renderMarkdown } from "./markdown.js";
import { fixtureReport, LONG_URL } from "../../../testing/report-fixture.js";

const lines = (md: string): string[] => md.trimEnd().split("\n");

describe("the Markdown rendering", () => {
  const synthetic = renderMarkdown(fixtureReport({ synthetic: true }));
  const real = renderMarkdown(fixtureReport({ synthetic: false }));

  it("opens and closes with the watermark when synthetic, the handling marking inside it", () => {
    const l = lines(synthetic);
    expect(l[0]).toBe(SYNTHETIC_WATERMARK);
    expect(l[2]).toBe(handlingBanner("SBU"));
    expect(l.at(-1)).toBe(SYNTHETIC_WATERMARK);
    expect(l.at(-3)).toBe(handlingBanner("SBU"));
  });

  it("opens and closes with the handling marking and has no watermark anywhere when no record is synthetic", () => {
    const l = lines(real);
    expect(l[0]).toBe("SBU — SENSITIVE BUT UNCLASSIFIED");
    expect(l.at(-1)).toBe("SBU — SENSITIVE BUT UNCLASSIFIED");
    expect(real).not.toMatch(/SYNTHETIC|NOT REAL EVENTS/);
    expect(lines(renderMarkdown(fixtureReport({ handling: "UNCLASSIFIED" })))[0]).toBe("UNCLASSIFIED");
  });

  it("has the title, the summary and every section as headings, in order", () => {
    const headings = lines(real).filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# Germany: migration-related human-rights concerns, first half of 2025",
      "## Summary",
      "## Counts and rates by category",
      "## Comparison with other countries",
      "## Notable incidents",
      "## Data limitations",
      "## Sources",
      "## Credits",
    ]);
  });

  it("writes tables as GitHub tables, figures aligned right, a cell's footnote after its figure", () => {
    expect(real).toContain(
      [
        "**Table 1. Incidents by category, January–June 2025**[^1]",
        "",
        "| Category | Incidents | Per 100,000 | 95% interval | Status unknown |",
        "|---|---:|---:|---:|---:|",
        "| Physical assault | 96[^3] | 0.115 | 0.093–0.140 | 31% |",
      ].join("\n"),
    );
    expect(real).toContain("| Côte d'Ivoire | — | — | — |");
  });

  it("shows charts and maps as tables of their values, a missing value as 'no data', never 0", () => {
    expect(real).toContain("**Figure 1. Incidents by category, with 95% intervals**[^3]");
    expect(real).toContain("| SV.ASSAULT | 96 | 77.8–117.2 |");
    expect(real).toContain("| TR.HUMAN | no data | — |");
    expect(real).toContain("| Period | Foreign nationals | Nationals | Unknown (always shown) | 95% interval |");
    expect(real).toContain("| 2025-04 | no data | 10 | 11 | 5.5–19.7 |");
    expect(real).toContain("**Map 1. Incident rate by country, January–June 2025**[^6]");
    expect(real).toContain("| Türkiye (TR) | 0.05 |");
    expect(real).toContain("| Hungary (HU) | no data |");
    expect(real).toContain("| Kosovo (XK) | 0.11 |");
  });

  it("numbers footnotes and citations as the document does: every reference has its note or source", () => {
    const doc = fixtureReport();
    const definitions = [...real.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => Number(m[1]));
    expect(definitions).toEqual(doc.footnotes.map((f) => f.n));
    const references = new Set([...real.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => Number(m[1])));
    expect([...references].every((n) => definitions.includes(n))).toBe(true);
    expect(references.size).toBe(8);

    const sources = [...real.matchAll(/^- \[(\d+)\] /gm)].map((m) => Number(m[1]));
    expect(sources).toEqual([1, 2, 3, 4, 5, 6]);
    expect(real).toContain("xenophobic motive [1][2].");
    expect(real).toContain(`- [6] Bundeskriminalamt, Polizeiliche Kriminalstatistik 2024, Bundeslagebild, table T01 (official statistics; A1). <${LONG_URL}>`);
    expect(real).toContain(
      "- [3] Staatsanwaltschaft Köln, statement on the fire at the reception centre in Köln-Mülheim, 5 May 2025 (prosecutor statement; A1).\n",
    );
  });

  it("escapes text that Markdown would read as markup, and keeps strong text strong", () => {
    const doc: ReportDocument = {
      ...fixtureReport(),
      summary: [
        [{ type: "text", text: "1. Not a list: *stars*, _under_ and a | pipe <b>" }],
        [
          { type: "text", text: "no significant change", strong: true },
          { type: "text", text: " " },
          { type: "cite", n: 2 },
          { type: "text", text: "(2024)" },
        ],
      ],
    };
    const md = renderMarkdown(doc);
    expect(md).toContain("1\\. Not a list: \\*stars\\*, \\_under\\_ and a \\| pipe \\<b\\>");
    expect(md).toContain("**no significant change** \\[2\\](2024)");
  });

  it("is deterministic", () => {
    expect(renderMarkdown(fixtureReport({ synthetic: true }))).toBe(synthetic);
  });
});
