import { describe, expect, it } from "vitest";
import { formatInterval, formatRate, formatShare, rateBreaks, rateTicks } from "./rate-format.js";

describe("how the dashboard writes rates", () => {
  it("when rates are small, then three significant digits tell them apart, without trailing zeros", () => {
    expect(formatRate(0.004807882369292219)).toBe("0.00481");
    expect(formatRate(0.0024039411846461093)).toBe("0.0024");
    expect(formatRate(3)).toBe("3");
    expect(formatRate(12.345)).toBe("12.3");
    expect(formatRate(0)).toBe("0");
    expect(formatRate(1234.5)).toBe("1,235");
    expect(formatInterval({ low: 0.001309986128690021, high: 0.012310088406504067 })).toBe("0.00131–0.0123");
    expect(formatShare(2 / 7, { low: 0.082, high: 0.641 })).toBe("29% (95% interval 8–64%)");
  });

  it("when the map's classes are made, then they are round, equal, cover the largest rate, and none are made for nothing", () => {
    expect(rateBreaks(0.0224)).toEqual([0.005, 0.01, 0.015, 0.02, 0.025]);
    expect(rateBreaks(3.4)).toEqual([1, 2, 3, 4]);
    expect(rateBreaks(0)).toEqual([]);
    const breaks = rateBreaks(0.0133);
    expect(breaks.at(-1)).toBeGreaterThanOrEqual(0.0133);
    expect(breaks.length).toBeLessThanOrEqual(5);
    expect(rateTicks(0.0133)).toEqual([0, 0.005, 0.01, 0.015]);
    expect(rateTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
