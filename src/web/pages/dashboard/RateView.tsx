// The dashboard's rate view: incidents per 100,000 residents with exact 95% intervals, per year and
// category over all the countries counted together (chart), by country for one year (map and
// table), and by group of perpetrators' statuses as reported (citizens per citizen, foreign
// nationals per foreign resident; `unknown` as a share, never a rate). A country-year without a
// population figure is hatched and says so; the population's publishers are credited under each.
import type { ReactNode } from "react";
import type { AnalysisCounts, AnalysisRates } from "../../api/types.js";
import { Section } from "../../components/Page.js";
import { MIGRATION_STATUS_LABELS } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { ChoroplethMap, type MapCell, type MapLegendItem } from "./ChoroplethMap.js";
import { MAP_EMPTY, rateColour } from "./palette.js";
import { formatInterval, formatPopulation, formatRate, formatShare, populationCredit, rateBreaks } from "./rate-format.js";
import { RateChart } from "./RateChart.js";

type Group = AnalysisRates["groups"][number]["group"];
type CountryRow = AnalysisRates["rows"][number];

const GROUP_LABELS: Record<Group, string> = { all: "All incidents", citizens: "Citizens", foreign_nationals: "Foreign nationals", unknown: "Unknown" };

interface RateViewProps {
  rates: AnalysisRates;
  counts: AnalysisCounts;
  year: string;
  map: "europe" | "world";
  mapActions: ReactNode;
  nameOf(code: string): string;
  categoryLabel(code: string): string;
  colourOf(category: string): string;
  alpha2ByNumeric: Map<string, string>;
  hrefOf(narrow: { country?: string; year?: string; category?: string; migration_status?: readonly string[] }): string;
}

export function RateView(props: RateViewProps) {
  const { rates, year, nameOf } = props;
  const credit = populationCredit(rates.sources);
  const countryRows = rates.dimensions.countries.map(
    (country) => rates.rows.find((r) => r.country === country && r.category === null && r.period === year && r.group === "all")!,
  );
  return (
    <>
      <Section title="Incidents per 100,000 residents per year, by category">
        <p className="muted small">
          All the countries counted together ({rates.combined.countries.map(nameOf).join(", ") || "none"}): their incidents over the sum of their populations.{" "}
          {rates.combined.scope}
        </p>
        <RateChart rates={rates} categoryLabel={props.categoryLabel} colourOf={props.colourOf} hrefOf={(y, category) => props.hrefOf({ year: y, category })} />
        {credit ? <p className="credit small">{credit}</p> : null}
      </Section>
      <div className="map-layout map-layout-rates">
        <Section title={`By country — ${props.map === "world" ? "world" : "Europe"}, per 100,000 in ${year}`} id="map" actions={props.mapActions}>
          <RateMap {...props} rows={countryRows} credit={credit} />
        </Section>
        <Section title={`Countries, ${year}`} id="country-table">
          <RateCountryTable rows={countryRows} year={year} nameOf={nameOf} hrefOf={(country) => props.hrefOf({ country, year })} />
        </Section>
      </div>
      <Section title={`Perpetrators' migration status as reported — rates in ${year}`}>
        <GroupTable rates={rates} year={year} hrefOf={(statuses) => props.hrefOf({ year, migration_status: statuses })} />
        {credit ? <p className="credit small">{credit}</p> : null}
      </Section>
      <details className="method-note">
        <summary>How these rates are made</summary>
        <p className="small">{rates.denominators}</p>
        <p className="small">{rates.counting}</p>
        <p className="small">
          Intervals: {rates.methods.rate} for rates, {rates.methods.share} for shares. Counted: {rates.basis.description}
        </p>
      </details>
    </>
  );
}

function RateMap({ rows, year, map, nameOf, alpha2ByNumeric, hrefOf, credit }: RateViewProps & { rows: CountryRow[]; credit: string | null }) {
  const breaks = rateBreaks(Math.max(0, ...rows.map((r) => r.rate_per_100k ?? 0)));
  const cells = new Map<string, MapCell>();
  for (const row of rows) {
    const name = nameOf(row.country);
    const incidents = `${row.incidents} incident${row.incidents === 1 ? "" : "s"}`;
    cells.set(row.country, {
      fill: row.rate_per_100k === null ? "hatch" : rateColour(row.rate_per_100k, breaks),
      label:
        row.rate_per_100k === null
          ? `${name}: ${incidents} in ${year}, no rate (${row.no_rate_reason})`
          : `${name}: ${formatRate(row.rate_per_100k)} per 100,000 in ${year} (95% interval ${formatInterval(row.ci95!)}), ${incidents}`,
      href: row.incidents > 0 ? hrefOf({ country: row.country, year }) : null,
    });
  }
  const legend: MapLegendItem[] = breaks.map((upper, i) => ({
    fill: rateColour(upper, breaks),
    label: `${i === 0 ? "0" : formatRate(breaks[i - 1]!)}–${formatRate(upper)}`,
  }));
  if (breaks.length === 0 && rows.some((r) => r.rate_per_100k === 0)) legend.push({ fill: rateColour(0, breaks), label: "0" });
  if (rows.some((r) => r.rate_per_100k === null)) legend.push({ fill: "hatch", label: "no population figure" });
  legend.push({ fill: MAP_EMPTY, label: "not counted" });
  return (
    <ChoroplethMap
      view={map}
      cells={cells}
      alpha2ByNumeric={alpha2ByNumeric}
      subject={`incidents per 100,000 residents in ${year}`}
      legendLabel={`Map legend: incidents per 100,000 residents in ${year}`}
      legend={legend}
      credit={credit}
    />
  );
}

