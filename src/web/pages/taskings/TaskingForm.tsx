// The one form of a tasking's content, in three uses: drafting a new one, editing a draft (every
// field the API's draft update takes) and amending an issued one (every field but the reference,
// with a note for the posts). Each requirement has its text, the categories it asks about (named as
// the taxonomy names them) and the statistics it asks for in words. An edit or an amendment sends
// only the fields changed, so the posts' version history names exactly what changed.
import { useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { NewTasking, Tasking } from "../../api/types.js";
import { CheckboxGroup, SelectField, TextArea, TextField } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Section } from "../../components/Page.js";
import { TASKING_RECURRENCE_LABELS } from "../../lib/labels.js";
import { navigate } from "../../lib/router.js";
import { useReference } from "../../lib/reference.js";

const GROUPS = [
  { value: "eu", label: "European Union" },
  { value: "efta", label: "EFTA" },
  { value: "uk", label: "The United Kingdom" },
  { value: "canada", label: "Canada" },
  { value: "australia_new_zealand", label: "Australia and New Zealand" },
  { value: "all", label: "All posts" },
];

interface RequirementFields {
  text: string;
  categories: string[];
  /** One statistic a line. */
  statistics: string;
}

interface Fields {
  reference: string;
  title: string;
  handling: string;
  body: string;
  requirements: RequirementFields[];
  from: string;
  to: string;
  due: string;
  recurrence: string;
  posts: string;
  groups: string[];
}

const EMPTY: Fields = {
  reference: "",
  title: "",
  handling: "UNCLASSIFIED",
  body: "",
  requirements: [{ text: "", categories: [], statistics: "" }],
  from: "",
  to: "",
  due: "",
  recurrence: "none",
  posts: "",
  groups: [],
};

function fieldsOf(t: Tasking): Fields {
  return {
    reference: t.reference,
    title: t.title,
    handling: t.handling,
    body: t.body,
    requirements: t.requirements.map((r) => ({ text: r.text, categories: r.categories, statistics: r.statistics.join("\n") })),
    from: t.period.from,
    to: t.period.to,
    due: t.due_date,
    recurrence: t.recurrence,
    posts: t.targets.map((p) => p.post).join(", "),
    groups: [],
  };
}

/** The form's fields as the API takes them. */
function contentOf(f: Fields): NewTasking {
  const lines = (text: string) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
  return {
    reference: f.reference.trim(),
    title: f.title,
    handling: f.handling as NewTasking["handling"],
    body: f.body,
    requirements: f.requirements
      .filter((r) => r.text.trim() !== "" || r.categories.length > 0 || r.statistics.trim() !== "")
      .map((r) => ({ text: r.text.trim(), categories: r.categories, statistics: lines(r.statistics) })),
    period: { from: f.from, to: f.to },
    due_date: f.due,
    recurrence: f.recurrence as NonNullable<NewTasking["recurrence"]>,
    targets: {
      posts: f.posts
        .split(/[\s,]+/)
        .map((p) => p.trim().toUpperCase())
        .filter((p) => p.length > 0),
      groups: f.groups as NonNullable<NewTasking["targets"]["groups"]>,
    },
  };
}

/** The fields of `after` that differ from `before`. */
function changes(before: NewTasking, after: NewTasking): Partial<NewTasking> {
  const keys = Object.keys(after) as (keyof NewTasking)[];
  return Object.fromEntries(keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, after[k]])) as Partial<NewTasking>;
}

type Use = { kind: "new" } | { kind: "edit"; tasking: Tasking; onSaved(text: string): void } | { kind: "amend"; tasking: Tasking; onSaved(text: string): void };

const TITLES = { new: "New tasking", edit: "Edit the draft", amend: "Amend" };
const BUTTONS = { new: "Save the draft", edit: "Save the changes", amend: "Send the amendment" };

