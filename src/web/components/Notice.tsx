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

/** The line shown on every page or export that holds synthetic records. */
export function SyntheticWatermark({ count }: { count?: number }) {
  return (
    <p className="synthetic-watermark" role="note">
      SYNTHETIC DATA — NOT REAL EVENTS{count !== undefined ? ` (${count} synthetic record${count === 1 ? "" : "s"} shown)` : ""}
    </p>
  );
}
