// Kysely queries of the statistics module: datasets, series, geos, observations, case outcomes.
import { sql, type Kysely } from "kysely";
import type { CaseOutcomeTable, Database, DatasetTable, ObservationTable } from "../../db/types.js";
import type { GeoRef } from "./geo.js";
import type { CaseOutcomeQuery, ObservationQuery } from "./schema.js";

type Db = Kysely<Database>;

/** Rows per statement: 500 observations × 5 columns keeps well under SQLite's bound-variable limit. */
export const OBSERVATION_BATCH = 500;

export async function countryNames(db: Db) {
  return db.selectFrom("countries").select(["code", "alpha3", "name"]).execute();
}

export async function findDataset(db: Db, publisher: string, code: string) {
  return db.selectFrom("datasets").selectAll().where("publisher", "=", publisher).where("code", "=", code).executeTakeFirst();
}

export async function insertDataset(db: Db, row: DatasetTable) {
  await db.insertInto("datasets").values(row).execute();
}

export async function updateDataset(db: Db, id: string, changes: Partial<Omit<DatasetTable, "id">>) {
  await db.updateTable("datasets").set(changes).where("id", "=", id).execute();
}

export async function seriesOf(db: Db, datasetId: string) {
  return db.selectFrom("series").select(["id", "key"]).where("dataset_id", "=", datasetId).execute();
}

export async function insertSeries(db: Db, row: Database["series"]) {
  await db.insertInto("series").values(row).execute();
}

export async function knownGeoCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom("geos").select("code").execute()).map((g) => g.code));
}

export async function insertGeos(db: Db, geos: GeoRef[], countries: Set<string>) {
  if (geos.length === 0) return;
  await db
    .insertInto("geos")
    .values(geos.map((g) => ({ code: g.code, kind: g.kind, label: g.label, country_code: g.countryCode !== null && countries.has(g.countryCode) ? g.countryCode : null })))
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
}

export type ObservationRow = ObservationTable;

/** The stored observations among these keys. */
export async function existingObservations(db: Db, keys: { series_id: string; geo: string; period: string }[]): Promise<ObservationRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom("observations")
    .select(["series_id", "geo", "period", "value", "flag"])
    .where((eb) => eb(eb.refTuple("series_id", "geo", "period"), "in", keys.map((k) => eb.tuple(k.series_id, k.geo, k.period))))
    .execute();
}

/** Insert new observations and overwrite changed ones, in one statement per batch. */
export async function upsertObservations(db: Db, rows: ObservationRow[]) {
  for (let i = 0; i < rows.length; i += OBSERVATION_BATCH) {
    await db
      .insertInto("observations")
      .values(rows.slice(i, i + OBSERVATION_BATCH))
      .onConflict((oc) => oc.columns(["series_id", "geo", "period"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value"), flag: eb.ref("excluded.flag") })))
      .execute();
  }
}

export async function datasetSummaries(db: Db) {
  return db
    .selectFrom("datasets")
    .selectAll("datasets")
    .select((eb) => [
      eb.selectFrom("series").select(eb.fn.countAll<number>().as("n")).whereRef("series.dataset_id", "=", "datasets.id").as("series"),
      eb
        .selectFrom("observations")
        .innerJoin("series", "series.id", "observations.series_id")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("series.dataset_id", "=", "datasets.id")
        .as("observations"),
    ])
    .orderBy("publisher")
    .orderBy("code")
    .execute();
}

export async function findObservations(db: Db, query: ObservationQuery) {
  let q = db
    .selectFrom("observations")
    .innerJoin("series", "series.id", "observations.series_id")
    .innerJoin("datasets", "datasets.id", "series.dataset_id")
    .innerJoin("geos", "geos.code", "observations.geo")
    .select([
      "datasets.code as dataset",
      "series.key as series",
      "series.dimensions",
      "series.dimension_labels",
      "series.unit",
      "observations.geo",
      "geos.kind as geo_kind",
      "observations.period",
      "observations.value",
      "observations.flag",
    ])
    .where("datasets.code", "=", query.dataset);
  if (query.publisher !== undefined) q = q.where("datasets.publisher", "=", query.publisher);
  if (query.geo !== undefined) q = q.where("observations.geo", "=", query.geo);
  if (query.period !== undefined) q = q.where("observations.period", "=", query.period);
  return q.orderBy("series.key").orderBy("observations.geo").orderBy("observations.period").limit(query.limit).execute();
}

/** Observations of one geo and period in the series of a dataset, with the dataset's citation. */
export async function observationsFor(db: Db, publisher: string, code: string, geo: string, period: string) {
  return db
    .selectFrom("observations")
    .innerJoin("series", "series.id", "observations.series_id")
    .innerJoin("datasets", "datasets.id", "series.dataset_id")
    .select([
      "datasets.publisher",
      "datasets.code",
      "datasets.title",
      "datasets.licence",
      "datasets.revision",
      "datasets.retrieved_at",
      "series.key",
      "series.dimensions",
      "observations.value",
      "observations.flag",
    ])
    .where("datasets.publisher", "=", publisher)
    .where("datasets.code", "=", code)
    .where("observations.geo", "=", geo)
    .where("observations.period", "=", period)
    .orderBy("series.key")
    .execute();
}

export async function insertCaseOutcome(db: Db, row: CaseOutcomeTable) {
  await db.insertInto("case_outcomes").values(row).execute();
}

export async function findCaseOutcomes(db: Db, query: CaseOutcomeQuery & { id?: string }) {
  let q = db.selectFrom("case_outcomes").selectAll();
  if (query.id !== undefined) q = q.where("id", "=", query.id);
  if (query.country !== undefined) q = q.where("country_code", "=", query.country);
  if (query.offence_category !== undefined) q = q.where("offence_category", "=", query.offence_category);
  if (query.court_level !== undefined) q = q.where("court_level", "=", query.court_level);
  if (query.decided_from !== undefined) q = q.where("decision_date", ">=", query.decided_from);
  if (query.decided_to !== undefined) q = q.where("decision_date", "<=", query.decided_to);
  return q.orderBy("decision_date", "desc").orderBy("id").execute();
}

export async function iccsOf(db: Db, category: string): Promise<{ exists: boolean; iccs: string | null }> {
  const row = await db
    .selectFrom("taxonomy_categories")
    .select("iccs")
    .where("code", "=", category)
    .where("version", "=", (eb) => eb.selectFrom("taxonomy_versions").select(sql<number>`max(version)`.as("v")))
    .executeTakeFirst();
  return { exists: row !== undefined, iccs: row?.iccs ?? null };
}

export async function incidentExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom("incidents").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}
