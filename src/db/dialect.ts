// The one place that knows how SQLite and PostgreSQL differ: full-text search, column types
// that have no common spelling, and how to tell which dialect a Kysely instance speaks.
// Everything else in the code base writes one query for both.
import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";

export type DialectName = "sqlite" | "postgres";

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Column types with dialect-specific spellings, for migrations. */
export function columnTypes(dialect: DialectName) {
  return dialect === "postgres"
    ? ({ date: "date", bool: "boolean", real: "double precision", bigint: "bigint" } as const)
    : ({ date: "text", bool: "integer", real: "real", bigint: "integer" } as const);
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
    // rowid = incidents.number; the text itself is not stored twice (contentless table).
    await sql`CREATE VIRTUAL TABLE incident_search USING fts5(
      body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(db);
  }
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
