// Kysely queries for incidents, their categories, perpetrator groups and comment threads, and the
// incident number counter. The service decides; this file only reads and writes. (The links to
// sources are the sources module's, read through sources/index.ts.)
import { sql, type Insertable, type Kysely } from "kysely";
import {
  beforeFirstDot,
  dialectOf,
  distinctList,
  incidentTextMatches,
  indexIncidentText,
  indexNewIncidentTexts,
  searchInNumberOrder,
  type DialectName,
} from "../../db/dialect.js";
import { tallyIncidents } from "./tallies-repo.js";
import { sourcesByIncident } from "../sources/index.js";
import type { Database, IncidentCommentTable, IncidentRow, IncidentUpdate, NewIncidentRow, PerpetratorGroupTable } from "../../db/types.js";
import { parentCode } from "../../domain/taxonomy.js";
import type { WorkflowState } from "../../domain/vocabulary.js";
import type { Visibility } from "../auth/policy.js";
import { incidentVisible } from "../auth/visibility-sql.js";
import type { IncidentListQuery } from "./schema.js";

const BATCH = 100;

/** Reserve `n` consecutive incident numbers; the same UPDATE ... RETURNING on both databases. */
export async function allocateIncidentNumbers(db: Kysely<Database>, n: number): Promise<number[]> {
  const { value } = await db
    .updateTable("sequences")
    .set((eb) => ({ value: eb("value", "+", n) }))
    .where("name", "=", "incident")
    .returning("value")
    .executeTakeFirstOrThrow();
  const last = value;
  return Array.from({ length: n }, (_, i) => last - n + 1 + i);
}

export interface IncidentRecord {
  row: NewIncidentRow;
  categories: string[];
  groups: Omit<PerpetratorGroupTable, "incident_id" | "ordinal">[];
}

export async function insertIncidents(db: Kysely<Database>, records: IncidentRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    await db
      .insertInto("incidents")
      .values(records.slice(i, i + BATCH).map((r) => r.row))
      .execute();
  }
  const categories = records.flatMap((r) =>
    r.categories.map((code) => ({ incident_id: r.row.id, taxonomy_version: r.row.taxonomy_version, category_code: code })),
  );
  for (let i = 0; i < categories.length; i += 300) {
    await db
      .insertInto("incident_categories")
      .values(categories.slice(i, i + 300))
      .execute();
  }
  const groups = records.flatMap((r) => r.groups.map((g, ordinal) => ({ incident_id: r.row.id, ordinal, ...g })));
  for (let i = 0; i < groups.length; i += 200) {
    await db
      .insertInto("incident_perpetrator_groups")
      .values(groups.slice(i, i + 200))
      .execute();
  }
  await tallyIncidents(
    db,
    records.map((r) => r.row.id),
    1,
  );
}

