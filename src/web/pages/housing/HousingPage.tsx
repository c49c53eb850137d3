// Housing and displacement for one country (issue 13): house-price and rent indices (nominal or
// real, each with its base year), asylum applications and reception figures where held, and the
// housing and displacement incidents by year, on one time axis — each series in its own unit and
// credited to its publisher, with no claim that one moves another.
import { dayText } from "../../../domain/dates.js";
import { api } from "../../api/client.js";
import type { AnalysisHousing } from "../../api/types.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { SelectField } from "../../components/form.js";
import { useReference } from "../../lib/reference.js";
import { navigate, useLocation } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { TimeAxisPanels, type Panel } from "./TimeAxisPanels.js";

const KIND_WORDS: Record<AnalysisHousing["not_held"][number], string> = {
  house_prices: "house-price index",
  rents: "rent index",
  asylum_applications: "asylum applications",
  reception: "reception or accommodation figures",
};

type Series = AnalysisHousing["series"][number];
const titleOf = (s: Series) => (s.measure ? `${s.label} (${s.measure})` : s.label);
const creditOf = (s: Series) => `Source: ${s.source.publisher}, ${s.source.title}, retrieved ${dayText(s.source.retrieved_at.slice(0, 10))}.`;

export function HousingPage() {
  const reference = useReference();
  const { query } = useLocation();
  const country = query.get("country") ?? "";
  const answer = useApi(() => (country ? api("GET /analysis/housing", { query: { country } }) : Promise.resolve(null)), [country]);
  const data = answer.data;
  const panels: Panel[] = data
    ? [
        ...data.series.map((s) => ({ title: titleOf(s), unit: s.unit, credit: creditOf(s), points: s.points })),
        ...(data.incidents.by_year.length > 0
          ? [
              {
                title: data.incidents.label,
                unit: "Incidents recorded and accepted, per year",
                credit: "Source: Rapporteur, incidents recorded by posts and accepted by the bureau.",
                points: data.incidents.by_year.map((y) => ({ period: y.year, value: y.incidents })),
                bars: true,
              },
            ]
          : []),
      ]
    : [];

  return (
    <Page title="Housing and displacement">
      <form className="filter-bar" aria-label="Which country" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          path="country"
          label="Country"
          value={country}
          empty="Choose a country"
          options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
          onValue={(code) => navigate(code ? `/housing?country=${code}` : "/housing", { replace: true })}
        />
      </form>
      {!country ? <p className="muted">Choose a country to see its housing indicators.</p> : null}
      {answer.error ? (
        <Notice tone="error" title="The indicators could not be loaded">
          {answer.error.message}
        </Notice>
      ) : null}
      {data ? (
        <Section title={reference.countryName(data.country)}>
          {data.incidents.synthetic > 0 ? <SyntheticWatermark count={data.incidents.synthetic} /> : null}
          <p>{data.note}</p>
          {panels.length === 0 ? (
            <p className="muted">No housing indicator and no housing incident is held for this country.</p>
          ) : (
            <TimeAxisPanels panels={panels} />
          )}
          {data.series.length > 0 ? (
            <table className="table housing-table">
              <caption>Latest figure of each series</caption>
              <thead>
                <tr>
                  <th scope="col">Series</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Base year</th>
                  <th scope="col">Period</th>
                  <th scope="col" className="numeric">
                    Value
                  </th>
                  <th scope="col">Publisher</th>
                </tr>
              </thead>
              <tbody>
                {data.series.map((s) => {
                  const last = s.points.at(-1)!;
                  return (
                    <tr key={`${s.source.publisher} ${s.source.dataset} ${s.label}`}>
                      <th scope="row">{titleOf(s)}</th>
                      <td>{s.unit}</td>
                      <td>{s.base_year ?? "—"}</td>
                      <td>{last.period}</td>
                      <td className="numeric">{last.value.toLocaleString("en-GB", { maximumFractionDigits: 6 })}</td>
                      <td>{s.source.publisher}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          {data.not_held.length > 0 ? <p className="muted">Not held for this country: {data.not_held.map((k) => KIND_WORDS[k]).join(", ")}.</p> : null}
        </Section>
      ) : null}
    </Page>
  );
}
