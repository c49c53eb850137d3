// When a recurring tasking comes round again: the next period is the one after the last (a month
// or a quarter later, from the first of the month when the period starts on one), due as long after
// it ends as the last was. Pure date arithmetic on YYYY-MM-DD in UTC.
import { addDays, daysBetween } from "../../domain/dates.js";
import type { TaskingRecurrence } from "../../domain/vocabulary.js";

const MONTHS: Record<Exclude<TaskingRecurrence, "none">, number> = { monthly: 1, quarterly: 3 };

/** `months` later, the day kept where the month has it, else the month's last day. */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function nextRound(
  recurrence: Exclude<TaskingRecurrence, "none">,
  last: { period: { from: string; to: string }; due_date: string },
): { period: { from: string; to: string }; due_date: string } {
  const months = MONTHS[recurrence];
  const from = addMonths(last.period.from, months);
  // A period of whole months stays whole (January → February ends on the 28th or 29th).
  const wholeMonths = last.period.from.endsWith("-01") && addDays(last.period.to, 1).endsWith("-01");
  const to = wholeMonths ? addDays(addMonths(addDays(last.period.to, 1), months), -1) : addMonths(last.period.to, months);
  return { period: { from, to }, due_date: addDays(to, daysBetween(last.period.to, last.due_date)) };
}
