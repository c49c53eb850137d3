// A post's response to a tasking: for each requirement, in order, a narrative or "nothing to
// report", what it asks for (categories, statistics), and the records it cites: the post's
// incidents and engagements, found by search (LinkPicker.tsx), and the statistics datasets held;
// saved as a draft, then through the review path (submit, clear, accept, or return with a comment)
// by whoever may take each step now; and the cable it makes, to download as text, Markdown, PDF or DOCX.
import { useCallback, useEffect, useRef, useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { api, ApiError, apiUrl } from "../../api/client.js";
import type { Engagement, Incident, TaskingResponse } from "../../api/types.js";
import { CheckboxGroup, TextArea } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { ReviewActions } from "../../components/ReviewActions.js";
import { STATE_LABELS } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { LinkPicker, type Choice } from "./LinkPicker.js";
import { RequirementAsks } from "./RequirementAsks.js";

interface Draft {
  narrative: string;
  nothing: boolean;
  incidents: string[];
  engagements: string[];
  datasets: string[];
}

const PAGE = 20;
const incidentChoice = (i: Incident): Choice => ({ id: i.id, label: `No. ${i.number}: ${i.title}` });
const engagementChoice = (e: Engagement): Choice => ({
  id: e.id,
  label: `${dayText(e.date)}: ${e.counterpart.office} (${STATE_LABELS[e.state].toLowerCase()})`,
});
/** "123", "No. 123" or "no 123": the incident with that number; anything else: words to search. */
const incidentNumber = (words: string): number | null => {
  const match = /^(?:no\.?\s*)?(\d{1,15})$/i.exec(words);
  return match ? Number(match[1]) : null;
};

export function ResponsePage({ id, post }: { id: string; post: string }) {
  const tasking = useApi(() => api("GET /taskings/:id", { params: { id } }), [id]);
  const [response, setResponse] = useState<TaskingResponse | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  // The words of the records cited or found, by id (a cited record is read once to name it).
  const [labels, setLabels] = useState<Record<string, string>>({});
  const learn = useCallback((choices: readonly Choice[]) => {
    if (choices.length > 0) setLabels((l) => ({ ...l, ...Object.fromEntries(choices.map((c) => [c.id, c.label])) }));
  }, []);

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
            datasets: a.links.filter((l) => l.kind === "dataset").map((l) => l.id),
          },
        ]),
      ),
    );
  }, []);

  // Name the incidents and engagements the stored response cites, each read once (those out of sight stay unnamed).
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const links = (response?.answers.flatMap((a) => a.links) ?? []).filter((l) => !asked.current.has(l.id));
    for (const link of links) {
      asked.current.add(link.id);
      if (link.kind === "incident")
        api("GET /incidents/:id", { params: { id: link.id } }).then(
          (i) => learn([incidentChoice(i)]),
          () => undefined,
        );
      if (link.kind === "engagement")
        api("GET /engagements/:id", { params: { id: link.id } }).then(
          (e) => learn([engagementChoice(e)]),
          () => undefined,
        );
    }
  }, [response, learn]);

  useEffect(() => {
    api("GET /taskings/:id/responses/:post", { params: { id, post } })
      .then((r) => adopt(r))
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 404)) setMessage({ tone: "error", text: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => setLoaded(true));
  }, [id, post, adopt]);

  const editable = response ? response.editable : true;
  const datasets = useApi(() => api("GET /stats/datasets"), []);
  const findIncidents = async (words: string, after: string | null) => {
    const number = incidentNumber(words);
    const query = number !== null ? { number } : words === "" ? {} : { q: words };
    const page = await api("GET /incidents", { query: { post: [post], limit: PAGE, ...query, ...(after ? { cursor: after } : {}) } });
    const items = page.items.map(incidentChoice);
    learn(items);
    return { items, next: page.next_cursor };
  };
  const findEngagements = async (words: string, after: string | null) => {
    const offset = after ? Number(after) : 0;
    const page = await api("GET /engagements", { query: { post, limit: PAGE, offset, ...(words === "" ? {} : { q: words }) } });
    const items = page.items.map(engagementChoice);
    learn(items);
    return { items, next: offset + PAGE < page.total ? String(offset + PAGE) : null };
  };
  const t = tasking.data;
  if (tasking.error) return <Notice tone="error">{tasking.error.message}</Notice>;
  if (!t || !loaded) return <p role="status">Loading…</p>;

  const draftOf = (n: number): Draft => drafts[n] ?? { narrative: "", nothing: false, incidents: [], engagements: [], datasets: [] };
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
        ...draftOf(r.number).datasets.map((dataset) => ({ requirement: r.number, kind: "dataset" as const, id: dataset })),
      ]),
    };
    try {
      adopt(await api("POST /taskings/:id/responses/:post", { params: { id, post }, body }));
      setMessage({ tone: "success", text: `Saved the draft response: ${numbers.length} of ${t!.requirements.length} requirements answered.` });
    } catch (e) {
      setMessage({ tone: "error", text: e instanceof ApiError ? `${e.message} ${e.issues.map((i) => i.message).join("; ")}` : String(e) });
    }
  }

  const datasetOptions = (datasets.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.publisher}: ${d.title}` }));
  const datasetName = (id: string) => datasetOptions.find((o) => o.value === id)?.label;
  const named = (ids: readonly string[], nameOf: (id: string) => string | undefined) => ids.map((id) => nameOf(id) ?? "a record out of your sight").join("; ");
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
              <RequirementAsks requirement={r} />
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
                  <LinkPicker
                    path={`incidents-${r.number}`}
                    legend={`Incidents cited for requirement ${r.number}`}
                    searchLabel={`Find incidents of the post for requirement ${r.number}`}
                    searchHint="Its number (such as 1024) or words of its title, summary or sources; leave empty for the latest"
                    nothingFound="No incident of the post matches."
                    chosen={draft.incidents}
                    labelOf={(id) => labels[id]}
                    search={findIncidents}
                    onChosen={(ids) => change(r.number, { incidents: ids })}
                  />
                  <LinkPicker
                    path={`engagements-${r.number}`}
                    legend={`Engagements cited for requirement ${r.number}`}
                    searchLabel={`Find engagements of the post for requirement ${r.number}`}
                    searchHint="Words of the office, the message or the response; leave empty for the latest"
                    nothingFound="No engagement of the post matches."
                    chosen={draft.engagements}
                    labelOf={(id) => labels[id]}
                    search={findEngagements}
                    onChosen={(ids) => change(r.number, { engagements: ids })}
                  />
                  {datasetOptions.length > 0 ? (
                    <CheckboxGroup
                      path={`datasets-${r.number}`}
                      legend={`Statistics cited for requirement ${r.number}`}
                      hint="The datasets held; the cable names each as a source"
                      options={datasetOptions}
                      values={draft.datasets}
                      onValues={(v) => change(r.number, { datasets: v })}
                    />
                  ) : null}
                </>
              ) : (
                <>
                  <p className="prose">{draft.nothing ? "Nothing to report." : draft.narrative || "Not answered."}</p>
                  {draft.incidents.length > 0 ? <p>Incidents cited: {named(draft.incidents, (id) => labels[id])}.</p> : null}
                  {draft.engagements.length > 0 ? <p>Engagements cited: {named(draft.engagements, (id) => labels[id])}.</p> : null}
                  {draft.datasets.length > 0 ? <p>Statistics cited: {named(draft.datasets, datasetName)}.</p> : null}
                </>
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
