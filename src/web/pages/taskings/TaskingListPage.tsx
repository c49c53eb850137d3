// Taskings: the bureau's cables to posts, latest due first (a post sees those issued to it), and for
// editors a form to draft a new one (TaskingForm.tsx: its posts named one by one or by group).
import { dayText } from "../../../domain/dates.js";
import { api } from "../../api/client.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { TASKING_STATE_LABELS } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { managesTaskings } from "./tasking-access.js";
import { TaskingForm } from "./TaskingForm.js";

export function TaskingListPage() {
  const user = useUser();
  const taskings = useApi(() => api("GET /taskings", { query: {} }), []);
  return (
    <Page title="Taskings">
      <Section title="Taskings to posts">
        {taskings.error ? <Notice tone="error">{taskings.error.message}</Notice> : null}
        {taskings.data && taskings.data.items.length === 0 ? <p>No taskings yet.</p> : null}
        {taskings.data && taskings.data.items.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Taskings</caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Title</th>
                  <th scope="col">State</th>
                  <th scope="col">Due</th>
                  <th scope="col">Posts</th>
                </tr>
              </thead>
              <tbody>
                {taskings.data.items.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <Link to={`/taskings/${t.id}`}>{t.reference}</Link>
                    </td>
                    <td>{t.title}</td>
                    <td>
                      {TASKING_STATE_LABELS[t.state]}
                      {t.issued_version > 1 ? `, amended (version ${t.issued_version})` : ""}
                    </td>
                    <td>{dayText(t.due_date)}</td>
                    <td>{t.targets.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
      {managesTaskings(user) ? <TaskingForm use={{ kind: "new" }} /> : null}
    </Page>
  );
}
