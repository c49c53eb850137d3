// One engagement with the host government: recorded (/engagements/new) and edited by its post while
// a draft or returned; then the review steps open to you (components/ReviewActions: submit, clear,
// accept, return with a comment, asked first); its attachments (listed with kind and size, each a
// download; uploaded and, asked first, removed by the post while it may edit); its follow-up
// actions, added (owned by a user of the post, chosen by name, or a role in words) and marked done
// by the post; the bureau's "notable" mark.
import { useCallback, useEffect, useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { COUNTERPART_LEVELS, ENGAGEMENT_INITIATORS, ENGAGEMENT_KINDS, ENGAGEMENT_RESPONSES, OFFICE_TYPES } from "../../../domain/vocabulary.js";
import { api, ApiError, apiUrl, RawBody } from "../../api/client.js";
import type { ApiResponse } from "../../api/routes.js";
import type { Engagement, NewEngagement } from "../../api/types.js";
import { Dialog } from "../../components/Dialog.js";
import { SelectField, TextArea, TextField } from "../../components/form.js";
import { ReviewActions } from "../../components/ReviewActions.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import {
  COUNTERPART_LEVEL_LABELS,
  ENGAGEMENT_INITIATOR_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_RESPONSE_LABELS,
  OFFICE_TYPE_LABELS,
  labelledOptions,
  STATE_LABELS,
} from "../../lib/labels.js";
import { navigate } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { recordsEngagements } from "./engagement-access.js";

type Attachment = ApiResponse<"GET /engagements/:id/attachments">["items"][number];

/** A size in words: "812 bytes", "14 KB", "2.3 MB". */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type Fields = {
  date: string;
  kind: string;
  office: string;
  level: string;
  office_type: string;
  initiated_by: string;
  topics: string;
  message: string;
  response: string;
  response_text: string;
  handling: string;
};
const EMPTY: Fields = {
  date: "",
  kind: "meeting",
  office: "",
  level: "senior_official",
  office_type: "interior",
  initiated_by: "post",
  topics: "",
  message: "",
  response: "no_response_yet",
  response_text: "",
  handling: "UNCLASSIFIED",
};
const fieldsOf = (e: Engagement): Fields => ({
  date: e.date,
  kind: e.kind,
  office: e.counterpart.office,
  level: e.counterpart.level,
  office_type: e.counterpart.office_type,
  initiated_by: e.initiated_by,
  topics: e.topics.join(", "),
  message: e.message,
  response: e.response,
  response_text: e.response_text ?? "",
  handling: e.handling,
});
const problem = (e: unknown) =>
  e instanceof ApiError
    ? `${e.message} ${e.issues.map((i) => `${i.path === "body" ? "the file" : i.path.replace(/^body\./, "")}: ${i.message}`).join("; ")}`
    : String(e);

