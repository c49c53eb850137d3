// Use cases of case outcomes: record one (checked against reference data, audited in the same
// transaction) and list them a page at a time. Part of the statistics service (service.ts). An
// outcome's incident follows the incident's own visibility: one the caller may not see is
// answered as one that does not exist, and listed as no incident.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ValidationError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { visibleIncidentExists, visibleIncidentIds } from "../incidents/index.js";
import { countryExists, currentCategory } from "../reference/index.js";
import * as repo from "./case-outcomes-repo.js";
import {
  decodeCaseOutcomeCursor,
  encodeCaseOutcomeCursor,
  type CaseOutcomeInput,
  type CaseOutcomeList,
  type CaseOutcomeListQuery,
  type CaseOutcomeOutput,
} from "./case-outcomes-schema.js";

const DEFAULT_PAGE = 50;

function presentCaseOutcome(r: Database["case_outcomes"]): CaseOutcomeOutput {
  const sentenced = r.custodial_months !== null || r.suspended !== null || r.fine_amount !== null || r.sentence_other !== null;
  return {
    id: r.id,
    country: r.country_code,
    offence: { category: r.offence_category, iccs: r.iccs_code },
    court_level: r.court_level,
    decision_date: r.decision_date,
    defendant: {
      migration_status: r.defendant_migration_status,
      basis: r.defendant_status_basis,
    },
    convicted: r.convicted,
    sentence: sentenced
      ? {
          custodial_months: r.custodial_months,
          suspended: r.suspended,
          fine: r.fine_amount === null ? null : { amount: r.fine_amount, currency: r.fine_currency ?? "" },
          other: r.sentence_other,
        }
      : null,
    incident_id: r.incident_id,
    synthetic: r.synthetic,
    created_by: r.created_by,
    created_at: r.created_at,
  };
}

export function caseOutcomeUseCases(db: Kysely<Database>) {
  return {
    async recordCaseOutcome(actor: Actor | null, input: CaseOutcomeInput): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.create");
      const user = requireUser(actor);
      const value = input;
      const issues: IssueDetail[] = [];
      const offence = await currentCategory(db, value.offence.category);
      if (!offence.exists) issues.push({ path: "offence.category", message: `${value.offence.category} is not a category of the current taxonomy` });
      if (!(await countryExists(db, value.country))) {
        issues.push({ path: "country", message: `no country has the code ${value.country}` });
      }
      if (value.incident_id !== null && !(await visibleIncidentExists(db, value.incident_id, visibilityOf(actor, "incident.read")))) {
        issues.push({ path: "incident_id", message: "no incident has this id" });
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
      if (q.cursor !== undefined && cursor === null)
        throw new ValidationError([{ path: "cursor", message: "is not a cursor from this listing; start again without it" }]);
      const rows = await repo.findCaseOutcomes(db, q, cursor);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const linked = page.flatMap((r) => (r.incident_id === null ? [] : [r.incident_id]));
      const visible = await visibleIncidentIds(db, [...new Set(linked)], visibilityOf(actor, "incident.read"));
      return {
        items: page.map((r) => presentCaseOutcome(r.incident_id === null || visible.has(r.incident_id) ? r : { ...r, incident_id: null })),
        next_cursor: rows.length > q.limit && last ? encodeCaseOutcomeCursor({ date: last.decision_date, id: last.id }) : null,
      };
    },
  };
}
