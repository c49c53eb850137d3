// THE compliance rule: where a post stands on a tasking, and whether it answered on time. A post
// answered on time when its first submission came on or before the due date; a post that has not
// submitted by the end of the due date is overdue until it does. Pure: the service gives the dates.
import type { ComplianceStatus, WorkflowState } from "../../domain/vocabulary.js";

interface ResponseDates {
  state: WorkflowState;
  first_submitted_at: string | null;
}

/** The status shown in the matrix; `today` is the domain clock's date. */
export function complianceStatus(response: ResponseDates | undefined, dueDate: string, today: string): ComplianceStatus {
  if (response?.first_submitted_at == null && today > dueDate) return "overdue";
  if (!response) return "not_started";
  switch (response.state) {
    case "submitted":
    case "cleared":
    case "accepted":
    case "draft":
    case "returned":
      return response.state;
    // A response is never published or retracted (the policy has no such step for it).
    default:
      return "accepted";
  }
}

/** true: submitted by the due date; false: submitted late or not at all after it; null: not yet known. */
export function answeredOnTime(response: ResponseDates | undefined, dueDate: string, today: string): boolean | null {
  const submitted = response?.first_submitted_at ?? null;
  if (submitted !== null) return submitted.slice(0, 10) <= dueDate;
  return today > dueDate ? false : null;
}

/** Per post: of the taskings due in the period whose outcome is known, how many were answered on time. */
export function onTimeRates<Row extends { post: string; post_name: string; due_date: string; on_time: boolean | null }>(
  rows: readonly Row[],
  period: { from?: string | undefined; to?: string | undefined },
) {
  const byPost = new Map<string, { post: string; post_name: string; due: number; on_time: number }>();
  for (const row of rows) {
    const entry = byPost.get(row.post) ?? { post: row.post, post_name: row.post_name, due: 0, on_time: 0 };
    byPost.set(row.post, entry);
    if (row.on_time === null || (period.from && row.due_date < period.from) || (period.to && row.due_date > period.to)) continue;
    entry.due++;
    if (row.on_time) entry.on_time++;
  }
  return [...byPost.values()].sort((a, b) => a.post.localeCompare(b.post)).map((e) => ({ ...e, rate: e.due === 0 ? null : e.on_time / e.due }));
}
