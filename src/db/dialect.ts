// The one place that knows how SQLite and PostgreSQL differ: full-text search, column types
// that have no common spelling (a file's bytes: bytea and BLOB, both read back as a Buffer), and
// how to tell which dialect a Kysely instance speaks.
// Everything else in the code base writes one query for both.
import type { Database } from "./types.js";
import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";

export type DialectName = "sqlite" | "postgres";

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Column types with dialect-specific spellings, for migrations. */
export function columnTypes(dialect: DialectName) {
  return dialect === "postgres"
    ? ({ date: "date", bool: "boolean", real: "double precision", bigint: "bigint", bytes: "bytea" } as const)
    : ({ date: "text", bool: "integer", real: "real", bigint: "integer", bytes: "blob" } as const);
}

function words(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Words of a user's search text: letters and digits only, so nothing reaches the FTS parser raw. */
function searchTerms(text: string): string[] {
  return [...new Set(words(text))].slice(0, 12);
}

/**
 * What is indexed: the same words a query is cut into, so both engines see identical tokens
 * (PostgreSQL's parser would otherwise drop "<b>" as markup and keep "news.example.org" whole,
 * where SQLite's tokenizer keeps "b" and splits the host name).
 */
function searchDocument(text: string): string {
  return words(text).join(" ");
}

/** Create the full-text index (called by the first migration). */
export async function createSearchIndex(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`CREATE TABLE incident_search (
      incident_number bigint PRIMARY KEY REFERENCES incidents(number),
      document tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX incident_search_document_idx ON incident_search USING GIN (document)`.execute(db);
  } else {
    await createSqliteSearchTable(db);
  }
}

/**
 * SQLite's full-text table. rowid = incidents.number; the text itself is not stored twice
 * (contentless). Every search term is a word prefix (`"term"*`), and without a prefix index FTS5
 * answers one by merging the whole doclist of every word that begins so before the first row comes
 * out (43 / 53 ms p50 / p95 for "reported", a word in half of 1,000,000 records). With `prefix=`
 * the prefixes of 1 to 12 characters are indexed as words of their own, whose doclist is read
 * lazily in rowid order, so the page's LIMIT stops it (under a millisecond). `detail=none` keeps
 * only which records hold a word, not where: every query here is words ANDed, never a phrase or
 * NEAR, so positions were never read, and without them the prefix index costs far less. Measured
 * on 1,000,000 synthetic records' texts (bench/README.md): 204 MB against 105 MB for the table
 * before (530 MB with positions and prefixes 1 to 8 only), a batch of 500 indexed in about 3.5
 * times as long.
 */
