// Kysely queries for sources and their links to incidents.
import type { Kysely } from "kysely";
import type { Database, NewSourceRow, SourceRow } from "../../db/types.js";
import type { Visibility } from "../auth/policy.js";
import { sourceVisible } from "../auth/visibility-sql.js";
import { textContains } from "../../db/dialect.js";

const EVERYTHING: Visibility = { kind: "all" };

export async function insertSources(db: Kysely<Database>, rows: NewSourceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("sources")
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Sources by id that the visibility allows (all, unless a scope is given). */
export async function findSources(db: Kysely<Database>, ids: readonly string[], visibility = EVERYTHING): Promise<SourceRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("sources")
    .selectAll()
    .where("id", "in", [...ids])
    .where(sourceVisible(visibility))
    .execute();
}

export async function findSource(db: Kysely<Database>, id: string, visibility = EVERYTHING): Promise<SourceRow | undefined> {
  return db.selectFrom("sources").selectAll().where("id", "=", id).where(sourceVisible(visibility)).executeTakeFirst();
}

export async function listSources(db: Kysely<Database>, visibility: Visibility, options: { q?: string; limit: number; after?: string }): Promise<SourceRow[]> {
  let query = db
    .selectFrom("sources")
    .selectAll()
    .where(sourceVisible(visibility))
    .orderBy("id", "desc")
    .limit(options.limit + 1);
  if (options.after) query = query.where("id", "<", options.after);
  if (options.q) query = query.where(textContains(options.q, ["title", "publisher"]));
  return query.execute();
}

export async function updateSourceRow(db: Kysely<Database>, id: string, expectedVersion: number, values: Partial<NewSourceRow>): Promise<boolean> {
  const result = await db
    .updateTable("sources")
    .set({ ...values, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SourceLink {
  incident_id: string;
  source_id: string;
  /** Order of citation within the incident, from 0. */
  position: number;
  added_by: string;
  added_at: string;
}

export async function linkSources(db: Kysely<Database>, links: SourceLink[]): Promise<void> {
  for (let i = 0; i < links.length; i += 300)
    await db
      .insertInto("incident_sources")
      .values(links.slice(i, i + 300))
      .execute();
}

/** Sources of each incident, in the order they were added. */
export async function sourcesByIncident(db: Kysely<Database>, incidentIds: readonly string[]): Promise<Map<string, SourceRow[]>> {
  const map = new Map<string, SourceRow[]>();
  if (incidentIds.length === 0) return map;
  const rows = await db
    .selectFrom("incident_sources")
    .innerJoin("sources", "sources.id", "incident_sources.source_id")
    .selectAll("sources")
    .select("incident_sources.incident_id")
    .where("incident_sources.incident_id", "in", [...incidentIds])
    .orderBy("incident_sources.position")
    .orderBy("incident_sources.added_at")
    .orderBy("sources.id")
    .execute();
  for (const { incident_id, ...source } of rows) {
    const list = map.get(incident_id) ?? [];
    list.push(source);
    map.set(incident_id, list);
  }
  return map;
}

export async function incidentIdsCitingSource(db: Kysely<Database>, sourceId: string): Promise<string[]> {
  const rows = await db.selectFrom("incident_sources").select("incident_id").where("source_id", "=", sourceId).execute();
  return rows.map((r) => r.incident_id);
}

/** The titles of the sources an incident cites, in citation order (its full-text entry holds them). */
export async function sourceTitlesOfIncident(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("incident_sources")
    .innerJoin("sources", "sources.id", "incident_sources.source_id")
    .select("sources.title")
    .where("incident_sources.incident_id", "=", incidentId)
    .orderBy("incident_sources.position")
    .execute();
  return rows.map((r) => r.title);
}
