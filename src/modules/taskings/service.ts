// Use cases of taskings: an editor drafts one, edits the draft, issues it to its posts (version 1),
// amends it while issued (each amendment a new version the posts see as a change) and closes it.
// Posts' responses and the compliance matrix are in responses.ts and compliance-service.ts.
import type { Kysely } from "kysely";
import { systemClock, type Clock } from "../../domain/clock.js";
import { AppError, ValidationError, VersionConflictError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor, type UserActor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { currentCategory, listPostRows } from "../reference/index.js";
import { userSummaries } from "../users/index.js";
import { postNames, presentTasking, visibleTasking, visibleTaskings } from "./access.js";
import { complianceService } from "./compliance-service.js";
import * as repo from "./repo.js";
import { responseService } from "./responses.js";
import type { AmendInput, TaskingContent, TaskingInput, TaskingOutput, TaskingPatch } from "./schema.js";
import { resolveTargets } from "./targets.js";
import { nextRound } from "./recurrence.js";
import type { JobService } from "../jobs/service.js";

export type TaskingService = ReturnType<typeof taskingService>;

/** The fields posts are sent: what a version freezes and an amendment compares. */
const CONTENT_FIELDS = ["reference", "title", "handling", "body", "requirements", "period", "due_date", "recurrence", "targets"] as const;

function contentOf(tasking: TaskingOutput): TaskingContent {
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, tasking[f]])) as TaskingContent;
}

