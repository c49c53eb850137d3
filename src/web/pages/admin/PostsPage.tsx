// Posts (admins): the bureau and the embassies, a form to open an embassy in a host country (its code
// is the country's alpha-2 code, so the country names it), and a dialog to rename a post or change
// its city. The API's field errors are shown beside their fields and listed above the form. After
// a change the shared reference data is loaded again, so the new post shows in every post choice.
import { useState, type FormEvent, type ReactNode } from "react";
import { api, ApiError } from "../../api/client.js";
import type { NewPost, Post, PostPatch } from "../../api/types.js";
import { Dialog } from "../../components/Dialog.js";
import { ErrorSummary, fieldId, SelectField, TextField, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { useReference } from "../../lib/reference.js";

const LABELS: Record<string, string> = { country_code: "Host country", name: "Name", city: "City" };

/**
 * The API's answer to a failed change as issues on this form's fields: `body.name` → `${prefix}name`.
 * A refusal that names no field (a post already there, no permission, no connection) goes to `fallback`.
 */
function issuesOf(error: unknown, prefix: string, fallback: string): FormIssue[] {
  if (error instanceof ApiError && error.issues.length > 0) {
    return error.issues.map((i) => {
      const field = i.path.replace(/^body\./, "");
      return { path: `${prefix}${field}`, message: i.message, label: LABELS[field] };
    });
  }
  return [{ path: `${prefix}${fallback}`, message: error instanceof Error ? error.message : String(error), label: LABELS[fallback] }];
}

export function PostsPage() {
  const reference = useReference();
  const [editing, setEditing] = useState<Post | null>(null);
  /** What the last change did, shown where it was made: above the table (edits) or the form (additions). */
  const [message, setMessage] = useState<{ text: string; where: "table" | "form" } | null>(null);
  const posts = [...reference.posts].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "bureau" ? -1 : 1));

  return (
    <Page
      title="Posts"
      actions={
        <button type="button" className="button button-primary" onClick={() => document.getElementById(fieldId("country_code"))?.focus()}>
          Add a post
        </button>
      }
    >
      <Section title="Bureau and embassies">
        {message?.where === "table" ? <Notice tone="success">{message.text}</Notice> : null}
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Posts</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Host country</th>
                <th scope="col">City</th>
                <th scope="col">Manage</th>
              </tr>
            </thead>
            <tbody>
              {posts.map((post) => (
                <tr key={post.code}>
                  <td>{post.code}</td>
                  <td>{post.name}</td>
                  <td>{post.kind === "bureau" ? "Bureau" : "Embassy"}</td>
                  <td>{post.country_code ? reference.countryName(post.country_code) : "—"}</td>
                  <td>{post.city}</td>
                  <td className="row-actions">
                    <button type="button" className="button button-small" onClick={() => setEditing(post)}>
                      Edit<span className="visually-hidden"> {post.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <NewPostForm
        notice={message?.where === "form" ? <Notice tone="success">{message.text}</Notice> : null}
        onEdit={() => setMessage(null)}
        onCreated={(post) => {
          setMessage({ text: `${post.name} (${post.code}) added, in ${post.city}. Reporters and approvers can now be given this post.`, where: "form" });
          reference.reload();
        }}
      />
      <EditPostDialog
        post={editing}
        onClose={() => setEditing(null)}
        onSaved={(post, before) => {
          setEditing(null);
          const renamed = post.name !== before.name ? `${before.name} is now ${post.name}` : post.name;
          setMessage({ text: `${renamed}${post.city !== before.city ? `, in ${post.city}` : ""}: saved.`, where: "table" });
          reference.reload();
        }}
      />
    </Page>
  );
}

const EMPTY_POST: NewPost = { country_code: "", name: "", city: "" };

function NewPostForm({ notice, onEdit, onCreated }: { notice: ReactNode; onEdit(): void; onCreated(post: Post): void }) {
  const reference = useReference();
  const [post, change] = useState<NewPost>(EMPTY_POST);
  const setPost = (update: (p: NewPost) => NewPost) => {
    onEdit();
    change(update);
  };
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const taken = new Set(reference.posts.map((p) => p.country_code));
  const countries = reference.countries
    .filter((c) => !taken.has(c.code))
    .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const created = await api("POST /posts", { body: { country_code: post.country_code, name: post.name.trim(), city: post.city.trim() } });
      change(EMPTY_POST);
      setIssues([]);
      onCreated(created);
    } catch (error) {
      // The API's word for an empty code is about its format; with a list to choose from, say so.
      setIssues(
        issuesOf(error, "", "country_code").map((i) =>
          i.path === "country_code" && post.country_code === "" ? { ...i, message: "choose the host country" } : i,
        ),
      );
    } finally {
      setSaving(false);
    }
  };
  const error = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <Section title="Add a post">
      <p className="muted">
        A new post is an embassy in a host country; its code is the country's two-letter code. Posts are never deleted, because records and users refer to them.
      </p>
      {notice}
      <ErrorSummary issues={issues} title="The post was not added" />
      <form onSubmit={(e) => void submit(e)} noValidate className="field-grid" aria-label="Add a post">
        <SelectField
          path="country_code"
          label="Host country"
          hint="Countries that have a post already are not offered."
          value={post.country_code}
          empty="Choose a country"
          options={countries}
          onValue={(country_code) => setPost((p) => ({ ...p, country_code }))}
          error={error("country_code")}
        />
        <TextField
          path="name"
          label="Name"
          hint="For example: Embassy in Japan."
          value={post.name}
          onValue={(name) => setPost((p) => ({ ...p, name }))}
          error={error("name")}
          maxLength={200}
        />
        <TextField path="city" label="City" value={post.city} onValue={(city) => setPost((p) => ({ ...p, city }))} error={error("city")} maxLength={120} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            Add post
          </button>
        </div>
      </form>
    </Section>
  );
}

function EditPostDialog({ post, onClose, onSaved }: { post: Post | null; onClose(): void; onSaved(post: Post, before: Post): void }) {
  const [name, setName] = useState("");
  const [city, setCity] = useState("");
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (post && shownFor !== post.code) {
    setShownFor(post.code);
    setName(post.name);
    setCity(post.city);
    setIssues([]);
  }
  const close = () => {
    setShownFor(null);
    onClose();
  };
  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!post) return;
    const patch: PostPatch = {};
    if (name.trim() !== post.name) patch.name = name.trim();
    if (city.trim() !== post.city) patch.city = city.trim();
    if (Object.keys(patch).length === 0) {
      close();
      return;
    }
    setSaving(true);
    try {
      const saved = await api("PATCH /posts/:code", { params: { code: post.code }, body: patch });
      setShownFor(null);
      onSaved(saved, post);
    } catch (error) {
      setIssues(issuesOf(error, "edit-", "name"));
    } finally {
      setSaving(false);
    }
  };
  const error = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <Dialog
      open={post !== null}
      title={post ? `Edit post ${post.code}` : "Edit post"}
      onClose={close}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="edit-post-form" className="button button-primary" disabled={saving}>
            Save
          </button>
        </>
      }
    >
      <ErrorSummary issues={issues} title="The post was not saved" />
      <form id="edit-post-form" onSubmit={(e) => void save(e)} noValidate>
        <TextField path="edit-name" label="Name" value={name} onValue={setName} error={error("edit-name")} maxLength={200} />
        <TextField path="edit-city" label="City" value={city} onValue={setCity} error={error("edit-city")} maxLength={120} />
      </form>
    </Dialog>
  );
}
