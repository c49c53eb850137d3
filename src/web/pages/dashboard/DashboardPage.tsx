// The dashboard: incidents by month and category (chart), by country (map and table), and by
// perpetrators' migration status as reported, with `unknown` always shown; or, switched to rates,
// incidents per 100,000 residents with their 95% intervals and population sources (RateView.tsx).
// Every figure drills down to the incident list of the records behind it.
import { useMemo, type ReactNode } from "react";
import { api } from "../../api/client.js";
import type { AnalysisCounts, AnalysisRates } from "../../api/types.js";
import { SelectField } from "../../components/form.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { MIGRATION_STATUS_LABELS, timestampLabel } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { ChoroplethMap, type MapCell } from "./ChoroplethMap.js";
import { DashboardFilterBar } from "./DashboardFilters.js";
import { analysisQueryOf, dashboardFiltersOf, dashboardHref, drillDownHref, ratesQueryOf, type DashboardFilters } from "./dashboard-query.js";
import { categoryColour, MAP_EMPTY, mapBreaks, mapColour } from "./palette.js";
import { defaultRateYear, formatInterval, formatRate } from "./rate-format.js";
import { RateView } from "./RateView.js";
import { TrendChart } from "./TrendChart.js";

export function DashboardPage() {
  const { query } = useLocation();
  const filters = dashboardFiltersOf(query);
  const reference = useReference();
  const counts = useApi(
    () => api("GET /analysis/counts", { query: analysisQueryOf(filters) }),
    [dashboardHref({ ...filters, map: "europe", measure: "count", year: undefined })],
  );
  const ratesKey = filters.measure === "rate" ? JSON.stringify(ratesQueryOf(filters)) : null;
  const rates = useApi(() => (ratesKey === null ? Promise.resolve(null) : api("GET /analysis/rates", { query: ratesQueryOf(filters) })), [ratesKey]);
  const data = counts.data;
  const rateData = filters.measure === "rate" ? rates.data : null;
  const apply = (changes: Partial<DashboardFilters>) => navigate(dashboardHref({ ...filters, ...changes }), { replace: true });
  const alpha2ByNumeric = useMemo(() => new Map(reference.countries.map((c) => [c.numeric_code, c.code])), [reference.countries]);
  // A category keeps the colour the count chart gives it (its place among the top-level categories).
  const colourOf = (category: string) => categoryColour((data?.dimensions.categories ?? []).indexOf(category));
  const share = (n: number, of: number) => (of === 0 ? "—" : `${Math.round((n / of) * 100)}%`);
  const year = rateData ? yearOf(rateData, filters.year) : null;
  // A rate counts every perpetrator status (the groups are its breakdown), so its drill-downs do too.
  const rateHref = (narrow: Parameters<typeof drillDownHref>[2]) => drillDownHref({ ...filters, migration_status: [] }, rateData, narrow);

  const mapActions = (
    <div className="segmented" role="group" aria-label="Map extent">
      <button type="button" className="button button-small" aria-pressed={filters.map === "europe"} onClick={() => apply({ map: "europe" })}>
        Europe
      </button>
      <button type="button" className="button button-small" aria-pressed={filters.map === "world"} onClick={() => apply({ map: "world" })}>
        World
      </button>
    </div>
  );
  const viewControls = (
    <div className="view-controls">
      <div className="segmented" role="group" aria-label="Show">
        <button
          type="button"
          className="button button-small"
          aria-pressed={filters.measure === "count"}
          onClick={() => apply({ measure: "count", year: undefined })}
        >
          Count
        </button>
        <button type="button" className="button button-small" aria-pressed={filters.measure === "rate"} onClick={() => apply({ measure: "rate" })}>
          Rate per 100,000
        </button>
      </div>
      {rateData && year ? (
        <SelectField
          path="dash-year"
          label="Year"
          className="field-inline"
          value={year}
          options={rateData.dimensions.periods.map((p) => ({ value: p, label: p }))}
          onValue={(v) => apply({ year: v })}
        />
      ) : null}
    </div>
  );

  return (
    <Page title="Dashboard" actions={viewControls}>
      <DashboardFilterBar filters={filters} onChange={apply} />
      {counts.error ? (
        <Notice tone="error" title="The figures could not be loaded">
          {counts.error.message}
        </Notice>
      ) : null}
      {filters.measure === "rate" && rates.error ? (
        <Notice tone="error" title="The rates could not be loaded">
          {rates.error.message}
        </Notice>
      ) : null}
      {data && data.totals.synthetic > 0 ? <SyntheticWatermark count={data.totals.synthetic} /> : null}
      {data ? (
        <>
          <div className="stat-row" role="group" aria-label="Totals">
            <Stat
              label="Incidents"
              value={String(data.totals.incidents)}
              note={data.basis.name === "accepted" ? "accepted and published" : "all you can see"}
            />
            <RateStat rates={rateData} year={year} measure={filters.measure} />
            <Stat
              label="Perpetrators' status unknown"
              value={share(data.migration_status.unknown, data.migration_status.incidents)}
              note={`${data.migration_status.unknown} of ${data.migration_status.incidents} incidents`}
            />
            <Stat label="Synthetic records" value={String(data.totals.synthetic)} note={data.totals.synthetic > 0 ? "demo data included" : "none included"} />
          </div>
          <p className="basis-note">
            <strong>Counted:</strong> {data.basis.description} {data.counting} <span className="muted">As of {timestampLabel(data.as_of)}.</span>
          </p>
          {data.totals.not_placed_by_month > 0 ? (
            <Notice tone="info">
              {data.totals.not_placed_by_month === 1 ? "1 incident is" : `${data.totals.not_placed_by_month} incidents are`} dated only to the year or to
              several months: counted in the totals, the map and the tables, but in no month of the chart.
            </Notice>
          ) : null}
          {filters.measure === "rate" && filters.migration_status.length > 0 ? (
            <Notice tone="info">Rates are given for every group of perpetrators' statuses below; the migration-status filter applies to counts only.</Notice>
          ) : null}
          {filters.measure === "rate" ? (
            rateData && year ? (
              <RateView
                rates={rateData}
                counts={data}
                year={year}
                map={filters.map}
                mapActions={mapActions}
                nameOf={reference.countryName}
                categoryLabel={reference.categoryLabel}
                colourOf={colourOf}
                alpha2ByNumeric={alpha2ByNumeric}
                hrefOf={rateHref}
              />
            ) : rateData ? (
              <p className="muted">No incident matches these filters, so there is no rate to show.</p>
            ) : rates.loading ? (
              <p role="status">Loading the rates…</p>
            ) : null
          ) : (
            <CountView data={data} filters={filters} mapActions={mapActions} alpha2ByNumeric={alpha2ByNumeric} />
          )}
        </>
      ) : counts.loading ? (
        <p role="status">Loading the figures…</p>
      ) : null}
    </Page>
  );
}

