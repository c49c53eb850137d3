// The import run's memory of what it has accepted: a repeat is found with where the first was,
// whatever the numbers of series, geos and periods (past what packs into one number too).
import { describe, expect, it } from "vitest";
import { AcceptedKeys } from "./accepted-keys.js";

describe("accepted observations of an import run", () => {
  it("when the same series, geo and period come again, then the first one's line (or position) is answered, and nothing else is a repeat", () => {
    const keys = new AcceptedKeys();
    expect(keys.claim("s1", "DE", "2011", "2")).toBeNull();
    expect(keys.claim("s1", "DE", "2012", "3")).toBeNull();
    expect(keys.claim("s1", "FR", "2011", "4")).toBeNull();
    expect(keys.claim("s2", "DE", "2011", "value[17]")).toBeNull();
    expect(keys.claim("s1", "DE", "2011", "90")).toBe("2");
    expect(keys.claim("s2", "DE", "2011", "value[40]")).toBe("value[17]");
    expect(keys.claim("s1", "FR", "2011", "91")).toBe("4");
    expect(keys.size).toBe(4);
  });

  it("when two hundred thousand observations are accepted, then each repeat finds its own first line and nothing new is taken for a repeat", () => {
    const keys = new AcceptedKeys();
    const at = (s: number, g: number, p: number) => String(((s * 40 + g) * 25 + p) * 3 + 2);
    for (let s = 0; s < 200; s++)
      for (let g = 0; g < 40; g++) for (let p = 0; p < 25; p++) expect(keys.claim(`series-${s}`, `G${g}`, String(2000 + p), at(s, g, p))).toBeNull();
    expect(keys.size).toBe(200_000);
    for (let s = 199; s >= 0; s -= 7)
      for (let g = 0; g < 40; g += 3) for (let p = 0; p < 25; p += 4) expect(keys.claim(`series-${s}`, `G${g}`, String(2000 + p), "1")).toBe(at(s, g, p));
    expect(keys.claim("series-0", "G40", "2000", "9")).toBeNull();
    expect(keys.claim("series-200", "G0", "2000", "9")).toBeNull();
    expect(keys.claim("series-0", "G0", "2025", "9")).toBeNull();
    expect(keys.size).toBe(200_003);
  });

  it("when a run has more periods and geos than pack into one number, then those are told apart by text keys, and repeats are still found on both sides", () => {
    const keys = new AcceptedKeys();
    const periods = 2 ** 15 + 10; // daily values over ninety years
    for (let p = 0; p < periods; p++) expect(keys.claim("s", "DE", `P${p}`, String(p + 2))).toBeNull();
    for (let g = 0; g < 2 ** 14 + 5; g++) expect(keys.claim("s", `G${g}`, "P0", String(periods + g + 2))).toBeNull();
    expect(keys.size).toBe(periods + 2 ** 14 + 5);
    expect(keys.claim("s", "DE", "P0", "1")).toBe("2"); // packed
    expect(keys.claim("s", "DE", `P${periods - 1}`, "1")).toBe(String(periods + 1)); // a period past 2^15: a text key
    expect(keys.claim("s", `G${2 ** 14 + 4}`, "P0", "1")).toBe(String(periods + 2 ** 14 + 4 + 2)); // a geo past 2^14
    expect(keys.claim("s", `G${2 ** 14 + 4}`, "P1", "7")).toBeNull();
  });
});
