// Messages on a page: errors (announced at once), warnings, information and success.
import type { ReactNode } from "react";

type Tone = "error" | "warning" | "info" | "success";

export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ReactNode }) {
  const role = tone === "error" ? "alert" : "status";
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** What the last action on a page did, or why it did not: "Done" with its message, or the failure. */
export function ActionResult({ message, error }: { message: string | null; error: string | null }) {
  return (
    <>
      {message ? (
        <Notice tone="success" title="Done">
          <span role="status">{message}</span>
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="error" title="That did not work">
          {error}
        </Notice>
      ) : null}
    </>
  );
}

/** The line shown on every page or export that holds synthetic records. */
export function SyntheticWatermark({ count }: { count?: number }) {
  return (
    <p className="synthetic-watermark" role="note">
      SYNTHETIC DATA — NOT REAL EVENTS{count !== undefined ? ` (${count} synthetic record${count === 1 ? "" : "s"} shown)` : ""}
    </p>
  );
}
