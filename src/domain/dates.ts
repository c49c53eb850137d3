// Calendar dates as YYYY-MM-DD strings. Arithmetic goes through UTC only, so no host time zone can
// shift a date by a day.
import type { DatePrecision } from "./vocabulary.js";

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function utc(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export function addDays(value: string, days: number): string {
  const d = utc(value);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000);
}

function lastDayOfMonth(value: string): string {
  const d = utc(value);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/**
 * Whether an occurrence window fits its precision: a `week` runs Monday to Sunday (ISO weeks), a
 * `month` window starts on a first and ends on a last day of a month, a `year` window on 1 January
 * and 31 December. Returns the problem, or null when it fits.
 */
export function precisionProblem(from: string, to: string, precision: DatePrecision): string | null {
  switch (precision) {
    case "day":
      return null;
    case "week":
      if (utc(from).getUTCDay() !== 1) return "a week-precision window must start on a Monday";
      if (utc(to).getUTCDay() !== 0) return "a week-precision window must end on a Sunday";
      return null;
    case "month":
      if (!from.endsWith("-01")) return "a month-precision window must start on the first day of a month";
      if (lastDayOfMonth(to) !== to) return "a month-precision window must end on the last day of a month";
      return null;
    case "year":
      if (!from.endsWith("-01-01")) return "a year-precision window must start on 1 January";
      if (!to.endsWith("-12-31")) return "a year-precision window must end on 31 December";
      return null;
  }
}

/** The earlier or the later of two YYYY-MM-DD dates (such strings sort as they read). */
export const earlierDate = (a: string, b: string) => (a < b ? a : b);
export const laterDate = (a: string, b: string) => (a > b ? a : b);

export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** 14 June 2025. */
export function dayText(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(0, 4))}`;
}

/** 1 January to 30 June 2025; 15 December 2024 to 14 January 2025. */
export function spanText(from: string, to: string): string {
  if (from === to) return dayText(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = sameYear ? dayText(from).replace(/ \d+$/, "") : dayText(from);
  return `${start} to ${dayText(to)}`;
}
