// Incidents: full-text search, filters (country, category, workflow state, verification, perpetrators'
// migration status as reported, period, synthetic), sorting and pages, all in the URL; the current view exports as CSV. Records of other posts never show here
// until the bureau has them (the server's rule, not a filter of the page).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import type { Incident } from "../api/types.js";
import { MarkingBadge, StateBadge, SyntheticBadge } from "../components/Badges.js";
import { CheckboxGroup, SelectField, TextField } from "../components/form.js";
import { Notice, SyntheticWatermark } from "../components/Notice.js";
import { Page } from "../components/Page.js";
import { downloadText } from "../lib/csv.js";
import { exportIncidents } from "../lib/incident-csv.js";
import { activeFilterCount, filtersFromQuery, incidentListHref, known, type ListFilters } from "../lib/incident-query.js";
import { MIGRATION_STATUS_LABELS, STATE_LABELS, VERIFICATION_LABELS, occurredLabel } from "../lib/labels.js";
import { useReference } from "../lib/reference.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { recordsIncidents, useUser } from "../lib/session.js";
import { useApi } from "../lib/use-api.js";
import { MIGRATION_STATUSES, VERIFICATION_STATUSES, WORKFLOW_STATES } from "../../domain/vocabulary.js";

/** Every status, `unknown` first (as on the dashboard): it is always offered, whatever the data holds. */
const MIGRATION_OPTIONS = ["unknown" as const, ...MIGRATION_STATUSES.filter((s) => s !== "unknown")].map((s) => ({
  value: s,
  label: MIGRATION_STATUS_LABELS[s],
}));
const VERIFICATION_OPTIONS = VERIFICATION_STATUSES.map((s) => ({ value: s, label: VERIFICATION_LABELS[s] }));

const PAGE_SIZES = [25, 50, 100] as const;

export function IncidentListPage() {
  const { query } = useLocation();
  const filters = filtersFromQuery(query);
  const key = incidentListHref(filters);
  return <IncidentList key={key} filters={filters} />;
}

