// Importing an official-statistics file: the file goes to the server as it is, with its format
// (recognised by its first line unless chosen) and, if wanted, the dataset's code. The server
// imports it as a job off its request thread: the page follows the job's progress by polling it,
// then shows its outcome, the CLI's report: what was added, updated, unchanged, without a value
// and rejected (by line), or why nothing was imported. "Check without importing" asks for a dry
// run (the CLI's --dry-run): the same report, with the values that would change by line, and
// nothing written. Another table (CSV or XLSX) is described in the mapping editor (MappingEditor.tsx).
import { useState, type FormEvent } from "react";
import { api, ApiError, RawBody } from "../../api/client.js";
import type { Job, StatsImportFormat, StatsImportReport } from "../../api/types.js";
import { Notice } from "../../components/Notice.js";
import { SelectField, TextField } from "../../components/form.js";
import { MappingEditor } from "./MappingEditor.js";

const FORMATS: { value: StatsImportFormat; label: string }[] = [
  { value: "auto", label: "Recognise from the file" },
  { value: "sdmx-csv", label: "SDMX-CSV (1.0 or 2.0)" },
  { value: "eurostat-tsv", label: "Eurostat TSV (bulk download)" },
  { value: "jsonstat", label: "JSON-stat 2.0" },
  { value: "genesis-csv", label: "GENESIS table (German statistical offices, CSV)" },
  { value: "csv", label: "Other table (CSV or XLSX), with a column mapping" },
];
const FORMAT_NAMES: Record<string, string> = {
  "sdmx-csv": "SDMX-CSV",
  "eurostat-tsv": "Eurostat TSV",
  jsonstat: "JSON-stat",
  "genesis-csv": "GENESIS table",
  csv: "table with a mapping",
};

/** The media type a statistics file is sent as, by its name (the server recognises the format by content anyway). */
function statsMediaType(name: string): string {
  if (/\.tsv$/i.test(name)) return "text/tab-separated-values";
  if (/\.json$/i.test(name)) return "application/json";
  if (/\.csv$/i.test(name)) return "text/csv";
  if (/\.xlsx$/i.test(name)) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return "application/octet-stream";
}

export function ImportForm({ onImported }: { onImported(report: StatsImportReport): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, unknown> | null>(null);
  const [format, setFormat] = useState<StatsImportFormat>("auto");
  const [dataset, setDataset] = useState("");
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job | null>(null);
  const [report, setReport] = useState<StatsImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [missingFile, setMissingFile] = useState(false);

  async function submit(event: FormEvent, dryRun: boolean) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const mappingText = format === "csv" && mapping ? JSON.stringify(mapping) : undefined;
      const query = { filename: file.name, format, dataset: dataset.trim() || undefined, mapping: mappingText, dry_run: dryRun || undefined };
      let current = await api("POST /stats/imports", { query, body: new RawBody(file, statsMediaType(file.name)) });
      setJob(current);
      while (current.state === "queued" || current.state === "running") {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        current = await api("GET /jobs/:id", { params: { id: current.id } });
        setJob(current);
      }
      if (current.state === "succeeded") {
        const result = current.result as StatsImportReport;
        setReport(result);
        if (!result.dry_run) onImported(result);
      } else {
        const e = current.error ?? { code: "cancelled", message: "The import was cancelled before it finished; nothing was imported.", issues: [] };
        setError(new ApiError(400, e.code, e.message, e.issues));
      }
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, "client", String(failure)));
    } finally {
      setBusy(false);
      setJob(null);
    }
  }

  return (
    <div className={format === "csv" && file ? "stats-import stats-import-wide" : "stats-import"}>
      <form
        onSubmit={(e) => void submit(e, (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "check")}
        className="stats-import-form"
        noValidate
        aria-label="Import a statistics file"
      >
        <div className={`field${missingFile ? " field-invalid" : ""}`}>
          <label htmlFor="field-stats-file">File</label>
          <p className="field-hint" id="field-stats-file-hint">
            SDMX-CSV, Eurostat TSV or JSON-stat as downloaded from the publisher (also gzip or zip), or another table as CSV or XLSX.
          </p>
          {missingFile ? (
            <p className="field-error" id="field-stats-file-error">
              <span className="visually-hidden">Error: </span>Choose a file to import.
            </p>
          ) : null}
          <input
            id="field-stats-file"
            type="file"
            accept=".csv,.tsv,.json,.txt,.gz,.zip,.xlsx,text/csv,text/tab-separated-values,application/json"
            aria-describedby={`field-stats-file-hint${missingFile ? " field-stats-file-error" : ""}`}
            aria-invalid={missingFile ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMapping(null);
              setReport(null);
              setMissingFile(false);
            }}
          />
        </div>
        <SelectField path="stats-format" label="Format" value={format} options={FORMATS} onValue={(v) => setFormat(v as StatsImportFormat)} />
        {format === "csv" && file ? <MappingEditor key={`${file.name}-${file.size}-${file.lastModified}`} file={file} onMapping={setMapping} /> : null}
        <TextField
          path="stats-dataset"
          label="Dataset code (optional)"
          hint="When the file does not name it, or to override it."
          value={dataset}
          onValue={setDataset}
          maxLength={100}
        />
        <div className="form-actions">
          <button type="submit" name="action" value="check" className="button" disabled={busy || (format === "csv" && mapping === null)}>
            Check without importing
          </button>
          <button type="submit" name="action" value="import" className="button button-primary" disabled={busy || (format === "csv" && mapping === null)}>
            {busy ? "Working…" : "Import"}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {job ? <ImportProgress job={job} /> : null}
        {error ? <ImportError error={error} /> : null}
        {report ? <ImportReportView report={report} /> : null}
      </div>
    </div>
  );
}

