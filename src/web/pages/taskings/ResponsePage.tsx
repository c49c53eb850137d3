// A post's response to a tasking: for each requirement, in order, a narrative or "nothing to
// report", and the post's incidents and engagements it cites; saved as a draft, then through the review path
// (submit, clear, accept, or return with a comment) by whoever may take each step now; and the
// cable it makes, to download as text, Markdown, PDF or DOCX.
import { useCallback, useEffect, useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { api, ApiError, apiUrl } from "../../api/client.js";
import type { TaskingResponse } from "../../api/types.js";
import { CheckboxGroup, TextArea } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { ReviewActions } from "../../components/ReviewActions.js";
import { STATE_LABELS } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";

interface Draft {
  narrative: string;
  nothing: boolean;
  incidents: string[];
  engagements: string[];
}

export function ResponsePage({ id, post }: { id: string; post: string }) {
  const tasking = useApi(() => api("GET /taskings/:id", { params: { id } }), [id]);
  const [response, setResponse] = useState<TaskingResponse | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  // The response as stored, and the form's fields from it (the setters are stable).
  const adopt = useCallback((r: TaskingResponse) => {
    setResponse(r);
    setDrafts(
      Object.fromEntries(
        r.answers.map((a) => [
          a.requirement,
          {
            narrative: a.narrative ?? "",
            nothing: a.nothing_to_report,
            incidents: a.links.filter((l) => l.kind === "incident").map((l) => l.id),
            engagements: a.links.filter((l) => l.kind === "engagement").map((l) => l.id),
          },
        ]),
      ),
    );
  }, []);

  useEffect(() => {
    api("GET /taskings/:id/responses/:post", { params: { id, post } })
      .then((r) => adopt(r))
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 404)) setMessage({ tone: "error", text: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => setLoaded(true));
  }, [id, post, adopt]);

  const editable = response ? response.editable : true;
  const incidents = useApi(
    () => (editable ? api("GET /incidents", { query: { post: [post], limit: 50 } }) : Promise.resolve({ items: [], next_cursor: null })),
    [post, editable],
  );
  const engagements = useApi(
    () => (editable ? api("GET /engagements", { query: { post, limit: 100 } }) : Promise.resolve({ items: [], total: 0 })),
    [post, editable],
  );
  const t = tasking.data;
  if (tasking.error) return <Notice tone="error">{tasking.error.message}</Notice>;
  if (!t || !loaded) return <p role="status">Loading…</p>;

  const draftOf = (n: number): Draft => drafts[n] ?? { narrative: "", nothing: false, incidents: [], engagements: [] };
  const change = (n: number, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [n]: { ...draftOf(n), ...patch } }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const numbers = t!.requirements.map((r) => r.number).filter((n) => draftOf(n).nothing || draftOf(n).narrative.trim() !== "");
    const body = {
      ...(response ? { version: response.version } : {}),
      answers: numbers.map((n) => (draftOf(n).nothing ? { requirement: n, nothing_to_report: true } : { requirement: n, narrative: draftOf(n).narrative })),
      links: t!.requirements.flatMap((r) => [
        ...draftOf(r.number).incidents.map((incident) => ({ requirement: r.number, kind: "incident" as const, id: incident })),
        ...draftOf(r.number).engagements.map((engagement) => ({ requirement: r.number, kind: "engagement" as const, id: engagement })),
      ]),
    };
    try {
      adopt(await api("POST /taskings/:id/responses/:post", { params: { id, post }, body }));
      setMessage({ tone: "success", text: `Saved the draft response: ${numbers.length} of ${t!.requirements.length} requirements answered.` });
    } catch (e) {
      setMessage({ tone: "error", text: e instanceof ApiError ? `${e.message} ${e.issues.map((i) => i.message).join("; ")}` : String(e) });
    }
  }

  const options = (incidents.data?.items ?? []).map((i) => ({ value: i.id, label: `No. ${i.number}: ${i.title}` }));
  const engagementOptions = (engagements.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${dayText(e.date)}: ${e.counterpart.office} (${STATE_LABELS[e.state].toLowerCase()})`,
  }));
  return (
    <Page
      title={`Response of ${response?.post_name ?? t.targets.find((p) => p.post === post)?.name ?? post} to ${t.reference}`}
      kicker={response ? STATE_LABELS[response.state] : "Not started"}
    >
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {response?.return_comment ? (
        <Notice tone="warning" title="Returned with a comment">
          {response.return_comment}
        </Notice>
      ) : null}
      <p>
        <Link to={`/taskings/${id}`}>
          {t.reference}: {t.title}
        </Link>{" "}
        — due {dayText(t.due_date)}
      </p>
      <form onSubmit={(e) => void save(e)} noValidate>
        {t.requirements.map((r) => {
          const draft = draftOf(r.number);
          return (
            <Section key={r.number} title={`Requirement ${r.number}`}>
              <p>{r.text}</p>
              {editable ? (
                <>
                  <CheckboxGroup
                    path={`nothing-${r.number}`}
                    legend={`Requirement ${r.number}: nothing to report?`}
                    options={[{ value: "yes", label: "Nothing to report" }]}
                    values={draft.nothing ? ["yes"] : []}
                    onValues={(v) => change(r.number, { nothing: v.includes("yes") })}
                  />
                  {!draft.nothing ? (
                    <TextArea
                      path={`narrative-${r.number}`}
                      label={`Answer to requirement ${r.number}`}
                      value={draft.narrative}
                      onValue={(v) => change(r.number, { narrative: v })}
                    />
                  ) : null}
                  {options.length > 0 ? (
                    <CheckboxGroup
                      path={`incidents-${r.number}`}
                      legend={`Incidents cited for requirement ${r.number}`}
                      options={options}
                      values={draft.incidents}
                      onValues={(v) => change(r.number, { incidents: v })}
                    />
                  ) : null}
                  {engagementOptions.length > 0 ? (
                    <CheckboxGroup
                      path={`engagements-${r.number}`}
                      legend={`Engagements cited for requirement ${r.number}`}
                      options={engagementOptions}
                      values={draft.engagements}
                      onValues={(v) => change(r.number, { engagements: v })}
                    />
                  ) : null}
                </>
              ) : (
                <p className="prose">
                  {draft.nothing ? "Nothing to report." : draft.narrative || "Not answered."}
                  {draft.incidents.length > 0 ? ` (${draft.incidents.length} incident${draft.incidents.length === 1 ? "" : "s"} cited)` : ""}
                  {draft.engagements.length > 0 ? ` (${draft.engagements.length} engagement${draft.engagements.length === 1 ? "" : "s"} cited)` : ""}
                </p>
              )}
            </Section>
          );
        })}
        {editable && t.state === "issued" ? (
          <button type="submit" className="button">
            Save the draft
          </button>
        ) : null}
      </form>
      {response ? (
        <ReviewActions
          noun="response"
          allowed={response.allowed_actions}
          take={async (action, comment) =>
            adopt(
              await api("POST /taskings/:id/responses/:post/transitions", {
                params: { id, post },
                body: { action, version: response.version, ...(comment === undefined ? {} : { comment }) },
              }),
            )
          }
        />
      ) : null}
      {response ? (
        <Section title="The cable">
          <div className="report-downloads" role="group" aria-label="Download the cable">
            {(["txt", "md", "pdf", "docx"] as const).map((format) => (
              <a
                key={format}
                className="button button-small"
                href={apiUrl("GET /taskings/:id/responses/:post/cable", { params: { id, post }, query: { format } })}
                download
              >
                {{ txt: "Text", md: "Markdown", pdf: "PDF", docx: "DOCX" }[format]}
                <span className="visually-hidden"> of the cable</span>
              </a>
            ))}
          </div>
        </Section>
      ) : null}
    </Page>
  );
}
