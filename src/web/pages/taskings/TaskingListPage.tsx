// Taskings: the bureau's cables to posts, latest due first (a post sees those issued to it), and for
// editors a form to draft a new one (its posts named one by one or by group).
import { useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { api, ApiError } from "../../api/client.js";
import type { NewTasking } from "../../api/types.js";
import { CheckboxGroup, SelectField, TextArea, TextField } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { TASKING_STATE_LABELS } from "../../lib/labels.js";
import { Link, navigate } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { managesTaskings } from "./tasking-access.js";

const GROUPS = [
  { value: "eu", label: "European Union" },
  { value: "efta", label: "EFTA" },
  { value: "uk", label: "The United Kingdom" },
  { value: "canada", label: "Canada" },
  { value: "australia_new_zealand", label: "Australia and New Zealand" },
  { value: "all", label: "All posts" },
];

export function TaskingListPage() {
  const user = useUser();
  const taskings = useApi(() => api("GET /taskings", { query: {} }), []);
  return (
    <Page title="Taskings">
      <Section title="Taskings to posts">
        {taskings.error ? <Notice tone="error">{taskings.error.message}</Notice> : null}
        {taskings.data && taskings.data.items.length === 0 ? <p>No taskings yet.</p> : null}
        {taskings.data && taskings.data.items.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Taskings</caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Title</th>
                  <th scope="col">State</th>
                  <th scope="col">Due</th>
                  <th scope="col">Posts</th>
                </tr>
              </thead>
              <tbody>
                {taskings.data.items.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link to={`/taskings/${t.id}`}>{t.reference}</Link>
                    </td>
                    <td>{t.title}</td>
                    <td>
                      {TASKING_STATE_LABELS[t.state]}
                      {t.issued_version > 1 ? `, amended (version ${t.issued_version})` : ""}
                    </td>
                    <td>{dayText(t.due_date)}</td>
                    <td>{t.targets.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
      {managesTaskings(user) ? <NewTaskingForm /> : null}
    </Page>
  );
}

function NewTaskingForm() {
  const [fields, setFields] = useState({
    reference: "",
    title: "",
    handling: "UNCLASSIFIED",
    body: "",
    requirements: "",
    from: "",
    to: "",
    due: "",
    posts: "",
  });
  const [groups, setGroups] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const body: NewTasking = {
      reference: fields.reference.trim(),
      title: fields.title,
      handling: fields.handling as NewTasking["handling"],
      body: fields.body,
      requirements: fields.requirements
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .map((text) => ({ text })),
      period: { from: fields.from, to: fields.to },
      due_date: fields.due,
      targets: {
        posts: fields.posts
          .split(/[\s,]+/)
          .map((p) => p.trim().toUpperCase())
          .filter((p) => p.length > 0),
        groups: groups as NonNullable<NewTasking["targets"]["groups"]>,
      },
    };
    try {
      const created = await api("POST /taskings", { body });
      navigate(`/taskings/${created.id}?saved=1`);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} ${e.issues.map((i) => `${i.path.replace(/^body\./, "")}: ${i.message}`).join("; ")}` : String(e));
    }
  }

  return (
    <Section title="New tasking">
      <form onSubmit={(e) => void save(e)} noValidate>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <TextField
          path="tasking-reference"
          label="Reference"
          hint="As the cable is numbered, such as STATE 123456"
          value={fields.reference}
          onValue={set("reference")}
        />
        <TextField path="tasking-title" label="Title" value={fields.title} onValue={set("title")} />
        <SelectField
          path="tasking-handling"
          label="Handling marking"
          value={fields.handling}
          options={[
            { value: "UNCLASSIFIED", label: "Unclassified" },
            { value: "SBU", label: "Sensitive but unclassified" },
          ]}
          onValue={set("handling")}
        />
        <TextArea path="tasking-body" label="Text" value={fields.body} onValue={set("body")} />
        <TextArea
          path="tasking-requirements"
          label="Requirements"
          hint="One a line; they are numbered in this order"
          value={fields.requirements}
          onValue={set("requirements")}
        />
        <TextField path="tasking-from" label="Period covered from" type="date" value={fields.from} onValue={set("from")} />
        <TextField path="tasking-to" label="Period covered to" type="date" value={fields.to} onValue={set("to")} />
        <TextField path="tasking-due" label="Due date" type="date" value={fields.due} onValue={set("due")} />
        <TextField path="tasking-posts" label="Posts" hint="Country codes of the posts, such as DE, FR" value={fields.posts} onValue={set("posts")} />
        <CheckboxGroup path="tasking-groups" legend="Groups of posts" options={GROUPS} values={groups} onValues={setGroups} />
        <button type="submit" className="button button-primary">
          Save the draft
        </button>
      </form>
    </Section>
  );
}
