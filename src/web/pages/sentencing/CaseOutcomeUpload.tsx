// Importing a file of case outcomes with its column mapping: the file is checked first (a dry run:
// nothing is written) and the report shown, every problem by line and column; only then may it be
// imported, and the page says what the import did.
import { useState, type FormEvent } from "react";
import { api, ApiError, RawBody } from "../../api/client.js";
import type { ApiQuery, ApiResponse } from "../../api/routes.js";
import { Notice } from "../../components/Notice.js";

type Report = ApiResponse<"POST /case-outcomes/import">;

export function CaseOutcomeUpload({ onImported }: { onImported(message: string): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<File | null>(null);
  const [checked, setChecked] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean): Promise<Report | null> {
    if (!file || !mapping) {
      setError("Choose the file and its column mapping.");
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      const query: ApiQuery<"POST /case-outcomes/import"> = { mapping: await mapping.text(), filename: file.name, dry_run: dryRun };
      return await api("POST /case-outcomes/import", { query, body: new RawBody(file, "text/csv") });
    } catch (failure) {
      const e = failure instanceof ApiError ? failure : new ApiError(0, "client", String(failure));
      setError([e.message, ...e.issues.map((i) => i.message)].join(" "));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    setChecked(await send(true));
  }

  async function importNow() {
    const report = await send(false);
    if (!report) return;
    setChecked(null);
    onImported(`Imported ${report.file}: ${report.added} added, ${report.updated} corrected, ${report.unchanged} unchanged, ${report.rejected} rows rejected.`);
  }

  return (
    <div className="case-outcome-upload">
      <form onSubmit={(e) => void check(e)} noValidate aria-label="Import case outcomes from a file">
        <div className="field">
          <label htmlFor="field-case-outcome-file">File (CSV)</label>
          <input
            id="field-case-outcome-file"
            type="file"
            accept=".csv,.txt,.gz,.zip,.xlsx,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="field-case-outcome-mapping">Column mapping (JSON)</label>
          <p className="field-hint">Which column holds which field; the README has a worked example.</p>
          <input
            id="field-case-outcome-mapping"
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              setMapping(e.target.files?.[0] ?? null);
              setChecked(null);
            }}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            Check the file
          </button>
        </div>
      </form>
      {error ? (
        <Notice tone="error" title="The file could not be checked or imported">
          {error}
        </Notice>
      ) : null}
      {checked ? (
        <section aria-label="What the import would do">
          <p role="status">
            {`Checked ${checked.file} (nothing written yet): ${checked.added} would be added, ${checked.updated} corrected, ${checked.unchanged} unchanged; ${checked.rejected} of ${checked.rows} rows rejected.`}
          </p>
          {checked.rejections.length > 0 ? (
            <table className="table">
              <caption>Problems in the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {checked.rejections.map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <td>{r.line}</td>
                    <td>{r.column ?? "—"}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={busy || checked.added + checked.updated === 0} onClick={() => void importNow()}>
              {checked.rejected > 0 ? "Import the accepted rows" : "Import"}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
