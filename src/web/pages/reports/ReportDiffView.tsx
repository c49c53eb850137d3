// What changed between two frozen versions, as the API lists it (figures first): each change as
// where › what, before and after, with added and removed marked in words, not only by colour.
import type { ReportChange, ReportDiff } from "../../api/types.js";
import { timestampLabel } from "../../lib/labels.js";
import { shortHash } from "./report-labels.js";

const GROUPS: { kind: ReportChange["kind"]; title: string }[] = [
  { kind: "figure", title: "Figures" },
  { kind: "parameter", title: "Parameters" },
  { kind: "text", title: "Text" },
  { kind: "footnote", title: "Notes" },
  { kind: "citation", title: "Sources" },
];

const SEP = " › ";

function changeOf(change: ReportChange): "added" | "removed" | "changed" {
  if (change.before === null) return "added";
  if (change.after === null) return "removed";
  return "changed";
}

const CHANGE_WORDS = { added: "Added", removed: "Removed", changed: "Changed" } as const;

function Value({ value, side }: { value: string | null; side: "before" | "after" }) {
  if (value === null) {
    return (
      <span className="muted">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{side === "before" ? "not in this version" : "no longer there"}</span>
      </span>
    );
  }
  return <span className={side === "before" ? "report-diff-value report-diff-before" : "report-diff-value"}>{value}</span>;
}

export function ReportDiffView({ diff }: { diff: ReportDiff }) {
  const counts = GROUPS.map((g) => ({ ...g, changes: diff.changes.filter((c) => c.kind === g.kind) })).filter((g) => g.changes.length > 0);
  const between = (
    <>
      version {diff.from.version} (<code title={diff.from.sha256}>{shortHash(diff.from.sha256)}</code>, data as of {timestampLabel(diff.from.as_of)}) and
      version {diff.to.version} (<code title={diff.to.sha256}>{shortHash(diff.to.sha256)}</code>, data as of {timestampLabel(diff.to.as_of)})
    </>
  );
  if (diff.changes.length === 0) {
    return (
      <p className="report-diff-summary" role="status">
        No change between {between}.
      </p>
    );
  }
  return (
    <div className="report-diff">
      <p className="report-diff-summary" role="status">
        {diff.changes.length} change{diff.changes.length === 1 ? "" : "s"} between {between}:{" "}
        {counts.map((g) => `${g.changes.length} ${g.title.toLowerCase()}`).join(", ")}.
      </p>
      {counts.map((group) => (
        <div key={group.kind} className="table-scroll">
          <table className={`table table-compact report-diff-table report-diff-table-${group.kind}`}>
            <caption>
              {group.title} ({group.changes.length})
            </caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Change</th>
                <th scope="col">Version {diff.from.version}</th>
                <th scope="col">Version {diff.to.version}</th>
              </tr>
            </thead>
            <tbody>
              {group.changes.map((change, i) => {
                const kind = changeOf(change);
                const parts = change.label.split(SEP);
                // The label starts with its section; say the section once, quieter, then the rest.
                const rest = parts[0] === change.section && parts.length > 1 ? parts.slice(1) : parts;
                return (
                  <tr key={`${change.label}-${i}`} className={`report-diff-${kind}`}>
                    <th scope="row">
                      {rest === parts ? null : (
                        <span className="report-diff-section">
                          {change.section}
                          {SEP}
                        </span>
                      )}
                      {rest.join(SEP)}
                    </th>
                    <td>
                      <span className={`badge report-diff-badge-${kind}`}>{CHANGE_WORDS[kind]}</span>
                    </td>
                    <td>
                      <Value value={change.before} side="before" />
                    </td>
                    <td>
                      <Value value={change.after} side="after" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
