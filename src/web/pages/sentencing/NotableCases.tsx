// Notable cases on the sentencing page: a few case outcomes of one country shown side by side (a
// column each: its part in the case, offence, court, migration status as reported, decision date,
// sentence), with the caveat that one pair of cases proves nothing about sentencing in general; a
// withdrawn outcome stays, shown withdrawn. A form records one by choosing the outcomes, described
// in words (never by id); withdrawing a case or removing an outcome from it asks first, with a reason.
import { type FormEvent, useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { ApiResponse } from "../../api/routes.js";
import { ActionResult, Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Section } from "../../components/Page.js";
import { ErrorSummary, SelectField, TextArea, TextField, type FormIssue } from "../../components/form.js";
import { COURT_LEVEL_LABELS, MIGRATION_STATUS_LABELS } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { isBureau, useSession } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { NOTABLE_CASE_TITLE_RULE, sentenceText } from "../../../domain/case-words.js";
import { dayText } from "../../../domain/dates.js";

type NotableCase = ApiResponse<"GET /notable-cases/:id">;
type Outcome = NotableCase["outcomes"][number]["case_outcome"];

const RECORDERS = new Set(["reporter", "approver", "analyst", "editor"]);

const failureText = (failure: unknown) => (failure instanceof ApiError ? failure.message : String(failure));

export function NotableCases({ country }: { country: string }) {
  const { user } = useSession();
  const records = user !== null && RECORDERS.has(user.role);
  const list = useApi(() => api("GET /notable-cases", { query: { withdrawn: false, ...(country ? { country } : {}) } }), [country]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The form is there only while a case is being recorded (its fields would otherwise sit beside the comparison's filters).
  const [adding, setAdding] = useState(false);
  const done = (text: string) => {
    setMessage(text);
    setError(null);
    list.reload();
  };
  const mayChange = (n: NotableCase) => records && user !== null && (isBureau(user) || user.post === n.post);

  async function withdraw(n: NotableCase) {
    const reason = window.prompt(`Withdraw the notable case “${n.title}”? It is kept, marked withdrawn, and shown in no report. Why is it withdrawn?`);
    if (!reason) return;
    try {
      await api("POST /notable-cases/:id/withdraw", { params: { id: n.id }, body: { version: n.version, reason } });
      done(`Withdrew the notable case “${n.title}”.`);
    } catch (failure) {
      setError(failureText(failure));
    }
  }

  async function unlink(n: NotableCase, part: NotableCase["outcomes"][number]) {
    const reason = window.prompt(`Remove “${part.role}” from the notable case? The link is kept, marked removed. Why is it removed?`);
    if (!reason) return;
    try {
      await api("POST /notable-cases/:id/unlink", { params: { id: n.id }, body: { version: n.version, case_outcome_id: part.case_outcome.id, reason } });
      done(`Removed “${part.role}” from the notable case “${n.title}”.`);
    } catch (failure) {
      setError(failureText(failure));
    }
  }

  return (
    <Section title="Notable cases">
      <p>
        Cases shown side by side, each decision with its sentence, as the bureau or a post recorded them. One pair of cases proves nothing about sentencing in
        general: the comparison above is made from all the recorded outcomes.
      </p>
      <ActionResult message={message} error={error} />
      {list.error ? (
        <Notice tone="error" title="The notable cases could not be loaded">
          {list.error.message}
        </Notice>
      ) : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">No notable case is recorded{country ? " for this country" : ""}.</p> : null}
      {list.data?.items.map((n) => (
        <NotableCaseView
          key={n.id}
          notable={n}
          onWithdraw={mayChange(n) ? () => void withdraw(n) : undefined}
          onUnlink={mayChange(n) && n.outcomes.length > 2 ? (part) => void unlink(n, part) : undefined}
        />
      ))}
      {records && !adding ? (
        <p>
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Record a notable case
          </button>
        </p>
      ) : null}
      {records && adding ? (
        <NotableCaseForm
          initialCountry={country}
          onSaved={(n) => {
            setAdding(false);
            done(`Recorded the notable case “${n.title}”.`);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
    </Section>
  );
}

function NotableCaseView({
  notable: n,
  onWithdraw,
  onUnlink,
}: {
  notable: NotableCase;
  onWithdraw: (() => void) | undefined;
  onUnlink: ((part: NotableCase["outcomes"][number]) => void) | undefined;
}) {
  const reference = useReference();
  const rows: [string, (p: NotableCase["outcomes"][number]) => string][] = [
    ["Offence", (p) => p.offence_label],
    ["Court", (p) => COURT_LEVEL_LABELS[p.case_outcome.court_level]],
    ["Defendant's migration status as reported", (p) => MIGRATION_STATUS_LABELS[p.case_outcome.defendant.migration_status]],
    ["Decided", (p) => dayText(p.case_outcome.decision_date)],
    ["Sentence", ({ case_outcome: o }) => (o.withdrawn ? `Withdrawn from the record: ${o.withdrawn.reason}` : sentenceText(o))],
  ];
  return (
    <article className="notable-case" aria-label={`Notable case: ${n.title}`}>
      <h3>
        {n.title} <span className="muted">({reference.countryName(n.country)})</span>
      </h3>
      {n.synthetic ? <SyntheticWatermark /> : null}
      <p>{n.description}</p>
      <table className="table notable-case-table">
        <caption className="visually-hidden">{`The case outcomes of “${n.title}”, side by side`}</caption>
        <thead>
          <tr>
            <td />
            {n.outcomes.map((part) => (
              <th scope="col" key={part.case_outcome.id}>
                {part.role.charAt(0).toUpperCase() + part.role.slice(1)}
                {part.case_outcome.withdrawn ? " (withdrawn)" : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, f]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {n.outcomes.map((part) => (
                <td key={part.case_outcome.id}>{f(part)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="notable-case-caveat">
        <strong>{n.caveat}</strong>
      </p>
      {onWithdraw || onUnlink ? (
        <p>
          {onUnlink
            ? n.outcomes.map((part) => (
                <button key={part.case_outcome.id} type="button" className="button button-small" onClick={() => onUnlink(part)}>
                  Remove “{part.role}” from the case
                </button>
              ))
            : null}{" "}
          {onWithdraw ? (
            <button type="button" className="button button-small" onClick={onWithdraw}>
              Withdraw the notable case<span className="visually-hidden">{` “${n.title}”`}</span>
            </button>
          ) : null}
        </p>
      ) : null}
    </article>
  );
}

interface Part {
  /** Which row of the form it is (React's key). */
  key: number;
  outcome: string;
  role: string;
}

let partKeys = 0;
const newPart = (role: string): Part => ({ key: ++partKeys, outcome: "", role });
const emptyParts = () => [newPart("the original offence"), newPart("the related prosecution")];

function NotableCaseForm({ initialCountry, onSaved, onCancel }: { initialCountry: string; onSaved(n: NotableCase): void; onCancel(): void }) {
  const reference = useReference();
  const [country, setCountry] = useState(initialCountry);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [parts, setParts] = useState<Part[]>(emptyParts);
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const outcomes = useApi(
    () =>
      country
        ? api("GET /case-outcomes", { query: { country: [country], withdrawn: false, limit: 200 } })
        : Promise.resolve<ApiResponse<"GET /case-outcomes">>({ items: [], next_cursor: null }),
    [country],
  );
  const errorOf = (path: string) => issues.find((i) => i.path === path)?.message;
  const setPart = (i: number, change: Partial<Part>) => setParts((all) => all.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const describe = (o: Outcome) =>
    `${reference.categoryLabel(o.offence.category)}, ${COURT_LEVEL_LABELS[o.court_level].toLowerCase()}, decided ${dayText(o.decision_date)}; defendant: ${MIGRATION_STATUS_LABELS[o.defendant.migration_status]}; ${sentenceText(o)}${o.synthetic ? " (synthetic)" : ""}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setIssues([]);
    try {
      const saved = await api("POST /notable-cases", {
        body: { country, title, description, outcomes: parts.map((p) => ({ case_outcome_id: p.outcome, role: p.role })) },
      });
      setTitle("");
      setDescription("");
      setParts(emptyParts());
      onSaved(saved);
    } catch (failure) {
      const e = failure instanceof ApiError ? failure : new ApiError(0, "client", String(failure));
      setIssues(
        e.issues.length > 0
          ? e.issues.map((i) => ({ path: i.path.replace(/^body\./, ""), message: i.message.replace(/^must be a UUID$/, "choose a case outcome") }))
          : [{ path: "country", message: e.message }],
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Record a notable case" className="notable-case-form">
      <ErrorSummary issues={issues} />
      <SelectField
        path="country"
        label="Country of the case"
        value={country}
        empty="Choose a country"
        error={errorOf("country")}
        options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
        onValue={(c) => {
          setCountry(c);
          setParts(emptyParts());
        }}
      />
      <TextField path="title" label="Title" hint={NOTABLE_CASE_TITLE_RULE} error={errorOf("title")} value={title} onValue={setTitle} />
      <TextArea
        path="description"
        label="What happened"
        hint={`A few sentences. ${NOTABLE_CASE_TITLE_RULE}`}
        error={errorOf("description")}
        value={description}
        onValue={setDescription}
        rows={3}
      />
      {errorOf("outcomes") ? <p className="field-error">{errorOf("outcomes")}</p> : null}
      {parts.map((p, i) => (
        <fieldset key={p.key} className="notable-case-part">
          <legend>{`Case outcome ${i + 1}`}</legend>
          <SelectField
            path={`outcomes.${i}.case_outcome_id`}
            label="Decision"
            value={p.outcome}
            empty={country ? "Choose a case outcome" : "Choose a country first"}
            error={errorOf(`outcomes.${i}.case_outcome_id`)}
            options={(outcomes.data?.items ?? []).map((o) => ({ value: o.id, label: describe(o) }))}
            onValue={(outcome) => setPart(i, { outcome })}
          />
          <TextField
            path={`outcomes.${i}.role`}
            label="Its part in the case"
            hint="In words: the original offence, the related prosecution, the appeal."
            error={errorOf(`outcomes.${i}.role`)}
            value={p.role}
            onValue={(role) => setPart(i, { role })}
          />
          {parts.length > 2 ? (
            <button type="button" className="button button-small" onClick={() => setParts((all) => all.filter((_, j) => j !== i))}>
              Leave out case outcome {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <p>
        <button type="button" className="button" onClick={() => setParts((all) => [...all, newPart("")])} disabled={parts.length >= 10}>
          Add another case outcome
        </button>{" "}
        <button type="submit" className="button button-primary" disabled={busy}>
          Record the notable case
        </button>{" "}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
