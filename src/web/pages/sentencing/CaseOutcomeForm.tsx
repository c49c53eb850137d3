// Recording a case outcome, or correcting one (with the reason for the correction, sent with the
// version it was based on): the court's decision on one defendant, with the defendant's migration
// status as reported. The server's issues land beside the fields they name.
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import type { ApiResponse } from "../../api/routes.js";
import { ErrorSummary, SelectField, TextArea, TextField, type FormIssue } from "../../components/form.js";
import { COURT_LEVEL_LABELS, MIGRATION_STATUS_LABELS } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { COURT_LEVELS, MIGRATION_STATUSES, type CourtLevel, type MigrationStatus } from "../../../domain/vocabulary.js";

export type CaseOutcome = ApiResponse<"GET /case-outcomes/:id">;

interface Draft {
  country: string;
  category: string;
  court_level: string;
  decision_date: string;
  migration_status: string;
  convicted: string;
  custodial_months: string;
  suspended: string;
  reason: string;
}

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

function draftOf(o: CaseOutcome | null): Draft {
  return {
    country: o?.country ?? "",
    category: o?.offence.category ?? "",
    court_level: o?.court_level ?? "first_instance",
    decision_date: o?.decision_date ?? "",
    migration_status: o?.defendant.migration_status ?? "unknown",
    convicted: o === null || o.convicted ? "yes" : "no",
    custodial_months: o?.sentence?.custodial_months?.toString() ?? "",
    suspended: o?.sentence?.suspended === true ? "yes" : o?.sentence?.suspended === false ? "no" : "",
    reason: "",
  };
}

/** The fields as the API takes them (a correction sends them all: they replace what is stored). */
function fieldsOf(d: Draft) {
  const convicted = d.convicted === "yes";
  const months = d.custodial_months.trim() === "" ? null : Number(d.custodial_months.replace(",", "."));
  const suspended = d.suspended === "" ? null : d.suspended === "yes";
  return {
    country: d.country,
    offence: { category: d.category },
    court_level: d.court_level as CourtLevel,
    decision_date: d.decision_date,
    defendant: { migration_status: d.migration_status as MigrationStatus, basis: null },
    convicted,
    sentence: convicted && (months !== null || suspended !== null) ? { custodial_months: months, suspended, fine: null, other: null } : null,
  };
}

export function CaseOutcomeForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: CaseOutcome | null;
  onSaved(o: CaseOutcome, message: string): void;
  onCancel?: () => void;
}) {
  const reference = useReference();
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing));
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const errorOf = (path: string) => issues.find((i) => i.path === path)?.message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setIssues([]);
    try {
      const fields = fieldsOf(draft);
      const saved = editing
        ? await api("PATCH /case-outcomes/:id", { params: { id: editing.id }, body: { ...fields, version: editing.version, reason: draft.reason } })
        : await api("POST /case-outcomes", { body: fields });
      const what = `${reference.categoryLabel(saved.offence.category)} in ${reference.countryName(saved.country)}, decided ${saved.decision_date}`;
      onSaved(saved, editing ? `Corrected the case outcome: ${what}.` : `Recorded the case outcome: ${what}.`);
      if (!editing) setDraft(draftOf(null));
    } catch (failure) {
      const e = failure instanceof ApiError ? failure : new ApiError(0, "client", String(failure));
      setIssues(
        e.issues.length > 0 ? e.issues.map((i) => ({ path: i.path.replace(/^body\./, ""), message: i.message })) : [{ path: "country", message: e.message }],
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={editing ? "Correct the case outcome" : "Record a case outcome"} className="case-outcome-form">
      <ErrorSummary issues={issues} />
      <SelectField
        path="country"
        label="Country"
        value={draft.country}
        empty="Choose a country"
        error={errorOf("country")}
        options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
        onValue={(country) => set({ country })}
      />
      <SelectField
        path="offence.category"
        label="Offence"
        value={draft.category}
        empty="Choose an offence"
        error={errorOf("offence.category")}
        options={reference.taxonomy.categories.map((c) => ({ value: c.code, label: c.label }))}
        onValue={(category) => set({ category })}
      />
      <SelectField
        path="court_level"
        label="Court level"
        value={draft.court_level}
        error={errorOf("court_level")}
        options={COURT_LEVELS.map((c) => ({ value: c, label: COURT_LEVEL_LABELS[c] }))}
        onValue={(court_level) => set({ court_level })}
      />
      <TextField
        path="decision_date"
        label="Decided on"
        type="date"
        value={draft.decision_date}
        error={errorOf("decision_date")}
        onValue={(decision_date) => set({ decision_date })}
      />
      <SelectField
        path="defendant.migration_status"
        label="Defendant's migration status as reported"
        hint="As the court or an official source reports it; never inferred."
        value={draft.migration_status}
        error={errorOf("defendant.migration_status")}
        options={MIGRATION_STATUSES.map((s) => ({ value: s, label: MIGRATION_STATUS_LABELS[s] }))}
        onValue={(migration_status) => set({ migration_status })}
      />
      <SelectField
        path="convicted"
        label="Convicted"
        value={draft.convicted}
        error={errorOf("convicted")}
        options={YES_NO}
        onValue={(convicted) => set({ convicted })}
      />
      {draft.convicted === "yes" ? (
        <>
          <TextField
            path="sentence.custodial_months"
            label="Custodial sentence (months)"
            inputMode="decimal"
            value={draft.custodial_months}
            error={errorOf("sentence.custodial_months") ?? errorOf("sentence")}
            onValue={(custodial_months) => set({ custodial_months })}
          />
          <SelectField
            path="sentence.suspended"
            label="Suspended"
            value={draft.suspended}
            empty="Not recorded"
            error={errorOf("sentence.suspended")}
            options={YES_NO}
            onValue={(suspended) => set({ suspended })}
          />
        </>
      ) : null}
      {editing ? (
        <TextArea
          path="reason"
          label="Reason for the correction"
          hint="Kept in the audit log with the change."
          rows={2}
          value={draft.reason}
          error={errorOf("reason")}
          onValue={(reason) => set({ reason })}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {editing ? "Save the correction" : "Record the case outcome"}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
