// One report: what it covers, its frozen versions (each with its hash and downloads), "Freeze a new
// version" (which says so when nothing changed: the same content has the same hash), the
// comparison of two versions, and one version's document. The version shown and the versions
// compared are in the URL (?version=2&from=1&to=2), so a comparison can be reloaded or shared.
import { useEffect, useState, type FormEvent } from "react";
import { api, apiUrl } from "../../api/client.js";
import type { Report, ReportVersionSummary, User } from "../../api/types.js";
import { SyntheticBadge } from "../../components/Badges.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { timestampLabel } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { NotFoundPage } from "../NotFoundPage.js";
import { ReportDocumentView } from "./document/ReportDocumentView.js";
import { clearFlash, readFlash } from "./flash.js";
import { ReportDiffView } from "./ReportDiffView.js";
import { FORMAT_LABELS, freezesReports, frozenByLabel, KIND_LABELS, RENDER_FORMATS, shortHash } from "./report-labels.js";

type Message = { tone: "success" | "info" | "error"; text: string };

const positive = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export function ReportPage({ id }: { id: string }) {
  const user = useUser();
  const { query } = useLocation();
  const report = useApi(() => api("GET /reports/:id", { params: { id } }), [id]);
  const [message, setMessage] = useState<Message | null>(() => {
    const text = readFlash(id);
    return text ? { tone: "success", text } : null;
  });
  useEffect(() => clearFlash(id), [id]);
  const [freezing, setFreezing] = useState(false);

  if (report.error?.status === 404 || report.error?.status === 400) return <NotFoundPage what="report" />;
  if (report.error) {
    return (
      <Notice tone="error" title="The report could not be loaded">
        <p>{report.error.message}</p>
      </Notice>
    );
  }
  if (!report.data) return <p role="status">Loading…</p>;
  const data: Report = report.data;
  const versions = data.versions;
  const latest = versions.at(-1);
  const shown = versions.find((v) => v.version === positive(query.get("version"))) ?? latest;
  const hrefWith = (changes: Record<string, number | null>) => {
    const params = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key);
      else params.set(key, String(value));
    }
    const text = params.toString();
    return `/reports/${data.id}${text ? `?${text}` : ""}`;
  };

  const freeze = async () => {
    setFreezing(true);
    setMessage(null);
    try {
      const result = await api("POST /reports/:id/versions", { params: { id: data.id } });
      report.setData(result.report);
      if (result.created) {
        setMessage({
          tone: "success",
          text: `Version ${result.version.version} frozen (SHA-256 ${shortHash(result.version.sha256)}…), from data as of ${timestampLabel(result.version.as_of)}.`,
        });
        navigate(hrefWith({ version: result.version.version }), { replace: true });
      } else {
        setMessage({
          tone: "info",
          text: `No change since version ${result.version.version} — same hash (${shortHash(result.version.sha256)}…). No new version was made.`,
        });
      }
    } catch (caught) {
      setMessage({ tone: "error", text: `The report was not frozen: ${caught instanceof Error ? caught.message : String(caught)}` });
    } finally {
      setFreezing(false);
    }
  };

  return (
    <Page
      title={data.title}
      kicker={
        <>
          <Link to="/reports">Reports</Link>
          <span aria-hidden="true">·</span>
          <span>{KIND_LABELS[data.kind]}</span>
          {latest?.synthetic ? <SyntheticBadge /> : null}
        </>
      }
      actions={
        freezesReports(user) ? (
          <button type="button" className="button button-primary" onClick={() => void freeze()} disabled={freezing}>
            {freezing ? "Freezing…" : "Freeze a new version"}
          </button>
        ) : null
      }
    >
      {message ? (
        <Notice tone={message.tone}>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      <Parameters report={data} />
      <Section title={`Versions (${versions.length})`} id="versions">
        <VersionsTable report={data} shown={shown?.version ?? null} hrefOf={(n) => hrefWith({ version: n })} me={user} />
      </Section>
      <Compare key={versions.length} report={data} from={positive(query.get("from"))} to={positive(query.get("to"))} hrefWith={hrefWith} />
      {shown ? <VersionView report={data} version={shown} me={user} /> : null}
    </Page>
  );
}

function Parameters({ report }: { report: Report }) {
  const reference = useReference();
  const facts: [string, string][] = [
    ["Kind", KIND_LABELS[report.kind]],
    [
      report.parameters.countries.length === 1 ? "Country" : "Countries",
      report.parameters.countries.map((c) => `${reference.countryName(c)} (${c})`).join(", "),
    ],
    ["Period", report.parameters.period],
    [
      "Categories",
      report.parameters.categories.length === 0 ? "All categories" : report.parameters.categories.map((c) => `${c} ${reference.categoryLabel(c)}`).join(", "),
    ],
    ["Post", report.post === "BUREAU" ? "Bureau" : report.post],
    ["Created", timestampLabel(report.created_at)],
  ];
  return (
    <Section title="Parameters">
      <dl className="facts report-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function DownloadLinks({ reportId, version, compact }: { reportId: string; version: number; compact: boolean }) {
  return (
    <>
      {RENDER_FORMATS.map((format) => (
        <a
          key={format}
          href={apiUrl("GET /reports/:id/versions/:version/download", { params: { id: reportId, version }, query: { format } })}
          className="button button-small"
          download
        >
          {compact ? format.toUpperCase() : FORMAT_LABELS[format]}
          <span className="visually-hidden"> of version {version}</span>
        </a>
      ))}
    </>
  );
}

function VersionsTable({ report, shown, hrefOf, me }: { report: Report; shown: number | null; hrefOf(n: number): string; me: User }) {
  if (report.versions.length === 0) return <p className="muted">No version has been frozen yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table table-compact report-versions">
        <caption className="visually-hidden">Frozen versions, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Frozen at</th>
            <th scope="col">By</th>
            <th scope="col">Data as of</th>
            <th scope="col">Template</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {report.versions.map((v) => (
            <tr key={v.version} className={`${v.synthetic ? "row-synthetic" : ""}${v.version === shown ? " row-current" : ""}`.trim() || undefined}>
              <th scope="row">
                <Link to={hrefOf(v.version)} aria-current={v.version === shown ? "true" : undefined}>
                  Version {v.version}
                </Link>
                {v.version === shown ? <span className="muted small"> (shown below)</span> : null}
                {v.synthetic ? (
                  <span className="badges">
                    <SyntheticBadge />
                  </span>
                ) : null}
              </th>
              <td className="nowrap">{timestampLabel(v.frozen_at)}</td>
              <td>{frozenByLabel(v.frozen_by, me)}</td>
              <td className="nowrap">{timestampLabel(v.as_of)}</td>
              <td className="nowrap">
                {v.template.id} <span className="muted">({v.template.version})</span>
              </td>
              <td>
                <code className="report-hash" title={v.sha256}>
                  {shortHash(v.sha256)}
                </code>
                <span className="visually-hidden">, full hash {v.sha256}</span>
              </td>
              <td>
                <span className="row-actions">
                  <DownloadLinks reportId={report.id} version={v.version} compact />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Compare({
  report,
  from,
  to,
  hrefWith,
}: {
  report: Report;
  from: number | null;
  to: number | null;
  hrefWith(changes: Record<string, number | null>): string;
}) {
  const numbers = report.versions.map((v) => v.version);
  const valid = from !== null && to !== null && from !== to && numbers.includes(from) && numbers.includes(to);
  const [choice, setChoice] = useState(() => ({
    from: valid ? from : (numbers.at(-2) ?? numbers[0] ?? 1),
    to: valid ? to : (numbers.at(-1) ?? 1),
  }));
  const diff = useApi(
    () => (valid ? api("GET /reports/:id/diff", { params: { id: report.id }, query: { from, to } }) : Promise.resolve(null)),
    [report.id, valid ? `${from}-${to}` : "none"],
  );
  if (numbers.length < 2) {
    return (
      <Section title="Compare versions" id="compare">
        <p className="muted">There is one version. Freeze a new version when the data change, then compare the two here.</p>
      </Section>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice.from === choice.to) return;
    navigate(hrefWith({ from: choice.from, to: choice.to }), { replace: true });
  };
  const options = numbers.map((n) => (
    <option key={n} value={n}>
      Version {n}
    </option>
  ));
  return (
    <Section title="Compare versions" id="compare">
      <form className="report-compare-form" onSubmit={submit} aria-label="Choose two versions to compare">
        <div className="field inline-field">
          <label htmlFor="compare-from">From</label>
          <select id="compare-from" value={choice.from} onChange={(e) => setChoice((c) => ({ ...c, from: Number(e.target.value) }))}>
            {options}
          </select>
        </div>
        <div className="field inline-field">
          <label htmlFor="compare-to">to</label>
          <select
            id="compare-to"
            value={choice.to}
            onChange={(e) => setChoice((c) => ({ ...c, to: Number(e.target.value) }))}
            aria-describedby={choice.from === choice.to ? "compare-same" : undefined}
          >
            {options}
          </select>
        </div>
        <button type="submit" className="button" disabled={choice.from === choice.to}>
          Compare
        </button>
        {choice.from === choice.to ? (
          <p className="field-hint" id="compare-same">
            Choose two different versions.
          </p>
        ) : null}
      </form>
      <div className="report-compare-result">
        {diff.error ? (
          <Notice tone="error" title="The versions could not be compared">
            <p>{diff.error.message}</p>
          </Notice>
        ) : valid && diff.loading ? (
          <p className="muted">Comparing…</p>
        ) : diff.data ? (
          <ReportDiffView diff={diff.data} />
        ) : null}
      </div>
    </Section>
  );
}

function VersionView({ report, version, me }: { report: Report; version: ReportVersionSummary; me: User }) {
  const loaded = useApi(() => api("GET /reports/:id/versions/:version", { params: { id: report.id, version: version.version } }), [report.id, version.version]);
  const headingId = `version-${version.version}-heading`;
  return (
    <section className="section report-version" aria-labelledby={headingId}>
      <div className="section-header report-version-header">
        <div>
          <h2 id={headingId}>Version {version.version}</h2>
          <p className="muted small report-version-meta">
            Frozen {timestampLabel(version.frozen_at)} by {frozenByLabel(version.frozen_by, me)} · data as of {timestampLabel(version.as_of)} · SHA-256{" "}
            <code className="report-hash-full">{version.sha256}</code>
          </p>
        </div>
        <div className="report-downloads" role="group" aria-label={`Download version ${version.version}`}>
          <span className="report-downloads-label" aria-hidden="true">
            Download
          </span>
          <DownloadLinks reportId={report.id} version={version.version} compact={false} />
        </div>
      </div>
      {loaded.error ? (
        <Notice tone="error" title="This version could not be loaded">
          <p>{loaded.error.message}</p>
        </Notice>
      ) : loaded.data && loaded.data.version === version.version ? (
        <ReportDocumentView document={loaded.data.document} idPrefix={`v${version.version}`} headingLevel={3} />
      ) : (
        <p role="status">Loading version {version.version}…</p>
      )}
    </section>
  );
}
