// Reports the user may read (their post's, for post staff; all, for the bureau and auditors),
// newest first, each with its latest frozen version and hash; filtered by kind in the URL. Those
// who may create reports find "New report" here, and editors the country report's templates.
import { api } from "../../api/client.js";
import type { ReportList } from "../../api/types.js";
import { SyntheticBadge } from "../../components/Badges.js";
import { SelectField } from "../../components/form.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page } from "../../components/Page.js";
import { timestampLabel } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { createsReports, KIND_LABELS, managesReportTemplates, shortHash, type ReportKind } from "./report-labels.js";

const KINDS = Object.keys(KIND_LABELS) as ReportKind[];

export function ReportListPage() {
  const user = useUser();
  const reference = useReference();
  const { query } = useLocation();
  const kindParam = query.get("kind");
  const kind = KINDS.includes(kindParam as ReportKind) ? (kindParam as ReportKind) : undefined;
  const list = useApi(() => api("GET /reports", { query: { kind } }), [kind]);
  const items: ReportList["items"] = list.data?.items ?? [];
  const countries = (codes: string[]) => codes.map((c) => reference.countryName(c)).join(", ");
  const categories = (codes: string[]) => (codes.length === 0 ? "All categories" : codes.join(", "));

  return (
    <Page
      title="Reports"
      actions={
        <>
          {managesReportTemplates(user) ? (
            <Link to="/reports/templates" className="button">
              Country report templates
            </Link>
          ) : null}
          {createsReports(user) ? (
            <Link to="/reports/new" className="button button-primary">
              New report
            </Link>
          ) : null}
        </>
      }
    >
      <div className="table-toolbar">
        <p className="result-count" role="status">
          {list.loading ? "Loading reports…" : `${items.length} report${items.length === 1 ? "" : "s"}${kind ? ` of this kind` : ""}`}
        </p>
        <SelectField
          path="report-kind"
          label="Kind"
          className="inline-field"
          value={kind ?? ""}
          empty="All kinds"
          options={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          onValue={(value) => navigate(value ? `/reports?kind=${value}` : "/reports", { replace: true })}
        />
      </div>
      {list.error ? (
        <Notice tone="error" title="The reports could not be loaded">
          <p>{list.error.message}</p>
        </Notice>
      ) : null}
      {items.some((r) => r.latest?.synthetic) ? <SyntheticWatermark /> : null}
      <div className="table-scroll">
        <table className="table report-list-table">
          <caption className="visually-hidden">Reports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Countries</th>
              <th scope="col">Period</th>
              <th scope="col">Categories</th>
              <th scope="col" className="numeric">
                Latest version
              </th>
              <th scope="col">Frozen</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {!list.loading && items.length === 0 ? (
              <tr>
                <td colSpan={8} className="empty">
                  {kind ? "No report of this kind yet." : createsReports(user) ? "No report yet. Start one with New report." : "No report yet."}
                </td>
              </tr>
            ) : null}
            {items.map((report) => (
              <tr key={report.id} className={report.latest?.synthetic ? "row-synthetic" : undefined}>
                <td>
                  <Link to={`/reports/${report.id}`} className="row-title">
                    {report.title}
                  </Link>
                  {report.latest?.synthetic ? (
                    <span className="badges">
                      <SyntheticBadge />
                    </span>
                  ) : null}
                  <div className="muted small">
                    {report.post === "BUREAU" ? "Bureau" : `Post ${report.post}`} · created {timestampLabel(report.created_at)}
                  </div>
                </td>
                <td>{KIND_LABELS[report.kind]}</td>
                <td>{countries(report.parameters.countries)}</td>
                <td className="nowrap">{report.parameters.period}</td>
                <td>{categories(report.parameters.categories)}</td>
                <td className="numeric">{report.latest ? report.latest.version : "—"}</td>
                <td className="nowrap">{report.latest ? timestampLabel(report.latest.frozen_at) : "not frozen"}</td>
                <td>{report.latest ? <code title={report.latest.sha256}>{shortHash(report.latest.sha256)}</code> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
