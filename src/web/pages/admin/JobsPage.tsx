// Jobs (admins): the long work the servers run off the request thread (imports, later exports and
// scans), newest first, filterable by state: what each is, where it stands, who asked and when, its
// progress, attempts and last error, in words. A failed or cancelled job can be tried again and a
// waiting or running one cancelled; each asks first and says what it did.
import { useState } from "react";
import { api, ApiError } from "../../api/client.js";
import type { Job } from "../../api/types.js";
import { SelectField } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { JOB_KIND_LABELS, JOB_STATE_LABELS, timestampLabel } from "../../lib/labels.js";
import { useApi } from "../../lib/use-api.js";

type StateFilter = Job["state"] | "";

const STATE_OPTIONS: { value: StateFilter; label: string }[] = [
  { value: "", label: "Every state" },
  ...(Object.entries(JOB_STATE_LABELS) as [Job["state"], string][]).map(([value, label]) => ({ value, label })),
];

function progressText(job: Job): string {
  if (job.state === "succeeded") return "Done";
  const share = job.progress.total ? ` (${Math.round((job.progress.done / job.progress.total) * 100)}%)` : "";
  return `${job.progress.message ?? ""}${share}`.trim() || "—";
}

export function JobsPage() {
  const [state, setState] = useState<StateFilter>("");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const jobs = useApi(() => api("GET /jobs", { query: { limit: 100, ...(state ? { state } : {}) } }), [state]);

  async function act(job: Job, action: "cancel" | "retry") {
    const what = `the ${JOB_KIND_LABELS[job.kind].toLowerCase()} asked for by ${job.requested_by?.name ?? "the system"} on ${timestampLabel(job.created_at)}`;
    if (!window.confirm(action === "cancel" ? `Cancel ${what}? Nothing of it will be kept.` : `Try ${what} again?`)) return;
    try {
      if (action === "cancel") await api("POST /jobs/:id/cancel", { params: { id: job.id } });
      else await api("POST /jobs/:id/retry", { params: { id: job.id } });
      setMessage({ tone: "success", text: action === "cancel" ? `Cancelled ${what}.` : `Queued ${what} to be tried again.` });
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof ApiError ? error.message : String(error) });
    }
    jobs.reload();
  }

  return (
    <Page title="Jobs">
      <Section title="Long work run by the servers">
        <SelectField path="job-state" label="State" value={state} options={STATE_OPTIONS} onValue={(v) => setState(v as StateFilter)} />
        {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
        {jobs.error ? <Notice tone="error">{jobs.error.message}</Notice> : null}
        {jobs.data && jobs.data.items.length === 0 ? <p>No jobs{state ? ` in this state` : ""}.</p> : null}
        {jobs.data && jobs.data.items.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Jobs</caption>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">State</th>
                  <th scope="col">Asked for by</th>
                  <th scope="col">When</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Manage</th>
                </tr>
              </thead>
              <tbody>
                {jobs.data.items.map((job) => (
                  <tr key={job.id}>
                    <td>{JOB_KIND_LABELS[job.kind]}</td>
                    <td>{JOB_STATE_LABELS[job.state]}</td>
                    <td>{job.requested_by?.name ?? "The system"}</td>
                    <td>{timestampLabel(job.created_at)}</td>
                    <td>{progressText(job)}</td>
                    <td>
                      {job.attempts} of {job.max_attempts}
                    </td>
                    <td>{job.error?.message ?? "—"}</td>
                    <td className="row-actions">
                      {job.state === "queued" || job.state === "running" ? (
                        <button type="button" className="button button-small" onClick={() => void act(job, "cancel")}>
                          Cancel<span className="visually-hidden"> this job</span>
                        </button>
                      ) : null}
                      {job.state === "failed" || job.state === "cancelled" ? (
                        <button type="button" className="button button-small" onClick={() => void act(job, "retry")}>
                          Retry<span className="visually-hidden"> this job</span>
                        </button>
                      ) : null}
                    </td>
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
