// The browser's maps and the PDF/DOCX renderers' maps project through the same code (src/lib/atlas.ts):
// known places land on the same coordinates on screen as in print, in the same frame, for both extents.
import { describe, expect, it } from "vitest";
import { mapProjection } from "../../lib/atlas.js";
import { screenProjection } from "./atlas.js";

const PLACES: Record<string, [number, number]> = {
  Berlin: [13.405, 52.52],
  Reykjavík: [-21.94, 64.15],
  Gibraltar: [-5.35, 36.14],
  Nicosia: [33.38, 35.17],
  Lisbon: [-9.14, 38.72],
};

describe("the browser's maps and the renderers' maps", () => {
  it("when the same places are projected on screen and for print in the same frame, then they get the same coordinates, both extents", () => {
    for (const extent of ["europe", "world"] as const) {
      const inset = extent === "world" ? 4 : 0;
      const print = mapProjection(extent, [
        [inset, inset],
        [640 - inset, 480 - inset],
      ]);
      const screen = screenProjection(extent, 640, 480);
      for (const [name, place] of Object.entries(PLACES)) expect(screen(place), `${extent}: ${name}`).toEqual(print(place));
    }
  });

  it("when the world is projected, then Equal Earth puts the sphere inside the frame with its margin", () => {
    const [[x0, y0], [x1, y1]] = [
      [4, 4],
      [636, 476],
    ];
    const screen = screenProjection("world", 640, 480);
    for (const lon of [-180, -90, 0, 90, 180]) {
      for (const lat of [-90, -45, 0, 45, 90]) {
        const [x, y] = screen([lon === 180 ? 179.999 : lon === -180 ? -179.999 : lon, lat])!;
        expect(x).toBeGreaterThanOrEqual(x0 - 1e-6);
        expect(x).toBeLessThanOrEqual(x1 + 1e-6);
        expect(y).toBeGreaterThanOrEqual(y0 - 1e-6);
        expect(y).toBeLessThanOrEqual(y1 + 1e-6);
      }
    }
  });
});
