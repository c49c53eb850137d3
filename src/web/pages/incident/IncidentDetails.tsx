// An incident's fields, grouped as in the editor, as definition lists. Unknown values say so.
import type { ReactNode } from "react";
import type { Incident } from "../../api/types.js";
import { Section } from "../../components/Page.js";
import {
  BASIS_LABELS,
  BIAS_LABELS,
  DATE_PRECISION_LABELS,
  GEO_PRECISION_LABELS,
  LEGAL_STATUS_LABELS,
  MIGRATION_STATUS_LABELS,
  VERIFICATION_LABELS,
  occurredLabel,
  timestampLabel,
} from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";

const unknown = <span className="muted">not known</span>;
const value = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? unknown : v);

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, content]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{content}</dd>
        </div>
      ))}
    </dl>
  );
}

export function IncidentDetails({ incident }: { incident: Incident }) {
  const reference = useReference();
  const { location, victims, perpetrators, sentence } = incident;
  // Built apart, so each row below stays a plain (label, content) pair.
  const summary = incident.summary ? <p className="prose">{incident.summary}</p> : unknown;
  const biasMotivations =
    incident.bias_motivations.length > 0 ? incident.bias_motivations.map((b) => BIAS_LABELS[b]).join(", ") : <span className="muted">none recorded</span>;
  return (
    <>
      <Section title="What happened">
        <Facts
          rows={[
            ["Categories", incident.categories.map((c) => `${c} · ${reference.categoryLabel(c)}`).join("; ")],
            ["Summary", summary],
            ["Bias motivation", biasMotivations],
          ]}
        />
      </Section>
      <Section title="When and where">
        <Facts
          rows={[
            ["Country", reference.countryName(incident.country)],
            ["Region", value(location.admin_region)],
            ["City", value(location.city)],
            ["Coordinates", location.latitude !== null ? `${location.latitude}, ${location.longitude}` : unknown],
            ["Location precision", GEO_PRECISION_LABELS[location.precision]],
            ["Occurred", occurredLabel(incident.occurred)],
            ["Date precision", DATE_PRECISION_LABELS[incident.occurred.precision]],
            ["Reported", value(incident.reported_date)],
          ]}
        />
      </Section>
      <Section title="Victims and perpetrators">
        <Facts
          rows={[
            ["Victims", value(victims.count)],
            ["of whom minors", value(victims.minors)],
            ["Female / male / sex unknown", `${victims.female ?? "?"} / ${victims.male ?? "?"} / ${victims.sex_unknown ?? "?"}`],
            ["Perpetrators", value(perpetrators.count)],
          ]}
        />
        {perpetrators.groups.length > 0 ? (
          <table className="table table-compact">
            <caption>Perpetrator groups (migration status as reported)</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Count
                </th>
                <th scope="col">Migration status as reported</th>
                <th scope="col">Basis</th>
                <th scope="col">Nationality</th>
              </tr>
            </thead>
            <tbody>
              {perpetrators.groups.map((g, i) => (
                <tr key={i}>
                  <td className="numeric">{value(g.count)}</td>
                  <td>{MIGRATION_STATUS_LABELS[g.migration_status]}</td>
                  <td>{g.basis ? BASIS_LABELS[g.basis] : unknown}</td>
                  <td>{g.nationality ? reference.countryName(g.nationality) : unknown}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No perpetrator group recorded: migration status counts as unknown.</p>
        )}
      </Section>
      <Section title="Legal status and verification">
        <Facts
          rows={[
            ["Legal status", LEGAL_STATUS_LABELS[incident.legal_status]],
            [
              "Sentence",
              sentence
                ? [
                    sentence.custodial_months !== null ? `${sentence.custodial_months} months custodial` : null,
                    sentence.suspended ? "suspended" : null,
                    sentence.fine ? `fine ${sentence.fine.amount} ${sentence.fine.currency}` : null,
                    sentence.other,
                    sentence.court ? `court: ${sentence.court}` : null,
                    sentence.date,
                  ]
                    .filter(Boolean)
                    .join("; ") || unknown
                : unknown,
            ],
            ["Verification", VERIFICATION_LABELS[incident.verification_status]],
            ["Handling marking", incident.handling_marking],
            ["Taxonomy version", incident.taxonomy_version],
            ["Recorded", `${timestampLabel(incident.created_at)} (version ${incident.version}, last changed ${timestampLabel(incident.updated_at)})`],
          ]}
        />
      </Section>
    </>
  );
}