/** How often the page asks how the import job is getting on. */
const POLL_MS = 500;

function ImportProgress({ job }: { job: Job }) {
  const { done, total, message } = job.progress;
  const waiting = job.state === "queued";
  return (
    <div className="stats-import-progress">
      <p>{waiting ? (job.attempts > 0 ? "The import will be tried again shortly." : "The import is waiting to start.") : (message ?? "Importing…")}</p>
      {total ? (
        <progress max={total} value={done} aria-label="Import progress">
          {Math.round((done / total) * 100)}%
        </progress>
      ) : null}
    </div>
  );
}

function ImportError({ error }: { error: ApiError }) {
  const title = error.code === "nothing_imported" ? "Nothing was imported" : "The file could not be imported";
  return (
    <Notice tone="error" title={title}>
      <p>{error.message}</p>
      {error.issues.length > 0 ? (
        <ul>
          {error.issues.slice(0, 20).map((issue, i) => (
            <li key={i}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

function ImportReportView({ report }: { report: StatsImportReport }) {
  const d = report.dataset;
  const counts: [string, number][] = [
    ["Added", report.added],
    ["Updated", report.updated],
    ["Unchanged", report.unchanged],
    ["Withdrawn", report.withdrawn],
    ["No value", report.missing],
    ["Rejected", report.rejected],
  ];
  const dry = report.dry_run;
  if (dry)
    counts.splice(
      0,
      6,
      ["Would add", report.added],
      ["Would update", report.updated],
      ["Unchanged", report.unchanged],
      ["Would withdraw", report.withdrawn],
      ["No value", report.missing],
      ["Rejected", report.rejected],
    );
  const revision = d
    ? d.previous_revision === null
      ? `new dataset, revision ${d.revision}`
      : d.previous_revision === d.revision
        ? `revision ${d.revision}, unchanged`
        : `revision ${d.previous_revision} → ${d.revision}`
    : "";
  return (
    <section className="stats-report" aria-labelledby="stats-report-heading">
      <Notice tone={report.rejected > 0 ? "warning" : "success"}>
        <h3 id="stats-report-heading" className="notice-title">
          {dry ? "Checked" : "Imported"} {report.file} ({FORMAT_NAMES[report.format] ?? report.format})
        </h3>
        {d ? (
          <p>
            {d.publisher} {d.code} — {d.title} ({dry ? `importing would give ${revision}` : revision}).
          </p>
        ) : null}
        {dry ? <p>Nothing was written. Import the file to keep these changes.</p> : null}
      </Notice>
      <dl className="stats-counts" aria-label="Import report">
        {counts.map(([label, n]) => (
          <div key={label} className={label === "Rejected" && n > 0 ? "stats-count stats-count-bad" : "stats-count"}>
            <dt>{label}</dt>
            <dd>{n.toLocaleString("en-GB")}</dd>
          </div>
        ))}
      </dl>
      {report.changes && report.changes.length > 0 ? <ChangesTable report={report} /> : null}
      {report.rejections.length > 0 ? (
        <div className="table-scroll table-scroll-tall">
          <table className="table table-compact">
            <caption>
              Rejected lines{report.rejected > report.rejections.length ? ` (the first ${report.rejections.length} of ${report.rejected})` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.rejections.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td>{r.at}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const CHANGE_WORDS = { add: "Would add", update: "Would update", withdraw: "Would withdraw" } as const;
const shownValue = (v: { value: number; flag: string | null } | null) => (v === null ? "" : `${v.value.toLocaleString("en-GB")}${v.flag ? ` ${v.flag}` : ""}`);

/** A dry run's changes by line: what, which series (by its labels where the file gave them), where, when, before and after. */
function ChangesTable({ report }: { report: StatsImportReport }) {
  const changes = report.changes ?? [];
  const total = report.added + report.updated + report.withdrawn;
  return (
    <div className="table-scroll table-scroll-tall">
      <table className="table table-compact">
        <caption>Values that would change{total > changes.length ? ` (the first ${changes.length} of ${total.toLocaleString("en-GB")})` : ""}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Change</th>
            <th scope="col">Series</th>
            <th scope="col">Country</th>
            <th scope="col">Period</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, i) => (
            <tr key={`${c.at}-${i}`}>
              <td>{c.at}</td>
              <td>{CHANGE_WORDS[c.kind]}</td>
              <td>{Object.values(c.labels).join(", ") || "—"}</td>
              <td>{c.geo}</td>
              <td>{c.period}</td>
              <td>{shownValue(c.before)}</td>
              <td>{shownValue(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
