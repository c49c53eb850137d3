import { describe, expect, it } from "vitest";
import { chartDecimals, classOf, formatNumber, mapClasses, niceTicks, pointText, type ChartBlock } from "./figures.js";

describe("report figures on the page", () => {
  it("when counts start at 0, then the axis starts at 0, not a step below", () => {
    expect(niceTicks(0, 2, 5, true).values).toEqual([0, 1, 2]);
    expect(niceTicks(0, 0.0087).values[0]).toBe(0);
    expect(niceTicks(-0.5, 3).min).toBe(-0.5);
  });

  it("when a point has no figure, then it reads 'no data', never 0; an interval reads as one", () => {
    const chart: ChartBlock = {
      type: "chart",
      kind: "bar",
      title: "Rates",
      unit: "per 100,000 residents",
      series: [
        {
          label: "Rate",
          points: [
            { x: "DE", y: 1.2, low: 0.85, high: 1.65 },
            { x: "FR", y: null },
          ],
        },
      ],
    };
    const decimals = chartDecimals(chart);
    expect(pointText(chart.series[0]!.points[0], decimals)).toBe("1.2 (95% interval 0.85–1.65)");
    expect(pointText(chart.series[0]!.points[1], decimals)).toBe("no data");
  });

  it("when values are counts or small rates, then they read as the report's tables write them", () => {
    expect(formatNumber(12345.6, 1)).toBe("12,345.6");
    expect(formatNumber(0.002409, 2)).toBe("0.00241");
    expect(formatNumber(0, 2)).toBe("0.00");
  });

  it("when a map shades counts, then its classes start at 0 and every value falls in one", () => {
    const classes = mapClasses([2, 7, 10]);
    expect(classes[0]!.lower).toBe(0);
    expect(classOf(10, classes)).toBe(classes.at(-1));
    expect(classOf(0, classes)).toBe(classes[0]);
  });
});
