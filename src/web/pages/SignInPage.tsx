// Sign-in: e-mail and password, or the identity provider when single sign-on is configured. A
// failed attempt says so without saying which of the two was wrong; a refused single sign-on
// (the server sends the browser back here with ?sso=<why>) says why in words.
import { useEffect, useState, type FormEvent } from "react";
import { api, ApiError, apiUrl } from "../api/client.js";
import { useLocation } from "../lib/router.js";
import { ErrorSummary, TextField, type FormIssue } from "../components/form.js";
import { Notice } from "../components/Notice.js";
import { Page } from "../components/Page.js";
import { useSession } from "../lib/session.js";

const SSO_REFUSALS: Record<string, string> = {
  failed: "Signing in through your organisation's account did not complete. Please try again.",
  no_account: "There is no Rapporteur account for you, and your organisation's account does not give you a role here. Ask an administrator for an account.",
  email_unverified:
    "Your organisation's account does not confirm your e-mail address, so it cannot be matched to your Rapporteur account. Sign in with your password, or ask your organisation to confirm the address.",
  disabled: "Your account is disabled. Ask an administrator if you need it again.",
  locked: "Your account is locked for a while after too many wrong codes or passwords. Try again later.",
  unknown_post: "Your organisation's account names an embassy Rapporteur does not know. Ask an administrator.",
};

export function SignInPage() {
  const { signIn, expired } = useSession();
  const location = useLocation();
  const refusal = location.query.get("sso");
  const [sso, setSso] = useState<{ name: string } | null>(null);
  useEffect(() => {
    api("GET /auth/sign-in-options")
      .then((options) => setSso(options.sso))
      .catch(() => setSso(null));
  }, []);
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
          {refusal ? <Notice tone="error">{SSO_REFUSALS[refusal] ?? SSO_REFUSALS["failed"]}</Notice> : null}
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
          {sso ? (
            <p className="sign-in-sso">
              {/* A real navigation: the server sends the browser on to the provider. */}
              <a className="button" href={apiUrl("GET /auth/oidc/start")}>
                Sign in with {sso.name}
              </a>
            </p>
          ) : null}
        </Page>
      </div>
    </main>
  );
}
