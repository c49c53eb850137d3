// Use cases of case outcomes: record one (checked against reference data, audited in the same
// transaction) and list them a page at a time. Part of the statistics service (service.ts). An
// outcome's incident follows the incident's own visibility: one the caller may not see is
// answered as one that does not exist, and listed as no incident.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ValidationError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { MIGRATION_STATUS_BASES, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import type { Database } from "../../db/types.js";
import { formatIssues } from "../../http/issues.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import * as repo from "./case-outcomes-repo.js";
import {
  caseOutcomeInput,
  decodeCaseOutcomeCursor,
  encodeCaseOutcomeCursor,
  type CaseOutcomeInput,
  type CaseOutcomeList,
  type CaseOutcomeListQuery,
  type CaseOutcomeOutput,
  type COURT_LEVELS,
} from "./case-outcomes-schema.js";

const DEFAULT_PAGE = 50;

const toBool = (v: boolean | number | null) => (v === null ? null : Boolean(v));

export function presentCaseOutcome(r: Database["case_outcomes"]): CaseOutcomeOutput {
  const sentenced = r.custodial_months !== null || r.suspended !== null || r.fine_amount !== null || r.sentence_other !== null;
  return {
    id: r.id,
    country: r.country_code,
    offence: { category: r.offence_category, iccs: r.iccs_code },
    court_level: r.court_level as (typeof COURT_LEVELS)[number],
    decision_date: r.decision_date,
    defendant: {
      migration_status: r.defendant_migration_status as (typeof MIGRATION_STATUSES)[number],
      basis: r.defendant_status_basis as (typeof MIGRATION_STATUS_BASES)[number] | null,
    },
    convicted: Boolean(r.convicted),
    sentence: sentenced
      ? {
          custodial_months: r.custodial_months === null ? null : Number(r.custodial_months),
          suspended: toBool(r.suspended),
          fine: r.fine_amount === null ? null : { amount: Number(r.fine_amount), currency: r.fine_currency ?? "" },
          other: r.sentence_other,
        }
      : null,
    incident_id: r.incident_id,
    synthetic: Boolean(r.synthetic),
    created_by: r.created_by,
    created_at: r.created_at,
  };
}

/** Input checked by its schema, or a 400 naming each bad field under `location` (body, query). */
function parsed<T>(location: string, result: { success: true; data: T } | { success: false; error: { issues: Parameters<typeof formatIssues>[1] } }): T {
  if (!result.success) throw new ValidationError(formatIssues(location, result.error.issues));
  return result.data;
}

export function caseOutcomeUseCases(db: Kysely<Database>) {
  return {
    async recordCaseOutcome(actor: Actor | null, input: CaseOutcomeInput): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.create");
      const user = requireUser(actor);
      const value = parsed("body", caseOutcomeInput.safeParse(input));
      const issues: IssueDetail[] = [];
      const offence = await repo.iccsOf(db, value.offence.category);
      if (!offence.exists) issues.push({ path: "body.offence.category", message: `${value.offence.category} is not a category of the current taxonomy` });
      if (!(await db.selectFrom("countries").select("code").where("code", "=", value.country).executeTakeFirst())) {
        issues.push({ path: "body.country", message: `no country has the code ${value.country}` });
      }
      if (value.incident_id !== null && !(await repo.visibleIncidentExists(db, value.incident_id, visibilityOf(actor, "incident.read")))) {
        issues.push({ path: "body.incident_id", message: "no incident has this id" });
      }
      if (issues.length > 0) throw new ValidationError(issues);
      const row: Database["case_outcomes"] = {
        id: newId(),
        country_code: value.country,
        offence_category: value.offence.category,
        iccs_code: value.offence.iccs ?? offence.iccs,
        court_level: value.court_level,
        decision_date: value.decision_date,
        defendant_migration_status: value.defendant.migration_status,
        defendant_status_basis: value.defendant.basis,
        convicted: value.convicted,
        custodial_months: value.sentence?.custodial_months ?? null,
        suspended: value.sentence?.suspended ?? null,
        fine_amount: value.sentence?.fine?.amount ?? null,
        fine_currency: value.sentence?.fine?.currency ?? null,
        sentence_other: value.sentence?.other ?? null,
        incident_id: value.incident_id,
        synthetic: value.synthetic,
        created_by: user.id,
        created_at: nowIso(),
      };
      const output = presentCaseOutcome(row);
      await db.transaction().execute(async (trx) => {
        await repo.insertCaseOutcome(trx, row);
        await recordAudit(trx, actor, { action: "case_outcome.create", entityType: "case_outcome", entityId: row.id, after: output });
      });
      return output;
    },

    /** A page of case outcomes, newest decision first, with the cursor of the next page (null on the last). */
    async listCaseOutcomes(actor: Actor | null, query: Partial<CaseOutcomeListQuery> = {}): Promise<CaseOutcomeList> {
      authorize(actor, "case_outcome.read");
      const q = { ...query, limit: query.limit ?? DEFAULT_PAGE };
      const cursor = q.cursor === undefined ? null : decodeCaseOutcomeCursor(q.cursor);
      if (q.cursor !== undefined && cursor === null) throw new ValidationError([{ path: "query.cursor", message: "is not a cursor from this listing; start again without it" }]);
      const rows = await repo.findCaseOutcomes(db, q, cursor);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const linked = page.flatMap((r) => (r.incident_id === null ? [] : [r.incident_id]));
      const visible = await repo.visibleIncidentIds(db, [...new Set(linked)], visibilityOf(actor, "incident.read"));
      return {
        items: page.map((r) => presentCaseOutcome(r.incident_id === null || visible.has(r.incident_id) ? r : { ...r, incident_id: null })),
        next_cursor: rows.length > q.limit && last ? encodeCaseOutcomeCursor({ date: last.decision_date, id: last.id }) : null,
      };
    },
  };
}
