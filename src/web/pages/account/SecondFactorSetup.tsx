// Setting up a second factor: the server makes a secret, shown as a QR code and as a key to type
// by hand; it is taken only when a code made with it is typed back. Then the ten recovery codes,
// shown this once, until the user says they have saved them.
import { useEffect, useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import { ErrorSummary, TextField, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { QrCode } from "../../components/QrCode.js";

/** The ten recovery codes, once, with the step that says they are saved. */
export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved(): void }) {
  const [saved, setSaved] = useState(false);
  return (
    <div>
      <Notice tone="info" title="Save your recovery codes">
        Each code lets you sign in once if you lose your phone. Print them or keep them somewhere safe: they are shown only now.
      </Notice>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="field">
        <label>
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} /> I have saved these codes
        </label>
      </div>
      <button type="button" className="button button-primary" disabled={!saved} onClick={onSaved}>
        Continue
      </button>
    </div>
  );
}

export function SecondFactorSetup({ onDone }: { onDone(): void }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Each start makes a new secret: only the latest one's answer is shown.
    let latest = true;
    api("POST /auth/second-factor/enrolment")
      .then((started) => latest && setEnrolment(started))
      .catch((error: unknown) => latest && setFailure(error instanceof Error ? error.message : "A second factor could not be set up."));
    return () => {
      latest = false;
    };
  }, []);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ""))) {
      setIssues([{ path: "code", message: "Enter the six digits your authenticator app shows" }]);
      return;
    }
    setBusy(true);
    try {
      setCodes((await api("POST /auth/second-factor/enrolment/confirm", { body: { code: code.replace(/\s+/g, "") } })).recovery_codes);
    } catch (error) {
      setCode("");
      setIssues([
        {
          path: "code",
          message:
            error instanceof ApiError && error.status === 400
              ? "That code is not right. Check the app shows Rapporteur and type the code it shows now."
              : error instanceof Error
                ? error.message
                : "The code could not be checked.",
        },
      ]);
    } finally {
      setBusy(false);
    }
  };

  if (codes) return <RecoveryCodes codes={codes} onSaved={onDone} />;
  if (failure) return <Notice tone="error">{failure}</Notice>;
  if (!enrolment)
    return (
      <p className="page-message" role="status">
        Preparing…
      </p>
    );
  return (
    <div>
      <ol className="steps">
        <li>Install an authenticator app on your phone if you have none (any app for one-time codes will do).</li>
        <li>
          In the app, add an account and scan this code:
          <div className="qr-frame">
            <QrCode text={enrolment.otpauth_uri} label="QR code to scan with your authenticator app" />
          </div>
          Cannot scan it? Type this key into the app instead: <code className="secret-key">{enrolment.secret.match(/.{1,4}/g)!.join(" ")}</code>
        </li>
        <li>Type the six-digit code the app then shows.</li>
      </ol>
      <ErrorSummary issues={issues} />
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <TextField
          path="code"
          label="Code from the app"
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onValue={setCode}
          error={issues.find((i) => i.path === "code")?.message}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Checking…" : "Turn on"}
        </button>
      </form>
    </div>
  );
}
