// Your second factor, from the account menu: whether it is on; set it up, turn it off (where your
// role does not require it) or make new recovery codes. When your role requires one and you have
// none yet, this is the only page the app shows (`required`).
import { useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import { ErrorSummary, TextField, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { useApi } from "../../lib/use-api.js";
import { useSession } from "../../lib/session.js";
import { RecoveryCodes, SecondFactorSetup } from "./SecondFactorSetup.js";

export function SecondFactorPage({ required = false }: { required?: boolean }) {
  const { refresh } = useSession();
  const status = useApi(() => api("GET /auth/second-factor"), []);
  const [settingUp, setSettingUp] = useState(required);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const done = async () => {
    setSettingUp(false);
    setMessage("Your second factor is on. From now on you sign in with your password and a code from your app.");
    status.reload();
    await refresh();
  };

  if (required || settingUp) {
    return (
      <Page title="Set up a second factor" width="form">
        {required ? <Notice tone="info">Your role requires a second factor: a code from an app on your phone, asked for at every sign-in.</Notice> : null}
        <SecondFactorSetup onDone={() => void done()} />
      </Page>
    );
  }
  const current = status.data;
  return (
    <Page title="Second factor" width="form">
      {message ? <Notice tone="success">{message}</Notice> : null}
      {status.error ? <Notice tone="error">{status.error.message}</Notice> : null}
      {codes ? (
        <RecoveryCodes
          codes={codes}
          onSaved={() => {
            setCodes(null);
            setMessage("Your new recovery codes are ready; the old ones no longer work.");
            status.reload();
          }}
        />
      ) : current ? (
        current.enabled ? (
          <>
            <p>
              Your second factor is on. You have {current.recovery_codes_left === 1 ? "one recovery code" : `${current.recovery_codes_left} recovery codes`}{" "}
              left.
            </p>
            <Section title="Recovery codes">
              <p>New codes replace the ones you have; the old ones stop working.</p>
              <button
                type="button"
                className="button"
                onClick={() => void api("POST /auth/second-factor/recovery-codes").then((r) => setCodes(r.recovery_codes))}
              >
                Make new recovery codes
              </button>
            </Section>
            {current.required ? (
              <p>Your role requires a second factor, so it cannot be turned off. If you lose your phone, use a recovery code or ask an administrator.</p>
            ) : (
              <TurnOff
                onOff={() => {
                  setMessage("Your second factor is off.");
                  status.reload();
                  void refresh();
                }}
              />
            )}
          </>
        ) : (
          <>
            <p>A second factor asks for a code from an app on your phone at every sign-in, so your password alone is not enough to get in.</p>
            <button type="button" className="button button-primary" onClick={() => setSettingUp(true)}>
              Set up a second factor
            </button>
          </>
        )
      ) : null}
    </Page>
  );
}

function TurnOff({ onOff }: { onOff(): void }) {
  const [code, setCode] = useState("");
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api("POST /auth/second-factor/disable", { body: { code: code.trim() } });
      onOff();
    } catch (error) {
      setIssues([
        {
          path: "off_code",
          message: error instanceof ApiError && error.status === 400 ? "That code is not right." : error instanceof Error ? error.message : "Not turned off.",
        },
      ]);
    }
  };
  return (
    <Section title="Turn it off">
      <ErrorSummary issues={issues} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          path="off_code"
          label="Code from your app"
          autoComplete="one-time-code"
          value={code}
          onValue={setCode}
          error={issues.find((i) => i.path === "off_code")?.message}
        />
        <button type="submit" className="button">
          Turn off the second factor
        </button>
      </form>
    </Section>
  );
}
