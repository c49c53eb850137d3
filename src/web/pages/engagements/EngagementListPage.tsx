// Engagements with host governments, latest first: filtered by level, office type, response, state
// and follow-up actions, searched in the office, message and response; post staff record new ones.
import { useState } from "react";
import { dayText } from "../../../domain/dates.js";
import { COUNTERPART_LEVELS, ENGAGEMENT_RESPONSES, OFFICE_TYPES, WORKFLOW_STATES } from "../../../domain/vocabulary.js";
import { api } from "../../api/client.js";
import { SelectField, TextField } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { COUNTERPART_LEVEL_LABELS, ENGAGEMENT_RESPONSE_LABELS, OFFICE_TYPE_LABELS, STATE_LABELS, labelledOptions } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { recordsEngagements } from "./engagement-access.js";

const FOLLOW_UPS = [
  { value: "open", label: "With open follow-up actions" },
  { value: "due", label: "With follow-up actions due within 7 days" },
  { value: "overdue", label: "With overdue follow-up actions" },
];

type Filters = { level: string; office_type: string; response: string; state: string; follow_up: string; q: string };
const NONE: Filters = { level: "", office_type: "", response: "", state: "", follow_up: "", q: "" };

export function EngagementListPage() {
  const user = useUser();
  const [form, setForm] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  const set = (key: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const engagements = useApi(() => {
    const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ""));
    return api("GET /engagements", { query: query as never });
  }, [filters]);
  return (
    <Page
      title="Engagements with host governments"
      actions={
        recordsEngagements(user) ? (
          <Link to="/engagements/new" className="button button-primary">
            Record an engagement
          </Link>
        ) : undefined
      }
    >
      <Section title="Filter">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(form);
          }}
        >
          <TextField path="engagement-search" label="Search the office, message and response" value={form.q} onValue={set("q")} />
          <SelectField
            path="engagement-level"
            label="Level"
            empty="Any level"
            value={form.level}
            options={labelledOptions(COUNTERPART_LEVELS, COUNTERPART_LEVEL_LABELS)}
            onValue={set("level")}
          />
          <SelectField
            path="engagement-office-type"
            label="Office type"
            empty="Any office type"
            value={form.office_type}
            options={labelledOptions(OFFICE_TYPES, OFFICE_TYPE_LABELS)}
            onValue={set("office_type")}
          />
          <SelectField
            path="engagement-response"
            label="Response"
            empty="Any response"
            value={form.response}
            options={labelledOptions(ENGAGEMENT_RESPONSES, ENGAGEMENT_RESPONSE_LABELS)}
            onValue={set("response")}
          />
          <SelectField
            path="engagement-state"
            label="State"
            empty="Any state"
            value={form.state}
            options={labelledOptions(WORKFLOW_STATES, STATE_LABELS)}
            onValue={set("state")}
          />
          <SelectField
            path="engagement-follow-up"
            label="Follow-up actions"
            empty="Any"
            value={form.follow_up}
            options={FOLLOW_UPS}
            onValue={set("follow_up")}
          />
          <button type="submit" className="button">
            Show engagements
          </button>
        </form>
      </Section>
      <Section title="Engagements">
        {engagements.error ? <Notice tone="error">{engagements.error.message}</Notice> : null}
        {engagements.data && engagements.data.items.length === 0 ? <p>No engagement matches.</p> : null}
        {engagements.data && engagements.data.items.length > 0 ? (
          <div className="table-scroll">
            <p role="status">
              {engagements.data.total === engagements.data.items.length
                ? `${engagements.data.total} engagement${engagements.data.total === 1 ? "" : "s"}.`
                : `The latest ${engagements.data.items.length} of ${engagements.data.total} engagements.`}
            </p>
            <table className="table">
              <caption className="visually-hidden">Engagements</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Post</th>
                  <th scope="col">Office</th>
                  <th scope="col">Level</th>
                  <th scope="col">Response</th>
                  <th scope="col">State</th>
                  <th scope="col">Open follow-ups</th>
                </tr>
              </thead>
              <tbody>
                {engagements.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link to={`/engagements/${e.id}`}>{dayText(e.date)}</Link>
                    </td>
                    <td>{e.post_name}</td>
                    <td>
                      {e.synthetic ? "[Synthetic] " : ""}
                      {e.counterpart.office}
                    </td>
                    <td>{COUNTERPART_LEVEL_LABELS[e.counterpart.level]}</td>
                    <td>{ENGAGEMENT_RESPONSE_LABELS[e.response]}</td>
                    <td>{STATE_LABELS[e.state]}</td>
                    <td>{e.follow_ups.filter((f) => !f.done).length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
    </Page>
  );
}
