// The shared map projection and atlas reading (atlas.ts), checked against the formula of Lambert's
// azimuthal equal-area projection worked out here by hand, not against d3-geo's own output. That the
// browser projects the same places to the same points is checked beside its loader (web/lib/atlas.test.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { atlasKey, atlasShapes, EUROPE_CENTRE, EUROPE_CORNERS, mapProjection, type Frame, type WorldAtlas } from "./atlas.js";

const PLACES: Record<string, [number, number]> = {
  Berlin: [13.405, 52.52],
  Reykjavík: [-21.94, 64.15],
  Gibraltar: [-5.35, 36.14],
  Nicosia: [33.38, 35.17],
  Lisbon: [-9.14, 38.72],
};

const rad = Math.PI / 180;

/**
 * Lambert azimuthal equal-area on the unit sphere, centred on (λ0, φ1) (Snyder, "Map Projections:
 * A Working Manual", 1987, eqs. 24-2 to 24-4): x = k′ cos φ sin(λ − λ0), y = k′ (cos φ1 sin φ −
 * sin φ1 cos φ cos(λ − λ0)), k′ = √(2 / (1 + sin φ1 sin φ + cos φ1 cos φ cos(λ − λ0))).
 */
function lambert([lon, lat]: [number, number], [lon0, lat0]: [number, number]): [number, number] {
  const [l, p, l0, p1] = [lon * rad, lat * rad, lon0 * rad, lat0 * rad];
  const k = Math.sqrt(2 / (1 + Math.sin(p1) * Math.sin(p) + Math.cos(p1) * Math.cos(p) * Math.cos(l - l0)));
  return [k * Math.cos(p) * Math.sin(l - l0), k * (Math.cos(p1) * Math.sin(p) - Math.sin(p1) * Math.cos(p) * Math.cos(l - l0))];
}

describe("the Europe projection", () => {
  const frame: Frame = [
    [0, 0],
    [640, 480],
  ];
  const projection = mapProjection("europe", frame);

  it("when a place is projected, then it lands where Lambert's formula puts it, at the fitted scale, and inverts back", () => {
    const [tx, ty] = projection.translate();
    const k = projection.scale();
    for (const [name, place] of Object.entries(PLACES)) {
      const [x, y] = lambert(place, EUROPE_CENTRE);
      const projected = projection(place)!;
      // Screen y grows downwards.
      expect(projected[0], name).toBeCloseTo(tx + k * x, 6);
      expect(projected[1], name).toBeCloseTo(ty - k * y, 6);
      const back = projection.invert!(projected)!;
      expect(back[0], name).toBeCloseTo(place[0], 6);
      expect(back[1], name).toBeCloseTo(place[1], 6);
    }
  });

  it("when the frame is fitted, then the centre is at the projection's origin and every corner the frame must show is inside it", () => {
    expect(projection(EUROPE_CENTRE)).toEqual(projection.translate());
    for (const corner of EUROPE_CORNERS) {
      const [x, y] = projection(corner)!;
      expect(x).toBeGreaterThanOrEqual(-1e-6);
      expect(x).toBeLessThanOrEqual(640 + 1e-6);
      expect(y).toBeGreaterThanOrEqual(-1e-6);
      expect(y).toBeLessThanOrEqual(480 + 1e-6);
    }
  });
});

describe("reading the atlas", () => {
  const require = createRequire(import.meta.url);
  const shapes = atlasShapes(JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8")) as WorldAtlas);
  const keys = new Set(shapes.map((s) => s.key));

  it("when the atlas is read, then countries are keyed by zero-padded ISO numeric codes, and Kosovo (no code) by its name", () => {
    expect(keys).toContain("276");
    expect(keys).toContain("040");
    expect(keys).toContain("Kosovo");
    expect(shapes.every((s) => /^\d{3}$/.test(s.key) || s.key === "Kosovo" || !/^\d/.test(s.key))).toBe(true);
  });

  it("when an alpha-2 code is looked up, then it maps to its numeric key, Kosovo to its name", () => {
    const numeric = (alpha2: string) => ({ DE: "276", AT: "040" })[alpha2];
    expect(atlasKey("DE", numeric)).toBe("276");
    expect(atlasKey("XK", numeric)).toBe("Kosovo");
    expect(atlasKey("ZZ", numeric)).toBeUndefined();
  });
});
