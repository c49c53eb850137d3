// The review steps open to you on a reviewed record (an engagement, a tasking response): submit,
// clear, accept, or return it to the post with a comment. Returning asks first, showing the comment
// that will be sent; Cancel keeps the comment and the record as they were. After each step a live
// region (role=status) says what was done and takes the focus, so whoever used the keyboard or a
// screen reader lands on it; a refusal is announced as an error and focus stays where it was.
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.js";
import { ACTION_LABELS } from "../lib/labels.js";
import { Dialog } from "./Dialog.js";
import { fieldId, TextArea } from "./form.js";
import { Notice } from "./Notice.js";
import { Section } from "./Page.js";

type ReviewStep = "submit" | "clear" | "accept" | "return";
const STEPS: readonly ReviewStep[] = ["submit", "clear", "accept", "return"];
const COMMENT_FIELD = "return-comment";

/** What the page says once a step on the record (an "engagement", a "response") is done. */
const done = (noun: string): Record<ReviewStep, string> => ({
  submit: `Submitted the ${noun} for clearance.`,
  clear: `Cleared the ${noun} for the bureau.`,
  accept: `Accepted the ${noun}.`,
  return: `Returned the ${noun} to the post with your comment.`,
});

interface ReviewActionsProps {
  /** The record in words, for what the page says: "engagement", "response". */
  noun: string;
  /** The steps the server allows you on the record now (its `allowed_actions`); only review steps are offered. */
  allowed: readonly string[];
  /** Take the step (call the API and show the record it answers); an ApiError says why it was refused. */
  take(step: ReviewStep, comment: string | undefined): Promise<void>;
}

export function ReviewActions({ noun, allowed, take }: ReviewActionsProps) {
  const steps = STEPS.filter((s) => allowed.includes(s));
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  /** Set when a step succeeded: focus goes to what the page says of it (also when the dialog closes). */
  const succeeded = useRef(false);

  useEffect(() => {
    if (said !== null && succeeded.current && !confirming) status.current?.focus();
  }, [said, confirming]);

  const run = async (step: ReviewStep) => {
    setBusy(true);
    setRefused(null);
    setSaid(null);
    succeeded.current = false;
    try {
      await take(step, step === "return" ? comment.trim() : undefined);
      succeeded.current = true;
      if (step === "return") setComment("");
      setSaid(done(noun)[step]);
    } catch (error) {
      setRefused(error instanceof ApiError ? [error.message, ...error.issues.map((i) => i.message)].join(" ") : String(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const start = (step: ReviewStep) => {
    setSaid(null);
    setRefused(null);
    if (step !== "return") {
      void run(step);
      return;
    }
    if (comment.trim() === "") {
      setCommentError(`Say what the post should change before returning the ${noun}.`);
      document.getElementById(fieldId(COMMENT_FIELD))?.focus();
      return;
    }
    setCommentError(undefined);
    succeeded.current = false;
    setConfirming(true);
  };

  return (
    <>
      {/* Always there (so what it says is announced), looking like a success notice once it says something. */}
      <div ref={status} role="status" tabIndex={-1} className={said ? "notice notice-success" : undefined}>
        {said ? <p>{said}</p> : null}
      </div>
      {refused ? <Notice tone="error">{refused}</Notice> : null}
      {steps.length > 0 ? (
        <Section title="Review">
          {steps.includes("return") ? (
            <TextArea
              path={COMMENT_FIELD}
              label="Comment for the post (needed to return it)"
              value={comment}
              onValue={setComment}
              error={commentError}
              rows={3}
            />
          ) : null}
          {steps.map((step) => (
            <button key={step} type="button" className={step === "return" ? "button" : "button button-primary"} disabled={busy} onClick={() => start(step)}>
              {ACTION_LABELS[step]}
            </button>
          ))}
        </Section>
      ) : null}
      <Dialog
        open={confirming}
        title={`Return the ${noun} to the post?`}
        onClose={() => setConfirming(false)}
        returnFocus={() => (succeeded.current ? status.current : null)}
        footer={
          <>
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void run("return")}>
              Return with this comment
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        }
      >
        <p>The post will see this comment with the returned {noun}:</p>
        <blockquote className="prose">{comment.trim()}</blockquote>
      </Dialog>
    </>
  );
}
