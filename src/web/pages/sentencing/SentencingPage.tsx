// The sentencing comparison ("two-tiered justice"): case outcomes compared within one country,
// offence and court level between defendants reported as citizens and as foreign nationals — box
// plots with n beside each group, the figures in a table, the rank test, or the refusal with its
// reason when a group is below the minimum n. The filters live in the address, so a view can be shared.
// Below, the notable cases of the country chosen: a few outcomes side by side, no statistical claim.
import { api } from "../../api/client.js";
import type { AnalysisSentencing, SentencingQuery } from "../../api/types.js";
import { Notice, SyntheticWatermark } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { SelectField, TextField } from "../../components/form.js";
import { COURT_LEVEL_LABELS, MIGRATION_STATUS_LABELS } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { Link, navigate, useLocation } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { COURT_LEVELS, type CourtLevel } from "../../../domain/vocabulary.js";
import { BoxPlot } from "./BoxPlot.js";
import { NotableCases } from "./NotableCases.js";

type Stratum = AnalysisSentencing["strata"][number];
const FILTERS = ["country", "offence_category", "court_level", "decided_from", "decided_to"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const percent = (x: number) => `${Math.round(x * 100)}%`;
const pText = (p: number) => (p < 0.001 ? "below 0.001" : p.toFixed(3));

function queryOf(f: Filters): SentencingQuery {
  const q: SentencingQuery = {};
  if (f.country) q.country = [f.country];
  if (f.offence_category) q.offence_category = [f.offence_category];
  if (f.court_level) q.court_level = [f.court_level as CourtLevel];
  if (f.decided_from) q.decided_from = f.decided_from;
  if (f.decided_to) q.decided_to = f.decided_to;
  return q;
}

function hrefOf(f: Filters): string {
  const params = new URLSearchParams(FILTERS.flatMap((k) => (f[k] ? [[k, f[k]]] : [])));
  const text = params.toString();
  return text ? `/sentencing?${text}` : "/sentencing";
}

export function SentencingPage() {
  const reference = useReference();
  const { query } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? ""])) as Filters;
  const key = hrefOf(filters);
  const answer = useApi(() => api("GET /analysis/sentencing", { query: queryOf(filters) }), [key]);
  const apply = (change: Partial<Filters>) => navigate(hrefOf({ ...filters, ...change }), { replace: true });
  const offenceName = (s: Stratum) => `${s.offence.categories.map(reference.categoryLabel).join(", ")}${s.offence.iccs ? ` (ICCS ${s.offence.iccs})` : ""}`;

  return (
    <Page title="Sentencing comparison">
      <p>
        Sentences for the same offence at the same court level in one country, by the defendant's migration status as reported. A difference here does not by
        itself show unequal treatment: offences within one code differ in gravity, and prior convictions and pleas are not recorded.
      </p>
      <p>
        <Link to="/case-outcomes">Case outcomes</Link>: the decisions compared here, to record, correct or import.
      </p>
      <form className="filter-bar" aria-label="Which case outcomes" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          path="country"
          label="Country"
          value={filters.country}
          empty="All countries"
          options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
          onValue={(country) => apply({ country })}
        />
        <SelectField
          path="offence_category"
          label="Offence"
          value={filters.offence_category}
          empty="All offences"
          options={reference.taxonomy.categories.map((c) => ({ value: c.code, label: c.label }))}
          onValue={(offence_category) => apply({ offence_category })}
        />
        <SelectField
          path="court_level"
          label="Court level"
          value={filters.court_level}
          empty="All court levels"
          options={COURT_LEVELS.map((c) => ({ value: c, label: COURT_LEVEL_LABELS[c] }))}
          onValue={(court_level) => apply({ court_level })}
        />
        <TextField path="decided_from" label="Decided from" type="date" value={filters.decided_from} onValue={(decided_from) => apply({ decided_from })} />
        <TextField path="decided_to" label="Decided to" type="date" value={filters.decided_to} onValue={(decided_to) => apply({ decided_to })} />
      </form>
      {answer.error ? (
        <Notice tone="error" title="The comparison could not be made">
          {answer.error.message}
        </Notice>
      ) : null}
      {answer.data ? (
        <>
          {answer.data.synthetic_outcomes > 0 ? <SyntheticWatermark count={answer.data.synthetic_outcomes} /> : null}
          {answer.data.strata.length === 0 ? <p className="muted">No case outcome matches these filters.</p> : null}
          {answer.data.strata.map((s) => (
            <Section
              key={`${s.country} ${s.offence.iccs ?? s.offence.categories.join()} ${s.court_level}`}
              title={`${reference.countryName(s.country)} — ${offenceName(s)}, ${COURT_LEVEL_LABELS[s.court_level].toLowerCase()}`}
            >
              <StratumView stratum={s} minimumN={answer.data!.minimum_n} />
            </Section>
          ))}
          <details className="chart-data">
            <summary>How outcomes are compared</summary>
            <p>{answer.data.rule}</p>
            <p>Quartiles: {answer.data.quantile_definition}.</p>
            <p>{answer.data.rank_test_method}</p>
          </details>
        </>
      ) : answer.error ? null : (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      <NotableCases country={filters.country} />
    </Page>
  );
}

function StratumView({ stratum: s, minimumN }: { stratum: Stratum; minimumN: number }) {
  const unknown = s.sentenced_by_status.find((x) => x.migration_status === "unknown")?.n ?? 0;
  const boxes = s.groups.flatMap((g) => (g.custodial_months ? [{ label: g.label, n: g.n, months: g.custodial_months }] : []));
  return (
    <div className="sentencing-stratum">
      <p>
        {s.outcomes} case outcomes: {s.acquitted} acquitted, {s.sentence_not_recorded} convicted without a recorded sentence; sentenced defendants of unknown
        status: {unknown} (in neither group).
      </p>
      {s.refused ? (
        <Notice tone="warning" title="No comparison">
          {`Not compared: ${s.refusal_reason}. Each group needs at least ${minimumN} sentenced defendants.`}
        </Notice>
      ) : (
        <BoxPlot groups={boxes} title="custodial months by defendants' status as reported" />
      )}
      <table className="table sentencing-table">
        <caption className="visually-hidden">Sentences by group</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col" className="numeric">
              n
            </th>
            <th scope="col" className="numeric">
              Median months
            </th>
            <th scope="col" className="numeric">
              Interquartile range
            </th>
            <th scope="col" className="numeric">
              Suspended
            </th>
            <th scope="col" className="numeric">
              Fined
            </th>
          </tr>
        </thead>
        <tbody>
          {s.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{g.label}</th>
              <td className="numeric">{g.n}</td>
              <td className="numeric">{g.custodial_months ? g.custodial_months.median : "—"}</td>
              <td className="numeric">{g.custodial_months ? `${g.custodial_months.q1}–${g.custodial_months.q3}` : "—"}</td>
              <td className="numeric">{g.suspended ? `${percent(g.suspended.share)} (${g.suspended.count})` : "—"}</td>
              <td className="numeric">{g.fined ? `${percent(g.fined.share)} (${g.fined.count})` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.rank_test ? (
        <p className="sentencing-test">
          {`Mann–Whitney U = ${s.rank_test.u}, two-sided p = ${pText(s.rank_test.p_value)} (${s.rank_test.method}). `}
          {s.rank_test.p_value < 0.05
            ? "The custodial months of the two groups differ more than chance alone would often give."
            : "No significant difference in custodial months between the two groups."}
        </p>
      ) : null}
      <p className="muted">
        Sentenced by status as reported:{" "}
        {s.sentenced_by_status
          .filter((x) => x.n > 0 || x.migration_status === "unknown")
          .map((x) => `${MIGRATION_STATUS_LABELS[x.migration_status]} ${x.n}`)
          .join(", ")}
        .
      </p>
    </div>
  );
}
