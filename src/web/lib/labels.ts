// Words for the API's codes (the vocabulary's labels, shared with the documents: domain/labels.ts),
// and the web app's own ways of writing months, times and date windows.
export * from "../../domain/labels.js";

/** "2025-06" → "Jun 2025". */
export function monthLabel(period: string): string {
  const [year, month] = period.split("-");
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${names[Number(month) - 1] ?? month} ${year}`;
}

/** An ISO timestamp as "14 Jun 2025, 10:05" in the reader's zone. */
export function timestampLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** An incident's date window: "2025-06-14", or "2025-06-01 – 2025-06-30 (month)". */
export function occurredLabel(occurred: { from: string; to: string; precision: string }): string {
  if (occurred.from === occurred.to) return occurred.from;
  return `${occurred.from} – ${occurred.to} (${occurred.precision})`;
}

/** A closed vocabulary as a select's options, in its order, with its labels. */
export function labelledOptions<T extends string>(values: readonly T[], labels: Record<T, string>): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
