// One tasking: what it asks (its numbered requirements, with the categories and statistics each
// asks for), for which period, by when, of which posts; the versions posts were sent (each
// amendment with what it changed); for editors, edit a draft, issue, amend and close (each asks
// first and says what it did; TaskingForm.tsx edits and amends); and the responses: every post's
// for the bureau, a post's own for its staff, each opened in the response editor.
import { useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { api, ApiError } from "../../api/client.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { STATE_LABELS, TASKING_RECURRENCE_LABELS, TASKING_STATE_LABELS, timestampLabel } from "../../lib/labels.js";
import { Link, useLocation } from "../../lib/router.js";
import { isBureau, useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { RequirementAsks } from "./RequirementAsks.js";
import { managesTaskings } from "./tasking-access.js";
import { TaskingForm } from "./TaskingForm.js";

const FIELD_LABELS: Record<string, string> = {
  reference: "reference",
  title: "title",
  handling: "handling marking",
  body: "text",
  requirements: "requirements",
  period: "period covered",
  due_date: "due date",
  recurrence: "recurrence",
  targets: "posts",
};

export function TaskingPage({ id }: { id: string }) {
  const user = useUser();
  const { query } = useLocation();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const tasking = useApi(() => api("GET /taskings/:id", { params: { id } }), [id]);
  const versions = useApi(() => api("GET /taskings/:id/versions", { params: { id } }), [id, tasking.data?.version]);
  const responses = useApi(() => api("GET /taskings/:id/responses", { params: { id } }), [id]);
  const t = tasking.data;
  if (tasking.error) return <Notice tone="error">{tasking.error.message}</Notice>;
  if (!t) return <p role="status">Loading…</p>;

  async function step(action: "issue" | "close") {
    const question =
      action === "issue" ? `Issue ${t!.reference} to its ${t!.targets.length} posts?` : `Close ${t!.reference}? Its responses can then no longer be changed.`;
    if (!window.confirm(question)) return;
    try {
      const done =
        action === "issue"
          ? await api("POST /taskings/:id/issue", { params: { id }, body: { version: t!.version } })
          : await api("POST /taskings/:id/close", { params: { id }, body: { version: t!.version } });
      setMessage({ tone: "success", text: action === "issue" ? `Issued ${done.reference} to ${done.targets.length} posts.` : `Closed ${done.reference}.` });
    } catch (e) {
      setMessage({ tone: "error", text: e instanceof ApiError ? e.message : String(e) });
    }
    tasking.reload();
  }

  const own = responses.data?.items.find((r) => r.post === user.post);
  const targeted = t.targets.some((p) => p.post === user.post);
  return (
    <Page
      title={`${t.reference}: ${t.title}`}
      kicker={`Tasking · ${TASKING_STATE_LABELS[t.state]}${t.issued_version > 0 ? `, version ${t.issued_version}` : ""}`}
    >
      {query.get("saved") ? <Notice tone="success">Saved the draft tasking {t.reference}.</Notice> : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {t.synthetic ? <SyntheticWatermark /> : null}
      <Section title="What it asks">
        <dl className="details">
          <dt>Handling marking</dt>
          <dd>{t.handling === "SBU" ? "Sensitive but unclassified" : "Unclassified"}</dd>
          <dt>Period covered</dt>
          <dd>
            {dayText(t.period.from)} to {dayText(t.period.to)}
          </dd>
          <dt>Due</dt>
          <dd>{dayText(t.due_date)}</dd>
          <dt>Recurs</dt>
          <dd>{TASKING_RECURRENCE_LABELS[t.recurrence]}</dd>
          <dt>Posts</dt>
          <dd>{t.targets.map((p) => p.name).join(", ")}</dd>
        </dl>
        <p className="prose">{t.body}</p>
        <ol className="requirements">
          {t.requirements.map((r) => (
            <li key={r.number}>
              {r.text}
              <RequirementAsks requirement={r} />
            </li>
          ))}
        </ol>
        {managesTaskings(user) && t.state === "draft" ? (
          <button type="button" className="button button-primary" onClick={() => void step("issue")}>
            Issue to posts
          </button>
        ) : null}
        {managesTaskings(user) && t.state === "issued" ? (
          <button type="button" className="button" onClick={() => void step("close")}>
            Close the tasking
          </button>
        ) : null}
      </Section>
      {managesTaskings(user) && t.state !== "closed" ? (
        <TaskingForm
          key={t.version}
          use={{
            kind: t.state === "draft" ? "edit" : "amend",
            tasking: t,
            onSaved: (text) => {
              setMessage({ tone: "success", text });
              tasking.reload();
            },
          }}
        />
      ) : null}
      {versions.data && versions.data.items.length > 0 ? (
        <Section title="Versions sent to posts">
          <ul>
            {versions.data.items.map((v) => (
              <li key={v.version}>
                Version {v.version}, {timestampLabel(v.issued_at)}, by {v.issued_by}
                {v.changed.length > 0 ? `: changed the ${v.changed.map((f) => FIELD_LABELS[f] ?? f).join(", ")}` : ""}
                {v.note ? ` — ${v.note}` : ""}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {t.state !== "draft" ? (
        <Section title="Responses">
          {!isBureau(user) && targeted ? (
            <p>
              <Link to={`/taskings/${id}/responses/${user.post}`}>
                {own ? `Your post's response (${STATE_LABELS[own.state].toLowerCase()})` : "Answer this tasking"}
              </Link>
            </p>
          ) : null}
          {isBureau(user) && responses.data ? (
            responses.data.items.length === 0 ? (
              <p>No post has started a response yet.</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">Responses</caption>
                <thead>
                  <tr>
                    <th scope="col">Post</th>
                    <th scope="col">State</th>
                    <th scope="col">Last change</th>
                  </tr>
                </thead>
                <tbody>
                  {responses.data.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/taskings/${id}/responses/${r.post}`}>{r.post_name}</Link>
                      </td>
                      <td>{STATE_LABELS[r.state]}</td>
                      <td>{timestampLabel(r.updated_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
        </Section>
      ) : null}
    </Page>
  );
}
