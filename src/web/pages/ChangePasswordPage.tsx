// Change your password: the current one, and a new one typed twice. Required after a first
// sign-in or a reset (the server then refuses everything else until it is done).
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../api/client.js";
import { ErrorSummary, TextField, type FormIssue } from "../components/form.js";
import { Notice } from "../components/Notice.js";
import { Page } from "../components/Page.js";
import { useSession } from "../lib/session.js";

const MIN_LENGTH = 12;

export function ChangePasswordPage({ required = false }: { required?: boolean }) {
  const { refresh } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FormIssue[] = [];
    if (!current) found.push({ path: "current_password", message: "Enter your current password" });
    if (next.length < MIN_LENGTH) found.push({ path: "new_password", message: `Choose a new password of at least ${MIN_LENGTH} characters` });
    else if (next === current) found.push({ path: "new_password", message: "Choose a password different from the current one" });
    if (repeat !== next) found.push({ path: "repeat_password", message: "The two new passwords are not the same" });
    setIssues(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api("POST /auth/password", { body: { current_password: current, new_password: next } });
      setDone(true);
      setCurrent("");
      setNext("");
      setRepeat("");
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setIssues(error.issues.map((i) => ({ path: i.path.replace(/^body\./, ""), message: i.message })));
      } else if (error instanceof ApiError && error.status === 404) {
        setIssues([{ path: "current_password", message: "This server cannot change passwords yet. Ask an administrator to reset yours." }]);
      } else {
        setIssues([{ path: "current_password", message: error instanceof Error ? error.message : "The password could not be changed." }]);
      }
    } finally {
      setBusy(false);
    }
  };
  const issueFor = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <Page title={required ? "Choose a new password" : "Change your password"} width="form">
      {required ? <Notice tone="info">Your password was set by an administrator or has expired. Choose your own before you go on.</Notice> : null}
      {done ? <Notice tone="success">Your password has been changed.</Notice> : null}
      <ErrorSummary issues={issues} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          path="current_password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          error={issueFor("current_password")}
        />
        <TextField
          path="new_password"
          label="New password"
          hint={`At least ${MIN_LENGTH} characters. A few unrelated words make a strong one.`}
          type="password"
          autoComplete="new-password"
          value={next}
          onValue={setNext}
          error={issueFor("new_password")}
        />
        <TextField
          path="repeat_password"
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onValue={setRepeat}
          error={issueFor("repeat_password")}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          Change password
        </button>
      </form>
    </Page>
  );
}