export function EngagementPage({ id }: { id: string | null }) {
  const user = useUser();
  const [engagement, setEngagement] = useState<Engagement | null>(null);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [followUp, setFollowUp] = useState({ action: "", owner_user: "", owner_role: "", due_date: "" });
  const [owners, setOwners] = useState<{ id: string; name: string }[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(
    new URLSearchParams(window.location.search).has("saved") ? { tone: "success", text: "Recorded the engagement as a draft of your post." } : null,
  );
  const [loading, setLoading] = useState(id !== null);

  // The engagement as stored, and the form's fields from it (the setters are stable).
  const adopt = useCallback((e: Engagement) => {
    setEngagement(e);
    setFields(fieldsOf(e));
  }, []);
  useEffect(() => {
    if (id === null) return;
    api("GET /engagements/:id", { params: { id } })
      .then(adopt)
      .catch((e: unknown) => setMessage({ tone: "error", text: problem(e) }))
      .finally(() => setLoading(false));
    api("GET /engagements/:id/attachments", { params: { id } })
      .then((a) => setAttachments(a.items))
      .catch(() => setAttachments([]));
  }, [id, adopt]);
  // Who may own a follow-up (the post's users, by name): asked only by the post's own staff.
  const ownsFollowUps = engagement !== null && recordsEngagements(user) && user.post === engagement.post;
  useEffect(() => {
    if (id === null || !ownsFollowUps) return;
    api("GET /engagements/:id/follow-up-owners", { params: { id } })
      .then((o) => setOwners(o.items))
      .catch(() => setOwners([]));
  }, [id, ownsFollowUps]);
  if (loading) return <p role="status">Loading…</p>;

  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const editable = engagement ? engagement.editable : recordsEngagements(user);
  const ownPost = ownsFollowUps;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      date: fields.date,
      kind: fields.kind,
      counterpart: { office: fields.office, level: fields.level, office_type: fields.office_type },
      initiated_by: fields.initiated_by,
      topics: fields.topics
        .split(/[\s,]+/)
        .map((t) => t.trim().toUpperCase())
        .filter((t) => t.length > 0),
      message: fields.message,
      response: fields.response,
      response_text: fields.response === "no_response_yet" || fields.response_text.trim() === "" ? null : fields.response_text,
      handling: fields.handling,
    } as NewEngagement;
    try {
      if (engagement) {
        adopt(await api("PATCH /engagements/:id", { params: { id: engagement.id }, body: { ...body, version: engagement.version } as never }));
        setMessage({ tone: "success", text: "Saved your changes to the engagement." });
      } else {
        const created = await api("POST /engagements", { body });
        navigate(`/engagements/${created.id}?saved=1`);
      }
    } catch (e) {
      setMessage({ tone: "error", text: problem(e) });
    }
  }

  async function addFollowUp(event: React.FormEvent) {
    event.preventDefault();
    if (!engagement) return;
    try {
      adopt(
        await api("POST /engagements/:id/follow-ups", {
          params: { id: engagement.id },
          body: {
            version: engagement.version,
            follow_up: {
              action: followUp.action,
              ...(followUp.owner_user ? { owner_user: followUp.owner_user } : { owner_role: followUp.owner_role }),
              due_date: followUp.due_date,
            },
          },
        }),
      );
      setFollowUp({ action: "", owner_user: "", owner_role: "", due_date: "" });
      setMessage({ tone: "success", text: "Added the follow-up action." });
    } catch (e) {
      setMessage({ tone: "error", text: problem(e) });
    }
  }

  async function complete(number: number) {
    if (!engagement) return;
    try {
      adopt(await api("POST /engagements/:id/follow-ups/:number/complete", { params: { id: engagement.id, number }, body: { version: engagement.version } }));
      setMessage({ tone: "success", text: `Marked follow-up action ${number} done.` });
    } catch (e) {
      setMessage({ tone: "error", text: problem(e) });
    }
  }

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!engagement) return;
    if (!file) {
      setMessage({ tone: "error", text: "Choose a file to attach first." });
      return;
    }
    try {
      const added = await api("POST /engagements/:id/attachments", {
        params: { id: engagement.id },
        query: { filename: file.name },
        body: new RawBody(file, "application/octet-stream"),
      });
      setAttachments((a) => [...a, added]);
      setFile(null);
      (event.target as HTMLFormElement).reset();
      setMessage({ tone: "success", text: `Attached ${added.filename} (${added.kind}, ${sizeText(added.size_bytes)}).` });
    } catch (e) {
      setMessage({ tone: "error", text: problem(e) });
    }
  }

  async function remove(attachment: Attachment) {
    if (!engagement) return;
    try {
      const left = await api("POST /engagements/:id/attachments/:file/remove", { params: { id: engagement.id, file: attachment.id } });
      setAttachments(left.items);
      setMessage({ tone: "success", text: `Removed ${attachment.filename}.` });
    } catch (e) {
      setMessage({ tone: "error", text: problem(e) });
    } finally {
      setRemoving(null);
    }
  }

  async function markNotable(notable: boolean) {
    if (!engagement) return;
    try {
      adopt(await api("POST /engagements/:id/notable", { params: { id: engagement.id }, body: { version: engagement.version, notable } }));
      setMessage({
        tone: "success",
        text: notable ? "Named the engagement among the notable ones of the country report." : "Took the engagement out of the notable ones.",
      });
    } catch (e) {
      setMessage({ tone: "error", text: problem(e) });
    }
  }

  const bureau = user.role === "analyst" || user.role === "editor";
  return (
    <Page
      title={engagement ? `${ENGAGEMENT_KIND_LABELS[engagement.kind]} with ${engagement.counterpart.office}` : "Record an engagement"}
      kicker={engagement ? `${engagement.post_name} · ${STATE_LABELS[engagement.state]}${engagement.synthetic ? " · Synthetic" : ""}` : undefined}
    >
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {engagement?.return_comment ? (
        <Notice tone="warning" title="Returned with a comment">
          {engagement.return_comment}
        </Notice>
      ) : null}
      {editable ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <Section title="The engagement">
            <TextField path="engagement-date" label="Date" hint="YYYY-MM-DD" value={fields.date} onValue={set("date")} />
            <SelectField
              path="engagement-kind"
              label="Kind"
              value={fields.kind}
              options={labelledOptions(ENGAGEMENT_KINDS, ENGAGEMENT_KIND_LABELS)}
              onValue={set("kind")}
            />
            <TextField
              path="engagement-office"
              label="Office met"
              hint="The office (and the post held, where it matters), never a private person"
              value={fields.office}
              onValue={set("office")}
            />
            <SelectField
              path="engagement-level"
              label="Level"
              value={fields.level}
              options={labelledOptions(COUNTERPART_LEVELS, COUNTERPART_LEVEL_LABELS)}
              onValue={set("level")}
            />
            <SelectField
              path="engagement-office-type"
              label="Office type"
              value={fields.office_type}
              options={labelledOptions(OFFICE_TYPES, OFFICE_TYPE_LABELS)}
              onValue={set("office_type")}
            />
            <SelectField
              path="engagement-initiated-by"
              label="Initiated by"
              value={fields.initiated_by}
              options={labelledOptions(ENGAGEMENT_INITIATORS, ENGAGEMENT_INITIATOR_LABELS)}
              onValue={set("initiated_by")}
            />
            <TextField path="engagement-topics" label="Topics" hint="Taxonomy codes, such as SE.ORGANISED, TIP" value={fields.topics} onValue={set("topics")} />
            <TextArea path="engagement-message" label="Message delivered" value={fields.message} onValue={set("message")} />
            <SelectField
              path="engagement-response"
              label="Response"
              value={fields.response}
              options={labelledOptions(ENGAGEMENT_RESPONSES, ENGAGEMENT_RESPONSE_LABELS)}
              onValue={set("response")}
            />
            {fields.response !== "no_response_yet" ? (
              <TextArea
                path="engagement-response-text"
                label="The response, in your words"
                value={fields.response_text}
                onValue={set("response_text")}
                rows={3}
              />
            ) : null}
            <SelectField
              path="engagement-handling"
              label="Handling marking"
              value={fields.handling}
              options={[
                { value: "UNCLASSIFIED", label: "Unclassified" },
                { value: "SBU", label: "Sensitive but unclassified" },
              ]}
              onValue={set("handling")}
            />
            <button type="submit" className="button button-primary">
              {engagement ? "Save the changes" : "Record the engagement"}
            </button>
          </Section>
        </form>
      ) : engagement ? (
        <Section title="The engagement">
          <dl className="details">
            <dt>Date</dt>
            <dd>{dayText(engagement.date)}</dd>
            <dt>Counterpart</dt>
            <dd>
              {engagement.counterpart.office} ({COUNTERPART_LEVEL_LABELS[engagement.counterpart.level]},{" "}
              {OFFICE_TYPE_LABELS[engagement.counterpart.office_type]})
            </dd>
            <dt>Initiated by</dt>
            <dd>{ENGAGEMENT_INITIATOR_LABELS[engagement.initiated_by]}</dd>
            <dt>Message delivered</dt>
            <dd className="prose">{engagement.message}</dd>
            <dt>Response</dt>
            <dd className="prose">
              {ENGAGEMENT_RESPONSE_LABELS[engagement.response]}
              {engagement.response_text ? `: ${engagement.response_text}` : ""}
            </dd>
            <dt>Notable</dt>
            <dd>{engagement.notable ? "Yes, named in the country report" : "No"}</dd>
          </dl>
        </Section>
      ) : null}
      {engagement ? (
        <ReviewActions
          noun="engagement"
          allowed={engagement.allowed_actions}
          take={async (action, comment) =>
            adopt(
              await api("POST /engagements/:id/transitions", {
                params: { id: engagement.id },
                body: { action, version: engagement.version, ...(comment === undefined ? {} : { comment }) },
              }),
            )
          }
        />
      ) : null}
      {engagement && bureau && engagement.state === "accepted" ? (
        <Section title="Country report">
          <button type="button" className="button" onClick={() => void markNotable(!engagement.notable)}>
            {engagement.notable ? "Take out of the notable engagements" : "Mark as notable"}
          </button>
        </Section>
      ) : null}
      {engagement ? (
        <Section title="Attachments">
          {attachments.length === 0 ? <p>No attachments.</p> : null}
          <ul className="plain-list">
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={apiUrl("GET /engagements/:id/attachments/:file", { params: { id: engagement.id, file: a.id } })} download={a.filename}>
                  {a.filename}
                </a>{" "}
                ({a.kind}, {sizeText(a.size_bytes)}){" "}
                {engagement.editable ? (
                  <button type="button" className="button button-small" onClick={() => setRemoving(a)}>
                    Remove<span className="visually-hidden"> {a.filename}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {engagement.editable ? (
            <form onSubmit={(e) => void upload(e)} noValidate>
              <div className="field">
                <label htmlFor="field-attachment-file">File to attach</label>
                <p className="field-hint" id="field-attachment-file-hint">
                  A PDF, a PNG or JPEG image, plain text, or a Word, Excel or OpenDocument text file
                </p>
                <input
                  id="field-attachment-file"
                  type="file"
                  accept=".pdf,.png,.jpg,.jpeg,.txt,.docx,.xlsx,.odt"
                  aria-describedby="field-attachment-file-hint"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </div>
              <button type="submit" className="button">
                Attach the file
              </button>
            </form>
          ) : null}
          <Dialog
            open={removing !== null}
            title="Remove this attachment?"
            onClose={() => setRemoving(null)}
            footer={
              <>
                <button type="button" className="button button-primary" onClick={() => void (removing && remove(removing))}>
                  Remove the attachment
                </button>
                <button type="button" className="button" onClick={() => setRemoving(null)}>
                  Cancel
                </button>
              </>
            }
          >
            <p>
              {removing ? `${removing.filename} (${removing.kind}, ${sizeText(removing.size_bytes)})` : ""} will be removed from the engagement. The audit log
              keeps its name and size, not the file.
            </p>
          </Dialog>
        </Section>
      ) : null}
      {engagement ? (
        <Section title="Follow-up actions">
          {engagement.follow_ups.length === 0 ? <p>No follow-up actions.</p> : null}
          <ul className="plain-list">
            {engagement.follow_ups.map((f) => (
              <li key={f.number}>
                {f.action} — {f.owner_user?.name ?? f.owner_role}, due {dayText(f.due_date)}: {f.done ? "done" : "open"}{" "}
                {!f.done && ownPost ? (
                  <button type="button" className="button button-small" onClick={() => void complete(f.number)}>
                    Mark done<span className="visually-hidden"> (follow-up action {f.number})</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {ownPost ? (
            <form onSubmit={(e) => void addFollowUp(e)} noValidate>
              <TextField
                path="follow-up-action"
                label="New follow-up action"
                value={followUp.action}
                onValue={(v) => setFollowUp((f) => ({ ...f, action: v }))}
              />
              <SelectField
                path="follow-up-owner"
                label="Owner"
                hint="Someone of the post, or a role"
                value={followUp.owner_user}
                empty="A role (write it below)"
                options={owners.map((o) => ({ value: o.id, label: o.name }))}
                onValue={(v) => setFollowUp((f) => ({ ...f, owner_user: v }))}
              />
              {followUp.owner_user === "" ? (
                <TextField
                  path="follow-up-owner-role"
                  label="Owner's role"
                  hint="Such as the political section"
                  value={followUp.owner_role}
                  onValue={(v) => setFollowUp((f) => ({ ...f, owner_role: v }))}
                />
              ) : null}
              <TextField
                path="follow-up-due"
                label="Due date"
                hint="YYYY-MM-DD"
                value={followUp.due_date}
                onValue={(v) => setFollowUp((f) => ({ ...f, due_date: v }))}
              />
              <button type="submit" className="button">
                Add the follow-up action
              </button>
            </form>
          ) : null}
        </Section>
      ) : null}
    </Page>
  );
}