/** The year the rate map and tables show: the one asked for, else the default (defaultRateYear). */
function yearOf(rates: AnalysisRates, asked: string | undefined): string | null {
  return asked && rates.dimensions.periods.includes(asked) ? asked : defaultRateYear(rates);
}

function CountView({
  data,
  filters,
  mapActions,
  alpha2ByNumeric,
}: {
  data: AnalysisCounts;
  filters: DashboardFilters;
  mapActions: ReactNode;
  alpha2ByNumeric: Map<string, string>;
}) {
  const reference = useReference();
  const hrefOf = (country: string) => drillDownHref(filters, data, { country });
  const breaks = mapBreaks(Math.max(0, ...data.by_country.map((r) => r.incidents)));
  const cells = new Map<string, MapCell>(
    data.by_country
      .filter((r) => r.incidents > 0)
      .map((r) => [
        r.country,
        {
          fill: mapColour(r.incidents, breaks),
          label: `${reference.countryName(r.country)}: ${r.incidents} incident${r.incidents === 1 ? "" : "s"}`,
          href: hrefOf(r.country),
        },
      ]),
  );
  const legend = [
    { fill: MAP_EMPTY, label: "none" },
    ...breaks.map((upper, i) => {
      const lower = i === 0 ? 1 : breaks[i - 1]! + 1;
      return { fill: mapColour(upper, breaks), label: lower === upper ? String(upper) : `${lower}–${upper}` };
    }),
  ];
  return (
    <>
      <Section title="Incidents per month, by category">
        <TrendChart counts={data} categoryLabel={reference.categoryLabel} hrefOf={(period, category) => drillDownHref(filters, data, { period, category })} />
      </Section>
      <div className="map-layout">
        <Section title={`By country — ${filters.map === "world" ? "world" : "Europe"}`} id="map" actions={mapActions}>
          <ChoroplethMap
            view={filters.map}
            cells={cells}
            alpha2ByNumeric={alpha2ByNumeric}
            subject="incidents by country"
            legendLabel="Map legend: incidents per country"
            legend={legend}
          />
        </Section>
        <Section title="Countries" id="country-table">
          <CountryTable data={data} nameOf={reference.countryName} hrefOf={hrefOf} />
        </Section>
      </div>
      <Section title="Perpetrators' migration status as reported">
        <StatusTable data={data} hrefOf={(status) => drillDownHref(filters, data, { migration_status: status })} />
      </Section>
    </>
  );
}

