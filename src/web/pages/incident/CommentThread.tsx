// The record's comment thread, oldest first, with returns and retractions marked; and a form to add one.
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import { TextArea } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { timestampLabel } from "../../lib/labels.js";
import { useApi } from "../../lib/use-api.js";

const KIND_LABELS = { comment: "Comment", return: "Returned", retract: "Retracted" } as const;

export function CommentThread({ incidentId, version }: { incidentId: string; version: number }) {
  const comments = useApi(() => api("GET /incidents/:id/comments", { params: { id: incidentId } }), [incidentId, version]);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError("Write a comment first");
      return;
    }
    setBusy(true);
    try {
      await api("POST /incidents/:id/comments", { params: { id: incidentId }, body: { body: body.trim() } });
      setBody("");
      setError(undefined);
      comments.reload();
    } catch (failure) {
      setError(failure instanceof ApiError ? (failure.issues[0]?.message ?? failure.message) : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="comments">
      {comments.error ? <Notice tone="error">{comments.error.message}</Notice> : null}
      {comments.data && comments.data.items.length === 0 ? <p className="muted">No comments yet.</p> : null}
      <ol className="comment-list">
        {comments.data?.items.map((comment) => (
          <li key={comment.id} className={`comment comment-${comment.kind}`}>
            <p className="comment-meta">
              {comment.kind !== "comment" ? <span className="badge">{KIND_LABELS[comment.kind]}</span> : null} <strong>{comment.author.name}</strong> (
              {comment.author.post}) · <time dateTime={comment.created_at}>{timestampLabel(comment.created_at)}</time>
            </p>
            <p className="prose">{comment.body}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextArea path="comment" label="Add a comment" value={body} onValue={setBody} error={error} rows={3} />
        <button type="submit" className="button" disabled={busy}>
          Add comment
        </button>
      </form>
    </div>
  );
}
