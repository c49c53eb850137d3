// One dataset explored: its dimensions as selects choose a series, checkboxes choose up to ten of
// the geos it has values for (countries first), and the values come as a line chart credited to
// the publisher, a table with the flags, and the table as CSV. The choice lives in the address
// (?dataset=&series=&geo=), so it can be bookmarked and shared.
import { api, queryString } from "../../api/client.js";
import type { StatsDatasetDetail, StatsObservationPage, StatsSeries } from "../../api/types.js";
import { Notice } from "../../components/Notice.js";
import { Section } from "../../components/Page.js";
import { fieldId } from "../../components/form.js";
import { downloadText } from "../../lib/csv.js";
import { navigate } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { SeriesChart } from "./SeriesChart.js";
import { creditLine, statsCsv, statsTable } from "./stats-table.js";
import { ValuesTable } from "./ValuesTable.js";
import { dimensionName } from "../../../modules/stats/dimensions.js";

const MAX_GEOS = 10;
const SERIES_PAGE = 5000;

export function statisticsHref(choice: { dataset?: string; series?: string; geo?: string[] }): string {
  return `/statistics${queryString({ dataset: choice.dataset, series: choice.series, geo: choice.geo })}`;
}

function seriesLabel(series: Pick<StatsSeries, "dimensions" | "labels">): string {
  const parts = Object.keys(series.dimensions)
    .sort()
    .map((d) => series.labels[d] ?? series.dimensions[d]);
  return parts.join(", ") || "All values";
}

export function SeriesExplorer({ datasetId, seriesId, geos }: { datasetId: string; seriesId: string | null; geos: string[] }) {
  const detail = useApi(() => api("GET /stats/datasets/:id", { params: { id: datasetId }, query: { limit: SERIES_PAGE } }), [datasetId]);
  if (detail.error)
    return (
      <Notice tone="error" title="The dataset could not be loaded">
        {detail.error.message}
      </Notice>
    );
  if (!detail.data)
    return (
      <p className="muted" role="status">
        Loading the dataset…
      </p>
    );
  return <Explorer detail={detail.data} seriesId={seriesId} geos={geos} />;
}

