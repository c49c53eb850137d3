// Review queues: an approver sees what their post submitted; the bureau's analysts see what posts
// cleared; editors also see what is accepted and ready to publish. Each record can be acted on
// from the queue (returning asks for a comment); it leaves the queue once acted on.
import { useState } from "react";
import { api } from "../api/client.js";
import type { Incident, User } from "../api/types.js";
import { GradeBadge, RecordBadges } from "../components/Badges.js";
import { Notice } from "../components/Notice.js";
import { Page, Section } from "../components/Page.js";
import { occurredLabel } from "../lib/labels.js";
import { useReference } from "../lib/reference.js";
import { Link } from "../lib/router.js";
import { useUser } from "../lib/session.js";
import { useApi } from "../lib/use-api.js";
import { WorkflowActions } from "./incident/WorkflowActions.js";

interface Queue {
  state: Incident["state"];
  title: string;
  empty: string;
}

function queuesFor(user: User): Queue[] {
  if (user.role === "approver")
    return [{ state: "submitted", title: `Submitted by post ${user.post}, waiting for clearance`, empty: "Nothing is waiting for your clearance." }];
  const cleared: Queue = { state: "cleared", title: "Cleared by posts, waiting for the bureau", empty: "No cleared record is waiting for review." };
  if (user.role === "editor")
    return [cleared, { state: "accepted", title: "Accepted, ready to publish", empty: "Nothing accepted is waiting to be published." }];
  return [cleared];
}

export function ReviewQueuePage() {
  const user = useUser();
  return (
    <Page title="Review queue">
      {queuesFor(user).map((queue) => (
        <QueueTable key={queue.state} queue={queue} />
      ))}
    </Page>
  );
}

function QueueTable({ queue }: { queue: Queue }) {
  const reference = useReference();
  const [done, setDone] = useState(0);
  const list = useApi(() => api("GET /incidents", { query: { state: [queue.state], sort: "created", limit: 100 } }), [queue.state, done]);
  const items = list.data?.items ?? [];
  return (
    <Section title={`${queue.title} (${list.loading ? "…" : items.length}${list.data?.next_cursor ? "+" : ""})`} id={`queue-${queue.state}`}>
      {list.error ? <Notice tone="error">{list.error.message}</Notice> : null}
      {!list.loading && items.length === 0 ? <p className="muted">{queue.empty}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{queue.title}</caption>
            <thead>
              <tr>
                <th scope="col">No.</th>
                <th scope="col">Title</th>
                <th scope="col">Post</th>
                <th scope="col">Country</th>
                <th scope="col">Occurred</th>
                <th scope="col">Sources</th>
                <th scope="col">Act</th>
              </tr>
            </thead>
            <tbody>
              {items.map((incident) => (
                <tr key={incident.id} className={incident.synthetic ? "row-synthetic" : undefined}>
                  <td className="numeric">{incident.number}</td>
                  <td>
                    <Link to={`/incidents/${incident.id}`} className="row-title">
                      {incident.title}
                    </Link>
                    <RecordBadges incident={incident} />
                  </td>
                  <td>{incident.post}</td>
                  <td>{reference.countryName(incident.country)}</td>
                  <td className="nowrap">{occurredLabel(incident.occurred)}</td>
                  <td>
                    {incident.sources.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      incident.sources.map((s) => <GradeBadge key={s.id} reliability={s.reliability} credibility={s.credibility} />)
                    )}
                  </td>
                  <td>
                    <WorkflowActions incident={incident} compact onChanged={() => setDone((n) => n + 1)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
