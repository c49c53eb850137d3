// The header's bell: a link to the inbox with the number of unread notifications as a badge, and
// the same number in words for screen readers ("3 unread notifications"). It asks the server again
// on every navigation, every half minute, and when a page says the inbox changed (marked read).
import { useEffect, useState } from "react";
import { api } from "../api/client.js";
import { Link, useLocation } from "../lib/router.js";

/** Dispatched on window when the inbox changed here (marked read), so the badge asks again at once. */
export const INBOX_CHANGED = "rapporteur:inbox-changed";

export function unreadWords(unread: number): string {
  return unread === 0 ? "no unread notifications" : unread === 1 ? "1 unread notification" : `${unread} unread notifications`;
}

export function NotificationBell() {
  const { path } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    const again = () => setAsked((n) => n + 1);
    const timer = window.setInterval(again, 30_000);
    window.addEventListener(INBOX_CHANGED, again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED, again);
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again on each navigation (path) and each nudge (asked)
  useEffect(() => {
    let current = true;
    api("GET /notifications/unread-count").then(
      (answer) => current && setUnread(answer.unread),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [path, asked]);

  return (
    <Link to="/notifications" className="account-link bell" aria-current={path === "/notifications" ? "page" : undefined}>
      <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="visually-hidden">Notifications: {unreadWords(unread ?? 0)}</span>
      {unread ? (
        <span className="bell-badge" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
