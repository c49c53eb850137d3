import { describe, expect, it } from "vitest";
import type { Block } from "../document.js";
import { chartScene, niceTicks, SERIES_COLOURS } from "./chart-geometry.js";
import { fitToFont, measureText } from "./fonts.js";
import { atlasKey, classOf, CLASS_COLOURS, mapClasses, mapScene, NO_DATA_COLOUR } from "./map-geometry.js";
import { layoutTable, wrapWords } from "./plain-layout.js";
import { sceneToSvg, type Shape } from "./scene.js";
import { fixtureReport } from "../../../testing/report-fixture.js";

type ChartBlock = Extract<Block, { type: "chart" }>;
type MapBlock = Extract<Block, { type: "map" }>;
const blocks = fixtureReport().sections.flatMap((s) => s.blocks);
const barChart = blocks.find((b): b is ChartBlock => b.type === "chart" && b.kind === "bar")!;
const lineChart = blocks.find((b): b is ChartBlock => b.type === "chart" && b.kind === "line")!;
const europe = blocks.find((b): b is MapBlock => b.type === "map")!;
const texts = (shapes: Shape[]): string[] => shapes.flatMap((s) => (s.kind === "text" ? [s.text] : []));

describe("chart geometry", () => {
  it("chooses round ticks from zero that cover the values", () => {
    expect(niceTicks(0, 117.2)).toMatchObject({ min: 0, max: 120, step: 20, values: [0, 20, 40, 60, 80, 100, 120], decimals: 0 });
    expect(niceTicks(0, 0.41)).toMatchObject({ min: 0, max: 0.5, step: 0.1, decimals: 1 });
    expect(niceTicks(0, 3, 5, true)).toMatchObject({ min: 0, max: 3, step: 1 });
    expect(niceTicks(-12, 30)).toMatchObject({ min: -20, max: 30, step: 10 });
    expect(niceTicks(0, 0).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("draws a bar per figure with its interval, and no bar where the value is null, marked n/a", () => {
    const scene = chartScene(barChart, 460, 215);
    const bars = scene.shapes.filter((s) => s.kind === "rect" && s.fill === SERIES_COLOURS[0] && s.height > 0 && s.width > 12);
    expect(bars).toHaveLength(5); // six categories, one of them null; the legend's swatch is narrower
    expect(texts(scene.shapes)).toContain("n/a");
    expect(texts(scene.shapes)).toEqual(expect.arrayContaining(["SV.ASSAULT", "TR.HUMAN", "TR.LABOUR", "incidents", "120", "95% interval"]));
    // Three lines per whisker (stem and two caps) for the five bars with an interval.
    const whiskers = scene.shapes.filter((s) => s.kind === "line" && s.stroke === "#262626");
    expect(whiskers.length).toBe(5 * 3 + 3); // and the legend's whisker
    // The bars stand on the zero line: none goes below it.
    const zero = scene.shapes.find((s) => s.kind === "text" && s.text === "0") as Extract<Shape, { kind: "text" }>;
    for (const bar of bars as Extract<Shape, { kind: "rect" }>[]) expect(bar.y + bar.height).toBeCloseTo(zero.y - 2.6, 5);
    expect(scene.description).toContain("TR.HUMAN: no data");
  });

  it("breaks a line at a null point instead of drawing it at zero", () => {
    const scene = chartScene(lineChart, 460, 215);
    const foreign = scene.shapes.filter((s): s is Extract<Shape, { kind: "polyline" }> => s.kind === "polyline" && s.stroke === SERIES_COLOURS[0]);
    expect(foreign.map((p) => p.points.length)).toEqual([3, 2]); // Jan–Mar, then May–Jun: April is a gap
    const nationals = scene.shapes.filter((s) => s.kind === "polyline" && s.stroke === SERIES_COLOURS[1]);
    expect(nationals).toHaveLength(1);
    const gapX = (foreign[0]!.points[2]![0] + foreign[1]!.points[0]![0]) / 2;
    const marker = scene.shapes.find((s) => s.kind === "text" && s.text === "n/a") as Extract<Shape, { kind: "text" }>;
    expect(marker.x).toBeCloseTo(gapX, 5);
  });

  it("writes the same scene as SVG, with its description as the title", () => {
    const svg = sceneToSvg(chartScene(barChart, 460, 215));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="460pt" height="215pt" viewBox="0 0 460 215"/);
    expect(svg).toContain("<title>Bar chart, Incidents by category, with 95% intervals, in incidents.");
    expect(svg.match(/<rect /g)?.length).toBeGreaterThanOrEqual(6);
  });
});

describe("map geometry", () => {
  it("keys countries by their ISO numeric code as the atlas does, and Kosovo by name", () => {
    expect(atlasKey("DE")).toBe("276");
    expect(atlasKey("AT")).toBe("040");
    expect(atlasKey("TR")).toBe("792");
    expect(atlasKey("XK")).toBe("Kosovo");
  });

  it("makes up to five classes of round width, labelled without overlap", () => {
    const rates = mapClasses([0.26, 0.31, 0.18, 0.07, 0.41]);
    expect(rates.map((c) => c.label)).toEqual(["0.00 to <0.10", "0.10 to <0.20", "0.20 to <0.30", "0.30 to <0.40", "0.40 to 0.50"]);
    expect(rates.map((c) => c.colour)).toEqual(CLASS_COLOURS);
    expect(classOf(0.2, rates)!.label).toBe("0.20 to <0.30");
    const counts = mapClasses([0, 3, 17, 96]);
    expect(counts.map((c) => c.label)).toEqual(["0–19", "20–39", "40–59", "60–79", "80–100"]);
    expect(classOf(0, counts)!.colour).toBe(CLASS_COLOURS[0]);
    expect(mapClasses([])).toEqual([]);
  });

  it("shades the countries with figures by class, the rest as no data, and names those it cannot show", () => {
    const scene = mapScene(europe, 460, 390);
    const paths = scene.shapes.filter((s): s is Extract<Shape, { kind: "path" }> => s.kind === "path");
    expect(paths.length).toBeGreaterThan(40);
    const shaded = paths.filter((p) => CLASS_COLOURS.includes(p.fill!));
    expect(shaded).toHaveLength(12); // 13 countries with a figure, Curaçao outside the frame
    expect(paths.filter((p) => p.fill === NO_DATA_COLOUR).length).toBeGreaterThan(25);
    expect(texts(scene.shapes)).toEqual(expect.arrayContaining(["Incidents per 100,000 residents", "no data", "0.40 to 0.50"]));
    expect(texts(scene.shapes).join(" ")).toContain("Not visible at this scale: Curaçao (0.02).");
    expect(scene.description).toMatch(
      /^Map of Europe, Incident rate by country, January–June 2025, shaded by incidents per 100,000 residents\. Germany: 0\.26; /,
    );
  });

  it("draws the whole world when asked", () => {
    const scene = mapScene({ ...europe, extent: "world" }, 460, 285);
    const shaded = scene.shapes.filter((s) => s.kind === "path" && CLASS_COLOURS.includes(s.fill!));
    expect(shaded).toHaveLength(13); // Curaçao is on the world map
    expect(texts(scene.shapes).join(" ")).not.toContain("Not visible");
  });
});

describe("fonts", () => {
  it("keeps every character the reports use and replaces only what the font cannot draw", () => {
    const text = "Türkiye, Curaçao, Côte d'Ivoire, Ελλάδα, Україна — ≤ 10, ± 0.11, 0.22–0.29, №, ¹²³";
    expect(fitToFont(text)).toBe(text);
    expect(fitToFont("中国")).toBe("??");
    expect(fitToFont("a\u0007b")).toBe("ab");
    expect(measureText("Türkiye", 10)).toBeGreaterThan(measureText("Turkey", 10) * 0.9);
  });
});

describe("plain-text layout", () => {
  it("wraps words at the width and hard-breaks only a word longer than a line", () => {
    const url = `https://example.org/${"a".repeat(100)}`;
    const lines = wrapWords(`See ${url} for more.`, 40, { indent: 4 });
    expect(lines.every((l) => [...l].length <= 40)).toBe(true);
    // The URL starts its own line, goes on at the indent, and the words after it follow on.
    expect(lines[0]).toBe("See");
    expect(lines.slice(1).every((l) => l.startsWith("    "))).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.slice(4))
        .join(""),
    ).toBe(`${url} for more.`);
    expect(wrapWords("two words", 40)).toEqual(["two words"]);
    expect(wrapWords("", 40)).toEqual([""]);
  });

  it("lays a table out in aligned columns within the width", () => {
    const table = layoutTable(
      [
        { label: "Country", align: "left" },
        { label: "Rate", align: "right" },
      ],
      [
        ["Türkiye", "0.05"],
        ["Côte d'Ivoire", "12.50"],
      ],
      80,
    );
    expect(table).toEqual(["Country         Rate", "-------------  -----", "Türkiye         0.05", "Côte d'Ivoire  12.50"]);
  });
});
