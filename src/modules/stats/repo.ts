// Kysely queries of the statistics module: datasets, series, geos, observations (the import's and
// the command line's; what the API reads is in datasets-repo.ts). Case outcomes: case-outcomes-repo.ts.
import type { Kysely } from "kysely";
import type { Database, DatasetTable, ObservationTable } from "../../db/types.js";
import type { GeoRef } from "./geo.js";
import type { ObservationQuery } from "./schema.js";

type Db = Kysely<Database>;

/** Rows per statement: 500 observations × 5 columns keeps well under SQLite's bound-variable limit. */
export const OBSERVATION_BATCH = 500;

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

/** A dataset's series by its key. */
export async function findSeries(db: Db, publisher: string, code: string, key: string) {
  return db
    .selectFrom("series")
    .innerJoin("datasets", "datasets.id", "series.dataset_id")
    .select(["series.id"])
    .where("datasets.publisher", "=", publisher)
    .where("datasets.code", "=", code)
    .where("series.key", "=", key)
    .executeTakeFirst();
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
    .values(
      geos.map((g) => ({
        code: g.code,
        kind: g.kind,
        label: g.label,
        country_code: g.countryCode !== null && countries.has(g.countryCode) ? g.countryCode : null,
      })),
    )
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
    .where((eb) =>
      eb(
        eb.refTuple("series_id", "geo", "period"),
        "in",
        keys.map((k) => eb.tuple(k.series_id, k.geo, k.period)),
      ),
    )
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

/** Remove withdrawn observations (their history stays in observation_revisions). */
export async function deleteObservations(db: Db, keys: { series_id: string; geo: string; period: string }[]) {
  for (let i = 0; i < keys.length; i += OBSERVATION_BATCH) {
    const chunk = keys.slice(i, i + OBSERVATION_BATCH);
    await db
      .deleteFrom("observations")
      .where((eb) =>
        eb(
          eb.refTuple("series_id", "geo", "period"),
          "in",
          chunk.map((k) => eb.tuple(k.series_id, k.geo, k.period)),
        ),
      )
      .execute();
  }
}

/** Record what values became at a revision (a value, or null: withdrawn). */
export async function insertRevisions(db: Db, rows: Database["observation_revisions"][]) {
  // 6 columns a row: 400 rows keep under SQLite's bound-variable limit.
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto("observation_revisions")
      .values(rows.slice(i, i + 400))
      .execute();
}

/** A value as it stood at a revision of its dataset: the latest record at or before it (null: none, or withdrawn). */
export async function valueAtRevision(db: Db, key: { series_id: string; geo: string; period: string }, revision: number) {
  return db
    .selectFrom("observation_revisions")
    .select(["revision", "value", "flag"])
    .where("series_id", "=", key.series_id)
    .where("geo", "=", key.geo)
    .where("period", "=", key.period)
    .where("revision", "<=", revision)
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
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

/** Observations of some geos and periods in the series of a dataset, with the dataset's citation. */
export async function observationsFor(db: Db, publisher: string, code: string, geos: readonly string[], periods: readonly string[]) {
  if (geos.length === 0 || periods.length === 0) return [];
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
      "observations.geo",
      "observations.period",
      "observations.value",
      "observations.flag",
    ])
    .where("datasets.publisher", "=", publisher)
    .where("datasets.code", "=", code)
    .where("observations.geo", "in", [...geos])
    .where("observations.period", "in", [...periods])
    .orderBy("series.key")
    .execute();
}
