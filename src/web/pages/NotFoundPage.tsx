// Pages for a path the app does not know and for a page the user's role does not open.
import { Page } from "../components/Page.js";
import { Link } from "../lib/router.js";

export function NotFoundPage({ what = "page" }: { what?: string }) {
  return (
    <Page title={`No such ${what}`} width="form">
      <p>There is no {what} here, or it is not open to you. Records of other posts are not shown until the bureau has them.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </Page>
  );
}

export function ForbiddenPage() {
  return (
    <Page title="Not open to your role" width="form">
      <p>This page is for other roles. Ask an administrator if you need it.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </Page>
  );
}
