// The policy's visibility rule (policy.ts `visibilityOf` / `canSee`) as SQL conditions, so lists,
// searches and counts hide exactly what a single read would answer 404 for.
import { sql, type Expression, type SqlBool } from "kysely";
import { BUREAU_POST } from "../../domain/vocabulary.js";
import type { Visibility } from "./policy.js";

/** Condition on a reviewed record's table (unaliased) with `post_code`, `state` and `author_post_code`: incidents, engagements. */
export function reviewedRecordVisible(table: "incidents" | "engagements", visibility: Visibility): Expression<SqlBool> {
  switch (visibility.kind) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "none":
      return sql<SqlBool>`1 = 0`;
    case "post":
      return sql<SqlBool>`${sql.ref(`${table}.post_code`)} = ${visibility.post}`;
    case "bureau":
      return sql<SqlBool>`(${sql.ref(`${table}.state`)} <> 'draft' OR ${sql.ref(`${table}.author_post_code`)} = ${BUREAU_POST})`;
  }
}

/** Condition on the `incidents` table (unaliased). */
export function incidentVisible(visibility: Visibility): Expression<SqlBool> {
  return reviewedRecordVisible("incidents", visibility);
}

/** Condition on the `sources` table: a source is visible when its author's post is, or when it is cited by a visible incident. */
export function sourceVisible(visibility: Visibility): Expression<SqlBool> {
  switch (visibility.kind) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "none":
      return sql<SqlBool>`1 = 0`;
    case "post":
    case "bureau": {
      const own = visibility.kind === "post" ? visibility.post : BUREAU_POST;
      return sql<SqlBool>`(sources.author_post_code = ${own} OR EXISTS (
        SELECT 1 FROM incident_sources JOIN incidents ON incidents.id = incident_sources.incident_id
        WHERE incident_sources.source_id = sources.id AND ${incidentVisible(visibility)}))`;
    }
  }
}
