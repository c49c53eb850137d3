// The workflow steps open to you on this record now (the server's `allowed_actions`), as buttons.
// Returning asks for a comment for the post; retracting asks for a reason that stays on the record.
// If someone moved the record first, the 409 says what changed and offers to reload.
import { useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { Incident, WorkflowAction } from "../../api/types.js";
import { Dialog } from "../../components/Dialog.js";
import { TextArea } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { ACTION_LABELS, STATE_LABELS } from "../../lib/labels.js";

const NEEDS_TEXT: Partial<Record<WorkflowAction, { field: "comment" | "reason"; label: string; hint: string }>> = {
  return: { field: "comment", label: "What should the post change?", hint: "The post sees this comment with the returned record." },
  retract: { field: "reason", label: "Why is the record retracted?", hint: "The reason stays on the record; it is never deleted." },
};

/** What to say after a step succeeded. */
const DONE: Record<WorkflowAction, string> = {
  submit: "Submitted to your post's approver for clearance.",
  clear: "Cleared: the record goes to the bureau for review.",
  accept: "Accepted: the record now counts in the bureau's analysis.",
  publish: "Published.",
  return: "Returned to the post with your comment.",
  retract: "Retracted: the record is kept but left out of new reports.",
};

export function WorkflowActions({ incident, onChanged, compact = false }: { incident: Incident; onChanged(incident: Incident): void; compact?: boolean }) {
  const [asking, setAsking] = useState<WorkflowAction | null>(null);
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string; reload?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = async () => {
    onChanged(await api("GET /incidents/:id", { params: { id: incident.id } }));
    setMessage(null);
  };

  const take = async (action: WorkflowAction, note?: string) => {
    setBusy(true);
    try {
      const needs = NEEDS_TEXT[action];
      const changed = await api("POST /incidents/:id/transitions", {
        params: { id: incident.id },
        body: { action, version: incident.version, ...(needs && note ? { [needs.field]: note } : {}) },
      });
      setAsking(null);
      setText("");
      setMessage({ tone: "success", text: DONE[action] });
      onChanged(changed);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (asking && error.issues.length > 0) {
        setTextError(error.issues.map((i) => i.message).join("; "));
        return;
      }
      setAsking(null);
      if (error.code === "version_conflict") {
        setMessage({
          tone: "error",
          text: `Someone else changed this record while you were reading it (it is now version ${error.body?.current_version ?? "newer"}). Reload it to see the change, then decide again.`,
          reload: true,
        });
      } else if (error.code === "illegal_transition") {
        const open = error.body?.allowed_actions ?? [];
        setMessage({
          tone: "error",
          text: `This step is no longer open: the record is ${STATE_LABELS[(error.body?.state as Incident["state"]) ?? incident.state]}. ${open.length > 0 ? `You may now: ${open.map((a) => ACTION_LABELS[a]).join(", ")}.` : "No step is open to you on it now."}`,
          reload: true,
        });
      } else {
        setMessage({ tone: "error", text: error.message });
      }
    } finally {
      setBusy(false);
    }
  };

  const start = (action: WorkflowAction) => {
    setMessage(null);
    if (NEEDS_TEXT[action]) {
      setText("");
      setTextError(undefined);
      setAsking(action);
    } else {
      void take(action);
    }
  };
  const confirm = () => {
    if (!text.trim()) {
      setTextError("Write a few words: this cannot be empty");
      return;
    }
    void take(asking!, text.trim());
  };
  const needs = asking ? NEEDS_TEXT[asking] : undefined;

  return (
    <div className={compact ? "workflow workflow-compact" : "workflow"}>
      {message ? (
        <Notice tone={message.tone}>
          <p>{message.text}</p>
          {message.reload ? (
            <button type="button" className="button" onClick={() => void reload()}>
              Reload the record
            </button>
          ) : null}
        </Notice>
      ) : null}
      {incident.allowed_actions.length > 0 ? (
        <div className="workflow-actions" role="group" aria-label={`Workflow actions for incident ${incident.number}`}>
          {!compact ? <span className="workflow-label">Next step:</span> : null}
          {incident.allowed_actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${action === "return" || action === "retract" ? "button-secondary" : "button-primary"}`}
              disabled={busy}
              onClick={() => start(action)}
              aria-label={compact ? `${ACTION_LABELS[action]}: incident ${incident.number}` : undefined}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      ) : null}
      <Dialog
        open={asking !== null}
        title={asking ? `${ACTION_LABELS[asking]}: incident ${incident.number}` : ""}
        onClose={() => setAsking(null)}
        footer={
          <>
            <button type="button" className="button button-primary" disabled={busy} onClick={confirm}>
              {asking ? ACTION_LABELS[asking] : ""}
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </>
        }
      >
        {needs ? (
          <TextArea path={`transition-${needs.field}`} label={needs.label} hint={needs.hint} value={text} onValue={setText} error={textError} rows={4} />
        ) : null}
      </Dialog>
    </div>
  );
}
