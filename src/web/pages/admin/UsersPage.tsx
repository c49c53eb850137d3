// User administration: the accounts, a form to add one, and per account: role and post, disable or
// enable, reset the password (the user must choose a new one at next sign-in), reset the second
// factor after asking (a lost phone: the user sets up a new one at next sign-in). Built on the admin
// user routes (GET /users and the rest); until they exist on the server the page says so.
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import type { Account, AccountWithPassword, NewAccount } from "../../api/types.js";
import { Dialog } from "../../components/Dialog.js";
import { ErrorSummary, SelectField, TextField, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { ROLE_LABELS, timestampLabel } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { useApi } from "../../lib/use-api.js";
import { POST_ROLES, ROLES } from "../../../domain/vocabulary.js";

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
type Role = Account["role"];
const isPostRole = (role: string) => (POST_ROLES as readonly string[]).includes(role);
/** A select's value is a string: it is a role only when it is one of the roles offered. */
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function UsersPage() {
  const users = useApi(() => api("GET /users"), []);
  const [editing, setEditing] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string; password?: string | null } | null>(null);

  const act = async (label: string, run: () => Promise<unknown>) => {
    setMessage(null);
    try {
      const result = await run();
      const password = (result as Partial<AccountWithPassword> | null)?.one_time_password;
      setMessage({ tone: "success", text: `${label}.`, password });
      users.reload();
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : String(error) });
    }
  };

  if (users.error?.status === 404) {
    return (
      <Page title="Users">
        <Notice tone="info" title="User administration is not available on this server yet">
          <p>
            Until it is, add users on the server with <code>npx rapporteur user add … --password-stdin</code>.
          </p>
        </Notice>
      </Page>
    );
  }
  return (
    <Page title="Users">
      {message ? (
        <Notice tone={message.tone}>
          <p>{message.text}</p>
          {message.password ? (
            <p>
              One-time password: <code className="one-time-password">{message.password}</code> — give it to the user safely; it is not shown again, and they
              must change it at their first sign-in.
            </p>
          ) : null}
        </Notice>
      ) : null}
      {users.error ? <Notice tone="error">{users.error.message}</Notice> : null}
      <Section title="Accounts">
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">User accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Post</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Manage</th>
              </tr>
            </thead>
            <tbody>
              {(users.data?.items ?? []).map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{ROLE_LABELS[user.role]}</td>
                  <td>{user.post}</td>
                  <td>
                    {user.disabled ? <span className="badge badge-retracted">Disabled</span> : user.must_change_password ? "Must change password" : "Active"}
                  </td>
                  <td className="nowrap">{timestampLabel(user.created_at)}</td>
                  <td className="row-actions">
                    <button type="button" className="button button-small" onClick={() => setEditing(user)}>
                      Role and post<span className="visually-hidden"> of {user.name}</span>
                    </button>
                    {user.disabled ? (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => void act(`${user.name} enabled`, () => api("POST /users/:id/enable", { params: { id: user.id } }))}
                      >
                        Enable<span className="visually-hidden"> {user.name}</span>
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => void act(`${user.name} disabled`, () => api("POST /users/:id/disable", { params: { id: user.id } }))}
                      >
                        Disable<span className="visually-hidden"> {user.name}</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void act(`Password of ${user.name} reset`, () => api("POST /users/:id/reset-password", { params: { id: user.id } }))}
                    >
                      Reset password<span className="visually-hidden"> of {user.name}</span>
                    </button>
                    <button type="button" className="button button-small" onClick={() => setResetting(user)}>
                      Reset second factor<span className="visually-hidden"> of {user.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <NewUserForm
        onCreated={({ user, one_time_password }) => {
          setMessage({
            tone: "success",
            text: `${user.name} can now sign in as ${ROLE_LABELS[user.role].toLowerCase()} of ${user.post}; they choose their own password at first sign-in.`,
            password: one_time_password,
          });
          users.reload();
        }}
      />
      <Dialog
        open={resetting !== null}
        title={resetting ? `Reset the second factor of ${resetting.name}?` : "Reset the second factor"}
        onClose={() => setResetting(null)}
        footer={
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              const user = resetting!;
              setResetting(null);
              void act(`Second factor of ${user.name} reset; they set up a new one at their next sign-in`, () =>
                api("POST /users/:id/reset-second-factor", { params: { id: user.id } }),
              );
            }}
          >
            Reset second factor
          </button>
        }
      >
        <p>
          Do this only when they have lost their phone and their recovery codes. They are signed out, and must set up a new second factor when they next sign
          in.
        </p>
      </Dialog>
      <RoleDialog
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          setEditing(null);
          setMessage({ tone: "success", text: `${user.name} is now ${ROLE_LABELS[user.role].toLowerCase()} of ${user.post}.` });
          users.reload();
        }}
      />
    </Page>
  );
}

