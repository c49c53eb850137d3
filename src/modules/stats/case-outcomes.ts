// Use cases of case outcomes: record one (checked against reference data, audited in the same
// transaction), read one, correct one (at its version, with a reason), withdraw one (never deleted:
// PRODUCT.md §5), and list them a page at a time. Part of the statistics service (service.ts); the
// bulk import is case-outcomes-import.ts. An outcome's incident follows the incident's own
// visibility: one the caller may not see is answered as one that does not exist, and shown as no
// incident. A post's staff correct the outcomes their post recorded; the bureau any.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, ForbiddenError, NotFoundError, ValidationError, VersionConflictError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { visibleIncidentExists, visibleIncidentIds } from "../incidents/index.js";
import { countryExists, currentCategory } from "../reference/index.js";
import * as repo from "./case-outcomes-repo.js";
import {
  caseOutcomeIssues,
  decodeCaseOutcomeCursor,
  encodeCaseOutcomeCursor,
  type CaseOutcomeCorrection,
  type CaseOutcomeInput,
  type CaseOutcomeList,
  type CaseOutcomeListQuery,
  type CaseOutcomeOutput,
  type CaseOutcomeWithdrawal,
} from "./case-outcomes-schema.js";

const DEFAULT_PAGE = 50;

const withdrawnError = () =>
  new AppError(409, "case_outcome_withdrawn", "This case outcome has been withdrawn; it is kept as it was and can no longer be changed.");
type Row = Database["case_outcomes"];

export function presentCaseOutcome(r: Row): CaseOutcomeOutput {
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
    external_id: r.external_id,
    ...recordStamp(r),
  };
}

