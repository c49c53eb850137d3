// Small labels that travel with a record wherever it is shown: its workflow state, its handling
// marking, and the synthetic flag (demo data must never pass for real events).
import type { Incident } from "../api/types.js";
import { STATE_LABELS } from "../lib/labels.js";

export function StateBadge({ state }: { state: Incident["state"] }) {
  return <span className={`badge badge-state badge-${state}`}>{STATE_LABELS[state]}</span>;
}

export function MarkingBadge({ marking }: { marking: Incident["handling_marking"] }) {
  return (
    <span className={`badge badge-marking badge-marking-${marking.toLowerCase()}`} title="Handling marking">
      {marking}
    </span>
  );
}

export function SyntheticBadge() {
  return (
    <span className="badge badge-synthetic" title="Synthetic demo data, not a real event">
      Synthetic
    </span>
  );
}

/** The badges of a record, in a fixed order. */
export function RecordBadges({ incident }: { incident: Pick<Incident, "state" | "handling_marking" | "synthetic"> }) {
  return (
    <span className="badges">
      <StateBadge state={incident.state} />
      <MarkingBadge marking={incident.handling_marking} />
      {incident.synthetic ? <SyntheticBadge /> : null}
    </span>
  );
}

/** Admiralty grade of a source, e.g. "B2", with its meaning on hover and for screen readers. */
export function GradeBadge({ reliability, credibility }: { reliability: string; credibility: number }) {
  return (
    <span
      className="badge badge-grade"
      aria-label={`Admiralty grade ${reliability}${credibility}: reliability ${reliability}, credibility ${credibility}`}
      title="Admiralty grade: source reliability (A–F) and information credibility (1–6)"
    >
      {reliability}
      {credibility}
    </span>
  );
}

const MARKING_WORDS: Record<Incident["handling_marking"], string> = { SBU: "SBU — SENSITIVE BUT UNCLASSIFIED", UNCLASSIFIED: "UNCLASSIFIED" };

/** The handling marking as a banner across the top of a record, as on a marked document. */
export function MarkingBanner({ marking }: { marking: Incident["handling_marking"] }) {
  return (
    <p className={`marking-banner marking-banner-${marking.toLowerCase()}`} aria-label={`Handling marking: ${MARKING_WORDS[marking]}`}>
      {MARKING_WORDS[marking]}
    </p>
  );
}