function IncidentList({ filters }: { filters: ListFilters }) {
  const user = useUser();
  const reference = useReference();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageSize, setPageSize] = useState<number>(50);
  const [search, setSearch] = useState(filters.q ?? "");
  const [exporting, setExporting] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];
  const page = useApi(() => api("GET /incidents", { query: { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) } }), [cursor, pageSize]);
  // Turning a page from the buttons below the table starts the reader at the top of the new page.
  const resultsTop = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const turning = useRef(false);
  const turnPage = (next: (c: (string | undefined)[]) => (string | undefined)[]) => {
    turning.current = true;
    setCursors(next);
  };
  useEffect(() => {
    if (!turning.current || page.loading) return;
    turning.current = false;
    resultsTop.current?.scrollIntoView({ block: "start" });
    table.current?.focus({ preventScroll: true });
  }, [page.loading]);

  const apply = (changes: Partial<ListFilters>) => navigate(incidentListHref({ ...filters, ...changes }));
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: search.trim() || undefined });
  };
  const runExport = async () => {
    setExporting("Preparing the export…");
    try {
      const result = await exportIncidents(filters);
      const date = new Date().toISOString().slice(0, 10);
      downloadText(`rapporteur-incidents-${date}${result.synthetic ? "-SYNTHETIC" : ""}.csv`, result.csv);
      setExporting(
        `Exported ${result.count} incident${result.count === 1 ? "" : "s"}${result.truncated ? " (the first 10,000 of the view: narrow the filters for the rest)" : ""}.`,
      );
    } catch (error) {
      setExporting(`The export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const sortBy = (column: "created" | "occurred") => apply({ sort: filters.sort === `-${column}` ? column : `-${column}` });
  const ariaSort = (column: "created" | "occurred") => (filters.sort === `-${column}` ? "descending" : filters.sort === column ? "ascending" : undefined);
  const activeFilters = activeFilterCount(filters);
  const items = page.data?.items ?? [];

  return (
    <Page
      title="Incidents"
      actions={
        <>
          <button type="button" className="button" onClick={() => void runExport()}>
            Export view as CSV
          </button>
          {recordsIncidents(user) ? (
            <Link to="/incidents/new" className="button button-primary">
              New incident
            </Link>
          ) : null}
        </>
      }
    >
      <div className="with-sidebar">
        <aside className="filters" aria-label="Filters">
          <form role="search" onSubmit={submitSearch} className="search-form">
            <TextField path="q" label="Search titles, summaries and sources" type="search" value={search} onValue={setSearch} />
            <button type="submit" className="button">
              Search
            </button>
          </form>
          <SelectField
            path="country"
            label="Country"
            value={filters.country[0] ?? ""}
            empty="Any country"
            options={reference.countries
              .filter((c) => reference.posts.some((p) => p.country_code === c.code) || filters.country.includes(c.code))
              .map((c) => ({ value: c.code, label: c.name }))}
            onValue={(v) => apply({ country: v ? [v] : [] })}
          />
          <CheckboxGroup
            path="category"
            legend="Category"
            options={reference.topCategories.map((c) => ({ value: c.code, label: `${c.code} · ${c.label}` }))}
            values={filters.category}
            onValues={(values) => apply({ category: values })}
          />
          <CheckboxGroup
            path="state"
            legend="Workflow state"
            options={WORKFLOW_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
            values={filters.state}
            onValues={(values) => apply({ state: known(values, WORKFLOW_STATES) })}
          />
          <CheckboxGroup
            path="verification_status"
            legend="Verification"
            options={VERIFICATION_OPTIONS}
            values={filters.verification_status}
            onValues={(values) => apply({ verification_status: known(values, VERIFICATION_STATUSES) })}
          />
          <CheckboxGroup
            path="migration_status"
            legend="Perpetrators' migration status"
            hint="As reported. Unknown includes incidents with no perpetrator group recorded."
            options={MIGRATION_OPTIONS}
            values={filters.migration_status}
            onValues={(values) => apply({ migration_status: known(values, MIGRATION_STATUSES) })}
          />
          <fieldset className="field">
            <legend>Occurred between</legend>
            <div className="field-row">
              <TextField
                path="occurred_from"
                label="From"
                type="date"
                value={filters.occurred_from ?? ""}
                onValue={(v) => apply({ occurred_from: v || undefined })}
              />
              <TextField path="occurred_to" label="To" type="date" value={filters.occurred_to ?? ""} onValue={(v) => apply({ occurred_to: v || undefined })} />
            </div>
          </fieldset>
          <SelectField
            path="synthetic"
            label="Synthetic records"
            value={filters.synthetic === undefined ? "" : String(filters.synthetic)}
            empty="Real and synthetic"
            options={[
              { value: "false", label: "Real records only" },
              { value: "true", label: "Synthetic only" },
            ]}
            onValue={(v) => apply({ synthetic: v === "" ? undefined : v === "true" })}
          />
          {activeFilters > 0 ? (
            <Link to="/incidents" className="button button-quiet">
              Clear all filters
            </Link>
          ) : null}
        </aside>

        <div className="results" ref={resultsTop}>
          {exporting ? <Notice tone="info">{exporting}</Notice> : null}
          {page.error ? (
            <Notice tone="error" title="The incidents could not be loaded">
              {page.error.message}
            </Notice>
          ) : null}
          {items.some((i) => i.synthetic) ? <SyntheticWatermark count={items.filter((i) => i.synthetic).length} /> : null}
          <div className="table-toolbar">
            <p role="status" className="result-count">
              {page.loading
                ? "Loading…"
                : `${items.length} incident${items.length === 1 ? "" : "s"} on this page${page.data?.next_cursor ? ", more on the next" : ""}`}
            </p>
            <SelectField
              path="sort"
              label="Sort by"
              className="inline-field"
              value={filters.sort}
              options={[
                { value: "-created", label: "Recorded, newest first" },
                { value: "created", label: "Recorded, oldest first" },
                { value: "-occurred", label: "Occurred, newest first" },
                { value: "occurred", label: "Occurred, oldest first" },
              ]}
              onValue={(v) => apply({ sort: v as ListFilters["sort"] })}
            />
          </div>
          <div className="table-scroll">
            <table className="table" ref={table} tabIndex={-1}>
              <caption className="visually-hidden">Incidents matching the filters, page {cursors.length}</caption>
              <thead>
                <tr>
                  <th scope="col" aria-sort={ariaSort("created")}>
                    <button type="button" className="sort-button" onClick={() => sortBy("created")}>
                      No.
                    </button>
                  </th>
                  <th scope="col">Title</th>
                  <th scope="col">Country</th>
                  <th scope="col" aria-sort={ariaSort("occurred")}>
                    <button type="button" className="sort-button" onClick={() => sortBy("occurred")}>
                      Occurred
                    </button>
                  </th>
                  <th scope="col">Categories</th>
                  <th scope="col">State</th>
                  <th scope="col">Verification</th>
                  <th scope="col" className="numeric">
                    Sources
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((incident) => (
                  <IncidentRow key={incident.id} incident={incident} countryName={reference.countryName(incident.country)} />
                ))}
                {!page.loading && items.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="empty">
                      No incidents match{activeFilters > 0 ? " these filters" : ""}.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label="Pages">
            <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => turnPage((c) => c.slice(0, -1))}>
              Previous page
            </button>
            <span>Page {cursors.length}</span>
            <button
              type="button"
              className="button"
              disabled={!page.data?.next_cursor}
              onClick={() => page.data?.next_cursor && turnPage((c) => [...c, page.data!.next_cursor!])}
            >
              Next page
            </button>
            <SelectField
              path="page_size"
              label="Per page"
              className="inline-field"
              value={String(pageSize)}
              options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
              onValue={(v) => {
                setPageSize(Number(v));
                setCursors([undefined]);
              }}
            />
          </nav>
        </div>
      </div>
    </Page>
  );
}

function IncidentRow({ incident, countryName }: { incident: Incident; countryName: string }) {
  return (
    <tr className={incident.synthetic ? "row-synthetic" : undefined}>
      <td className="numeric">{incident.number}</td>
      <td>
        <Link to={`/incidents/${incident.id}`} className="row-title">
          {incident.title}
        </Link>
        <span className="badges">
          <MarkingBadge marking={incident.handling_marking} />
          {incident.synthetic ? <SyntheticBadge /> : null}
        </span>
      </td>
      <td>{countryName}</td>
      <td className="nowrap">{occurredLabel(incident.occurred)}</td>
      <td>{incident.categories.join(", ")}</td>
      <td>
        <StateBadge state={incident.state} />
      </td>
      <td>{VERIFICATION_LABELS[incident.verification_status]}</td>
      <td className="numeric">{incident.sources.length}</td>
    </tr>
  );
}
