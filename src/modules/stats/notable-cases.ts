// Use cases of notable cases: record one (two or more case outcomes of its country, each with its
// part in the case in words; incidents the caller may see), read one or a country's, edit one at
// its version, remove one outcome's link (kept, marked removed) and withdraw one (never deleted).
// Every change is audited in its transaction. Who may: as for case outcomes (policy.ts) — every
// desk records and reads them; the post that recorded one, or the bureau, changes it. A withdrawn
// outcome stays linked and is shown withdrawn; it cannot be newly linked.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, NotFoundError, ValidationError, VersionConflictError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database, NotableCaseOutcomeTable } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { visibleIncidentIds } from "../incidents/index.js";
import { countryExists, currentCategoryNames } from "../reference/index.js";
import { authorizePostRecordChange, presentCaseOutcome, presentCaseOutcomesFor, recordStamp } from "./case-outcomes.js";
import * as repo from "./notable-cases-repo.js";
import { NOTABLE_CASE_CAVEAT } from "../../domain/case-words.js";
import type {
  NotableCaseEdit,
  NotableCaseInput,
  NotableCaseLinkRemoval,
  NotableCaseList,
  NotableCaseListQuery,
  NotableCaseOutput,
  NotableCaseWithdrawal,
} from "./notable-cases-schema.js";

type Row = Database["notable_cases"];
type OutcomeRow = Database["case_outcomes"];
type Categories = Map<string, { name: string }>;

const WHAT = "This notable case";

const withdrawnError = () =>
  new AppError(409, "notable_case_withdrawn", "This notable case has been withdrawn; it is kept as it was and can no longer be changed.");

/** The offence in words: the category's name, with its ICCS code. */
function offenceLabel(categories: Categories, offence: { category: string; iccs: string | null }): string {
  const name = categories.get(offence.category)?.name ?? offence.category;
  return offence.iccs ? `${name} (ICCS ${offence.iccs})` : name;
}

/**
 * Notable cases as presented: their standing links in order, each outcome as `present` gives it
 * (an incident hidden from the caller reads as none), and their incidents as `incidents` filters them.
 */
async function presentAll(
  db: Kysely<Database>,
  rows: Row[],
  present: (outcomes: OutcomeRow[]) => Promise<ReturnType<typeof presentCaseOutcome>[]>,
  incidents: (ids: string[]) => Promise<Set<string>>,
): Promise<NotableCaseOutput[]> {
  const ids = rows.map((r) => r.id);
  const links = (await repo.outcomeLinks(db, ids)).filter((l) => l.removed_at === null);
  const presented = await present(await repo.caseOutcomesByIds(db, [...new Set(links.map((l) => l.case_outcome_id))]));
  const outcomes = new Map(presented.map((o) => [o.id, o]));
  const incidentRows = await repo.incidentLinks(db, ids);
  const visible = await incidents([...new Set(incidentRows.map((l) => l.incident_id))]);
  const categories = await currentCategoryNames(db);
  return rows.map((r) => {
    const linked = links
      .filter((l) => l.notable_case_id === r.id)
      .map((l) => {
        const outcome = outcomes.get(l.case_outcome_id)!;
        return { role: l.role, offence_label: offenceLabel(categories, outcome.offence), case_outcome: outcome };
      });
    return {
      id: r.id,
      country: r.country_code,
      title: r.title,
      description: r.description,
      outcomes: linked,
      incident_ids: incidentRows.filter((l) => l.notable_case_id === r.id && visible.has(l.incident_id)).map((l) => l.incident_id),
      synthetic: r.synthetic || linked.some((l) => l.case_outcome.synthetic),
      caveat: NOTABLE_CASE_CAVEAT,
      ...recordStamp(r),
    };
  });
}

/**
 * The standing notable cases a report on these countries shows: those with an outcome decided in
 * its period, oldest first (no incidents: a report cites only what it counts).
 */
export async function notableCasesForReport(db: Kysely<Database>, filter: { countries: readonly string[]; from: string; to: string }) {
  const ids = await repo.notableCaseIdsDecidedIn(db, filter.countries, filter.from, filter.to);
  const rows = (await repo.findNotableCases(db, { countries: filter.countries, withdrawn: false })).filter((r) => ids.includes(r.id)).reverse();
  return presentAll(
    db,
    rows,
    async (outcomes) => outcomes.map(presentCaseOutcome),
    async () => new Set<string>(),
  );
}

