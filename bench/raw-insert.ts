// The baseline the service is compared with: the same rows in the same tables (incidents, their
// categories and perpetrator groups, sources and their links, the full-text index), written with
// plain multi-row INSERTs in one transaction per batch, but without the service's permission and
// reference checks and without audit events. Also used to fill the database quickly.
import type { Kysely } from "kysely";
import { indexNewIncidentTexts } from "../src/db/dialect.js";
import type { Database, NewIncidentRow, NewSourceRow } from "../src/db/types.js";
import { nowIso } from "../src/domain/clock.js";
import { newId } from "../src/domain/ids.js";
import type { UserActor } from "../src/modules/auth/actor.js";
import { fieldsToColumns, groupsToRows } from "../src/modules/incidents/presenter.js";
import { allocateIncidentNumbers, searchableText } from "../src/modules/incidents/repo.js";
import type { IncidentInput } from "../src/modules/incidents/schema.js";
import { tallyIncidents } from "../src/modules/incidents/tallies-repo.js";
import { newSourceRow } from "../src/modules/sources/service.js";

/**
 * Bound parameters per statement: well under both limits (SQLite 32,766, PostgreSQL 65,535), and
 * large enough that a 500-incident batch needs one statement per table.
 */
const MAX_PARAMETERS = 30_000;

function chunks<T extends object>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  const parts: T[][] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(rows.slice(i, i + size));
  return parts;
}

export async function rawInsert(db: Kysely<Database>, author: UserActor, inputs: IncidentInput[], taxonomyVersion: number): Promise<void> {
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    // Numbers come from the same counter the service uses, so both paths can share a database.
    const numbers = await allocateIncidentNumbers(trx, inputs.length);
    const incidents: NewIncidentRow[] = [];
    const categories: { incident_id: string; taxonomy_version: number; category_code: string }[] = [];
    const groups: ({ incident_id: string; ordinal: number } & ReturnType<typeof groupsToRows>[number])[] = [];
    const sources: NewSourceRow[] = [];
    const links: { incident_id: string; source_id: string; position: number; added_by: string; added_at: string }[] = [];
    const search: { number: number; text: string }[] = [];
    inputs.forEach((input, i) => {
      const id = newId();
      const number = numbers[i]!;
      incidents.push({
        id,
        number,
        post_code: author.postCode,
        author_post_code: author.postCode,
        ...fieldsToColumns(input),
        synthetic: input.synthetic,
        state: "draft",
        version: 1,
        taxonomy_version: taxonomyVersion,
        created_by: author.id,
        created_at: now,
        updated_by: author.id,
        updated_at: now,
      });
      for (const code of input.categories) categories.push({ incident_id: id, taxonomy_version: taxonomyVersion, category_code: code });
      groupsToRows(input).forEach((g, ordinal) => groups.push({ incident_id: id, ordinal, ...g }));
      const titles: string[] = [];
      for (const s of input.sources) {
        // The generator only makes new sources; citing existing ones is the service's business.
        if ("source_id" in s) throw new Error("the raw baseline writes new sources only");
        const row = newSourceRow(author, s, now);
        sources.push(row);
        links.push({ incident_id: id, source_id: row.id, position: titles.length, added_by: author.id, added_at: now });
        titles.push(row.title);
      }
      search.push({ number, text: searchableText(input.title, input.summary, titles) });
    });
    for (const part of chunks(sources)) await trx.insertInto("sources").values(part).execute();
    for (const part of chunks(incidents)) await trx.insertInto("incidents").values(part).execute();
    for (const part of chunks(categories)) await trx.insertInto("incident_categories").values(part).execute();
    for (const part of chunks(groups)) await trx.insertInto("incident_perpetrator_groups").values(part).execute();
    for (const part of chunks(links)) await trx.insertInto("incident_sources").values(part).execute();
    for (const part of chunks(search)) await indexNewIncidentTexts(trx, part);
    // The tallies every incident write keeps (incidents/tallies-repo.ts), as the service keeps them.
    await tallyIncidents(
      trx,
      incidents.map((i) => i.id),
      1,
    );
  });
}
