import { describe, expect, it } from "vitest";
import { describePeriod, parseReportPeriod, type ReportPeriod } from "./report-period.js";

const ok = (text: string) => {
  const p = parseReportPeriod(text);
  if ("error" in p) throw new Error(p.error);
  return p as ReportPeriod;
};

describe("report periods", () => {
  it("reads a year, a quarter, a month and a range, each with the window just before", () => {
    expect(ok("2025")).toMatchObject({
      kind: "year",
      from: "2025-01-01",
      to: "2025-12-31",
      year: 2025,
      previous: { label: "2024", from: "2024-01-01", to: "2024-12-31" },
    });
    expect(ok("2025-Q1")).toMatchObject({
      kind: "quarter",
      from: "2025-01-01",
      to: "2025-03-31",
      previous: { label: "2024-Q4", from: "2024-10-01", to: "2024-12-31" },
    });
    expect(ok("2024-q3")).toMatchObject({ label: "2024-Q3", from: "2024-07-01", to: "2024-09-30", previous: { label: "2024-Q2" } });
    expect(ok("2024-02")).toMatchObject({ kind: "month", from: "2024-02-01", to: "2024-02-29", previous: { label: "2024-01", to: "2024-01-31" } });
    expect(ok("2025-01")).toMatchObject({ previous: { label: "2024-12", from: "2024-12-01", to: "2024-12-31" } });
    // 10 days; the baseline is the 10 days before.
    expect(ok("2025-03-01..2025-03-10")).toMatchObject({ kind: "range", year: 2025, previous: { from: "2025-02-19", to: "2025-02-28", year: 2025 } });
    expect(ok("2025-01-01..2025-01-31").previous).toMatchObject({ from: "2024-12-01", to: "2024-12-31", year: 2024 });
  });

  it("refuses what is not a period, saying what is", () => {
    for (const bad of ["", "25", "2025-13", "2025-Q5", "2025-02-30..2025-03-01", "2025-03-10..2025-03-01", "1800", "last year"]) {
      const p = parseReportPeriod(bad);
      expect("error" in p, bad).toBe(true);
    }
  });

  it("reads as words", () => {
    expect(describePeriod(ok("2025"))).toBe("2025");
    expect(describePeriod(ok("2025-Q3"))).toBe("the third quarter of 2025");
    expect(describePeriod(ok("2025-07"))).toBe("July 2025");
    expect(describePeriod(ok("2025-01-01..2025-06-30"))).toBe("1 January 2025 to 30 June 2025");
  });
});
