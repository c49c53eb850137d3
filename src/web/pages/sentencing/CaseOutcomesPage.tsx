// The case outcomes a sentencing comparison is made from: a list with filters, a form to record
// one and to correct one (with the reason for the correction), withdrawal after asking (an outcome
// is never deleted), and the import of a file with its mapping, checked before it is imported.
import { useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { ApiQuery } from "../../api/routes.js";
import { ActionResult, Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { SelectField } from "../../components/form.js";
import { COURT_LEVEL_LABELS, MIGRATION_STATUS_LABELS } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { Link } from "../../lib/router.js";
import { useSession } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { MIGRATION_STATUSES, type MigrationStatus } from "../../../domain/vocabulary.js";
import { sentenceText } from "../../../domain/case-words.js";
import { CaseOutcomeForm, type CaseOutcome } from "./CaseOutcomeForm.js";
import { CaseOutcomeUpload } from "./CaseOutcomeUpload.js";

const RECORDERS = new Set(["reporter", "approver", "analyst", "editor"]);

export function CaseOutcomesPage() {
  const reference = useReference();
  const { user } = useSession();
  const records = user !== null && RECORDERS.has(user.role);
  const [country, setCountry] = useState("");
  const [status, setStatus] = useState("");
  const [editing, setEditing] = useState<CaseOutcome | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query: ApiQuery<"GET /case-outcomes"> = {
    limit: 200,
    ...(country ? { country: [country] } : {}),
    ...(status ? { defendant_migration_status: [status as MigrationStatus] } : {}),
  };
  const list = useApi(() => api("GET /case-outcomes", { query }), [country, status]);
  const done = (text: string) => {
    setMessage(text);
    setError(null);
    setEditing(null);
    list.reload();
  };

  async function withdraw(o: CaseOutcome) {
    const reason = window.prompt("Withdraw this case outcome? It is kept, marked withdrawn, and left out of every comparison. Why is it withdrawn?");
    if (!reason) return;
    try {
      await api("POST /case-outcomes/:id/withdraw", { params: { id: o.id }, body: { version: o.version, reason } });
      done(`Withdrew the case outcome decided ${o.decision_date} (${reference.categoryLabel(o.offence.category)}).`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  }

  return (
    <Page title="Case outcomes">
      <p>
        Court decisions on one defendant each, with the defendant's migration status as reported. The <Link to="/sentencing">sentencing comparison</Link> is
        made from them.
      </p>
      <ActionResult message={message} error={error} />
      {records ? (
        <Section title={editing ? "Correct the case outcome" : "Record a case outcome"}>
          <CaseOutcomeForm
            key={editing?.id ?? "new"}
            editing={editing}
            onSaved={(_, text) => done(text)}
            onCancel={editing ? () => setEditing(null) : undefined}
          />
        </Section>
      ) : null}
      <Section title="Recorded case outcomes">
        <form className="filter-bar" aria-label="Which case outcomes" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            path="filter-country"
            label="Country"
            value={country}
            empty="All countries"
            options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
            onValue={setCountry}
          />
          <SelectField
            path="filter-status"
            label="Migration status as reported"
            value={status}
            empty="All statuses"
            options={MIGRATION_STATUSES.map((s) => ({ value: s, label: MIGRATION_STATUS_LABELS[s] }))}
            onValue={setStatus}
          />
        </form>
        {list.error ? (
          <Notice tone="error" title="The case outcomes could not be loaded">
            {list.error.message}
          </Notice>
        ) : null}
        {list.data && list.data.items.length === 0 ? <p className="muted">No case outcome matches these filters.</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <table className="table">
            <caption className="visually-hidden">Case outcomes, newest decision first</caption>
            <thead>
              <tr>
                <th scope="col">Decided</th>
                <th scope="col">Country</th>
                <th scope="col">Offence</th>
                <th scope="col">Court level</th>
                <th scope="col">Status as reported</th>
                <th scope="col">Outcome</th>
                {records ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id}>
                  <td>{o.decision_date}</td>
                  <td>{reference.countryName(o.country)}</td>
                  <td>{reference.categoryLabel(o.offence.category)}</td>
                  <td>{COURT_LEVEL_LABELS[o.court_level]}</td>
                  <td>{MIGRATION_STATUS_LABELS[o.defendant.migration_status]}</td>
                  <td>{o.withdrawn ? `Withdrawn: ${o.withdrawn.reason}` : `${sentenceText(o)}${o.synthetic ? " (synthetic)" : ""}`}</td>
                  {records ? (
                    <td>
                      {o.withdrawn ? null : (
                        <>
                          <button type="button" className="button button-small" onClick={() => setEditing(o)}>
                            Correct<span className="visually-hidden">{` the case outcome decided ${o.decision_date}`}</span>
                          </button>{" "}
                          <button type="button" className="button button-small" onClick={() => void withdraw(o)}>
                            Withdraw<span className="visually-hidden">{` the case outcome decided ${o.decision_date}`}</span>
                          </button>
                        </>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>
      {records ? (
        <Section title="Import case outcomes from a file">
          <CaseOutcomeUpload onImported={done} />
        </Section>
      ) : null}
    </Page>
  );
}
