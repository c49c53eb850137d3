// The second step of a sign-in: the code of the user's authenticator app, or one of their recovery
// codes. The server refuses everything else until it is given.
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import { ErrorSummary, TextField, type FormIssue } from "../../components/form.js";
import { Page } from "../../components/Page.js";
import { useSession } from "../../lib/session.js";

export function SecondFactorCodePage() {
  const { refresh } = useSession();
  const [code, setCode] = useState("");
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setIssues([{ path: "code", message: "Enter the code your authenticator app shows" }]);
      return;
    }
    setBusy(true);
    try {
      await api("POST /auth/second-factor/verify", { body: { code: code.trim() } });
      await refresh();
    } catch (error) {
      setCode("");
      setIssues([
        {
          path: "code",
          message:
            error instanceof ApiError && error.status === 400
              ? "That code is not right, or was used already. Type the code your app shows now."
              : error instanceof Error
                ? error.message
                : "The code could not be checked.",
        },
      ]);
      if (error instanceof ApiError && error.status === 401) await refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Enter your security code" width="form">
      <p>Open the authenticator app on your phone and type the six-digit code it shows for Rapporteur.</p>
      <ErrorSummary issues={issues} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          path="code"
          label="Security code"
          hint="Lost your phone? Type one of your recovery codes instead."
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onValue={setCode}
          error={issues.find((i) => i.path === "code")?.message}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Checking…" : "Continue"}
        </button>
      </form>
    </Page>
  );
}
