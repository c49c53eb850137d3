// Sign-in: e-mail and password. A failed attempt says so without saying which of the two was wrong.
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client.js";
import { ErrorSummary, TextField, type FormIssue } from "../components/form.js";
import { Notice } from "../components/Notice.js";
import { Page } from "../components/Page.js";
import { useSession } from "../lib/session.js";

export function SignInPage() {
  const { signIn, expired } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: FormIssue[] = [];
    if (!email.trim()) missing.push({ path: "email", message: "Enter your e-mail address" });
    if (!password) missing.push({ path: "password", message: "Enter your password" });
    setIssues(missing);
    setFailure(null);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setPassword("");
      setFailure(
        error instanceof ApiError && error.status === 401
          ? "The e-mail address or the password is not right."
          : error instanceof Error
            ? error.message
            : "Sign-in failed.",
      );
    } finally {
      setBusy(false);
    }
  };

  const issueFor = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <div className="sign-in-card">
        <p className="brand brand-large">Rapporteur</p>
        <Page title="Sign in" width="form">
          {expired ? <Notice tone="info">Your session has ended. Sign in again to go on.</Notice> : null}
          <ErrorSummary issues={issues} />
          {failure ? <Notice tone="error">{failure}</Notice> : null}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <TextField path="email" label="E-mail address" type="email" autoComplete="username" value={email} onValue={setEmail} error={issueFor("email")} />
            <TextField
              path="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onValue={setPassword}
              error={issueFor("password")}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </form>
        </Page>
      </div>
    </main>
  );
}
