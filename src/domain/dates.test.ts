import { describe, expect, it } from "vitest";
import { addDays, isCalendarDate, precisionProblem } from "./dates.js";

describe("calendar dates", () => {
  it("when a date does not exist, then it is not a calendar date", () => {
    expect(isCalendarDate("2025-02-28")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
    expect(isCalendarDate("2025-1-01")).toBe(false);
    expect(isCalendarDate("2025-01-01T00:00:00Z")).toBe(false);
  });

  it("when days are added across a month and a year, then the date rolls over", () => {
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
  });

  it("when a window is checked against its precision, then only whole weeks, months and years fit", () => {
    expect(precisionProblem("2025-06-14", "2025-06-14", "day")).toBeNull();
    expect(precisionProblem("2025-06-09", "2025-06-15", "week")).toBeNull(); // Monday to Sunday
    expect(precisionProblem("2025-06-10", "2025-06-16", "week")).toMatch(/Monday/);
    expect(precisionProblem("2025-02-01", "2025-02-28", "month")).toBeNull();
    expect(precisionProblem("2025-02-01", "2025-03-31", "month")).toBeNull();
    expect(precisionProblem("2025-02-02", "2025-02-28", "month")).toMatch(/first day/);
    expect(precisionProblem("2025-02-01", "2025-02-27", "month")).toMatch(/last day/);
    expect(precisionProblem("2025-01-01", "2025-12-31", "year")).toBeNull();
    expect(precisionProblem("2025-01-01", "2025-12-30", "year")).toMatch(/31 December/);
  });
});
