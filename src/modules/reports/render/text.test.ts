import { describe, expect, it } from "vitest";
import { SYNTHETIC_WATERMARK, type ReportDocument } from "../document.js";
import { handlingBanner } from "./common.js";
import { fixtureReport, LONG_URL } from "../../../testing/report-fixture.js";
import { CABLE_WIDTH, renderCable } from "./text.js";

const lines = (cable: string): string[] => cable.trimEnd().split("\n");
const numbered = (cable: string): string[] => lines(cable).filter((l) => /^\d+\. \((SBU|U)\)/.test(l));

describe("the plain-text cable", () => {
  const synthetic = renderCable(fixtureReport({ synthetic: true }));
  const real = renderCable(fixtureReport({ synthetic: false }));

  it("opens and closes with the handling marking line", () => {
    for (const cable of [synthetic, real]) {
      expect(lines(cable)[0]).toBe(handlingBanner("SBU"));
      expect(lines(cable).at(-1)).toBe(handlingBanner("SBU"));
    }
    expect(lines(renderCable(fixtureReport({ handling: "UNCLASSIFIED" })))[0]).toBe("UNCLASSIFIED");
  });

  it("carries the watermark on its second and second-to-last lines when synthetic, and nowhere otherwise", () => {
    expect(lines(synthetic)[1]).toBe(SYNTHETIC_WATERMARK);
    expect(lines(synthetic).at(-2)).toBe(SYNTHETIC_WATERMARK);
    expect(real).not.toMatch(/SYNTHETIC|NOT REAL EVENTS/);
  });

  it("names the cable it answers on a REF line after the TAGS when it has one (a tasking response), and has none otherwise", () => {
    const answer = { ...fixtureReport({ synthetic: false }), parameters: { ref: "STATE 123456 (Reporting on migration)", countries: ["DE"] } };
    const l = lines(renderCable(answer));
    expect(l[l.findIndex((line) => line.startsWith("TAGS: ")) + 1]).toBe("REF: STATE 123456 (Reporting on migration)");
    expect(real).not.toMatch(/^REF:/m);
  });

  it("gives the SUBJECT in capitals and the TAGS", () => {
    const l = lines(real);
    expect(l).toContain("SUBJECT: GERMANY — MIGRATION-RELATED HUMAN-RIGHTS INCIDENTS, JANUARY–JUNE 2025");
    expect(l).toContain("TAGS: PHUM, SMIG, PREL, DE");
    expect(l.indexOf("TAGS: PHUM, SMIG, PREL, DE")).toBeLessThan(l.findIndex((x) => x.startsWith("1. ")));
  });

  it("numbers its paragraphs consecutively from 1, the summary first, each with its portion marking", () => {
    const paragraphs = numbered(real);
    expect(paragraphs.map((p) => Number(p.split(".")[0]))).toEqual(Array.from({ length: paragraphs.length }, (_, i) => i + 1));
    expect(paragraphs.length).toBe(15);
    expect(paragraphs[0]).toMatch(/^1\. \(SBU\) Summary: Posts recorded 214 accepted incidents in Germany/);
    expect(paragraphs[1]).toMatch(/^2\. \(SBU\) The perpetrators' migration status was unknown/);
    expect(numbered(renderCable(fixtureReport({ handling: "UNCLASSIFIED" })))[0]).toMatch(/^1\. \(U\) Summary: /);
  });

  it("keeps every line within 80 characters, breaking only the URL that cannot be wrapped", () => {
    for (const cable of [synthetic, real]) {
      for (const line of lines(cable)) expect([...line].length, line).toBeLessThanOrEqual(CABLE_WIDTH);
    }
    const l = lines(real);
    const start = l.findIndex((x) => x.includes("https://www.statistik.example.de"));
    const joined = l
      .slice(start, start + 3)
      .map((x) => x.trim())
      .join("");
    expect(joined).toBe(LONG_URL);
    // Only the URL is broken mid-word: no other line ends inside a word that goes on below.
    expect(real).toContain("[6] Bundeskriminalamt, Polizeiliche Kriminalstatistik 2024, Bundeslagebild,\n    table T01 (official statistics; A1).\n");
  });

  it("cites sources by number with a numbered list, and footnotes as numbered notes", () => {
    expect(real).toContain("xenophobic motive [1] [2].");
    const sources = [...real.matchAll(/^\[(\d+)\] /gm)].map((m) => Number(m[1]));
    expect(sources).toEqual([1, 2, 3, 4, 5, 6]);
    const notes = [...real.matchAll(/^\((\d+)\) /gm)].map((m) => Number(m[1]));
    expect(notes).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(real).toContain("(note 1)");
    expect(real).not.toMatch(/\(note\n/);
  });

  it("sets tables as aligned columns, with a column naming each row's notes", () => {
    const l = lines(real);
    const header = l.find((x) => x.startsWith("Category  "))!;
    const assault = l.find((x) => x.startsWith("Physical assault"))!;
    const total = l.find((x) => x.startsWith("Total "))!;
    expect(header).toMatch(/Incidents\s+Per 100,000\s+95% interval\s+Status unknown\s+Note$/);
    // Right-aligned: the figures end in the same column as their header.
    expect(assault.indexOf(" 96 ") + 3).toBe(header.indexOf("Incidents") + "Incidents".length);
    expect(total.indexOf("214") + 3).toBe(header.indexOf("Incidents") + "Incidents".length);
    expect(assault.endsWith("3")).toBe(true);
    expect(l.find((x) => x.startsWith("TR.HUMAN"))).toMatch(/^TR\.HUMAN {2,}no data {2,}—$/);
  });

  it("is deterministic", () => {
    expect(renderCable(fixtureReport({ synthetic: true }))).toBe(synthetic);
  });

  it("wraps a table too wide for 80 characters within its cells", () => {
    const wide: ReportDocument = {
      ...fixtureReport(),
      sections: [
        {
          id: "wide",
          heading: "Wide",
          blocks: [
            {
              type: "table",
              caption: "Wide",
              columns: ["A long column label one", "Another long label", "Third column label", "Fourth label here"].map((label) => ({
                label,
                align: "left" as const,
              })),
              rows: [
                ["a cell with a great deal of descriptive text in it", "more text that goes on and on", "x".repeat(30), "short"].map((text) => ({ text })),
              ],
            },
          ],
        },
      ],
    };
    const cable = renderCable(wide);
    for (const line of lines(cable)) expect([...line].length, line).toBeLessThanOrEqual(CABLE_WIDTH);
    expect(cable).toContain("a cell with");
  });
});
