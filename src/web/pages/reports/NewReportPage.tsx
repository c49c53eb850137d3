// A new report: what it covers (kind, country or countries, period, categories), a preview of the
// document as it would be frozen now (nothing is stored), and "Freeze", which creates the report
// with its first version and opens it. Post staff report on their post's host country only, so
// their country is fixed (and a brief, which compares countries, is not offered); only approvers
// and the bureau freeze. The API's field errors are shown beside their fields.
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import type { ReportPreview, ReportRequest, User } from "../../api/types.js";
import { CheckboxGroup, ErrorSummary, TextField, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page } from "../../components/Page.js";
import { downloadText } from "../../lib/csv.js";
import { useReference, type ReferenceData } from "../../lib/reference.js";
import { Link, navigate } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { CountryChoice } from "./CountryChoice.js";
import { ReportDocumentView } from "./document/ReportDocumentView.js";
import { flashFor } from "./flash.js";
import { freezesReports, isPostStaff, KIND_DESCRIPTIONS, KIND_LABELS, PERIOD_HINT, shortHash, type ReportKind } from "./report-labels.js";

interface Draft {
  kind: ReportKind;
  countries: string[];
  period: string;
  categories: string[];
}

const FIELD_LABELS: Record<string, string> = { kind: "Kind", countries: "Countries", period: "Period", categories: "Categories" };

/** The API's issue path ("body.countries", "countries.1", "body.categories.0") as this form's field. */
function fieldOf(path: string): string {
  const first = path.replace(/^body\.?/, "").split(".")[0] ?? "";
  return first in FIELD_LABELS ? first : "kind";
}

function issuesOf(error: unknown): FormIssue[] {
  if (error instanceof ApiError && error.issues.length > 0) {
    return error.issues.map((i) => ({ path: fieldOf(i.path), message: i.message, label: FIELD_LABELS[fieldOf(i.path)] }));
  }
  return [];
}

const requestOf = (draft: Draft): ReportRequest => ({
  kind: draft.kind,
  countries: draft.kind === "brief" ? draft.countries : draft.countries.slice(0, 1),
  period: draft.period.trim(),
  categories: draft.categories,
});

function hostCountry(user: User, reference: ReferenceData): string | null {
  return reference.posts.find((p) => p.code === user.post)?.country_code ?? null;
}

