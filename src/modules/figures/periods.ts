// Periods: which period an incident belongs to (one rule, aware of how precisely the incident is
// dated), whether a period is over, and how a period and a rate over it are named. Pure.
//
// The rule: an incident belongs to the period that holds its whole occurrence window. When no
// period holds the whole window, an incident dated to the day or the week belongs to the period in
// which its window starts; one dated only to the month or the year belongs to none of these
// periods (known only to 2025, it cannot be placed in a quarter of 2025), and is reported as "not
// placed" rather than put in the first period it touches. Periods never overlap, so every incident
// is in at most one of them, and in exactly one whenever it can be placed at all.
import { addDays, daysBetween, earlierDate as earlier, laterDate as later, spanText } from "../../domain/dates.js";
import { describePeriod } from "../../domain/report-period.js";
import type { CountedIncident } from "./rules.js";

export type PeriodKind = "year" | "quarter" | "month" | "range";

export interface FigurePeriod {
  /** 2025, 2025-Q3, 2025-07, or 2025-01-01..2025-06-30. */
  key: string;
  kind: PeriodKind;
  /** The period's first and last day (the last as a calendar unit, even when it is not over). */
  from: string;
  to: string;
  /** The last day the figures can cover: `to`, or today when the period has not ended. */
  until: string;
  /** The whole calendar unit (or the whole range asked for), not cut short by a query's window. */
  whole: boolean;
  /** Whole and ended: only such periods are compared. */
  complete: boolean;
  /** Days from `from` to `until`, both included. */
  days: number;
  /** The year whose population is the denominator: the period's first year. */
  denominator_year: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const lastDay = (year: number, month: number) => `${pad(year, 4)}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/**
 * A period from its bounds. `whole` says whether from..to is the whole unit (a year cut by a query
 * window is not); a period is complete when it is whole and its last day is before today.
 */
export function makePeriod(kind: PeriodKind, key: string, from: string, to: string, today: string, whole = true): FigurePeriod {
  const complete = whole && to < today;
  const until = complete ? to : later(from, earlier(to, today));
  return { key, kind, from, to, until, whole, complete, days: daysBetween(from, until) + 1, denominator_year: Number(from.slice(0, 4)) };
}

/** The calendar unit holding a date, as [key, first day, last day]. */
function unitOf(kind: "year" | "quarter" | "month", date: string): [string, string, string] {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === "year") return [pad(year, 4), `${pad(year, 4)}-01-01`, `${pad(year, 4)}-12-31`];
  if (kind === "month") return [`${pad(year, 4)}-${pad(month)}`, `${pad(year, 4)}-${pad(month)}-01`, lastDay(year, month)];
  const quarter = Math.ceil(month / 3);
  return [`${pad(year, 4)}-Q${quarter}`, `${pad(year, 4)}-${pad(quarter * 3 - 2)}-01`, lastDay(year, quarter * 3)];
}

/** The whole calendar year, quarter or month holding a date. */
export function unitPeriod(kind: "year" | "quarter" | "month", date: string, today: string): FigurePeriod {
  const [key, first, last] = unitOf(kind, date);
  return makePeriod(kind, key, first, last, today);
}

/**
 * The calendar years, quarters or months from `from` to `to`, the first and last cut at the window
 * (and then not whole, so never compared); a last unit still running today is whole but not over.
 */
export function calendarPeriods(kind: "year" | "quarter" | "month", from: string, to: string, today: string): FigurePeriod[] {
  const periods: FigurePeriod[] = [];
  for (let day = from; day <= to; ) {
    const [key, first, last] = unitOf(kind, day);
    const start = later(first, from);
    const end = earlier(last, to);
    // A window that runs to today or later does not cut the unit it ends in: that unit is not over.
    const open = to >= today && last > to;
    periods.push(makePeriod(kind, key, start, open ? last : end, today, start === first && (end === last || open)));
    day = addDays(last, 1);
  }
  return periods;
}

/** How many calendar units from..to spans (to refuse a request for thousands before making them). */
export function unitsBetween(kind: "year" | "quarter" | "month", from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (kind === "year") return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  if (kind === "month") return months + 1;
  return (
    Math.floor((Number(to.slice(5, 7)) - 1) / 3) - Math.floor((Number(from.slice(5, 7)) - 1) / 3) + (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 4 + 1
  );
}

/** The index of the period an incident belongs to, or -1 when it belongs to none (see the rule above). */
export function placeIncident(incident: Pick<CountedIncident, "occurred_from" | "occurred_to" | "precision">, periods: readonly FigurePeriod[]): number {
  const holding = periods.findIndex((p) => p.from <= incident.occurred_from && incident.occurred_to <= p.to);
  if (holding >= 0) return holding;
  if (incident.precision !== "day" && incident.precision !== "week") return -1;
  return periods.findIndex((p) => p.from <= incident.occurred_from && incident.occurred_from <= p.to);
}

/**
 * Whether figures over a window may read incidents' dates cut to their months: true when each bound
 * of the window is absent or on a month's edge (from on a 1st, to on a last day). Every period then
 * starts on a 1st and ends on a last day (calendar units cut at the window, or the window itself), and
 * every comparison `placeIncident` makes is of an incident's date with such an edge, which gives the
 * same answer for any day of the same month: an incident from..to is placed where one from the 1st
 * of from's month to the last day of to's month is. (The counts' own window, when none is asked for,
 * runs from the first incident to the last and holds every one, cut to months or not.)
 */
export function monthAligned(from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || from.endsWith("-01")) && (to === undefined || to === monthBounds(to.slice(0, 7))[1]);
}

/** The first and last day of a month ("2025-02" → 2025-02-01, 2025-02-28). */
export function monthBounds(month: string): [string, string] {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return [`${month}-01`, lastDay(year, m)];
}

export const PLACEMENT_RULE =
  "An incident is counted in the period that holds its whole occurrence window; when no period does, an incident dated to the day or the week is counted in the period in which it began, and one dated only to the month or the year is not placed in any of these periods (it is reported as not placed, never put in the first period it touches). Each incident is counted in one period at most.";

/** A whole unit (or range) by its name, in the words report periods use: "2025", "July 2025", "1 January 2025 to 30 June 2025". */
function unitText(period: Pick<FigurePeriod, "kind" | "key" | "from" | "to">): string {
  return describePeriod({ kind: period.kind, label: period.key, from: period.from, to: period.to });
}

/** A period as people read it; a period not over, or cut by the window, by the days it covers ("to 1 December 2026"). */
export function periodText(period: FigurePeriod): string {
  return period.complete ? unitText(period) : spanText(period.from, period.until);
}

/** The unit of a rate over this period: a complete year is a yearly rate; anything else says how long it is. */
export function rateUnit(period: FigurePeriod, population = "residents"): string {
  if (period.kind === "year" && period.complete) return `per 100,000 ${population}`;
  return `per 100,000 ${population} over ${period.days.toLocaleString("en-GB")} days (not a yearly rate)`;
}
