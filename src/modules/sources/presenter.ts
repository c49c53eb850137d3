// Shapes a stored source for the API; the database row is never sent as it is.
import type { SourceRow } from "../../db/types.js";
import type { SourceOutput } from "./schema.js";

export function presentSource(row: SourceRow): SourceOutput {
  return {
    id: row.id,
    kind: row.kind,
    publisher: row.publisher,
    title: row.title,
    url: row.url,
    language: row.language,
    published_date: row.published_date,
    archived_sha256: row.archived_sha256,
    reliability: row.reliability,
    credibility: row.credibility,
    synthetic: row.synthetic,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
