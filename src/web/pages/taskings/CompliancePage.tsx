// Compliance: posts × taskings, where each response stands (with its dates), filterable by status,
// and per post the share answered on time; downloadable as CSV and XLSX. The bureau sees every
// post's row, a post its own.
import { useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { api, apiUrl } from "../../api/client.js";
import type { Compliance } from "../../api/types.js";
import { SelectField } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { COMPLIANCE_STATUS_LABELS, timestampLabel } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";

type Status = Compliance["rows"][number]["status"];
const STATUS_OPTIONS = [
  { value: "", label: "Every status" },
  ...(Object.entries(COMPLIANCE_STATUS_LABELS) as [Status, string][]).map(([value, label]) => ({ value, label })),
];

export function CompliancePage() {
  const [status, setStatus] = useState<Status | "">("");
  const matrix = useApi(() => api("GET /compliance", { query: status ? { status } : {} }), [status]);
  const query = status ? { status } : {};
  return (
    <Page title="Compliance">
      <Section title="Where each post stands">
        <SelectField path="compliance-status" label="Status" value={status} options={STATUS_OPTIONS} onValue={(v) => setStatus(v as Status | "")} />
        <div className="report-downloads" role="group" aria-label="Download the matrix">
          <a className="button button-small" href={apiUrl("GET /compliance/export", { query: { ...query, format: "csv" } })} download>
            CSV<span className="visually-hidden"> of the compliance matrix</span>
          </a>
          <a className="button button-small" href={apiUrl("GET /compliance/export", { query: { ...query, format: "xlsx" } })} download>
            XLSX<span className="visually-hidden"> of the compliance matrix</span>
          </a>
        </div>
        {matrix.error ? <Notice tone="error">{matrix.error.message}</Notice> : null}
        {matrix.data && matrix.data.rows.length === 0 ? <p>No post and tasking in this status.</p> : null}
        {matrix.data && matrix.data.rows.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Compliance by post and tasking</caption>
              <thead>
                <tr>
                  <th scope="col">Tasking</th>
                  <th scope="col">Post</th>
                  <th scope="col">Status</th>
                  <th scope="col">Due</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Accepted</th>
                </tr>
              </thead>
              <tbody>
                {matrix.data.rows.map((r) => (
                  <tr key={`${r.tasking_id}-${r.post}`}>
                    <td>
                      <Link to={`/taskings/${r.tasking_id}`}>{r.reference}</Link>
                    </td>
                    <td>{r.post_name}</td>
                    <td>{COMPLIANCE_STATUS_LABELS[r.status]}</td>
                    <td>{dayText(r.due_date)}</td>
                    <td>{r.submitted_at ? timestampLabel(r.submitted_at) : "—"}</td>
                    <td>{r.accepted_at ? timestampLabel(r.accepted_at) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
      {matrix.data && matrix.data.posts.length > 0 ? (
        <Section title="Answered on time">
          <table className="table">
            <caption className="visually-hidden">On-time rate by post</caption>
            <thead>
              <tr>
                <th scope="col">Post</th>
                <th scope="col">Due and decided</th>
                <th scope="col">On time</th>
                <th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {matrix.data.posts.map((p) => (
                <tr key={p.post}>
                  <td>{p.post_name}</td>
                  <td>{p.due}</td>
                  <td>{p.on_time}</td>
                  <td>{p.rate === null ? "—" : `${Math.round(p.rate * 100)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
    </Page>
  );
}