export function TaskingForm({ use }: { use: Use }) {
  const { taxonomy } = useReference();
  const initial = use.kind === "new" ? EMPTY : fieldsOf(use.tasking);
  const [fields, setFields] = useState<Fields>(initial);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const p = (name: string) => `${use.kind}-tasking-${name}`;
  const set = (name: Exclude<keyof Fields, "requirements" | "groups">) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const setRequirement = (i: number, patch: Partial<RequirementFields>) =>
    setFields((f) => ({ ...f, requirements: f.requirements.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const categoryOptions = taxonomy.categories.map((c) => ({ value: c.code, label: c.label }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const content = contentOf(fields);
    try {
      if (use.kind === "new") {
        const created = await api("POST /taskings", { body: content });
        navigate(`/taskings/${created.id}?saved=1`);
        return;
      }
      const changed = changes(contentOf(initial), content);
      if (use.kind === "edit") {
        const saved = await api("PATCH /taskings/:id", { params: { id: use.tasking.id }, body: { ...changed, version: use.tasking.version } });
        use.onSaved(`Saved the changes to the draft tasking ${saved.reference}.`);
      } else {
        // The form of an amendment has no reference field: the reference is the tasking's for good.
        const { reference, ...amended } = changed;
        if (reference !== undefined) throw new Error("An amendment cannot change the reference.");
        if (!window.confirm(`Send an amendment of ${use.tasking.reference} to its posts?`)) return;
        const done = await api("POST /taskings/:id/amend", { params: { id: use.tasking.id }, body: { ...amended, version: use.tasking.version, note } });
        use.onSaved(`Sent version ${done.issued_version} of ${done.reference} to its posts.`);
      }
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message} ${e.issues.map((i) => `${i.path.replace(/^body\./, "")}: ${i.message}`).join("; ")}` : String(e));
    }
  }

  return (
    <Section title={TITLES[use.kind]}>
      <form onSubmit={(e) => void save(e)} noValidate>
        {error ? <Notice tone="error">{error}</Notice> : null}
        {use.kind === "amend" ? null : (
          <TextField
            path={p("reference")}
            label="Reference"
            hint="As the cable is numbered, such as STATE 123456"
            value={fields.reference}
            onValue={set("reference")}
          />
        )}
        <TextField path={p("title")} label="Title" value={fields.title} onValue={set("title")} />
        <SelectField
          path={p("handling")}
          label="Handling marking"
          value={fields.handling}
          options={[
            { value: "UNCLASSIFIED", label: "Unclassified" },
            { value: "SBU", label: "Sensitive but unclassified" },
          ]}
          onValue={set("handling")}
        />
        <TextArea path={p("body")} label="Text" value={fields.body} onValue={set("body")} />
        <fieldset className="field">
          <legend>Requirements, numbered in this order</legend>
          {fields.requirements.map((r, i) => (
            <div key={i} className="requirement-fields">
              <TextArea
                path={p(`requirement-${i + 1}`)}
                label={`Requirement ${i + 1}`}
                value={r.text}
                onValue={(text) => setRequirement(i, { text })}
                rows={3}
              />
              <details>
                <summary>
                  Categories requirement {i + 1} asks about ({r.categories.length === 0 ? "none chosen" : `${r.categories.length} chosen`})
                </summary>
                <CheckboxGroup
                  path={p(`requirement-${i + 1}-categories`)}
                  legend={`Categories requirement ${i + 1} asks about`}
                  options={categoryOptions}
                  values={r.categories}
                  onValues={(categories) => setRequirement(i, { categories })}
                  columns={2}
                />
              </details>
              <TextArea
                path={p(`requirement-${i + 1}-statistics`)}
                label={`Statistics requirement ${i + 1} asks for`}
                hint="One a line, in words, such as convictions by citizenship"
                value={r.statistics}
                onValue={(statistics) => setRequirement(i, { statistics })}
                rows={2}
              />
              {fields.requirements.length > 1 ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setFields((f) => ({ ...f, requirements: f.requirements.filter((_, j) => j !== i) }))}
                >
                  Remove requirement {i + 1}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="button button-small"
            onClick={() => setFields((f) => ({ ...f, requirements: [...f.requirements, { text: "", categories: [], statistics: "" }] }))}
          >
            Add a requirement
          </button>
        </fieldset>
        <TextField path={p("from")} label="Period covered from" type="date" value={fields.from} onValue={set("from")} />
        <TextField path={p("to")} label="Period covered to" type="date" value={fields.to} onValue={set("to")} />
        <TextField path={p("due")} label="Due date" type="date" value={fields.due} onValue={set("due")} />
        <SelectField
          path={p("recurrence")}
          label="Recurs"
          value={fields.recurrence}
          options={Object.entries(TASKING_RECURRENCE_LABELS).map(([value, label]) => ({ value, label }))}
          onValue={set("recurrence")}
        />
        <TextField path={p("posts")} label="Posts" hint="Country codes of the posts, such as DE, FR" value={fields.posts} onValue={set("posts")} />
        <CheckboxGroup
          path={p("groups")}
          legend="Groups of posts"
          options={GROUPS}
          values={fields.groups}
          onValues={(groups) => setFields((f) => ({ ...f, groups }))}
        />
        {use.kind === "amend" ? (
          <TextArea
            path={p("note")}
            label="What the amendment changes"
            hint="The posts read this note with the new version"
            value={note}
            onValue={setNote}
            rows={3}
          />
        ) : null}
        <button type="submit" className={use.kind === "amend" ? "button" : "button button-primary"}>
          {BUTTONS[use.kind]}
        </button>
      </form>
    </Section>
  );
}
