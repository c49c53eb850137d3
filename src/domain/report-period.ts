// Report periods: what `--period` accepts and the date window it stands for, with the window of
// equal kind just before it (the trend comparison's baseline). Dates are YYYY-MM-DD strings.
//
//   2025                     the calendar year
//   2025-Q3                  a quarter
//   2025-07                  a month
//   2025-01-15..2025-06-30   any window of whole days (the baseline: the same number of days before)
import { addDays, dayText, daysBetween, isCalendarDate, MONTH_NAMES } from "./dates.js";

export interface ReportPeriod {
  /** As given, normalised (e.g. 2025-Q3). */
  label: string;
  kind: "year" | "quarter" | "month" | "range";
  from: string;
  to: string;
  /** The year whose population is the denominator (the window's first year). */
  year: number;
  /** The window of the same kind and length just before, for trend statements. */
  previous: { label: string; from: string; to: string; year: number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function yearPeriod(year: number) {
  return { label: String(year), from: `${pad(year, 4)}-01-01`, to: `${pad(year, 4)}-12-31`, year };
}
function quarterPeriod(year: number, quarter: number) {
  const first = (quarter - 1) * 3 + 1;
  return {
    label: `${year}-Q${quarter}`,
    from: `${pad(year, 4)}-${pad(first)}-01`,
    to: `${pad(year, 4)}-${pad(first + 2)}-${pad(lastDayOfMonth(year, first + 2))}`,
    year,
  };
}
function monthPeriod(year: number, month: number) {
  return {
    label: `${pad(year, 4)}-${pad(month)}`,
    from: `${pad(year, 4)}-${pad(month)}-01`,
    to: `${pad(year, 4)}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
    year,
  };
}

/** Parse a period, or return the reason it is not one. */
export function parseReportPeriod(text: string): ReportPeriod | { error: string } {
  const value = text.trim();
  let match: RegExpMatchArray | null;
  if ((match = value.match(/^(\d{4})$/))) {
    const year = Number(match[1]);
    if (year < 1900) return { error: "must be a year from 1900" };
    return { ...yearPeriod(year), kind: "year", previous: yearPeriod(year - 1) };
  }
  if ((match = value.match(/^(\d{4})-Q([1-4])$/i))) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    if (year < 1900) return { error: "must be a year from 1900" };
    return { ...quarterPeriod(year, quarter), kind: "quarter", previous: quarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, quarter - 1) };
  }
  if ((match = value.match(/^(\d{4})-(\d{2})$/))) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (year < 1900 || month < 1 || month > 12) return { error: "must be a month such as 2025-07" };
    return { ...monthPeriod(year, month), kind: "month", previous: month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1) };
  }
  if ((match = value.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/))) {
    const [from, to] = [match[1]!, match[2]!];
    if (!isCalendarDate(from) || !isCalendarDate(to)) return { error: "both ends must be real dates (YYYY-MM-DD)" };
    if (to < from) return { error: "the end must not be before the start" };
    if (Number(from.slice(0, 4)) < 1900) return { error: "must start in 1900 or later" };
    const days = daysBetween(from, to) + 1;
    const previousTo = addDays(from, -1);
    const previousFrom = addDays(from, -days);
    return {
      label: `${from}..${to}`,
      kind: "range",
      from,
      to,
      year: Number(from.slice(0, 4)),
      previous: { label: `${previousFrom}..${previousTo}`, from: previousFrom, to: previousTo, year: Number(previousFrom.slice(0, 4)) },
    };
  }
  return { error: "must be a year (2025), a quarter (2025-Q3), a month (2025-07) or a range of dates (2025-01-01..2025-06-30)" };
}

/** How a period reads in a sentence: "2025", "the third quarter of 2025", "July 2025", "1 January 2025 to 30 June 2025". */
export function describePeriod(period: Pick<ReportPeriod, "kind" | "from" | "to" | "label">): string {
  switch (period.kind) {
    case "year":
      return period.label;
    case "quarter":
      return `${["the first", "the second", "the third", "the fourth"][Number(period.label.slice(-1)) - 1]} quarter of ${period.label.slice(0, 4)}`;
    case "month":
      return `${MONTH_NAMES[Number(period.from.slice(5, 7)) - 1]} ${period.from.slice(0, 4)}`;
    case "range":
      return `${dayText(period.from)} to ${dayText(period.to)}`;
  }
}
