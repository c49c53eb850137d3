// The incident editor, for a new record or a stored one you may edit. Saving checks the free text
// for personal data first (a warning you may override), then sends the record; the API's field
// errors appear beside their fields and in a summary. If someone else saved first (409), you see
// which fields each of you changed and choose: keep yours on top of theirs, or take theirs.
import { useEffect, useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import type { Incident } from "../../api/types.js";
import { Dialog } from "../../components/Dialog.js";
import { ErrorSummary, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page } from "../../components/Page.js";
import { findPersonalData, PERSONAL_DATA_KIND_LABELS, type PersonalDataFinding } from "../../lib/personal-data.js";
import { useReference } from "../../lib/reference.js";
import { Link, navigate } from "../../lib/router.js";
import { isBureau, useUser } from "../../lib/session.js";
import { NotFoundPage } from "../NotFoundPage.js";
import { LegalSection, PerpetratorsSection, VictimsSection, WhatSection, WhenWhereSection } from "./EditorSections.js";
import {
  changedFields,
  emptyForm,
  FIELD_LABELS,
  formOf,
  newIncidentOf,
  overlay,
  patchOf,
  sourceInput,
  type IncidentForm,
  type SourceForm,
} from "./form-model.js";
import { SourceFields } from "./SourceFields.js";

interface Conflict {
  current: Incident;
  mine: (keyof typeof FIELD_LABELS)[];
  theirs: (keyof typeof FIELD_LABELS)[];
}

export function IncidentEditorPage({ id }: { id?: string | undefined }) {
  const user = useUser();
  const reference = useReference();
  const bureau = isBureau(user);
  const ownCountry = reference.posts.find((p) => p.code === user.post)?.country_code ?? "";
  const [stored, setStored] = useState<Incident | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [base, setBase] = useState<IncidentForm>(() => emptyForm(ownCountry));
  const [form, setForm] = useState<IncidentForm>(() => emptyForm(ownCountry));
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [message, setMessage] = useState<{ tone: "error" | "info" | "warning"; text: string } | null>(null);
  const [personalData, setPersonalData] = useState<PersonalDataFinding[] | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);

  const adopt = (incident: Incident) => {
    setStored(incident);
    setBase(formOf(incident));
    setForm(formOf(incident));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per id; adopt only sets state, so a fresh closure changes nothing
  useEffect(() => {
    if (!id) return;
    api("GET /incidents/:id", { params: { id } }).then(adopt, (error: unknown) =>
      setLoadError(error instanceof ApiError ? error : new ApiError(0, "client", String(error))),
    );
  }, [id]);

  if (id && loadError)
    return loadError.status === 404 || loadError.status === 400 ? <NotFoundPage what="incident" /> : <Notice tone="error">{loadError.message}</Notice>;
  if (id && !stored) return <p role="status">Loading…</p>;
  if (stored && !stored.editable) {
    return (
      <Page title="This incident cannot be edited now" width="form">
        <p>It is {stored.state}; only records in draft or returned to the post (or, for the bureau, accepted) can be edited.</p>
        <Link to={`/incidents/${stored.id}`}>Back to the incident</Link>
      </Page>
    );
  }

  const error = (path: string) => {
    return issues.find((i) => i.path === path)?.message;
  };
  const showApiError = (failure: unknown, pathOf: (path: string) => string = (p) => p.replace(/^body\.?/, "")) => {
    if (failure instanceof ApiError && failure.issues.length > 0) {
      setIssues(failure.issues.map((i) => ({ path: pathOf(i.path) || "title", message: i.message, label: labelOf(pathOf(i.path)) })));
      setMessage(null);
    } else {
      setMessage({ tone: "error", text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  /** Cite the new sources one by one; one that fails stays in the form (first, so at index 0) with its errors. */
  const citeNewSources = async (incidentId: string, sources: SourceForm[]): Promise<boolean> => {
    for (const source of sources) {
      try {
        await api("POST /incidents/:id/sources", { params: { id: incidentId }, body: sourceInput(source) });
        setForm((f) => ({ ...f, sources: f.sources.filter((s) => s.key !== source.key) }));
      } catch (failure) {
        showApiError(failure, (p) => `sources.0.${p.replace(/^body\.?/, "")}`.replace(/\.$/, ""));
        setMessage({ tone: "warning", text: "The record was saved, but a new source was not: correct it and save again." });
        return false;
      }
    }
    return true;
  };

  const save = async (confirmedPersonalData: boolean) => {
    setMessage(null);
    const built = stored ? patchOf(base, form, stored.version) : newIncidentOf(form, bureau);
    if (built.issues.length > 0) {
      setIssues(built.issues.map((i) => ({ ...i, label: labelOf(i.path) })));
      return;
    }
    if (!confirmedPersonalData) {
      const findings = findPersonalData({
        Title: form.title,
        Summary: form.summary,
        "Other penalties": form.sentence.other,
        ...Object.fromEntries(form.sources.map((s, i) => [`Source ${i + 1} title`, s.title])),
      });
      if (findings.length > 0) {
        setPersonalData(findings);
        return;
      }
    }
    setBusy(true);
    try {
      if (!stored) {
        const created = await api("POST /incidents", { body: (built as ReturnType<typeof newIncidentOf>).body });
        navigate(`/incidents/${created.id}`);
        return;
      }
      const patch = built as ReturnType<typeof patchOf>;
      if (patch.changed.length === 0 && form.sources.length === 0) {
        setMessage({ tone: "info", text: "Nothing has changed since you opened the record." });
        return;
      }
      if (patch.changed.length > 0) adopt(await api("PATCH /incidents/:id", { params: { id: stored.id }, body: patch.body }));
      setIssues([]);
      if (await citeNewSources(stored.id, form.sources)) navigate(`/incidents/${stored.id}`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === "version_conflict" && stored) {
        const current = await api("GET /incidents/:id", { params: { id: stored.id } });
        setConflict({ current, mine: changedFields(base, form), theirs: changedFields(base, formOf(current)) });
      } else if (failure instanceof ApiError && failure.code === "not_editable") {
        setMessage({ tone: "error", text: `${failure.message} Your changes have not been saved.` });
      } else {
        showApiError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  const keepMine = () => {
    if (!conflict) return;
    const theirs = formOf(conflict.current);
    setStored(conflict.current);
    setBase(theirs);
    setForm(overlay(theirs, form, conflict.mine));
    const both = conflict.mine.filter((f) => conflict.theirs.includes(f));
    setMessage({
      tone: "warning",
      text: `Your changes are now laid over version ${conflict.current.version}.${both.length > 0 ? ` You both changed: ${both.map((f) => FIELD_LABELS[f]).join(", ")} — yours are kept; check them.` : ""} Nothing is saved until you save again.`,
    });
    setConflict(null);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    adopt(conflict.current);
    setMessage({ tone: "info", text: `Your changes were discarded; this is version ${conflict.current.version} as saved by someone else.` });
    setConflict(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };
  const sectionProps = { form, setForm, error };
  return (
    <Page title={stored ? `Edit incident ${stored.number}` : "New incident"} kicker={stored ? stored.title : "Recorded as a draft of your post"} width="form">
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <ErrorSummary issues={issues} title="The incident was not saved" />
      <form onSubmit={submit} noValidate className="editor">
        <WhatSection {...sectionProps} />
        <WhenWhereSection {...sectionProps} bureau={bureau && !stored} />
        <VictimsSection {...sectionProps} />
        <PerpetratorsSection {...sectionProps} />
        <LegalSection {...sectionProps} />
        <SourceFields {...sectionProps} existing={stored?.sources ?? []} />
        {!stored ? (
          <label className="checkbox synthetic-choice">
            <input type="checkbox" checked={form.synthetic} onChange={(e) => setForm((f) => ({ ...f, synthetic: e.target.checked }))} />
            <span>Synthetic record (demo or training data, not a real event)</span>
          </label>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Saving…" : stored ? "Save changes" : "Save draft"}
          </button>
          <Link to={stored ? `/incidents/${stored.id}` : "/incidents"} className="button">
            Cancel
          </Link>
        </div>
      </form>

      <Dialog
        open={personalData !== null}
        title="This may contain personal data"
        onClose={() => setPersonalData(null)}
        footer={
          <>
            <button type="button" className="button button-primary" onClick={() => setPersonalData(null)}>
              Go back and edit
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setPersonalData(null);
                void save(true);
              }}
            >
              Save anyway
            </button>
          </>
        }
      >
        <p>Incidents are about events, not people: no names of victims or suspects, no contact details. Please check:</p>
        <ul>
          {personalData?.map((finding, i) => (
            <li key={i}>
              {finding.field}: “{finding.text}” looks like {PERSONAL_DATA_KIND_LABELS[finding.kind]}
            </li>
          ))}
        </ul>
      </Dialog>

      <Dialog
        open={conflict !== null}
        title="Someone else saved this incident first"
        onClose={() => setConflict(null)}
        footer={
          <>
            <button type="button" className="button button-primary" onClick={keepMine}>
              Keep my changes on top of theirs
            </button>
            <button type="button" className="button" onClick={takeTheirs}>
              Discard mine and load theirs
            </button>
          </>
        }
      >
        {conflict ? (
          <>
            <p>
              While you were editing, {conflict.current.updated_by === user.id ? "you (in another window)" : "someone else"} saved version{" "}
              {conflict.current.version}. Nothing of yours has been saved.
            </p>
            <p>
              <strong>They changed:</strong>{" "}
              {conflict.theirs.length > 0 ? conflict.theirs.map((f) => FIELD_LABELS[f]).join(", ") : "no field you can edit here (sources or workflow only)"}.
              <br />
              <strong>You changed:</strong> {conflict.mine.length > 0 ? conflict.mine.map((f) => FIELD_LABELS[f]).join(", ") : "nothing yet"}.
            </p>
            <p>
              <a href={`/incidents/${conflict.current.id}`} target="_blank" rel="noopener">
                Open their version in a new tab
              </a>
            </p>
          </>
        ) : null}
      </Dialog>
    </Page>
  );
}

/** The label of the field an issue path names, for the error summary. */
function labelOf(path: string): string | undefined {
  const source = /^sources\.(\d+)\.?(.*)$/.exec(path);
  if (source) return `Source ${Number(source[1]) + 1}${source[2] ? ` ${source[2].replace(/_/g, " ")}` : ""}`;
  const group = /^perpetrators\.groups\.(\d+)\.?(.*)$/.exec(path);
  if (group) return `Perpetrator group ${Number(group[1]) + 1}${group[2] ? ` ${group[2].replace(/_/g, " ")}` : ""}`;
  const top = path.split(".")[0] as keyof typeof FIELD_LABELS;
  const label = FIELD_LABELS[top];
  if (!label) return undefined;
  const rest = path.split(".").slice(1).join(" ").replace(/_/g, " ");
  return rest ? `${label} ${rest}` : label;
}