function changedFields(before: TaskingContent | null, after: TaskingContent): string[] {
  if (before === null) return [];
  return CONTENT_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

export function taskingService(db: Kysely<Database>, clock: Clock = systemClock, jobs?: Pick<JobService, "enqueueWithin">) {
  /**
   * A recurring tasking's next round is issued by a job when its period begins (`recur`), queued in
   * the transaction that issues this one: an issue whose job could not be queued is not issued, so
   * a series never stops half-way.
   */
  async function scheduleNextRound(trx: Kysely<Database>, actor: Actor, tasking: TaskingOutput): Promise<void> {
    if (tasking.recurrence === "none" || !jobs) return;
    const next = nextRound(tasking.recurrence, tasking);
    await jobs.enqueueWithin(trx, actor, { kind: "tasking.recur", payload: { tasking_id: tasking.id }, runAfter: `${next.period.from}T00:00:00.000Z` });
  }

  /** Checks that need the database: the categories exist, the posts are open. The columns to store. */
  async function columnsOf(input: Partial<TaskingInput>) {
    const issues: IssueDetail[] = [];
    for (const [i, requirement] of (input.requirements ?? []).entries()) {
      for (const [j, code] of requirement.categories.entries()) {
        if (!(await currentCategory(db, code)).exists)
          issues.push({ path: `requirements.${i}.categories.${j}`, message: `no category ${code} in the current taxonomy` });
      }
    }
    let posts: string[] | undefined;
    if (input.targets) {
      const embassies = (await listPostRows(db)).flatMap((p) => (p.kind === "embassy" ? [{ code: p.code, country_code: p.country_code ?? p.code }] : []));
      const resolved = resolveTargets(input.targets, embassies);
      issues.push(...resolved.issues);
      posts = resolved.posts;
    }
    if (issues.length > 0) throw new ValidationError(issues);
    const columns = {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.handling === undefined ? {} : { handling: input.handling }),
      ...(input.body === undefined ? {} : { body: input.body }),
      ...(input.requirements === undefined
        ? {}
        : {
            requirements: JSON.stringify(
              input.requirements.map((r, i) => ({ number: i + 1, text: r.text, categories: r.categories, statistics: r.statistics })),
            ),
          }),
      ...(input.period === undefined ? {} : { period_from: input.period.from, period_to: input.period.to }),
      ...(input.due_date === undefined ? {} : { due_date: input.due_date }),
      ...(input.recurrence === undefined ? {} : { recurrence: input.recurrence }),
    };
    return { columns, posts };
  }

  async function reread(id: string): Promise<TaskingOutput> {
    const row = (await repo.findTaskingRow(db, id))!;
    return presentTasking(row, (await repo.targetsOf(db, [id])).get(id) ?? [], await postNames(db));
  }

  /** The tasking to change, at the version the caller read, in one of `states` (else 409). */
  async function changeable(actor: Actor | null, id: string, version: number, states: readonly string[], what: string) {
    authorize(actor, "tasking.manage");
    const before = await visibleTasking(db, actor, id);
    if (!states.includes(before.state)) {
      throw new AppError(409, "illegal_transition", `This tasking is ${before.state}: it cannot be ${what} now.`, [], { state: before.state });
    }
    if (version !== before.version) throw new VersionConflictError("This tasking", before.version);
    return before;
  }

  async function save(
    trx: Kysely<Database>,
    user: UserActor,
    id: string,
    version: number,
    changes: Parameters<typeof repo.updateTaskingRow>[3],
    posts?: string[],
  ) {
    const saved = await repo.updateTaskingRow(trx, id, version, { ...changes, updated_by: user.id, updated_at: clock.now() });
    if (!saved) throw new VersionConflictError("This tasking", (await repo.findTaskingRow(trx, id))?.version ?? version);
    if (posts) await repo.replaceTargets(trx, id, posts);
  }

  async function issueVersion(trx: Kysely<Database>, userId: string, tasking: TaskingOutput, note: string | null): Promise<void> {
    await repo.insertVersion(trx, {
      tasking_id: tasking.id,
      version: tasking.issued_version,
      content: JSON.stringify(contentOf(tasking)),
      note,
      issued_by: userId,
      issued_at: clock.now(),
    });
  }

  return {
    /** `synthetic`: the demo's (never from the API). */
    async createTasking(actor: Actor | null, input: TaskingInput, options: { synthetic?: boolean } = {}): Promise<TaskingOutput> {
      authorize(actor, "tasking.manage");
      const user = requireUser(actor);
      if (await repo.referenceTaken(db, input.reference)) {
        throw new ValidationError([{ path: "reference", message: `a tasking ${input.reference} exists already` }]);
      }
      const { columns, posts } = await columnsOf(input);
      const now = clock.now();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertTasking(
          trx,
          {
            id,
            reference: input.reference,
            ...(columns as Required<typeof columns>),
            state: "draft",
            synthetic: options.synthetic ?? false,
            issued_version: 0,
            version: 1,
            series_of: null,
            created_by: user.id,
            created_at: now,
            updated_by: user.id,
            updated_at: now,
            issued_at: null,
            closed_at: null,
          },
          posts!,
        );
        await recordAudit(trx, user, { action: "tasking.create", entityType: "tasking", entityId: id, after: contentOf(await readIn(trx, id)) });
      });
      return reread(id);
    },

    listTaskings: (actor: Actor | null, state?: TaskingOutput["state"]) => visibleTaskings(db, actor, state).then((items) => ({ items })),

    getTasking: (actor: Actor | null, id: string) => visibleTasking(db, actor, id),

    async updateTasking(actor: Actor | null, id: string, patch: TaskingPatch): Promise<TaskingOutput> {
      const before = await changeable(actor, id, patch.version, ["draft"], "edited as a draft (amend it instead)");
      const user = requireUser(actor);
      if (patch.reference !== undefined && patch.reference !== before.reference && (await repo.referenceTaken(db, patch.reference))) {
        throw new ValidationError([{ path: "reference", message: `a tasking ${patch.reference} exists already` }]);
      }
      const { columns, posts } = await columnsOf(patch);
      await db.transaction().execute(async (trx) => {
        await save(trx, user, id, patch.version, { ...columns, ...(patch.reference === undefined ? {} : { reference: patch.reference }) }, posts);
        await recordAudit(trx, user, {
          action: "tasking.update",
          entityType: "tasking",
          entityId: id,
          before: contentOf(before),
          after: contentOf(await readIn(trx, id)),
        });
      });
      return reread(id);
    },

    async issueTasking(actor: Actor | null, id: string, version: number): Promise<TaskingOutput> {
      const before = await changeable(actor, id, version, ["draft"], "issued");
      const user = requireUser(actor);
      await db.transaction().execute(async (trx) => {
        await save(trx, user, id, version, { state: "issued", issued_version: 1, issued_at: clock.now() });
        const issued = await readIn(trx, id);
        await issueVersion(trx, user.id, issued, null);
        await recordAudit(trx, user, {
          action: "tasking.issue",
          entityType: "tasking",
          entityId: id,
          after: { version: 1, posts: before.targets.map((t) => t.post) },
        });
        await scheduleNextRound(trx, user, issued);
      });
      return reread(id);
    },

    /**
     * The job of a recurring tasking: issue its next round (the same requirements and posts, the
     * next period, due as long after it), once, and schedule the one after, in one transaction (a
     * failure leaves neither, and the job tried again does both). Nothing when the tasking was closed
     * meanwhile or the round was issued already (a job tried again).
     */
    async recur(actor: Actor | null, id: string): Promise<{ issued: string | null }> {
      authorize(actor, "tasking.manage");
      const row = await repo.findTaskingRow(db, id);
      if (!actor || !row || row.state !== "issued" || row.recurrence === "none") return { issued: null };
      const last = await reread(id);
      const next = nextRound(row.recurrence, last);
      const root = row.series_of ?? row.id;
      const series = await repo.seriesRows(db, root);
      if (series.some((r) => r.period_from === next.period.from)) return { issued: null };
      const reference = `${series[0]!.reference}-${series.length + 1}`;
      const roundId = newId();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.insertTasking(
          trx,
          {
            ...row,
            id: roundId,
            reference,
            period_from: next.period.from,
            period_to: next.period.to,
            due_date: next.due_date,
            state: "issued",
            issued_version: 1,
            version: 1,
            series_of: root,
            created_at: now,
            updated_by: row.created_by,
            updated_at: now,
            issued_at: now,
            closed_at: null,
          },
          last.targets.map((t) => t.post),
        );
        const issued = await readIn(trx, roundId);
        await issueVersion(trx, row.created_by, issued, null);
        await recordAudit(trx, actor, {
          action: "tasking.issue",
          entityType: "tasking",
          entityId: roundId,
          after: { version: 1, posts: issued.targets.map((t) => t.post), recurring_from: row.reference },
        });
        await scheduleNextRound(trx, actor, issued);
      });
      return { issued: reference };
    },

    async amendTasking(actor: Actor | null, id: string, input: AmendInput): Promise<TaskingOutput> {
      const before = await changeable(actor, id, input.version, ["issued"], "amended");
      const user = requireUser(actor);
      const { columns, posts } = await columnsOf(input);
      await db.transaction().execute(async (trx) => {
        await save(trx, user, id, input.version, { ...columns, issued_version: before.issued_version + 1 }, posts);
        const amended = await readIn(trx, id);
        if (changedFields(contentOf(before), contentOf(amended)).length === 0) {
          throw new ValidationError([{ path: "", message: "an amendment must change something posts were sent" }]);
        }
        await issueVersion(trx, user.id, amended, input.note);
        await recordAudit(trx, user, {
          action: "tasking.amend",
          entityType: "tasking",
          entityId: id,
          before: contentOf(before),
          after: { ...contentOf(amended), note: input.note },
        });
      });
      return reread(id);
    },

    async closeTasking(actor: Actor | null, id: string, version: number): Promise<TaskingOutput> {
      await changeable(actor, id, version, ["issued"], "closed");
      const user = requireUser(actor);
      await db.transaction().execute(async (trx) => {
        await save(trx, user, id, version, { state: "closed", closed_at: clock.now() });
        await recordAudit(trx, user, { action: "tasking.close", entityType: "tasking", entityId: id, before: { state: "issued" } });
      });
      return reread(id);
    },

    /** The versions posts were sent, oldest first, each with the fields it changed. */
    async versions(actor: Actor | null, id: string) {
      await visibleTasking(db, actor, id);
      const rows = await repo.versionsOf(db, id);
      const names = await userSummaries(
        db,
        rows.map((r) => r.issued_by),
      );
      let previous: TaskingContent | null = null;
      const items = rows.map((r) => {
        const content = JSON.parse(r.content) as TaskingContent;
        const item = {
          version: r.version,
          note: r.note,
          issued_at: r.issued_at,
          issued_by: names.get(r.issued_by)?.name ?? "",
          content,
          changed: changedFields(previous, content),
        };
        previous = content;
        return item;
      });
      return { items };
    },

    responses: responseService(db, clock),
    compliance: complianceService(db, clock),
  };

  async function readIn(trx: Kysely<Database>, id: string): Promise<TaskingOutput> {
    const row = (await repo.findTaskingRow(trx, id))!;
    return presentTasking(row, (await repo.targetsOf(trx, [id])).get(id) ?? [], await postNames(trx));
  }
}
