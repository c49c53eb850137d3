// The record's history from the audit log: who did what, when, and which fields changed.
import type { History } from "../../api/types.js";
import { timestampLabel } from "../../lib/labels.js";

const ACTION_LABELS: Record<string, string> = {
  "incident.create": "Recorded",
  "incident.update": "Edited",
  "incident.correct": "Corrected by the bureau",
  "incident.source_attach": "Source cited",
  "incident.comment": "Commented",
  "incident.submit": "Submitted",
  "incident.clear": "Cleared",
  "incident.accept": "Accepted",
  "incident.publish": "Published",
  "incident.return": "Returned",
  "incident.retract": "Retracted",
};

const HIDDEN_FIELDS = new Set(["note", "comment_id", "body"]);

export function HistoryList({ history }: { history: History | null }) {
  if (!history) return <p role="status">Loading…</p>;
  if (history.items.length === 0) return <p className="muted">No history.</p>;
  return (
    <ol className="history">
      {history.items.map((event) => {
        const fields = event.action === "incident.create" ? [] : event.changes.map((c) => c.field).filter((f) => !HIDDEN_FIELDS.has(f) && f !== "state");
        return (
          <li key={event.id}>
            <p>
              <strong>{ACTION_LABELS[event.action] ?? event.action}</strong> by {event.actor.name ?? event.actor.system ?? "someone"}
            </p>
            <p className="muted small">
              <time dateTime={event.at}>{timestampLabel(event.at)}</time>
              {fields.length > 0 ? ` · changed ${fields.join(", ")}` : ""}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