export async function findIncidentRow(db: Kysely<Database>, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findIncidentRows(db: Kysely<Database>, ids: readonly string[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("incidents")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

export async function categoriesByIncident(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("incident_categories")
    .select(["incident_id", "category_code"])
    .where("incident_id", "in", [...ids])
    .orderBy("category_code")
    .execute();
  for (const r of rows) map.set(r.incident_id, [...(map.get(r.incident_id) ?? []), r.category_code]);
  return map;
}

export async function groupsByIncident(db: Kysely<Database>, ids: readonly string[]) {
  const map = new Map<string, PerpetratorGroupTable[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("incident_perpetrator_groups")
    .selectAll()
    .where("incident_id", "in", [...ids])
    .orderBy("incident_id")
    .orderBy("ordinal")
    .execute();
  for (const r of rows) map.set(r.incident_id, [...(map.get(r.incident_id) ?? []), r]);
  return map;
}

/** Update only if the stored version is still `expectedVersion`; false when someone else saved first. */
export async function updateIncidentRow(db: Kysely<Database>, id: string, expectedVersion: number, values: IncidentUpdate) {
  await tallyIncidents(db, [id], -1);
  const result = await db
    .updateTable("incidents")
    .set({ ...values, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  await tallyIncidents(db, [id], 1);
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceCategories(db: Kysely<Database>, id: string, taxonomyVersion: number, codes: string[]) {
  await tallyIncidents(db, [id], -1);
  await db.deleteFrom("incident_categories").where("incident_id", "=", id).execute();
  await db
    .insertInto("incident_categories")
    .values(codes.map((code) => ({ incident_id: id, taxonomy_version: taxonomyVersion, category_code: code })))
    .execute();
  await tallyIncidents(db, [id], 1);
}

export async function replaceGroups(db: Kysely<Database>, id: string, groups: IncidentRecord["groups"]) {
  await tallyIncidents(db, [id], -1);
  await db.deleteFrom("incident_perpetrator_groups").where("incident_id", "=", id).execute();
  if (groups.length > 0) {
    await db
      .insertInto("incident_perpetrator_groups")
      .values(groups.map((g, ordinal) => ({ incident_id: id, ordinal, ...g })))
      .execute();
  }
  await tallyIncidents(db, [id], 1);
}

/** The text the full-text index holds for an incident: title, summary and its sources' titles. */
export function searchableText(title: string, summary: string, sourceTitles: string[]): string {
  return [title, summary, ...sourceTitles].join("\n");
}

/**
 * Index every incident's text again, `page` at a time in number order (migration 019, after the
 * table was made anew), with its sources' titles as `searchableText` takes them.
 */
export async function reindexAllIncidentTexts(db: Kysely<Database>, page = 2_000): Promise<number> {
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await db
      .selectFrom("incidents")
      .select(["id", "number", "title", "summary"])
      .where("number", ">", after)
      .orderBy("number")
      .limit(page)
      .execute();
    if (rows.length === 0) return done;
    const sources = await sourcesByIncident(
      db,
      rows.map((r) => r.id),
    );
    await indexNewIncidentTexts(
      db,
      rows.map((r) => ({
        number: r.number,
        text: searchableText(
          r.title,
          r.summary,
          (sources.get(r.id) ?? []).map((source) => source.title),
        ),
      })),
    );
    after = rows.at(-1)!.number;
    done += rows.length;
  }
}

/** Rewrite an incident's full-text entry; its sources' titles come from the sources module. */
export async function reindexIncident(db: Kysely<Database>, id: string, sourceTitles: string[]): Promise<void> {
  const row = await db.selectFrom("incidents").select(["number", "title", "summary"]).where("id", "=", id).executeTakeFirstOrThrow();
  await indexIncidentText(db, row.number, searchableText(row.title, row.summary, sourceTitles));
}

export interface ListCursor {
  /** The sort key of the last item: its number, or its occurred_from date. */
  key: string | number;
  number: number;
}

/** One page of incident ids in the requested order, plus one extra to tell whether more follow. */
export async function listIncidentRows(
  db: Kysely<Database>,
  dialect: DialectName,
  visibility: Visibility,
  filters: IncidentListQuery,
  cursor: ListCursor | null,
  options: { selectiveSearchMatches?: number } = {},
): Promise<IncidentRow[]> {
  let query = db.selectFrom("incidents").selectAll("incidents").where(incidentVisible(visibility));
  if (filters.country) query = query.where("country_code", "in", filters.country);
  if (filters.post) query = query.where("post_code", "in", filters.post);
  if (filters.state) query = query.where("state", "in", filters.state);
  if (filters.verification_status) query = query.where("verification_status", "in", filters.verification_status);
  if (filters.migration_status) {
    const statuses = filters.migration_status;
    query = query.where(({ exists, not, or, selectFrom }) =>
      or([
        exists(
          selectFrom("incident_perpetrator_groups as g")
            .select(sql`1`.as("one"))
            .whereRef("g.incident_id", "=", "incidents.id")
            .where("g.migration_status", "in", statuses),
        ),
        // No group recorded: nothing is known of the perpetrators' status.
        ...(statuses.includes("unknown")
          ? [not(exists(selectFrom("incident_perpetrator_groups as g").select(sql`1`.as("one")).whereRef("g.incident_id", "=", "incidents.id")))]
          : []),
      ]),
    );
  }
  if (filters.number !== undefined) query = query.where("number", "=", filters.number);
  if (filters.synthetic !== undefined) query = query.where("synthetic", "=", filters.synthetic);
  if (filters.occurred_from) query = query.where("occurred_to", ">=", filters.occurred_from);
  if (filters.occurred_to) query = query.where("occurred_from", "<=", filters.occurred_to);
  if (filters.category) {
    const codes = filters.category;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("incident_categories as ic")
          .select(sql`1`.as("one"))
          .whereRef("ic.incident_id", "=", "incidents.id")
          .where((eb) =>
            eb.or([eb("ic.category_code", "in", codes), ...codes.filter((c) => !c.includes(".")).map((c) => eb("ic.category_code", "like", `${c}.%`))]),
          ),
      ),
    );
  }
  const searching = filters.q !== undefined && filters.q.trim() !== "";
  const descending = filters.sort.startsWith("-");
  const byOccurred = filters.sort.endsWith("occurred");
  const direction = descending ? "desc" : "asc";
  const past = descending ? "<" : ">";
  if (searching && !byOccurred) {
    // In number order the search's plan is the dialect's (db/dialect.ts searchInNumberOrder).
    const ordered = await searchInNumberOrder(db, query, filters.q!, { direction, after: cursor?.number ?? null }, options.selectiveSearchMatches);
    return ordered.limit(filters.limit + 1).execute();
  }
  if (searching) query = query.where(incidentTextMatches(dialect, filters.q!));
  if (cursor) {
    if (byOccurred) {
      const key = String(cursor.key);
      query = query.where((eb) => eb.or([eb("occurred_from", past, key), eb.and([eb("occurred_from", "=", key), eb("number", past, cursor.number)])]));
    } else {
      query = query.where("number", past, cursor.number);
    }
  }
  if (byOccurred) query = query.orderBy("occurred_from", direction);
  return query
    .orderBy("number", direction)
    .limit(filters.limit + 1)
    .execute();
}

export async function insertComment(db: Kysely<Database>, comment: Insertable<IncidentCommentTable>): Promise<void> {
  await db.insertInto("incident_comments").values(comment).execute();
}

/** An incident's comments, oldest first. */
export async function commentsOf(db: Kysely<Database>, incidentId: string) {
  return db.selectFrom("incident_comments").selectAll().where("incident_id", "=", incidentId).orderBy("created_at").orderBy("id").execute();
}

/** Whether an incident with this id exists and is one `visibility` lets the caller see (else it reads as none). */
export async function visibleIncidentExists(db: Kysely<Database>, id: string, visibility: Visibility): Promise<boolean> {
  return (await db.selectFrom("incidents").select("id").where("id", "=", id).where(incidentVisible(visibility)).executeTakeFirst()) !== undefined;
}

/** Which of these incident ids are of incidents `visibility` lets the caller see. */
export async function visibleIncidentIds(db: Kysely<Database>, ids: readonly string[], visibility: Visibility): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("incidents")
    .select("id")
    .where("id", "in", [...ids])
    .where(incidentVisible(visibility))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The ids of the incidents with these numbers that `visibility` lets the caller see (an import names incidents by number). */
export async function visibleIncidentIdsByNumber(db: Kysely<Database>, numbers: readonly number[], visibility: Visibility): Promise<Map<number, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .selectFrom("incidents")
    .select(["id", "number"])
    .where("number", "in", [...numbers])
    .where(incidentVisible(visibility))
    .execute();
  return new Map(rows.map((r) => [r.number, r.id]));
}

export interface CountedFactsFilter {
  visibility: Visibility;
  /** The workflow states counted (the figures module's rules say which). */
  states: readonly WorkflowState[];
  /** Incidents whose occurrence window overlaps from..to. */
  from?: string | undefined;
  to?: string | undefined;
  countries?: readonly string[] | undefined;
  posts?: readonly string[] | undefined;
  /** Category codes: a code matches itself and its subcategories; only matching category rows are returned. */
  categories?: readonly string[] | undefined;
  synthetic?: boolean | undefined;
}

/**
 * The facts of the incidents counted under a filter, one row per incident × category filed ×
 * perpetrator group (none: a null status), with the category's top-level code. The figures module
 * shapes them; the visibility rule is the one every read of incidents uses.
 */
export async function countedIncidentFacts(db: Kysely<Database>, filter: CountedFactsFilter) {
  if (filter.countries && filter.countries.length === 0) return [];
  const found = await countedRows(db, filter)
    .select([
      "incidents.id",
      "incidents.number",
      "incidents.country_code",
      sql<string>`cast(incidents.occurred_from as text)`.as("occurred_from"),
      sql<string>`cast(incidents.occurred_to as text)`.as("occurred_to"),
      "incidents.date_precision",
      "incidents.synthetic",
      "ic.category_code",
      "grp.migration_status",
    ])
    .execute();
  return found.map(({ category_code, ...row }) => ({ ...row, category: topLevelCode(category_code) }));
}

/**
 * The same incidents as `countedIncidentFacts`, grouped in the database: one row per distinct
 * (country, occurrence window, precision, synthetic, set of top-level categories, set of statuses)
 * with how many incidents share it. With `months`, the window's days are cut to their months
 * ("2025-03"), which the figures module asks for only when no period it will place the incidents in
 * can tell two days of one month apart. The sets come as comma-separated text in no set order, and
 * `statuses` is null when no perpetrator group was recorded.
 */
export async function countedIncidentGroups(db: Kysely<Database>, filter: CountedFactsFilter, options: { months: boolean }) {
  if (filter.countries && filter.countries.length === 0) return [];
  const dialect = dialectOf(db);
  const date = (column: "incidents.occurred_from" | "incidents.occurred_to") =>
    options.months ? sql<string>`substr(cast(${sql.ref(column)} as text), 1, 7)` : sql<string>`cast(${sql.ref(column)} as text)`;
  const perIncident = countedRows(db, filter)
    .select([
      "incidents.country_code",
      date("incidents.occurred_from").as("occurred_from"),
      date("incidents.occurred_to").as("occurred_to"),
      "incidents.date_precision",
      "incidents.synthetic",
      distinctList(dialect, beforeFirstDot(dialect, sql.ref<string>("ic.category_code"))).as("categories"),
      distinctList(dialect, sql.ref<string | null>("grp.migration_status")).as("statuses"),
    ])
    .groupBy(["incidents.id", "incidents.country_code", "incidents.occurred_from", "incidents.occurred_to", "incidents.date_precision", "incidents.synthetic"]);
  const keys = ["f.country_code", "f.occurred_from", "f.occurred_to", "f.date_precision", "f.synthetic", "f.categories", "f.statuses"] as const;
  return db
    .selectFrom(perIncident.as("f"))
    .select(keys)
    .select((eb) => eb.fn.countAll<number>().as("incidents"))
    .groupBy([...keys])
    .execute();
}

/** Incidents × category filed × perpetrator group under a counting filter (the category rows themselves must match). */
function countedRows(db: Kysely<Database>, filter: CountedFactsFilter) {
  let rows = db
    .selectFrom("incidents")
    .innerJoin("incident_categories as ic", "ic.incident_id", "incidents.id")
    .leftJoin("incident_perpetrator_groups as grp", "grp.incident_id", "incidents.id")
    .where(incidentVisible(filter.visibility))
    .where("incidents.state", "in", [...filter.states]);
  if (filter.countries) rows = rows.where("incidents.country_code", "in", [...filter.countries]);
  if (filter.posts) rows = rows.where("incidents.post_code", "in", [...filter.posts]);
  if (filter.from) rows = rows.where("incidents.occurred_to", ">=", filter.from);
  if (filter.to) rows = rows.where("incidents.occurred_from", "<=", filter.to);
  if (filter.synthetic !== undefined) rows = rows.where("incidents.synthetic", "=", filter.synthetic);
  if (filter.categories && filter.categories.length > 0) {
    const codes = [...filter.categories];
    // The category row itself must match, so an incident filed under SV and HC counts only under SV.
    rows = rows.where((eb) =>
      eb.or([eb("ic.category_code", "in", codes), ...codes.filter((c) => !c.includes(".")).map((c) => eb("ic.category_code", "like", `${c}.%`))]),
    );
  }
  return rows;
}

/**
 * A filed category's top-level code. A category's parent is by definition the code before its dot
 * (domain/taxonomy.ts `parentCode`, which the seed and every published version store as
 * `parent_code`), and a foreign key keeps every filed code in its taxonomy version; so this needs
 * no join to the reference module's taxonomy table.
 */
function topLevelCode(code: string): string {
  return parentCode(code) ?? code;
}

/**
 * The latest change to any incident in these states, countries and window that the caller may see,
 * or null when there is none.
 */
export async function latestIncidentChange(
  db: Kysely<Database>,
  filter: { visibility: Visibility; states: readonly WorkflowState[]; countries: readonly string[]; from: string; to: string },
): Promise<string | null> {
  if (filter.countries.length === 0) return null;
  const row = await db
    .selectFrom("incidents")
    .select(sql<string | null>`max(incidents.updated_at)`.as("latest"))
    .where(incidentVisible(filter.visibility))
    .where("incidents.state", "in", [...filter.states])
    .where("incidents.country_code", "in", [...filter.countries])
    .where("incidents.occurred_to", ">=", filter.from)
    .where("incidents.occurred_from", "<=", filter.to)
    .executeTakeFirst();
  return row?.latest ?? null;
}

/** The columns a report shows of incidents, for these ids (any order). */
export async function incidentDetailRows(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("incidents")
    .select([
      "incidents.id",
      "incidents.number",
      "incidents.country_code",
      "incidents.post_code",
      "incidents.title",
      "incidents.summary",
      "incidents.city",
      "incidents.admin_region",
      sql<string>`cast(incidents.occurred_from as text)`.as("occurred_from"),
      sql<string>`cast(incidents.occurred_to as text)`.as("occurred_to"),
      "incidents.date_precision",
      "incidents.victims_count",
      "incidents.verification_status",
      "incidents.legal_status",
      "incidents.handling_marking",
      "incidents.synthetic",
      "incidents.updated_at",
      "incidents.taxonomy_version",
    ])
    .where("incidents.id", "in", [...ids])
    .execute();
}

/** The categories each incident is filed under, in code order, each with its top-level code. */
export async function categoriesWithTopByIncident(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, { code: string; top: string }[]>> {
  const map = new Map<string, { code: string; top: string }[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("incident_categories as ic")
    .select(["ic.incident_id", "ic.category_code"])
    .where("ic.incident_id", "in", [...ids])
    .orderBy("ic.category_code")
    .execute();
  for (const r of rows) map.set(r.incident_id, [...(map.get(r.incident_id) ?? []), { code: r.category_code, top: topLevelCode(r.category_code) }]);
  return map;
}