export function NewReportPage() {
  const user = useUser();
  const reference = useReference();
  const postStaff = isPostStaff(user);
  const host = hostCountry(user, reference);
  const [draft, setDraft] = useState<Draft>(() => ({
    kind: "cable",
    countries: postStaff && host ? [host] : [],
    period: String(new Date().getFullYear() - 1),
    categories: [],
  }));
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "freeze" | null>(null);
  const [preview, setPreview] = useState<{ request: ReportRequest; result: ReportPreview } | null>(null);
  const change = (update: Partial<Draft>) => setDraft((d) => ({ ...d, ...update }));
  const request = requestOf(draft);
  const stale = preview !== null && JSON.stringify(preview.request) !== JSON.stringify(request);
  const kinds: ReportKind[] = postStaff ? ["cable", "country"] : ["cable", "country", "brief"];
  const error = (path: string) => issues.find((i) => i.path === path)?.message;

  const fail = (caught: unknown) => {
    const fieldIssues = issuesOf(caught);
    setIssues(fieldIssues);
    setFailure(fieldIssues.length > 0 ? null : caught instanceof Error ? caught.message : String(caught));
  };

  const runPreview = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy("preview");
    try {
      const result = await api("POST /reports/preview", { body: request });
      setPreview({ request, result });
      setIssues([]);
      setFailure(null);
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  const freeze = async () => {
    setBusy("freeze");
    try {
      const frozen = await api("POST /reports", { body: request });
      flashFor(frozen.report.id, `Report created: version ${frozen.version.version} frozen (SHA-256 ${shortHash(frozen.version.sha256)}…).`);
      navigate(`/reports/${frozen.report.id}`);
    } catch (caught) {
      fail(caught);
      setBusy(null);
    }
  };

  return (
    <Page title="New report" kicker={<Link to="/reports">Reports</Link>}>
      <div className="report-editor">
        <form className="report-form" onSubmit={(e) => void runPreview(e)} noValidate aria-label="What the report covers">
          <ErrorSummary issues={issues} title="The report could not be made" />
          {failure ? (
            <Notice tone="error" title="The report could not be made">
              <p>{failure}</p>
            </Notice>
          ) : null}
          <fieldset className={`field checkbox-group${error("kind") ? " field-invalid" : ""}`} id="field-kind">
            <legend>Kind</legend>
            {error("kind") ? (
              <p className="field-error">
                <span className="visually-hidden">Error: </span>
                {error("kind")}
              </p>
            ) : null}
            {kinds.map((kind) => (
              <div key={kind} className="report-kind-option">
                <label className="checkbox">
                  <input
                    type="radio"
                    name="kind"
                    value={kind}
                    checked={draft.kind === kind}
                    onChange={() => change({ kind, countries: kind === "brief" ? draft.countries : draft.countries.slice(0, 1) })}
                    aria-describedby={`kind-${kind}-hint`}
                  />
                  <span>{KIND_LABELS[kind]}</span>
                </label>
                <p className="field-hint report-kind-hint" id={`kind-${kind}-hint`}>
                  {KIND_DESCRIPTIONS[kind]}
                </p>
              </div>
            ))}
          </fieldset>
          <CountryChoice
            kind={draft.kind}
            fixed={postStaff ? host : undefined}
            countries={draft.countries}
            onCountries={(countries) => change({ countries })}
            error={error("countries")}
          />
          <TextField
            path="period"
            label="Period"
            hint={draft.kind === "country" ? "The annual country report covers a year, e.g. 2025." : PERIOD_HINT}
            value={draft.period}
            onValue={(period) => change({ period })}
            error={error("period")}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
          />
          <CheckboxGroup
            path="categories"
            legend="Categories"
            hint="Leave all unticked to cover every category."
            options={reference.topCategories.map((c) => ({ value: c.code, label: `${c.code} · ${c.label}` }))}
            values={draft.categories}
            onValues={(categories) => change({ categories: [...categories].sort() })}
            error={error("categories")}
          />
          <div className="form-actions report-form-actions">
            <button type="submit" className={`button${freezesReports(user) ? "" : " button-primary"}`} disabled={busy !== null}>
              {busy === "preview" ? "Previewing…" : "Preview"}
            </button>
            {freezesReports(user) ? (
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void freeze()}>
                {busy === "freeze" ? "Freezing…" : "Freeze"}
              </button>
            ) : null}
          </div>
          <p className="field-hint">
            {freezesReports(user)
              ? "Freeze stores the report as version 1: its parameters, content, data as-of time and SHA-256. A frozen version never changes."
              : "Your post's approver freezes reports; a preview stores nothing."}
          </p>
        </form>
        <div className="report-preview">
          <p className="visually-hidden" role="status">
            {busy === "preview"
              ? "Making the preview…"
              : busy === "freeze"
                ? "Freezing the report…"
                : preview && !stale
                  ? `Preview ready: ${preview.result.document.title}.`
                  : ""}
          </p>
          {preview ? (
            <>
              <div className="report-preview-bar">
                <p className="report-preview-status">
                  <strong>Preview, not frozen.</strong> Frozen now it would have SHA-256{" "}
                  <code title={preview.result.sha256}>{shortHash(preview.result.sha256)}…</code>
                </p>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    downloadText(
                      `rapporteur-preview-${preview.request.kind}-${preview.request.countries.join("-")}-${preview.request.period}.md`,
                      preview.result.markdown,
                      "text/markdown;charset=utf-8",
                    )
                  }
                >
                  Download the preview as Markdown
                </button>
              </div>
              {stale ? (
                <Notice tone="warning" title="The form has changed since this preview">
                  <p>Preview again to see the report as it would now be made.</p>
                </Notice>
              ) : null}
              <ReportDocumentView document={preview.result.document} idPrefix="preview" headingLevel={2} />
            </>
          ) : (
            <div className="report-preview-empty">
              <p>Choose what the report covers and press Preview to see it here, as it would be frozen now.</p>
              <p className="muted">Nothing is stored until the report is frozen.</p>
            </div>
          )}
        </div>
      </div>
    </Page>
  );
}