async function createSqliteSearchTable(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE incident_search USING fts5(
    body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2',
    detail=none, prefix='1 2 3 4 5 6 7 8 9 10 11 12')`.execute(db);
}

/**
 * Make SQLite's full-text table again with the options above (migration 019), empty, for the
 * caller to fill; PostgreSQL's needs nothing (GIN answers a prefix from its sorted keys).
 * Returns whether the table was made again.
 */
export async function recreateSearchIndex(db: Kysely<any>): Promise<boolean> {
  if (dialectOf(db) === "postgres") return false;
  await sql`DROP TABLE incident_search`.execute(db);
  await createSqliteSearchTable(db);
  return true;
}

/** Replace the indexed text of one incident (title, summary, source titles). */
export async function indexIncidentText(db: Kysely<any>, incidentNumber: number, text: string): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`INSERT INTO incident_search (incident_number, document)
      VALUES (${incidentNumber}, to_tsvector('simple', ${searchDocument(text)}))
      ON CONFLICT (incident_number) DO UPDATE SET document = excluded.document`.execute(db);
  } else {
    await sql`DELETE FROM incident_search WHERE rowid = ${incidentNumber}`.execute(db);
    await sql`INSERT INTO incident_search (rowid, body) VALUES (${incidentNumber}, ${searchDocument(text)})`.execute(db);
  }
}

/** Index many new incidents at once (bulk inserts, benchmark baseline). */
export async function indexNewIncidentTexts(db: Kysely<any>, rows: { number: number; text: string }[]): Promise<void> {
  const postgres = dialectOf(db) === "postgres";
  // Chunks keep each statement under SQLite's limit of bound variables (32,766).
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (postgres) {
      const values = sql.join(chunk.map((r) => sql`(${r.number}, to_tsvector('simple', ${searchDocument(r.text)}))`));
      await sql`INSERT INTO incident_search (incident_number, document) VALUES ${values}`.execute(db);
    } else {
      const values = sql.join(chunk.map((r) => sql`(${r.number}, ${searchDocument(r.text)})`));
      await sql`INSERT INTO incident_search (rowid, body) VALUES ${values}`.execute(db);
    }
  }
}

/**
 * A condition on `incidents.number` that holds when the incident's text contains every term of
 * `text` as a word prefix. Text with no words matches nothing.
 */
export function incidentTextMatches(dialect: DialectName, text: string): Expression<SqlBool> {
  const terms = searchTerms(text);
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  if (dialect === "postgres") {
    const query = terms.map((t) => `${t}:*`).join(" & ");
    return sql<SqlBool>`incidents.number IN (SELECT incident_number FROM incident_search
      WHERE document @@ to_tsquery('simple', ${query}))`;
  }
  const query = terms.map((t) => `"${t}"*`).join(" ");
  return sql<SqlBool>`incidents.number IN (SELECT rowid FROM incident_search WHERE incident_search MATCH ${query})`;
}

/**
 * Below this many estimated matches, PostgreSQL's number-order search reads the matches first
 * (see `searchInNumberOrder`).
 */
const SELECTIVE_SEARCH_MATCHES = 5_000;

/**
 * A text search in incident-number order (the list's default, newest first), with its keyset bound
 * (numbers `past` the cursor's) and its ORDER BY: the plan that stays fast at a million records on
 * each engine, decided here because the two engines need opposite shapes.
 *
 * - SQLite: the full-text index drives the query in rowid (= number) order and the LIMIT stops it
 *   after the page; as a condition (`number IN (SELECT rowid ...)`) the whole match list is built
 *   first, 95 ms for a word in half of a million records against 15 ms.
 * - PostgreSQL: for a common word, walking the numbers backwards and testing each one's document
 *   finds a page at once; for a rare one (a case-number prefix) the same walk passes over most of
 *   the table, because the few matches need not be among the newest (70 ms at a million records,
 *   chosen by the planner on a uniform guess). So the planner's own estimate of the matches decides:
 *   below `selective` they are read from the GIN index first and only they are sorted.
 *
 * Both shapes return the same rows in the same order (modules/incidents/search-order.test.ts).
 */
export async function searchInNumberOrder<O>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<Database, "incidents", O>,
  text: string,
  order: { direction: "asc" | "desc"; after: number | null },
  selective = SELECTIVE_SEARCH_MATCHES,
): Promise<SelectQueryBuilder<Database, "incidents", O>> {
  const terms = searchTerms(text);
  const past = order.direction === "desc" ? sql.raw("<") : sql.raw(">");
  const bound = <T>(column: RawBuilder<T>) => (order.after === null ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${column} ${past} ${order.after}`);
  if (terms.length === 0) return query.where(sql<SqlBool>`1 = 0`);
  if (dialectOf(db) === "sqlite") {
    const rowid = sql<number>`incident_search.rowid`;
    // incident_search is not in Database (a virtual table of its own kind on each engine), hence the casts.
    return (query as unknown as SelectQueryBuilder<any, "incidents", O>)
      .innerJoin(sql`incident_search`.as("incident_search"), (join) => join.on(sql<SqlBool>`incident_search.rowid = incidents.number`))
      .where(sql<SqlBool>`incident_search MATCH ${terms.map((t) => `"${t}"*`).join(" ")}`)
      .where(bound(rowid))
      .orderBy(rowid, order.direction) as unknown as SelectQueryBuilder<Database, "incidents", O>;
  }
  const tsquery = terms.map((t) => `${t}:*`).join(" & ");
  const matches = sql`SELECT incident_number FROM incident_search WHERE document @@ to_tsquery('simple', ${tsquery})`;
  const { rows } = await sql<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>`EXPLAIN (FORMAT JSON) ${matches}`.execute(db);
  const estimated = rows[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? Number.POSITIVE_INFINITY;
  const condition = estimated < selective ? sql<SqlBool>`incidents.number = ANY(ARRAY(${matches}))` : sql<SqlBool>`incidents.number IN (${matches})`;
  const number = sql<number>`incidents.number`;
  return query.where(condition).where(bound(number)).orderBy(number, order.direction);
}

/** The distinct non-null values of `value` over a group, as one comma-separated text (in no particular order); null when there are none. */
export function distinctList(dialect: DialectName, value: Expression<string | null>): RawBuilder<string | null> {
  return dialect === "postgres" ? sql<string | null>`string_agg(DISTINCT ${value}, ',')` : sql<string | null>`group_concat(DISTINCT ${value})`;
}

/** The text before the first dot of `code`, or all of it (a taxonomy category's top-level code, `domain/taxonomy.ts` `parentCode`). */
export function beforeFirstDot(dialect: DialectName, code: Expression<string>): RawBuilder<string> {
  return dialect === "postgres"
    ? sql<string>`split_part(${code}, '.', 1)`
    : sql<string>`CASE WHEN instr(${code}, '.') > 0 THEN substr(${code}, 1, instr(${code}, '.') - 1) ELSE ${code} END`;
}

/**
 * Rows a claim takes (modules/jobs/repo.ts), locked so that two app servers never take the same
 * one: PostgreSQL's `FOR UPDATE SKIP LOCKED` (a row another claim holds is passed over, not
 * waited for). SQLite needs nothing: its one writer runs the claim's single UPDATE whole, so the
 * row a second claim sees is already taken.
 */
export function lockedForClaim<DB, TB extends keyof DB, O>(dialect: DialectName, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return dialect === "postgres" ? query.forUpdate().skipLocked() : query;
}

/**
 * Whether any of these text columns contains `q` (ignoring case), as a plain substring: `%`, `_`
 * and backslashes in it are escaped, and ESCAPE is explicit (PostgreSQL escapes with a backslash by
 * default, SQLite has no default). For small lists (sources, engagements); incidents use full text.
 */
export function textContains(q: string, columns: readonly string[]): Expression<SqlBool> {
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`(${sql.join(
    columns.map((c) => sql`lower(${sql.ref(c)}) LIKE ${like} ESCAPE '\\'`),
    sql` OR `,
  )})`;
}