/** The rate of every incident over every country counted, for the year shown; in the count view, where to find it. */
function RateStat({ rates, year, measure }: { rates: AnalysisRates | null; year: string | null; measure: DashboardFilters["measure"] }) {
  if (measure === "count") return <Stat label="Rate per 100,000" value="—" note="choose Rate per 100,000 above" />;
  const row = rates && year ? rates.combined.rows.find((r) => r.category === null && r.period === year && r.group === "all") : undefined;
  if (!row) return <Stat label="Rate per 100,000" value="—" note={rates ? "no incident counted" : "loading…"} />;
  if (row.rate_per_100k === null) return <Stat label={`Rate per 100,000, ${year}`} value="—" note={row.no_rate_reason ?? "no rate"} />;
  return (
    <Stat
      label={`Rate per 100,000, ${year}`}
      value={formatRate(row.rate_per_100k)}
      note={`95% interval ${formatInterval(row.ci95!)}; ${row.incidents} incident${row.incidents === 1 ? "" : "s"}`}
    />
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
            <th scope="col" className="numeric">
              Incidents
            </th>
          </tr>
        </thead>
        <tbody>
          {data.by_country.map((row) => (
            <tr key={row.country}>
              <th scope="row">
                <Link to={hrefOf(row.country)}>{nameOf(row.country)}</Link>
              </th>
              <td className="numeric">{row.incidents}</td>
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
        Every status is listed, unknown first, whatever the migration-status filter: an incident counts once under each status its perpetrator groups were
        reported with, and as unknown when none was recorded. A status opens the incidents counted under it. Rates by group of statuses, each over its own
        population, are under Rate per 100,000.
      </p>
      <table className="table table-compact status-table">
        <caption className="visually-hidden">Incidents by perpetrators' migration status as reported</caption>
        <thead>
          <tr>
            <th scope="col">Status as reported</th>
            <th scope="col" className="numeric">
              Incidents
            </th>
            <th scope="col" className="numeric">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {data.by_migration_status.map((row) => (
            <tr key={row.migration_status} className={row.migration_status === "unknown" ? "row-emphasis" : undefined}>
              <th scope="row">
                {row.incidents > 0 ? (
                  <Link to={hrefOf(row.migration_status)}>{MIGRATION_STATUS_LABELS[row.migration_status]}</Link>
                ) : (
                  MIGRATION_STATUS_LABELS[row.migration_status]
                )}
              </th>
              <td className="numeric">{row.incidents}</td>
              <td className="numeric">{total === 0 ? "—" : `${Math.round((row.incidents / total) * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
