// The frame of every signed-in page: a skip link, the banner with the navigation the user's role
// opens, who is signed in (with the notifications bell and its unread badge), and the main
// landmark the page goes into.
import type { ReactNode } from "react";
import { ROLE_LABELS } from "../lib/labels.js";
import { NotificationBell } from "./NotificationBell.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { managesUsers, readsIncidents, recordsIncidents, reviews, useSession } from "../lib/session.js";
import { managesReportTemplates, readsReports } from "../pages/reports/report-labels.js";
import { readsStatistics } from "../pages/stats/stats-access.js";
import { readsTaskings } from "../pages/taskings/tasking-access.js";
import { readsEngagements } from "../pages/engagements/engagement-access.js";

interface NavItem {
  to: string;
  label: string;
  /** Also current on paths under it. */
  prefix?: boolean;
}

export function Layout({ children, minimal = false }: { children: ReactNode; minimal?: boolean }) {
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const items: NavItem[] = [];
  if (user && !minimal) {
    if (readsIncidents(user)) items.push({ to: "/", label: "Dashboard" }, { to: "/incidents", label: "Incidents", prefix: true });
    if (reviews(user)) items.push({ to: "/review", label: "Review queue" });
    if (recordsIncidents(user)) items.push({ to: "/incidents/new", label: "New incident" });
    if (readsReports(user)) items.push({ to: "/reports", label: "Reports", prefix: true });
    else if (managesReportTemplates(user)) items.push({ to: "/reports/templates", label: "Report templates" });
    if (readsStatistics(user))
      items.push({ to: "/statistics", label: "Statistics" }, { to: "/sentencing", label: "Sentencing" }, { to: "/housing", label: "Housing" });
    if (readsTaskings(user)) items.push({ to: "/taskings", label: "Taskings", prefix: true }, { to: "/compliance", label: "Compliance" });
    if (readsEngagements(user)) items.push({ to: "/engagements", label: "Engagements", prefix: true });
    if (managesUsers(user)) items.push({ to: "/admin/users", label: "Users" }, { to: "/admin/posts", label: "Posts" }, { to: "/admin/jobs", label: "Jobs" });
  }
  const current = (item: NavItem) => path === item.to || (item.prefix === true && path.startsWith(`${item.to}/`) && path !== "/incidents/new");
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="banner">
        <div className="banner-inner">
          <Link to="/" className="brand">
            Rapporteur
          </Link>
          {items.length > 0 ? (
            <nav aria-label="Main">
              <ul className="nav">
                {items.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={current(item) ? "page" : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {user ? (
            <div className="account">
              <span className="account-name">
                {user.name}
                <span className="account-role">
                  {ROLE_LABELS[user.role]} · {user.post}
                </span>
              </span>
              {!minimal ? (
                <>
                  <NotificationBell />
                  <Link to="/account/password" className="account-link">
                    Password
                  </Link>
                  <Link to="/account/second-factor" className="account-link">
                    Second factor
                  </Link>
                </>
              ) : null}
              <button type="button" className="button button-on-dark" onClick={() => void signOut().finally(() => navigate("/", { replace: true }))}>
                Sign out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
