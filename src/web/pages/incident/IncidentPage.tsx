// One incident: every field, its sources, the workflow actions open to you, the comment thread and
// the history from the audit log. Records outside your scope are "not found", as the API says.
import { api } from "../../api/client.js";
import type { Incident } from "../../api/types.js";
import { MarkingBanner, RecordBadges } from "../../components/Badges.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { Link } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { NotFoundPage } from "../NotFoundPage.js";
import { CommentThread } from "./CommentThread.js";
import { HistoryList } from "./HistoryList.js";
import { IncidentDetails } from "./IncidentDetails.js";
import { SourcesTable } from "./SourcesTable.js";
import { WorkflowActions } from "./WorkflowActions.js";

export function IncidentPage({ id }: { id: string }) {
  const incident = useApi(() => api("GET /incidents/:id", { params: { id } }), [id]);
  const history = useApi(() => api("GET /incidents/:id/history", { params: { id } }), [id, incident.data?.version]);
  if (incident.error?.status === 404 || incident.error?.status === 400) return <NotFoundPage what="incident" />;
  if (incident.error)
    return (
      <Notice tone="error" title="The incident could not be loaded">
        {incident.error.message}
      </Notice>
    );
  if (!incident.data) return <p role="status">Loading…</p>;
  const record: Incident = incident.data;
  return (
    <>
      <MarkingBanner marking={record.handling_marking} />
      <Page
        title={record.title}
        kicker={
          <>
            Incident {record.number} · {record.post} <RecordBadges incident={record} />
          </>
        }
        actions={
          record.editable ? (
            <Link to={`/incidents/${record.id}/edit`} className="button">
              Edit
            </Link>
          ) : null
        }
      >
        {record.synthetic ? <SyntheticWatermark /> : null}
        {record.state === "retracted" ? (
          <Notice tone="warning" title="Retracted">
            <p>This record is kept but left out of new reports. Reason: {record.retraction_reason}</p>
          </Notice>
        ) : null}
        <WorkflowActions incident={record} onChanged={incident.setData} />
        <div className="record-layout">
          <div className="record-main">
            <IncidentDetails incident={record} />
            <SourcesTable sources={record.sources} />
          </div>
          <div className="record-side">
            <Section title="Comments">
              <CommentThread incidentId={record.id} version={record.version} />
            </Section>
            <Section title="History">{history.error ? <Notice tone="error">{history.error.message}</Notice> : <HistoryList history={history.data} />}</Section>
          </div>
        </div>
      </Page>
    </>
  );
}