/** What a case outcome and a notable case both say of themselves: who recorded it, its version, its withdrawal. */
export function recordStamp(r: {
  post_code: string;
  version: number;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string | null;
}) {
  return {
    post: r.post_code,
    version: r.version,
    withdrawn: r.withdrawn_at === null ? null : { at: r.withdrawn_at, reason: r.withdrawn_reason ?? "" },
    created_by: r.created_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** What a recorded or corrected outcome stores of its fields (the offence's ICCS code from the taxonomy unless given). */
export function caseOutcomeColumns(value: Omit<CaseOutcomeInput, "synthetic">, categoryIccs: string | null) {
  return {
    country_code: value.country,
    offence_category: value.offence.category,
    iccs_code: value.offence.iccs ?? categoryIccs,
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
  } satisfies Partial<Row>;
}

/** A stored outcome as the fields it would be recorded with (what a correction starts from). */
function fieldsOf(r: Row): Omit<CaseOutcomeInput, "synthetic"> {
  const presented = presentCaseOutcome(r);
  return {
    country: r.country_code,
    offence: { category: r.offence_category, ...(r.iccs_code === null ? {} : { iccs: r.iccs_code }) },
    court_level: r.court_level,
    decision_date: r.decision_date,
    defendant: presented.defendant,
    convicted: r.convicted,
    sentence: presented.sentence,
    incident_id: r.incident_id,
  };
}

/**
 * Throw unless the actor may change this record (a case outcome, a notable case): the role must be
 * one that may (403), and a post's staff change only what their post recorded (403: the record
 * itself is no secret, every desk reads them all).
 */
export function authorizePostRecordChange(
  actor: Actor | null,
  action: "case_outcome.update" | "notable_case.update",
  row: { post_code: string },
  what: string,
): void {
  authorize(actor, action);
  const visibility = visibilityOf(actor, action);
  if (visibility.kind === "post" && row.post_code !== visibility.post)
    throw new ForbiddenError(`${what} was recorded by another post: only that post or the bureau may change it.`);
}

const authorizeCorrection = (actor: Actor | null, row: Pick<Row, "post_code">) =>
  authorizePostRecordChange(actor, "case_outcome.update", row, "This case outcome");

/** Outcomes as the caller may see them: an incident hidden from them reads as none. */
export async function presentCaseOutcomesFor(db: Kysely<Database>, actor: Actor | null, rows: Row[]): Promise<CaseOutcomeOutput[]> {
  const linked = [...new Set(rows.flatMap((r) => (r.incident_id === null ? [] : [r.incident_id])))];
  const visible = await visibleIncidentIds(db, linked, visibilityOf(actor, "incident.read"));
  return rows.map((r) => presentCaseOutcome(r.incident_id === null || visible.has(r.incident_id) ? r : { ...r, incident_id: null }));
}

export function caseOutcomeUseCases(db: Kysely<Database>) {
  /** The checks against reference data that a new outcome and a correction share, with the category's ICCS code. */
  async function referenceIssues(actor: Actor | null, value: Omit<CaseOutcomeInput, "synthetic">, checkIncident: boolean) {
    const issues: IssueDetail[] = [];
    const offence = await currentCategory(db, value.offence.category);
    if (!offence.exists) issues.push({ path: "offence.category", message: `${value.offence.category} is not a category of the current taxonomy` });
    if (!(await countryExists(db, value.country))) issues.push({ path: "country", message: `no country has the code ${value.country}` });
    if (checkIncident && value.incident_id !== null && !(await visibleIncidentExists(db, value.incident_id, visibilityOf(actor, "incident.read")))) {
      issues.push({ path: "incident_id", message: "no incident has this id" });
    }
    return { issues, iccs: offence.iccs };
  }

  const presentFor = (actor: Actor | null, rows: Row[]) => presentCaseOutcomesFor(db, actor, rows);

  async function found(id: string): Promise<Row> {
    const row = await repo.findCaseOutcome(db, id);
    if (!row) throw new NotFoundError("The case outcome");
    return row;
  }

  return {
    async recordCaseOutcome(actor: Actor | null, input: CaseOutcomeInput): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.create");
      const user = requireUser(actor);
      const { issues, iccs } = await referenceIssues(actor, input, true);
      if (issues.length > 0) throw new ValidationError(issues);
      const row: Row = {
        id: newId(),
        ...caseOutcomeColumns(input, iccs),
        synthetic: input.synthetic,
        created_by: user.id,
        created_at: nowIso(),
        version: 1,
        post_code: user.postCode,
        external_id: null,
        updated_by: null,
        updated_at: null,
        withdrawn_at: null,
        withdrawn_reason: null,
      };
      const output = presentCaseOutcome(row);
      await db.transaction().execute(async (trx) => {
        await repo.insertCaseOutcome(trx, row);
        await recordAudit(trx, actor, { action: "case_outcome.create", entityType: "case_outcome", entityId: row.id, after: output });
      });
      return output;
    },

    async getCaseOutcome(actor: Actor | null, id: string): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.read");
      return (await presentFor(actor, [await found(id)]))[0]!;
    },

    /**
     * Correct an outcome: the fields named replace the stored ones, checked as a new outcome is; the
     * version must be the one the correction was based on (else 409). An incident the caller may not
     * see stays linked unless they name another (they were shown none, so none changes nothing).
     */
    async correctCaseOutcome(actor: Actor | null, id: string, correction: CaseOutcomeCorrection): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.update");
      const before = await found(id);
      authorizeCorrection(actor, before);
      const user = requireUser(actor);
      const { version, reason, ...changes } = correction;
      const [shown] = await presentFor(actor, [before]);
      const incidentHidden = before.incident_id !== null && shown!.incident_id === null;
      const keepHidden = incidentHidden && changes.incident_id === null;
      const merged = { ...fieldsOf(before), ...changes, ...(keepHidden ? { incident_id: before.incident_id } : {}) };
      // A new category's default ICCS code, unless the correction gives one.
      if (changes.offence !== undefined && changes.offence.iccs === undefined) merged.offence = { category: changes.offence.category };
      const crossField = caseOutcomeIssues(merged).map((i) => ({ path: i.path.join("."), message: i.message }));
      const { issues, iccs } = await referenceIssues(actor, merged, changes.incident_id !== undefined && !keepHidden);
      if (crossField.length + issues.length > 0) throw new ValidationError([...crossField, ...issues]);
      if (before.withdrawn_at !== null) throw withdrawnError();
      if (version !== before.version) throw new VersionConflictError("This case outcome", before.version);
      const after: Row = { ...before, ...caseOutcomeColumns(merged, iccs), version: before.version + 1, updated_by: user.id, updated_at: nowIso() };
      await db.transaction().execute(async (trx) => {
        if (
          !(await repo.updateCaseOutcome(trx, id, version, { ...caseOutcomeColumns(merged, iccs), updated_by: after.updated_by, updated_at: after.updated_at }))
        ) {
          throw new VersionConflictError("This case outcome", (await repo.findCaseOutcome(trx, id))?.version ?? version);
        }
        await recordAudit(trx, actor, {
          action: "case_outcome.update",
          entityType: "case_outcome",
          entityId: id,
          before: presentCaseOutcome(before),
          after: { ...presentCaseOutcome(after), reason },
        });
      });
      return (await presentFor(actor, [after]))[0]!;
    },

    /** Withdraw an outcome (a duplicate, a case recorded in error): kept with its reason, out of every comparison. */
    async withdrawCaseOutcome(actor: Actor | null, id: string, withdrawal: CaseOutcomeWithdrawal): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.update");
      const before = await found(id);
      authorizeCorrection(actor, before);
      const user = requireUser(actor);
      if (before.withdrawn_at !== null) throw withdrawnError();
      if (withdrawal.version !== before.version) throw new VersionConflictError("This case outcome", before.version);
      const at = nowIso();
      const after: Row = { ...before, version: before.version + 1, withdrawn_at: at, withdrawn_reason: withdrawal.reason, updated_by: user.id, updated_at: at };
      await db.transaction().execute(async (trx) => {
        const values = { withdrawn_at: at, withdrawn_reason: withdrawal.reason, updated_by: user.id, updated_at: at };
        if (!(await repo.updateCaseOutcome(trx, id, withdrawal.version, values))) {
          throw new VersionConflictError("This case outcome", (await repo.findCaseOutcome(trx, id))?.version ?? withdrawal.version);
        }
        await recordAudit(trx, actor, {
          action: "case_outcome.withdraw",
          entityType: "case_outcome",
          entityId: id,
          before: presentCaseOutcome(before),
          after: presentCaseOutcome(after),
        });
      });
      return (await presentFor(actor, [after]))[0]!;
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
      return {
        items: await presentFor(actor, page),
        next_cursor: rows.length > q.limit && last ? encodeCaseOutcomeCursor({ date: last.decision_date, id: last.id }) : null,
      };
    },
  };
}
