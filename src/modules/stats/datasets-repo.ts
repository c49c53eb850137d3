// Kysely queries behind the statistics API's reads: a dataset with its counts, its series a page at
// a time with what each holds, the geos it covers, and pages of observations in a stable order
// (series key, geo, period) that a cursor can resume.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { ObservationCursor } from "./schema.js";

type Db = Kysely<Database>;

/** One dataset (or every dataset) with how many series and values it holds. */
export async function datasetsWithCounts(db: Db, id?: string) {
  let q = db
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
    ]);
  if (id !== undefined) q = q.where("datasets.id", "=", id);
  return q.orderBy("publisher").orderBy("code").execute();
}

export async function findDatasetById(db: Db, id: string) {
  return db.selectFrom("datasets").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The dimensions of every series of a dataset (JSON text, as stored). */
export async function seriesDimensions(db: Db, datasetId: string) {
  return db.selectFrom("series").select(["dimensions", "dimension_labels"]).where("dataset_id", "=", datasetId).execute();
}

/** Up to `limit + 1` series of a dataset after the key `after`, in key order. */
export async function seriesPage(db: Db, datasetId: string, limit: number, after: string | null) {
  let q = db.selectFrom("series").select(["id", "key", "dimensions", "dimension_labels", "unit"]).where("dataset_id", "=", datasetId);
  if (after !== null) q = q.where("key", ">", after);
  return q
    .orderBy("key")
    .limit(limit + 1)
    .execute();
}

/** For each of these series and each geo it has values for: how many, the first and the last period. */
export async function seriesCoverage(db: Db, seriesIds: string[]) {
  if (seriesIds.length === 0) return [];
  return db
    .selectFrom("observations")
    .select((eb) => ["series_id", "geo", eb.fn.countAll<number>().as("n"), eb.fn.min("period").as("first"), eb.fn.max("period").as("last")])
    .where("series_id", "in", seriesIds)
    .groupBy(["series_id", "geo"])
    .execute();
}

/** Every geo a dataset has values for, with how many, the first and the last period. */
export async function datasetGeos(db: Db, datasetId: string) {
  return db
    .selectFrom("observations")
    .innerJoin("series", "series.id", "observations.series_id")
    .innerJoin("geos", "geos.code", "observations.geo")
    .select((eb) => [
      "geos.code",
      "geos.kind",
      "geos.label",
      eb.fn.countAll<number>().as("n"),
      eb.fn.min("observations.period").as("first"),
      eb.fn.max("observations.period").as("last"),
    ])
    .where("series.dataset_id", "=", datasetId)
    .groupBy(["geos.code", "geos.kind", "geos.label"])
    .execute();
}

/** Which of these ids are series of the dataset. */
export async function seriesOfDataset(db: Db, datasetId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db.selectFrom("series").select("id").where("dataset_id", "=", datasetId).where("id", "in", ids).execute();
  return new Set(rows.map((r) => r.id));
}

export interface ObservationFilter {
  datasetId: string;
  series?: string[];
  geos?: string[];
  periodFrom?: string;
  periodTo?: string;
  limit: number;
}

/** Up to `limit + 1` observations after `cursor` in (series key, geo, period) order. */
export async function observationPage(db: Db, filter: ObservationFilter, cursor: ObservationCursor | null) {
  let q = db
    .selectFrom("observations")
    .innerJoin("series", "series.id", "observations.series_id")
    .select(["series.id as series_id", "series.key", "observations.geo", "observations.period", "observations.value", "observations.flag"])
    .where("series.dataset_id", "=", filter.datasetId);
  if (filter.series !== undefined) q = q.where("series.id", "in", filter.series);
  if (filter.geos !== undefined) q = q.where("observations.geo", "in", filter.geos);
  if (filter.periodFrom !== undefined) q = q.where("observations.period", ">=", filter.periodFrom);
  const to = filter.periodTo;
  // "Up to 2012" takes in 2012's quarters, months and days, which sort after "2012" as text.
  if (to !== undefined) q = q.where((eb) => eb.or([eb("observations.period", "<=", to), eb("observations.period", "like", `${to}-%`)]));
  if (cursor !== null) {
    q = q.where((eb) =>
      eb.or([
        eb("series.key", ">", cursor.key),
        eb.and([
          eb("series.key", "=", cursor.key),
          eb.or([eb("observations.geo", ">", cursor.geo), eb.and([eb("observations.geo", "=", cursor.geo), eb("observations.period", ">", cursor.period)])]),
        ]),
      ]),
    );
  }
  return q
    .orderBy("series.key")
    .orderBy("observations.geo")
    .orderBy("observations.period")
    .limit(filter.limit + 1)
    .execute();
}

export async function seriesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("series").select(["id", "key", "dimensions", "dimension_labels", "unit"]).where("id", "in", ids).orderBy("key").execute();
}

export async function geosByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom("geos").select(["code", "kind", "label"]).where("code", "in", codes).orderBy("code").execute();
}

/**
 * Observations of a publisher's dataset (its code in any case) for some geos up to a period
 * (inclusive), newest first, each with the dataset's citation and its series' dimensions, their
 * labels as the publisher gave them, and unit.
 */
export async function observationsUpTo(db: Db, publisher: string, code: string, geos: readonly string[], lastPeriod: string) {
  if (geos.length === 0) return [];
  const rows = await db
    .selectFrom("observations")
    .innerJoin("series", "series.id", "observations.series_id")
    .innerJoin("datasets", "datasets.id", "series.dataset_id")
    .select([
      "datasets.publisher",
      "datasets.code",
      "datasets.title",
      "datasets.revision",
      "datasets.retrieved_at",
      "datasets.updated_at",
      "series.dimensions",
      "series.dimension_labels",
      "series.unit",
      "observations.geo",
      "observations.period",
      "observations.value",
      "observations.flag",
    ])
    .where("datasets.publisher", "=", publisher)
    .where((eb) => eb(eb.fn("lower", ["datasets.code"]), "=", code.toLowerCase()))
    .where("observations.geo", "in", [...geos])
    .where("observations.period", "<=", lastPeriod)
    .orderBy("observations.period", "desc")
    .execute();
  return rows.map((r) => ({
    ...r,
    dimensions: JSON.parse(r.dimensions) as Record<string, string>,
    labels: (r.dimension_labels ? JSON.parse(r.dimension_labels) : {}) as Record<string, string>,
  }));
}