function RateCountryTable({ rows, year, nameOf, hrefOf }: { rows: CountryRow[]; year: string; nameOf(code: string): string; hrefOf(code: string): string }) {
  if (rows.length === 0) return <p className="muted">No incident matches these filters.</p>;
  const sorted = [...rows].sort((a, b) => nameOf(a.country).localeCompare(nameOf(b.country)));
  const caption = `Incidents per 100,000 residents by country in ${year}, with 95% intervals`;
  // Focusable, so a keyboard can scroll it even when no row has a link (a year without incidents).
  return (
    <div className="table-scroll table-scroll-tall" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table-compact rate-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col" className="numeric">
              Incidents
            </th>
            <th scope="col" className="numeric">
              Rate per 100,000 <span className="block small">95% interval</span>
            </th>
            <th scope="col" className="numeric">
              Population
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.country}>
              <th scope="row">{row.incidents > 0 ? <Link to={hrefOf(row.country)}>{nameOf(row.country)}</Link> : nameOf(row.country)}</th>
              <td className="numeric">{row.incidents}</td>
              {row.denominator ? (
                <>
                  <td className="numeric">
                    {formatRate(row.rate_per_100k!)}
                    <span className="block small muted">{formatInterval(row.ci95!)}</span>
                  </td>
                  <td className="numeric" title={`${row.denominator.source.publisher}, ${row.denominator.reference} ${row.denominator.year}`}>
                    {formatPopulation(row.denominator.value)}
                  </td>
                </>
              ) : (
                <td colSpan={2} className="muted small">
                  {capitalise(row.no_rate_reason!)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GroupTable({ rates, year, hrefOf }: { rates: AnalysisRates; year: string; hrefOf(statuses: readonly string[]): string }) {
  const rowOf = (group: Group) => rates.combined.rows.find((r) => r.category === null && r.period === year && r.group === group);
  const unknown = rates.combined.unknown_shares.find((s) => s.category === null && s.period === year);
  const caveats = [...new Set(rates.groups.flatMap((g) => g.caveats))];
  return (
    <>
      <p className="muted small">
        All the countries counted together. Each group meets its own population: citizens per 100,000 citizens, foreign nationals per 100,000 foreign residents.
        An incident counts once in each group its perpetrators were reported in, so the groups may add up to more than all incidents.
      </p>
      <table className="table table-compact status-table group-table">
        <caption className="visually-hidden">Incidents per 100,000 by group of perpetrators' migration status as reported, {year}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="numeric">
              Incidents
            </th>
            <th scope="col" className="numeric">
              Rate per 100,000
            </th>
            <th scope="col" className="numeric">
              95% interval
            </th>
            <th scope="col">Population</th>
          </tr>
        </thead>
        <tbody>
          {rates.groups.map(({ group, statuses }) => {
            const row = rowOf(group);
            if (!row) return null;
            const label = GROUP_LABELS[group];
            const statusNames = statuses.map((s) => MIGRATION_STATUS_LABELS[s as keyof typeof MIGRATION_STATUS_LABELS] ?? s).join(", ");
            return (
              <tr key={group} className={group === "unknown" ? "row-emphasis" : undefined}>
                <th scope="row">
                  {row.incidents > 0 ? <Link to={hrefOf(statuses)}>{label}</Link> : label}
                  {statusNames && group !== "unknown" ? <span className="muted small block">{statusNames}</span> : null}
                </th>
                <td className="numeric">{row.incidents}</td>
                {group === "unknown" ? (
                  <td colSpan={3} className="small">
                    Never a rate.{" "}
                    {unknown && unknown.share !== null
                      ? `Share of all incidents: ${formatShare(unknown.share, unknown.ci95)}, ${unknown.unknown} of ${unknown.incidents}.`
                      : "No incident counted."}
                  </td>
                ) : row.denominator ? (
                  <>
                    <td className="numeric">{formatRate(row.rate_per_100k!)}</td>
                    <td className="numeric">{formatInterval(row.ci95!)}</td>
                    <td className="small">
                      {formatPopulation(row.denominator.value)}{" "}
                      {row.denominator.citizen === "NAT" ? "citizens" : row.denominator.citizen === "FOR" ? "foreign citizens" : "residents"}
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="muted small">
                    {capitalise(row.no_rate_reason!)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {caveats.length > 0 ? (
        <ul className="caveats small">
          {caveats.map((caveat) => (
            <li key={caveat}>{caveat}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