function Explorer({ detail, seriesId, geos }: { detail: StatsDatasetDetail; seriesId: string | null; geos: string[] }) {
  const { dataset } = detail;
  const series = detail.series.find((s) => s.id === seriesId) ?? detail.series[0] ?? null;
  const geoInfo = new Map(detail.geos.map((g) => [g.code, g]));
  const geoLabel = (code: string) => geoInfo.get(code)?.label ?? code;
  const available = series ? detail.geos.filter((g) => series.geos.includes(g.code)) : [];
  const chosen = geos.filter((g) => series?.geos.includes(g)).slice(0, MAX_GEOS);
  const go = (next: { series?: string; geo?: string[] }) =>
    navigate(statisticsHref({ dataset: dataset.id, series: next.series ?? series?.id, geo: next.geo ?? chosen }), { replace: true });

  function chooseDimension(dimension: string, code: string) {
    if (!series) return;
    const wanted = { ...series.dimensions, [dimension]: code };
    const exact = detail.series.find((s) => Object.entries(wanted).every(([d, c]) => s.dimensions[d] === c));
    const next = exact ?? detail.series.find((s) => s.dimensions[dimension] === code);
    if (next) go({ series: next.id, geo: chosen.filter((g) => next.geos.includes(g)) });
  }

  const chooseable = detail.dimensions.filter((d) => d.values.length > 1);
  const fixed = detail.dimensions.filter((d) => d.values.length === 1);

  return (
    <div className="stats-explorer">
      <div className="stats-choices">
        <h3 className="stats-choices-title">Series</h3>
        {detail.series.length === 0 ? <p className="muted">This dataset holds no series.</p> : null}
        {chooseable.map((d) => (
          <div className="field" key={d.id}>
            <label htmlFor={fieldId(`stats-dim-${d.id}`)}>{dimensionName(d.id)}</label>
            <select id={fieldId(`stats-dim-${d.id}`)} value={series?.dimensions[d.id] ?? ""} onChange={(e) => chooseDimension(d.id, e.target.value)}>
              {d.values.map((v) => (
                <option key={v.code} value={v.code}>
                  {v.label && v.label !== v.code ? `${v.label} (${v.code})` : v.code}
                </option>
              ))}
            </select>
          </div>
        ))}
        {fixed.length > 0 ? (
          <dl className="stats-fixed">
            {fixed.map((d) => (
              <div key={d.id}>
                <dt>{dimensionName(d.id)}</dt>
                <dd>{d.values[0]!.label ?? d.values[0]!.code}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {detail.next_cursor ? <p className="muted">Only the first {SERIES_PAGE.toLocaleString("en-GB")} series are offered.</p> : null}
        {series ? <GeoChoice available={available} chosen={chosen} onChange={(geo) => go({ geo })} /> : null}
      </div>
      <div className="stats-result">
        {series && chosen.length > 0 ? (
          <SeriesValues
            datasetId={dataset.id}
            series={series}
            geos={chosen}
            geoLabel={geoLabel}
            credit={creditLine(dataset)}
            code={dataset.code}
            url={dataset.url}
            title={dataset.title}
          />
        ) : (
          <p className="muted chart-empty">{series ? `Choose up to ${MAX_GEOS} countries to chart.` : "Choose a series."}</p>
        )}
      </div>
    </div>
  );
}

function GeoChoice({ available, chosen, onChange }: { available: StatsDatasetDetail["geos"]; chosen: string[]; onChange(geo: string[]): void }) {
  const full = chosen.length >= MAX_GEOS;
  const kinds: [string, string][] = [
    ["country", "Countries"],
    ["aggregate", "Aggregates"],
    ["region", "Regions"],
  ];
  return (
    <fieldset className="field checkbox-group stats-geos" aria-describedby="stats-geos-hint">
      <legend>Countries</legend>
      <p className="field-hint" id="stats-geos-hint">
        Up to {MAX_GEOS}; {chosen.length} chosen.{" "}
        {chosen.length > 0 ? (
          <button type="button" className="button-link" onClick={() => onChange([])}>
            Clear
          </button>
        ) : null}
      </p>
      <div className="stats-geo-list">
        {kinds.map(([kind, heading]) => {
          const geos = available.filter((g) => g.kind === kind);
          if (geos.length === 0) return null;
          return (
            <div key={kind} role="group" aria-label={heading}>
              {kind !== "country" ? <p className="stats-geo-kind">{heading}</p> : null}
              {geos.map((g) => {
                const checked = chosen.includes(g.code);
                return (
                  <label key={g.code} className="checkbox">
                    <input
                      type="checkbox"
                      value={g.code}
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(e) => onChange(e.target.checked ? [...chosen, g.code] : chosen.filter((c) => c !== g.code))}
                    />
                    <span>
                      {g.label}
                      {/* A country's ISO code helps find it; an aggregate's code (EU27_2020) is an identifier. */}
                      {g.kind === "country" ? <span className="muted"> {g.code}</span> : null}
                    </span>
                  </label>
                );
              })}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface SeriesValuesProps {
  datasetId: string;
  series: StatsSeries;
  geos: string[];
  geoLabel(code: string): string;
  credit: string;
  code: string;
  title: string;
  url: string | null;
}

async function allObservations(datasetId: string, seriesId: string, geos: string[]): Promise<StatsObservationPage["items"]> {
  const items: StatsObservationPage["items"] = [];
  let cursor: string | undefined;
  do {
    const page = await api("GET /stats/observations", { query: { dataset: datasetId, series: [seriesId], geo: geos, limit: 10_000, cursor } });
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

function SeriesValues({ datasetId, series, geos, geoLabel, credit, code, title, url }: SeriesValuesProps) {
  const values = useApi(() => allObservations(datasetId, series.id, geos), [datasetId, series.id, geos.join(",")]);
  if (values.error)
    return (
      <Notice tone="error" title="The values could not be loaded">
        {values.error.message}
      </Notice>
    );
  if (!values.data)
    return (
      <p className="muted chart-empty" role="status">
        Loading the values…
      </p>
    );
  const table = statsTable(values.data, geos);
  const what = `${title}: ${seriesLabel(series)}${series.unit ? ` (${series.unit})` : ""}`;
  const download = () => downloadText(`${code}-${geos.join("-")}.csv`, statsCsv(table));
  return (
    <>
      <div className="stats-result-header">
        <h3>{what}</h3>
        <button type="button" className="button button-secondary button-small" onClick={download} disabled={table.periods.length === 0}>
          Download CSV
        </button>
      </div>
      {table.periods.length === 0 ? (
        <p className="muted chart-empty">No values for these countries.</p>
      ) : (
        <SeriesChart table={table} title={what} geoLabel={geoLabel} />
      )}
      <p className="credit stats-credit">
        {credit}
        {url ? (
          <>
            {" "}
            <a href={url} rel="noreferrer">
              The dataset at {code.includes(" ") ? "the publisher" : `the publisher (${code})`}
            </a>
          </>
        ) : null}
      </p>
      {table.periods.length > 0 ? (
        <Section title="Values" id="stats-values">
          <ValuesTable table={table} caption={`${what}, by period and country`} geoLabel={geoLabel} />
        </Section>
      ) : null}
    </>
  );
}
