// The app shell: who is signed in decides what is shown. Signed out: the sign-in page. Signed in
// with a password to change: only the password page (the server refuses everything else). Then
// the layout with the page the path names. A sign-in waiting for its second factor shows only the
// code page; a role that requires a second factor not yet set up, only its setup.
import type { ReactNode } from "react";
import { Layout } from "./components/Layout.js";
import { matchPath, navigate, useLocation, useScrollToTopOnNavigate } from "./lib/router.js";
import { ReferenceProvider } from "./lib/reference.js";
import { managesUsers, readsIncidents, recordsIncidents, reviews, SessionProvider, useSession } from "./lib/session.js";
import { ChangePasswordPage } from "./pages/ChangePasswordPage.js";
import { SecondFactorCodePage } from "./pages/account/SecondFactorCodePage.js";
import { SecondFactorPage } from "./pages/account/SecondFactorPage.js";
import { NotificationSettingsPage } from "./pages/account/NotificationSettingsPage.js";
import { NotificationsPage } from "./pages/notifications/NotificationsPage.js";
import { DashboardPage } from "./pages/dashboard/DashboardPage.js";
import { IncidentEditorPage } from "./pages/editor/IncidentEditorPage.js";
import { IncidentListPage } from "./pages/IncidentListPage.js";
import { IncidentPage } from "./pages/incident/IncidentPage.js";
import { NotFoundPage, ForbiddenPage } from "./pages/NotFoundPage.js";
import { JobsPage } from "./pages/admin/JobsPage.js";
import { PostsPage } from "./pages/admin/PostsPage.js";
import { NewReportPage } from "./pages/reports/NewReportPage.js";
import { ReportListPage } from "./pages/reports/ReportListPage.js";
import { ReportPage } from "./pages/reports/ReportPage.js";
import { createsReports, managesReportTemplates, readsReports } from "./pages/reports/report-labels.js";
import { TemplatesPage } from "./pages/reports/TemplatesPage.js";
import { ReviewQueuePage } from "./pages/ReviewQueuePage.js";
import { CompliancePage } from "./pages/taskings/CompliancePage.js";
import { ResponsePage } from "./pages/taskings/ResponsePage.js";
import { readsTaskings } from "./pages/taskings/tasking-access.js";
import { TaskingListPage } from "./pages/taskings/TaskingListPage.js";
import { TaskingPage } from "./pages/taskings/TaskingPage.js";
import { readsEngagements, recordsEngagements } from "./pages/engagements/engagement-access.js";
import { EngagementListPage } from "./pages/engagements/EngagementListPage.js";
import { EngagementPage } from "./pages/engagements/EngagementPage.js";
import { SignInPage } from "./pages/SignInPage.js";
import { HousingPage } from "./pages/housing/HousingPage.js";
import { SentencingPage } from "./pages/sentencing/SentencingPage.js";
import { CaseOutcomesPage } from "./pages/sentencing/CaseOutcomesPage.js";
import { StatisticsPage } from "./pages/stats/StatisticsPage.js";
import { readsStatistics } from "./pages/stats/stats-access.js";
import { UsersPage } from "./pages/admin/UsersPage.js";
import type { User } from "./api/types.js";

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { user, ready } = useSession();
  const location = useLocation();
  useScrollToTopOnNavigate(location.path);
  if (!ready)
    return (
      <p className="page-message" role="status">
        Loading…
      </p>
    );
  if (!user) return <SignInPage />;
  if (user.sign_in_step === "second_factor") {
    return (
      <Layout minimal>
        <SecondFactorCodePage />
      </Layout>
    );
  }
  if (user.must_change_password) {
    return (
      <Layout minimal>
        <ChangePasswordPage required />
      </Layout>
    );
  }
  if (user.sign_in_step === "second_factor_enrolment") {
    return (
      <Layout minimal>
        <SecondFactorPage required />
      </Layout>
    );
  }
  if (location.path === "/sign-in") {
    navigate(location.query.get("next") ?? "/", { replace: true });
    return null;
  }
  return (
    <ReferenceProvider>
      <Layout>{route(location.path, user)}</Layout>
    </ReferenceProvider>
  );
}

function route(path: string, user: User): ReactNode {
  const guard = (allowed: boolean, page: ReactNode) => (allowed ? page : <ForbiddenPage />);
  if (path === "/") return readsIncidents(user) ? <DashboardPage /> : <UsersPage />;
  if (path === "/incidents") return guard(readsIncidents(user), <IncidentListPage />);
  if (path === "/incidents/new") return guard(recordsIncidents(user), <IncidentEditorPage key="new" />);
  if (path === "/review") return guard(reviews(user), <ReviewQueuePage />);
  if (path === "/statistics") return guard(readsStatistics(user), <StatisticsPage />);
  if (path === "/sentencing") return guard(readsStatistics(user), <SentencingPage />);
  if (path === "/case-outcomes") return guard(readsStatistics(user), <CaseOutcomesPage />);
  if (path === "/housing") return guard(readsStatistics(user), <HousingPage />);
  if (path === "/account/password") return <ChangePasswordPage />;
  if (path === "/account/second-factor") return <SecondFactorPage />;
  if (path === "/account/notifications") return <NotificationSettingsPage />;
  if (path === "/notifications") return <NotificationsPage />;
  if (path === "/admin/users") return guard(managesUsers(user), <UsersPage />);
  if (path === "/admin/posts") return guard(managesUsers(user), <PostsPage />);
  if (path === "/admin/jobs") return guard(managesUsers(user), <JobsPage />);
  if (path === "/reports") return guard(readsReports(user), <ReportListPage />);
  if (path === "/reports/new") return guard(createsReports(user), <NewReportPage />);
  if (path === "/reports/templates") return guard(managesReportTemplates(user), <TemplatesPage />);
  if (path === "/taskings") return guard(readsTaskings(user), <TaskingListPage />);
  if (path === "/compliance") return guard(readsTaskings(user), <CompliancePage />);
  if (path === "/engagements") return guard(readsEngagements(user), <EngagementListPage />);
  if (path === "/engagements/new") return guard(recordsEngagements(user), <EngagementPage key="new" id={null} />);
  const engagement = matchPath("/engagements/:id", path);
  if (engagement) return guard(readsEngagements(user), <EngagementPage key={engagement["id"]} id={engagement["id"]!} />);
  const response = matchPath("/taskings/:id/responses/:post", path);
  if (response) return guard(readsTaskings(user), <ResponsePage key={`${response["id"]}-${response["post"]}`} id={response["id"]!} post={response["post"]!} />);
  const tasking = matchPath("/taskings/:id", path);
  if (tasking) return guard(readsTaskings(user), <TaskingPage key={tasking["id"]} id={tasking["id"]!} />);
  const report = matchPath("/reports/:id", path);
  if (report) return guard(readsReports(user), <ReportPage key={report["id"]} id={report["id"]!} />);
  const edit = matchPath("/incidents/:id/edit", path);
  if (edit) return guard(recordsIncidents(user), <IncidentEditorPage key={`edit-${edit["id"]}`} id={edit["id"]} />);
  const view = matchPath("/incidents/:id", path);
  if (view) return guard(readsIncidents(user), <IncidentPage key={view["id"]} id={view["id"]!} />);
  return <NotFoundPage />;
}