function PostSelect({ role, value, onValue, error }: { role: string; value: string; onValue(v: string): void; error?: string | undefined }) {
  const reference = useReference();
  const postRole = isPostRole(role);
  return (
    <SelectField
      path="post"
      label="Post"
      hint={postRole ? "Reporters and approvers belong to an embassy." : "Bureau roles belong to the bureau."}
      value={postRole ? value : "BUREAU"}
      disabled={!postRole}
      options={reference.posts
        .filter((p) => (postRole ? p.kind === "embassy" : p.kind === "bureau"))
        .map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
      empty={postRole ? "Choose a post" : undefined}
      onValue={onValue}
      error={error}
    />
  );
}

const EMPTY_ACCOUNT: NewAccount = { email: "", name: "", role: "reporter", post: "", password: "" };

function NewUserForm({ onCreated }: { onCreated(created: AccountWithPassword): void }) {
  const [user, setUser] = useState<NewAccount>(EMPTY_ACCOUNT);
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { password, ...rest } = user;
      const created = await api("POST /users", { body: { ...rest, post: isPostRole(user.role) ? user.post : "BUREAU", ...(password ? { password } : {}) } });
      setUser(EMPTY_ACCOUNT);
      setIssues([]);
      onCreated(created);
    } catch (error) {
      setIssues(
        error instanceof ApiError && error.issues.length > 0
          ? error.issues.map((i) => ({ path: i.path.replace(/^body\./, ""), message: i.message }))
          : [{ path: "email", message: error instanceof Error ? error.message : String(error) }],
      );
    }
  };
  const error = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <Section title="Add a user">
      <ErrorSummary issues={issues} title="The user was not added" />
      <form onSubmit={(e) => void submit(e)} noValidate className="field-grid">
        <TextField path="name" label="Name" value={user.name} onValue={(name) => setUser((u) => ({ ...u, name }))} error={error("name")} />
        <TextField
          path="email"
          label="E-mail address"
          type="email"
          value={user.email}
          onValue={(email) => setUser((u) => ({ ...u, email }))}
          error={error("email")}
        />
        <SelectField
          path="role"
          label="Role"
          value={user.role}
          options={ROLE_OPTIONS}
          onValue={(role) => isRole(role) && setUser((u) => ({ ...u, role }))}
          error={error("role")}
        />
        <PostSelect role={user.role} value={user.post ?? ""} onValue={(post) => setUser((u) => ({ ...u, post }))} error={error("post")} />
        <TextField
          path="password"
          label="First password (optional)"
          hint="Leave empty to have a one-time password made and shown once. Either way the user chooses their own at first sign-in."
          type="password"
          autoComplete="new-password"
          value={user.password ?? ""}
          onValue={(password) => setUser((u) => ({ ...u, password }))}
          error={error("password")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Add user
          </button>
        </div>
      </form>
    </Section>
  );
}

function RoleDialog({ user, onClose, onSaved }: { user: Account | null; onClose(): void; onSaved(user: Account): void }) {
  const [role, setRole] = useState<Role>("reporter");
  const [post, setPost] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (user && shownFor !== user.id) {
    setShownFor(user.id);
    setRole(user.role);
    setPost(user.post);
    setError(undefined);
  }
  const save = async () => {
    if (!user) return;
    try {
      onSaved(await api("PATCH /users/:id", { params: { id: user.id }, body: { role, post: isPostRole(role) ? post : "BUREAU" } }));
      setShownFor(null);
    } catch (failure) {
      setError(failure instanceof ApiError ? (failure.issues[0]?.message ?? failure.message) : String(failure));
    }
  };
  return (
    <Dialog
      open={user !== null}
      title={user ? `Role and post of ${user.name}` : "Role and post"}
      onClose={() => {
        setShownFor(null);
        onClose();
      }}
      footer={
        <button type="button" className="button button-primary" onClick={() => void save()}>
          Save
        </button>
      }
    >
      {error ? <Notice tone="error">{error}</Notice> : null}
      <SelectField path="dialog-role" label="Role" value={role} options={ROLE_OPTIONS} onValue={(r) => isRole(r) && setRole(r)} />
      <PostSelect role={role} value={post} onValue={setPost} />
    </Dialog>
  );
}
