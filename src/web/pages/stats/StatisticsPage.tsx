// Official statistics: the datasets held (publisher, code, title, revision, when retrieved), one
// of them explored series by series and country by country, and, for those who may, a file
// imported with the same report as the CLI's.
import { api } from "../../api/client.js";
import type { StatsDataset } from "../../api/types.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { Link, useLocation } from "../../lib/router.js";
import { useUser } from "../../lib/session.js";
import { useApi } from "../../lib/use-api.js";
import { ImportForm } from "./ImportForm.js";
import { SeriesExplorer, statisticsHref } from "./SeriesExplorer.js";
import { importsStatistics } from "./stats-access.js";

export function StatisticsPage() {
  const user = useUser();
  const { query } = useLocation();
  const datasets = useApi(() => api("GET /stats/datasets"), []);
  const datasetId = query.get("dataset");
  const seriesId = query.get("series");
  const geos = (query.get("geo") ?? "").split(",").filter(Boolean);
  const current = datasets.data?.items.find((d) => d.id === datasetId) ?? null;

  return (
    <Page title="Statistics">
      <Section title="Datasets">
        {datasets.error ? (
          <Notice tone="error" title="The datasets could not be loaded">
            {datasets.error.message}
          </Notice>
        ) : null}
        {datasets.data ? (
          <DatasetTable datasets={datasets.data.items} current={datasetId} importer={importsStatistics(user)} />
        ) : datasets.error ? null : (
          <p className="muted" role="status">
            Loading…
          </p>
        )}
      </Section>
      {datasetId && datasets.data && !current ? (
        <Notice tone="warning" title="That dataset is not held">
          Choose one from the list.
        </Notice>
      ) : null}
      {current ? (
        <Section title={`${current.publisher} ${current.code} — ${current.title}`} id="stats-explore">
          <SeriesExplorer key={current.id} datasetId={current.id} seriesId={seriesId} geos={geos} />
        </Section>
      ) : null}
      {importsStatistics(user) ? (
        <Section title="Import a file" id="stats-import">
          <ImportForm onImported={() => datasets.reload()} />
        </Section>
      ) : null}
    </Page>
  );
}

function DatasetTable({ datasets, current, importer }: { datasets: StatsDataset[]; current: string | null; importer: boolean }) {
  if (datasets.length === 0) return <p className="muted">No dataset is held yet.{importer ? " Import one below." : ""}</p>;
  return (
    <div className="table-scroll">
      <table className="table stats-datasets">
        <caption className="visually-hidden">Datasets held; choose one to explore</caption>
        <thead>
          <tr>
            <th scope="col">Publisher</th>
            <th scope="col">Code</th>
            <th scope="col">Title</th>
            <th scope="col" className="numeric">
              Series
            </th>
            <th scope="col" className="numeric">
              Values
            </th>
            <th scope="col" className="numeric">
              Revision
            </th>
            <th scope="col">Retrieved</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={d.id} className={d.id === current ? "stats-current" : undefined}>
              <td>{d.publisher}</td>
              <td>
                <Link to={statisticsHref({ dataset: d.id })} aria-current={d.id === current ? "true" : undefined}>
                  {d.code}
                </Link>
              </td>
              <td>{d.title}</td>
              <td className="numeric">{d.series.toLocaleString("en-GB")}</td>
              <td className="numeric">{d.observations.toLocaleString("en-GB")}</td>
              <td className="numeric">{d.revision}</td>
              <td>
                <time dateTime={d.retrieved_at}>{d.retrieved_at.slice(0, 10)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
