// Taxonomy versions: list them, publish a new one (admins). A version is never edited once
// published; a change is a new version, so every record's categories keep their meaning.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { parentCode } from "../../domain/taxonomy.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { recordAudit } from "../audit/audit.js";
import { insertTaxonomyVersion, latestTaxonomyVersion, taxonomyVersionsWithCounts } from "../reference/index.js";
import type { TaxonomyVersionInput } from "./schema.js";

export function taxonomyService(db: Kysely<Database>) {
  async function listVersions(actor: Actor | null) {
    authorize(actor, "reference.read");
    const rows = await taxonomyVersionsWithCounts(db);
    return { items: rows };
  }

  async function publishVersion(actor: Actor | null, input: TaxonomyVersionInput) {
    authorize(actor, "taxonomy.manage");
    const categories = input.categories.map((c) => ({ ...c, parent_code: parentCode(c.code) }));
    const version = await db.transaction().execute(async (trx) => {
      const latest = await latestTaxonomyVersion(trx);
      const next = (latest?.version ?? 0) + 1;
      await insertTaxonomyVersion(trx, { version: next, label: input.label, effective_from: input.effective_from, created_at: nowIso() }, categories);
      await recordAudit(trx, actor, {
        action: "taxonomy.publish",
        entityType: "taxonomy",
        entityId: String(next),
        after: { label: input.label, effective_from: input.effective_from, categories },
      });
      return next;
    });
    return {
      version,
      label: input.label,
      effective_from: input.effective_from,
      categories: categories.map(({ code, parent_code, label, iccs }) => ({ code, parent_code, label, iccs })),
    };
  }

  return { listVersions, publishVersion };
}

export type TaxonomyService = ReturnType<typeof taxonomyService>;
