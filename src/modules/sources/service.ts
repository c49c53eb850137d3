// Source use cases: record, read, list, correct. A source may support several incidents; when its
// title changes, the incidents citing it are re-indexed for full-text search. That index is the
// incidents module's, which depends on this one, so it is reached through a hook given at wiring
// (context.ts), not by an import back.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ForbiddenError, NotFoundError, VersionConflictError, ValidationError } from "../../domain/errors.js";
import { newId, UUID_PATTERN } from "../../domain/ids.js";
import type { Database, NewSourceRow } from "../../db/types.js";
import { requireUser, type Actor, type UserActor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { BUREAU_POST } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit/audit.js";
import { presentSource } from "./presenter.js";
import { findSource, incidentIdsCitingSource, insertSources, listSources, updateSourceRow } from "./repo.js";
import type { SourceInput, SourceOutput, SourcePatch } from "./schema.js";

export function newSourceRow(actor: UserActor, input: SourceInput, now: string): NewSourceRow {
  return {
    id: newId(),
    kind: input.kind,
    publisher: input.publisher,
    title: input.title,
    url: input.url ?? null,
    language: input.language ?? null,
    published_date: input.published_date ?? null,
    archived_sha256: input.archived_sha256 ?? null,
    reliability: input.reliability,
    credibility: input.credibility,
    synthetic: input.synthetic,
    version: 1,
    author_post_code: actor.postCode,
    created_by: actor.id,
    created_at: now,
    updated_by: actor.id,
    updated_at: now,
  };
}

export interface SourceHooks {
  /** The sources these incidents cite were retitled: their full-text entries must follow (in `trx`). */
  citingIncidentsChanged(trx: Kysely<Database>, incidentIds: string[]): Promise<void>;
}

export function sourceService(db: Kysely<Database>, hooks: SourceHooks) {
  async function getSource(actor: Actor | null, id: string): Promise<SourceOutput> {
    authorize(actor, "source.read");
    const row = UUID_PATTERN.test(id) ? await findSource(db, id, visibilityOf(actor, "source.read")) : undefined;
    if (!row) throw new NotFoundError("Source");
    return presentSource(row);
  }

  async function createSource(actor: Actor | null, input: SourceInput): Promise<SourceOutput> {
    authorize(actor, "source.create");
    const user = requireUser(actor);
    const row = newSourceRow(user, input, nowIso());
    await db.transaction().execute(async (trx) => {
      await insertSources(trx, [row]);
      await recordAudit(trx, user, { action: "source.create", entityType: "source", entityId: row.id, after: row });
    });
    return getSource(actor, row.id);
  }

  async function updateSource(actor: Actor | null, id: string, patch: SourcePatch): Promise<SourceOutput> {
    authorize(actor, "source.update");
    const user = requireUser(actor);
    const before = await getSource(actor, id);
    // A source may support other posts' incidents: a post corrects only the sources it recorded.
    const row = (await findSource(db, id))!;
    if (user.postCode !== BUREAU_POST && row.author_post_code !== user.postCode) {
      throw new ForbiddenError("Only the post that recorded this source, or the bureau, may correct it.");
    }
    const { version, ...changes } = patch;
    if (version !== before.version) throw new VersionConflictError("This source", before.version);
    await db.transaction().execute(async (trx) => {
      const saved = await updateSourceRow(trx, id, version, {
        ...changes,
        updated_by: user.id,
        updated_at: nowIso(),
      });
      if (!saved) throw new VersionConflictError("This source", (await findSource(trx, id))?.version ?? version);
      if (changes.title !== undefined) {
        await hooks.citingIncidentsChanged(trx, await incidentIdsCitingSource(trx, id));
      }
      const after = presentSource((await findSource(trx, id))!);
      await recordAudit(trx, user, { action: "source.update", entityType: "source", entityId: id, before, after });
    });
    return getSource(actor, id);
  }

  async function listSourcesPage(actor: Actor | null, query: { q?: string; limit: number; cursor?: string }) {
    authorize(actor, "source.read");
    if (query.cursor !== undefined && !UUID_PATTERN.test(query.cursor)) {
      throw new ValidationError([{ path: "cursor", message: "is not a cursor from this listing; start again without it" }]);
    }
    const rows = await listSources(db, visibilityOf(actor, "source.read"), { q: query.q, limit: query.limit, after: query.cursor });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(presentSource),
      next_cursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
    };
  }

  return { getSource, createSource, updateSource, listSources: listSourcesPage };
}

export type SourceService = ReturnType<typeof sourceService>;
