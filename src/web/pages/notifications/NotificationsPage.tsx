// The inbox: the signed-in user's notifications, unread first, each with what happened in words,
// when, and a link to the record or tasking it is about (opening it marks it read). One or all can
// be marked read; each action says what it did. How they are e-mailed is chosen on the account page.
import { useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { Notification } from "../../api/types.js";
import { INBOX_CHANGED, unreadWords } from "../../components/NotificationBell.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { timestampLabel } from "../../lib/labels.js";
import { Link, navigate } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";

const PAGE = 25;

export function NotificationsPage() {
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [more, setMore] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const inbox = useApi(async () => {
    const first = await api("GET /notifications", { query: { limit: PAGE } });
    setMore([]);
    setCursor(first.next_cursor);
    return first;
  }, []);
  const items = [...(inbox.data?.items ?? []), ...more];

  const changed = () => {
    window.dispatchEvent(new Event(INBOX_CHANGED));
    inbox.reload();
  };
  const failed = (error: unknown) => setMessage({ tone: "error", text: error instanceof ApiError ? error.message : String(error) });

  async function markRead(notification: Notification) {
    try {
      await api("POST /notifications/:id/read", { params: { id: notification.id } });
      setMessage({ tone: "success", text: "Marked the notification read." });
      changed();
    } catch (error) {
      failed(error);
    }
  }

  async function markAllRead() {
    try {
      const { marked } = await api("POST /notifications/read-all");
      setMessage({
        tone: "success",
        text: marked === 0 ? "Nothing was unread." : `Marked ${marked === 1 ? "1 notification" : `${marked} notifications`} read.`,
      });
      changed();
    } catch (error) {
      failed(error);
    }
  }

  async function open(notification: Notification) {
    if (notification.read_at === null) await api("POST /notifications/:id/read", { params: { id: notification.id } }).catch(() => undefined);
    window.dispatchEvent(new Event(INBOX_CHANGED));
    navigate(notification.link);
  }

  async function showMore() {
    if (!cursor) return;
    try {
      const next = await api("GET /notifications", { query: { limit: PAGE, cursor } });
      setMore((shown) => [...shown, ...next.items]);
      setCursor(next.next_cursor);
    } catch (error) {
      failed(error);
    }
  }

  const unread = inbox.data?.unread ?? 0;
  return (
    <Page
      title="Notifications"
      actions={
        <>
          <Link to="/account/notifications" className="button button-secondary">
            E-mail settings
          </Link>
          {unread > 0 ? (
            <button type="button" className="button" onClick={() => void markAllRead()}>
              Mark all read
            </button>
          ) : null}
        </>
      }
    >
      <Section title={inbox.data ? `You have ${unreadWords(unread)}` : "Your notifications"}>
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {inbox.error ? <Notice tone="error">{inbox.error.message}</Notice> : null}
        {inbox.data && items.length === 0 ? <p>Nothing yet. When a tasking reaches your post or a record moves on its way, it will be here.</p> : null}
        {items.length > 0 ? (
          <ul className="notification-list">
            {items.map((n) => (
              <li key={n.id} className={n.read_at === null ? "notification notification-unread" : "notification"}>
                <p className="notification-text">
                  {n.read_at === null ? <span className="visually-hidden">Unread: </span> : null}
                  <a
                    href={n.link}
                    onClick={(event) => {
                      event.preventDefault();
                      void open(n);
                    }}
                  >
                    {n.text}
                  </a>
                </p>
                <p className="notification-meta">
                  {timestampLabel(n.created_at)}
                  {n.read_at === null ? (
                    <>
                      {" · "}
                      <button type="button" className="link-button" onClick={() => void markRead(n)}>
                        Mark read
                      </button>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        {cursor ? (
          <button type="button" className="button button-secondary" onClick={() => void showMore()}>
            Show more
          </button>
        ) : null}
      </Section>
    </Page>
  );
}
