// A message for the next report page shown (after "Freeze" on the new-report page, the report's page
// says what was frozen). Kept in memory only: a reload shows the page without it.
let pending: { reportId: string; text: string } | null = null;

export function flashFor(reportId: string, text: string): void {
  pending = { reportId, text };
}

/** The message left for this report (read it in a state initialiser, clear it in an effect). */
export function readFlash(reportId: string): string | null {
  return pending?.reportId === reportId ? pending.text : null;
}

export function clearFlash(reportId: string): void {
  if (pending?.reportId === reportId) pending = null;
}
