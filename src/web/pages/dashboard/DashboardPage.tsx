// The dashboard: how many incidents, by month and category (chart), by country (map and table),
// and by perpetrators' migration status as reported, with `unknown` always shown. Counts only:
// rates per 100,000 need population data, and the page says so rather than showing a number.
// Every figure drills down to the incident list of the records behind it.
import { useMemo } from "react";
import { api } from "../../api/endpoints.js";
import type { AnalysisCounts } from "../../api/types.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { MIGRATION_STATUS_LABELS, timestampLabel } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { ChoroplethMap } from "./ChoroplethMap.js";
import { DashboardFilterBar } from "./DashboardFilters.js";
import { analysisQueryOf, dashboardFiltersOf, dashboardHref, drillDownHref, type DashboardFilters } from "./dashboard-query.js";
import { TrendChart } from "./TrendChart.js";

const RATE_NOTE = "needs population data";

export function DashboardPage() {
  const { query } = useLocation();
  const filters = dashboardFiltersOf(query);
  const reference = useReference();
  const counts = useApi(() => api.analysis.counts(analysisQueryOf(filters)), [dashboardHref({ ...filters, map: "europe" })]);
  const data = counts.data;
  const apply = (changes: Partial<DashboardFilters>) => navigate(dashboardHref({ ...filters, ...changes }), { replace: true });
  const alpha2ByNumeric = useMemo(() => new Map(reference.countries.map((c) => [c.numeric_code, c.code])), [reference.countries]);
  const byCountry = useMemo(() => new Map((data?.by_country ?? []).map((r) => [r.country, r.incidents])), [data]);
  const share = (n: number, of: number) => (of === 0 ? "—" : `${Math.round((n / of) * 100)}%`);

  return (
    <Page title="Dashboard">
      <DashboardFilterBar filters={filters} onChange={apply} />
      {counts.error ? <Notice tone="error" title="The figures could not be loaded">{counts.error.message}</Notice> : null}
      {data && data.totals.synthetic > 0 ? <SyntheticWatermark count={data.totals.synthetic} /> : null}
      {data ? (
        <>
          <div className="stat-row" role="group" aria-label="Totals">
            <Stat label="Incidents" value={String(data.totals.incidents)} note={data.basis.name === "accepted" ? "accepted and published" : "all you can see"} />
            <Stat label="Rate per 100,000" value="—" note={`rate: ${RATE_NOTE}`} />
            <Stat label="Perpetrators' status unknown" value={share(data.migration_status.unknown, data.migration_status.incidents)} note={`${data.migration_status.unknown} of ${data.migration_status.incidents} incidents`} />
            <Stat label="Synthetic records" value={String(data.totals.synthetic)} note={data.totals.synthetic > 0 ? "demo data included" : "none included"} />
          </div>
          <p className="basis-note">
            <strong>Counted:</strong> {data.basis.description} {data.counting} <span className="muted">As of {timestampLabel(data.as_of)}.</span>
          </p>
          <Section title="Incidents per month, by category">
            <TrendChart counts={data} categoryLabel={reference.categoryLabel} hrefOf={(period, category) => drillDownHref(filters, data, { period, category })} />
          </Section>
          <div className="map-layout">
            <Section
              title={`By country — ${filters.map === "world" ? "world" : "Europe"}`}
              id="map"
              actions={
                <div className="segmented" role="group" aria-label="Map extent">
                  <button type="button" className="button button-small" aria-pressed={filters.map === "europe"} onClick={() => apply({ map: "europe" })}>
                    Europe
                  </button>
                  <button type="button" className="button button-small" aria-pressed={filters.map === "world"} onClick={() => apply({ map: "world" })}>
                    World
                  </button>
                </div>
              }
            >
              <ChoroplethMap view={filters.map} counts={byCountry} alpha2ByNumeric={alpha2ByNumeric} nameOf={reference.countryName} hrefOf={(country) => drillDownHref(filters, data, { country })} />
            </Section>
            <Section title="Countries" id="country-table">
              <CountryTable data={data} nameOf={reference.countryName} hrefOf={(country) => drillDownHref(filters, data, { country })} />
            </Section>
          </div>
          <Section title="Perpetrators' migration status as reported">
            <StatusTable data={data} hrefOf={(status) => drillDownHref(filters, data, { migration_status: status })} />
          </Section>
        </>
      ) : counts.loading ? (
        <p role="status">Loading the figures…</p>
      ) : null}
    </Page>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="stat">
      <p className="stat-label">{label}</p>
      <p className="stat-value">{value}</p>
      <p className="stat-note">{note}</p>
    </div>
  );
}

function CountryTable({ data, nameOf, hrefOf }: { data: AnalysisCounts; nameOf(code: string): string; hrefOf(code: string): string }) {
  if (data.by_country.length === 0) return <p className="muted">No incident matches these filters.</p>;
  return (
    <div className="table-scroll table-scroll-tall">
      <table className="table table-compact">
        <caption className="visually-hidden">Incidents by country</caption>
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col" className="numeric">Incidents</th>
            <th scope="col">Rate per 100,000</th>
          </tr>
        </thead>
        <tbody>
          {data.by_country.map((row) => (
            <tr key={row.country}>
              <th scope="row">
                <Link to={hrefOf(row.country)}>{nameOf(row.country)}</Link>
              </th>
              <td className="numeric">{row.incidents}</td>
              <td className="muted small">{row.rate_per_100k ?? RATE_NOTE}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusTable({ data, hrefOf }: { data: AnalysisCounts; hrefOf(status: string): string }) {
  const total = data.migration_status.incidents;
  return (
    <>
      <p className="muted small">
        Every status is listed, unknown first, whatever the migration-status filter: an incident counts once under each status its perpetrator groups were reported with, and as unknown when none was recorded. A status opens the incidents counted under it.
      </p>
      <table className="table table-compact status-table">
        <caption className="visually-hidden">Incidents by perpetrators' migration status as reported</caption>
        <thead>
          <tr>
            <th scope="col">Status as reported</th>
            <th scope="col" className="numeric">Incidents</th>
            <th scope="col" className="numeric">Share</th>
            <th scope="col">Rate per 100,000</th>
          </tr>
        </thead>
        <tbody>
          {data.by_migration_status.map((row) => (
            <tr key={row.migration_status} className={row.migration_status === "unknown" ? "row-emphasis" : undefined}>
              <th scope="row">
                {row.incidents > 0 ? <Link to={hrefOf(row.migration_status)}>{MIGRATION_STATUS_LABELS[row.migration_status]}</Link> : MIGRATION_STATUS_LABELS[row.migration_status]}
              </th>
              <td className="numeric">{row.incidents}</td>
              <td className="numeric">{total === 0 ? "—" : `${Math.round((row.incidents / total) * 100)}%`}</td>
              <td className="muted small">{row.rate_per_100k ?? RATE_NOTE}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
