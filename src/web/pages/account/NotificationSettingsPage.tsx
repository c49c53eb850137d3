// The account's notification settings: whether notifications also come by e-mail, each as it
// happens, in one digest a day, or not at all (the inbox only). Saving says what was chosen.
import { useEffect, useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { NotificationPreferences } from "../../api/types.js";
import { SelectField } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { Link } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";

type Choice = NotificationPreferences["email"];

function choiceWords(choice: Choice, digestHour: number): string {
  const hour = `${String(digestHour).padStart(2, "0")}:00 UTC`;
  return choice === "immediate"
    ? "Each notification by e-mail as it happens"
    : choice === "daily_digest"
      ? `One e-mail a day with the day's notifications, at ${hour}`
      : "No e-mail: the inbox only";
}

export function NotificationSettingsPage() {
  const current = useApi(() => api("GET /notifications/preferences"), []);
  const [choice, setChoice] = useState<Choice>("immediate");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  useEffect(() => {
    if (current.data) setChoice(current.data.email);
  }, [current.data]);

  async function save() {
    try {
      const saved = await api("PUT /notifications/preferences", { body: { email: choice } });
      current.setData(saved);
      const words = choiceWords(saved.email, saved.digest_hour);
      setMessage({ tone: "success", text: `Saved. From now on: ${words.charAt(0).toLowerCase()}${words.slice(1)}.` });
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof ApiError ? error.message : String(error) });
    }
  }

  const hour = current.data?.digest_hour ?? 7;
  return (
    <Page title="Notification settings" width="form">
      <Section title="E-mail">
        {current.error ? <Notice tone="error">{current.error.message}</Notice> : null}
        {current.data && !current.data.email_enabled ? (
          <Notice tone="info">This server does not send e-mail yet: your notifications are in your inbox. Your choice is kept for when it does.</Notice>
        ) : null}
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {current.data ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <SelectField
              path="email"
              label="Notifications by e-mail"
              value={choice}
              options={(["immediate", "daily_digest", "none"] as const).map((value) => ({ value, label: choiceWords(value, hour) }))}
              onValue={(value) => setChoice(value as Choice)}
            />
            <button type="submit" className="button">
              Save
            </button>
          </form>
        ) : null}
        <p>
          <Link to="/notifications">Back to your notifications</Link>
        </p>
      </Section>
    </Page>
  );
}