export function notableCaseUseCases(db: Kysely<Database>) {
  const presentFor = async (actor: Actor | null, rows: Row[]) =>
    presentAll(
      db,
      rows,
      (outcomes) => presentCaseOutcomesFor(db, actor, outcomes),
      (ids) => visibleIncidentIds(db, ids, visibilityOf(actor, "incident.read")),
    );

  async function found(id: string): Promise<Row> {
    const row = await repo.findNotableCase(db, id);
    if (!row) throw new NotFoundError("The notable case");
    return row;
  }

  /**
   * Issues with the outcomes named: each must exist and be of the case's country; one newly linked
   * must not be withdrawn (`kept`: those linked already, which may be).
   */
  async function outcomeIssues(country: string, named: { case_outcome_id: string }[], kept: ReadonlySet<string>): Promise<IssueDetail[]> {
    const rows = new Map(
      (
        await repo.caseOutcomesByIds(
          db,
          named.map((o) => o.case_outcome_id),
        )
      ).map((o) => [o.id, o]),
    );
    return named.flatMap(({ case_outcome_id: id }, i) => {
      const path = `outcomes.${i}.case_outcome_id`;
      const row = rows.get(id);
      if (!row) return [{ path, message: "no case outcome has this id" }];
      if (row.country_code !== country)
        return [{ path, message: `is a case outcome of ${row.country_code}, not of ${country}: a notable case is of one country` }];
      if (row.withdrawn_at !== null && !kept.has(id)) return [{ path, message: "has been withdrawn: a withdrawn case outcome cannot be newly linked" }];
      return [];
    });
  }

  /** An incident the caller may not see is answered as one that does not exist. */
  async function incidentIssues(actor: Actor | null, ids: readonly string[]): Promise<IssueDetail[]> {
    const visible = await visibleIncidentIds(db, ids, visibilityOf(actor, "incident.read"));
    return ids.flatMap((id, i) => (visible.has(id) ? [] : [{ path: `incident_ids.${i}`, message: "no incident has this id" }]));
  }

  /** Change a notable case at `version` with `values`; the version conflict when it moved since it was read. */
  async function changed(trx: Kysely<Database>, before: Row, version: number, values: Partial<Row>): Promise<void> {
    if (!(await repo.updateNotableCase(trx, before.id, version, values)))
      throw new VersionConflictError(WHAT, (await repo.findNotableCase(trx, before.id))?.version ?? version);
  }

  /** The checks every change shares: the record exists, the caller may change it, it stands, at this version. */
  async function changeable(actor: Actor | null, id: string, version: number) {
    authorize(actor, "notable_case.update");
    const before = await found(id);
    authorizePostRecordChange(actor, "notable_case.update", before, WHAT);
    const user = requireUser(actor);
    return {
      before,
      user,
      check: () => {
        if (before.withdrawn_at !== null) throw withdrawnError();
        if (version !== before.version) throw new VersionConflictError(WHAT, before.version);
      },
    };
  }

  /** What the audit log keeps of a notable case: all of it, whoever changed it. */
  const audited = async (trx: Kysely<Database>, id: string) =>
    (
      await presentAll(
        trx,
        [(await repo.findNotableCase(trx, id))!],
        async (o) => o.map(presentCaseOutcome),
        async (ids) => new Set(ids),
      )
    )[0]!;

  const reread = async (actor: Actor | null, id: string) => (await presentFor(actor, [await found(id)]))[0]!;

  return {
    async recordNotableCase(actor: Actor | null, input: NotableCaseInput): Promise<NotableCaseOutput> {
      authorize(actor, "notable_case.create");
      const user = requireUser(actor);
      const issues: IssueDetail[] = [];
      if (!(await countryExists(db, input.country))) issues.push({ path: "country", message: `no country has the code ${input.country}` });
      issues.push(...(await outcomeIssues(input.country, input.outcomes, new Set())), ...(await incidentIssues(actor, input.incident_ids)));
      if (issues.length > 0) throw new ValidationError(issues);
      const row: Row = {
        id: newId(),
        post_code: user.postCode,
        country_code: input.country,
        title: input.title,
        description: input.description,
        synthetic: input.synthetic,
        version: 1,
        created_by: user.id,
        created_at: nowIso(),
        updated_by: null,
        updated_at: null,
        withdrawn_at: null,
        withdrawn_reason: null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertNotableCase(trx, row);
        await repo.insertOutcomeLinks(
          trx,
          input.outcomes.map((o, position) => link(row.id, o, position)),
        );
        await repo.replaceIncidentLinks(trx, row.id, input.incident_ids);
        await recordAudit(trx, actor, { action: "notable_case.create", entityType: "notable_case", entityId: row.id, after: await audited(trx, row.id) });
      });
      return reread(actor, row.id);
    },

    async getNotableCase(actor: Actor | null, id: string): Promise<NotableCaseOutput> {
      authorize(actor, "notable_case.read");
      return reread(actor, id);
    },

    async listNotableCases(actor: Actor | null, query: Partial<NotableCaseListQuery> = {}): Promise<NotableCaseList> {
      authorize(actor, "notable_case.read");
      const rows = await repo.findNotableCases(db, { ...(query.country ? { countries: [query.country] } : {}), withdrawn: query.withdrawn });
      return { items: await presentFor(actor, rows) };
    },

    /**
     * Edit a notable case: the fields named replace the stored ones (the outcomes as a whole list: one
     * left out is unlinked, kept marked removed). An incident the caller may not see stays linked.
     */
    async editNotableCase(actor: Actor | null, id: string, edit: NotableCaseEdit): Promise<NotableCaseOutput> {
      const { before, user, check } = await changeable(actor, id, edit.version);
      const links = await repo.outcomeLinks(db, [id]);
      const standing = links.filter((l) => l.removed_at === null);
      const storedIncidents = (await repo.incidentLinks(db, [id])).map((l) => l.incident_id);
      const shown = await visibleIncidentIds(db, storedIncidents, visibilityOf(actor, "incident.read"));
      const hidden = storedIncidents.filter((i) => !shown.has(i));
      const issues: IssueDetail[] = [];
      if (edit.outcomes) issues.push(...(await outcomeIssues(before.country_code, edit.outcomes, new Set(standing.map((l) => l.case_outcome_id)))));
      if (edit.incident_ids) issues.push(...(await incidentIssues(actor, edit.incident_ids)));
      if (issues.length > 0) throw new ValidationError(issues);
      check();
      const previous = await audited(db, id);
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        await changed(trx, before, edit.version, {
          ...(edit.title === undefined ? {} : { title: edit.title }),
          ...(edit.description === undefined ? {} : { description: edit.description }),
          updated_by: user.id,
          updated_at: at,
        });
        if (edit.outcomes) {
          const named = new Set(edit.outcomes.map((o) => o.case_outcome_id));
          for (const l of standing.filter((s) => !named.has(s.case_outcome_id)))
            await repo.updateOutcomeLink(trx, id, l.case_outcome_id, {
              removed_at: at,
              removed_by: user.id,
              removed_reason: "Left out when the notable case was edited.",
            });
          const stored = new Set(links.map((l) => l.case_outcome_id));
          for (const [position, o] of edit.outcomes.entries()) {
            if (stored.has(o.case_outcome_id))
              await repo.updateOutcomeLink(trx, id, o.case_outcome_id, { role: o.role, position, removed_at: null, removed_by: null, removed_reason: null });
            else await repo.insertOutcomeLinks(trx, [link(id, o, position)]);
          }
        }
        if (edit.incident_ids) await repo.replaceIncidentLinks(trx, id, [...new Set([...edit.incident_ids, ...hidden])]);
        await recordAudit(trx, actor, {
          action: "notable_case.update",
          entityType: "notable_case",
          entityId: id,
          before: previous,
          after: await audited(trx, id),
        });
      });
      return reread(actor, id);
    },

    /** Remove one outcome's link, with the reason: kept, marked removed; at least two stay linked (else 409). */
    async removeNotableCaseLink(actor: Actor | null, id: string, removal: NotableCaseLinkRemoval): Promise<NotableCaseOutput> {
      const { before, user, check } = await changeable(actor, id, removal.version);
      const standing = (await repo.outcomeLinks(db, [id])).filter((l) => l.removed_at === null);
      if (!standing.some((l) => l.case_outcome_id === removal.case_outcome_id))
        throw new ValidationError([{ path: "case_outcome_id", message: "is not a case outcome this notable case links" }]);
      check();
      if (standing.length <= 2)
        throw new AppError(
          409,
          "notable_case_too_few_outcomes",
          "A notable case links at least two case outcomes: link another before removing this one, or withdraw the notable case.",
        );
      const previous = await audited(db, id);
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        await changed(trx, before, removal.version, { updated_by: user.id, updated_at: at });
        await repo.updateOutcomeLink(trx, id, removal.case_outcome_id, { removed_at: at, removed_by: user.id, removed_reason: removal.reason });
        await recordAudit(trx, actor, {
          action: "notable_case.unlink",
          entityType: "notable_case",
          entityId: id,
          before: previous,
          after: { ...(await audited(trx, id)), case_outcome_id: removal.case_outcome_id, reason: removal.reason },
        });
      });
      return reread(actor, id);
    },

    /** Withdraw a notable case (recorded twice, or in error), with the reason: kept, marked withdrawn, in no report. */
    async withdrawNotableCase(actor: Actor | null, id: string, withdrawal: NotableCaseWithdrawal): Promise<NotableCaseOutput> {
      const { before, user, check } = await changeable(actor, id, withdrawal.version);
      check();
      const previous = await audited(db, id);
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        await changed(trx, before, withdrawal.version, { withdrawn_at: at, withdrawn_reason: withdrawal.reason, updated_by: user.id, updated_at: at });
        await recordAudit(trx, actor, {
          action: "notable_case.withdraw",
          entityType: "notable_case",
          entityId: id,
          before: previous,
          after: await audited(trx, id),
        });
      });
      return reread(actor, id);
    },
  };
}

function link(notableCaseId: string, o: { case_outcome_id: string; role: string }, position: number): NotableCaseOutcomeTable {
  return {
    notable_case_id: notableCaseId,
    case_outcome_id: o.case_outcome_id,
    role: o.role,
    position,
    removed_at: null,
    removed_by: null,
    removed_reason: null,
  };
}
