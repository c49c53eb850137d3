// Use cases of engagements with the host government: a post records one (with its follow-up
// actions), edits it while a draft or returned, takes it through the review path incidents follow
// (domain/workflow.ts, the policy's TRANSITION_ROLES through `authorizeTransition`), adds and
// completes follow-ups, attaches files (evidence, kept by the files module) and removes them while
// it may edit the engagement, and the bureau marks accepted ones notable. Every change one
// transaction with its audit event; edits at the version read (optimistic concurrency).
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { systemClock, type Clock } from "../../domain/clock.js";
import { AppError, NotFoundError, ValidationError, VersionConflictError, type IssueDetail } from "../../domain/errors.js";
import { newId, UUID_PATTERN } from "../../domain/ids.js";
import { stepColumns } from "../../domain/workflow.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor, type UserActor } from "../auth/actor.js";
import { allowedTransitions, authorize, authorizeTransition, canSee, mayEdit, visibilityOf, type ScopedRecord } from "../auth/policy.js";
import { currentCategory, findPost, listPostRows } from "../reference/index.js";
import { fileContent, fileSummaries, readUpload, removeFile, storeFile, type StoredFile } from "../files/index.js";
import { findUserById, listUserRows, userSummaries } from "../users/index.js";
import * as repo from "./repo.js";
import type { EngagementInput, EngagementListQuery, EngagementOutput, EngagementPatch, EngagementTransition, FollowUpInput } from "./schema.js";

export type EngagementService = ReturnType<typeof engagementService>;

const NOUN = { one: "engagement", many: "engagements", what: "Engagement" };

/** The most files one engagement holds. */
const MAX_ATTACHMENTS = 20;

const scopeOf = (row: repo.EngagementRow): ScopedRecord & { state: repo.EngagementRow["state"] } => ({
  post_code: row.post_code,
  state: row.state,
  author_post_code: row.author_post_code,
});

/** Rows → answers, as the actor sees them (the review steps and edits open to them now). */
export async function presentEngagements(db: Kysely<Database>, actor: Actor | null, rows: readonly repo.EngagementRow[]): Promise<EngagementOutput[]> {
  const ids = rows.map((r) => r.id);
  const [topics, followUps, posts] = await Promise.all([repo.topicsOf(db, ids), repo.followUpsOf(db, ids), listPostRows(db)]);
  const owners = await userSummaries(
    db,
    [...followUps.values()].flat().flatMap((f) => (f.owner_user_id ? [f.owner_user_id] : [])),
  );
  const names = new Map(posts.map((p) => [p.code, p.name]));
  return rows.map((row) => {
    const scoped = scopeOf(row);
    return {
      id: row.id,
      post: row.post_code,
      post_name: names.get(row.post_code) ?? row.post_code,
      country: row.country_code,
      date: row.date,
      kind: row.kind,
      counterpart: { office: row.office, level: row.level, office_type: row.office_type },
      initiated_by: row.initiated_by,
      topics: topics.get(row.id) ?? [],
      message: row.message,
      response: row.response,
      response_text: row.response_text,
      handling: row.handling,
      synthetic: row.synthetic,
      notable: row.notable,
      follow_ups: (followUps.get(row.id) ?? []).map((f) => ({
        number: f.number,
        action: f.action,
        owner_user: f.owner_user_id ? { id: f.owner_user_id, name: owners.get(f.owner_user_id)?.name ?? "a former user" } : null,
        owner_role: f.owner_role,
        due_date: f.due_date,
        done: f.completed_at !== null,
        completed_at: f.completed_at,
      })),
      state: row.state,
      version: row.version,
      return_comment: row.state === "returned" ? row.return_comment : null,
      allowed_actions: actor ? allowedTransitions(actor, scoped, "engagement") : [],
      editable: actor ? mayEdit(actor, scoped, "engagement") : false,
      created_at: row.created_at,
      updated_at: row.updated_at,
      submitted_at: row.submitted_at,
      cleared_at: row.cleared_at,
      accepted_at: row.accepted_at,
    };
  });
}

/** What the audit log keeps of an engagement: its fields, not the reader's view of it. */
function recorded(e: EngagementOutput) {
  const { allowed_actions: _a, editable: _e, post_name: _p, ...fields } = e;
  return fields;
}

export function engagementService(db: Kysely<Database>, clock: Clock = systemClock) {
  /** The engagement the actor may see, or 404 (missing and out of sight look the same). */
  async function visibleRow(actor: Actor | null, id: string): Promise<repo.EngagementRow> {
    authorize(actor, "engagement.read");
    const row = UUID_PATTERN.test(id) ? await repo.findEngagementRow(db, id) : undefined;
    if (!row || !canSee(actor, scopeOf(row), "engagement.read")) throw new NotFoundError("Engagement");
    return row;
  }

  async function present(actor: Actor | null, id: string, trx: Kysely<Database> = db): Promise<EngagementOutput> {
    return (await presentEngagements(trx, actor, [(await repo.findEngagementRow(trx, id))!]))[0]!;
  }

  /** Checks that need the database: topics in the current taxonomy, owners who are users of the post. */
  async function check(
    post: string,
    input: { topics?: readonly string[]; follow_ups?: readonly FollowUpInput[] },
    followUpPath = (i: number) => `follow_ups.${i}`,
  ): Promise<void> {
    const issues: IssueDetail[] = [];
    for (const [i, code] of (input.topics ?? []).entries()) {
      if (!(await currentCategory(db, code)).exists) issues.push({ path: `topics.${i}`, message: `no category ${code} in the current taxonomy` });
    }
    for (const [i, f] of (input.follow_ups ?? []).entries()) {
      if (f.owner_user === undefined) continue;
      const owner = await findUserById(db, f.owner_user);
      if (!owner || owner.disabled_at !== null || owner.post_code !== post)
        issues.push({ path: `${followUpPath(i)}.owner_user`, message: `no user of post ${post} has this id` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
  }

  const followUpRow = (engagementId: string, number: number, f: FollowUpInput): repo.FollowUpRow => ({
    engagement_id: engagementId,
    number,
    action: f.action,
    owner_user_id: f.owner_user ?? null,
    owner_role: f.owner_role ?? null,
    due_date: f.due_date,
    completed_at: null,
    completed_by: null,
  });

  /** Save `changes` at the version read, and audit the change: one transaction. */
  async function change(
    user: UserActor,
    row: repo.EngagementRow,
    version: number,
    work: (
      trx: Kysely<Database>,
      before: EngagementOutput,
    ) => Promise<Parameters<typeof recordAudit>[2] | ((after: EngagementOutput) => Parameters<typeof recordAudit>[2])>,
    changes: Parameters<typeof repo.updateEngagementRow>[3] = {},
  ): Promise<void> {
    if (version !== row.version) throw new VersionConflictError("This engagement", row.version);
    await db.transaction().execute(async (trx) => {
      const before = await present(null, row.id, trx);
      if (!(await repo.updateEngagementRow(trx, row.id, row.version, { ...changes, updated_by: user.id, updated_at: clock.now() }))) {
        throw new VersionConflictError("This engagement", (await repo.findEngagementRow(trx, row.id))?.version ?? row.version);
      }
      const entry = await work(trx, before);
      await recordAudit(trx, user, typeof entry === "function" ? entry(await present(null, row.id, trx)) : entry);
    });
  }

  /** The engagement the actor may edit now (as its fields: its post, while a draft or returned), or 404, 403, 409. */
  async function editableRow(actor: Actor | null, id: string): Promise<{ row: repo.EngagementRow; user: UserActor }> {
    const row = await visibleRow(actor, id);
    authorize(actor, "engagement.update", scopeOf(row), "Engagement");
    const user = requireUser(actor);
    notEditable(actor, row);
    return { row, user };
  }

  function notEditable(actor: Actor | null, row: repo.EngagementRow): void {
    if (!mayEdit(actor, scopeOf(row), "engagement")) {
      throw new AppError(409, "not_editable", `This engagement is ${row.state} and cannot be edited by you now.`, [], { state: row.state });
    }
  }

  /** An engagement's attachments as the files module knows them, in the order they were added. */
  async function attachmentList(trx: Kysely<Database>, id: string): Promise<StoredFile[]> {
    const links = await repo.attachmentsOf(trx, id);
    const files = new Map(
      (
        await fileSummaries(
          trx,
          links.map((l) => l.file_id),
        )
      ).map((f) => [f.id, f]),
    );
    return links.flatMap((l) => files.get(l.file_id) ?? []);
  }

  return {
    /** `synthetic`: the demo's (never from the API). The post is the recording user's. */
    async create(actor: Actor | null, input: EngagementInput, options: { synthetic?: boolean } = {}): Promise<EngagementOutput> {
      authorize(actor, "engagement.create");
      const user = requireUser(actor);
      const post = await findPost(db, user.postCode);
      if (!post?.country_code) throw new AppError(409, "no_host_country", "Your post has no host country to record an engagement with.");
      await check(post.code, input);
      const id = newId();
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.insertEngagement(
          trx,
          {
            id,
            post_code: post.code,
            author_post_code: user.postCode,
            country_code: post.country_code!,
            date: input.date,
            kind: input.kind,
            office: input.counterpart.office,
            level: input.counterpart.level,
            office_type: input.counterpart.office_type,
            initiated_by: input.initiated_by,
            message: input.message,
            response: input.response,
            response_text: input.response_text,
            handling: input.handling,
            synthetic: options.synthetic ?? false,
            notable: false,
            state: "draft",
            version: 1,
            return_comment: null,
            created_by: user.id,
            created_at: now,
            updated_by: user.id,
            updated_at: now,
            submitted_at: null,
            cleared_at: null,
            accepted_at: null,
          },
          input.topics,
          input.follow_ups.map((f, i) => followUpRow(id, i + 1, f)),
        );
        await recordAudit(trx, user, { action: "engagement.create", entityType: "engagement", entityId: id, after: recorded(await present(null, id, trx)) });
      });
      return present(actor, id);
    },

    async list(actor: Actor | null, filter: EngagementListQuery): Promise<{ items: EngagementOutput[]; total: number }> {
      authorize(actor, "engagement.read");
      const { rows, total } = await repo.listEngagementRows(db, visibilityOf(actor, "engagement.read"), filter, clock.today());
      return { items: await presentEngagements(db, actor, rows), total };
    },

    async get(actor: Actor | null, id: string): Promise<EngagementOutput> {
      return (await presentEngagements(db, actor, [await visibleRow(actor, id)]))[0]!;
    },

    /** Edit a draft or returned engagement (its post), at the version read. */
    async update(actor: Actor | null, id: string, patch: EngagementPatch): Promise<EngagementOutput> {
      const { row, user } = await editableRow(actor, id);
      await check(row.post_code, patch);
      const response = patch.response ?? row.response;
      const responseText = patch.response_text === undefined ? row.response_text : patch.response_text;
      if (response === "no_response_yet" && responseText !== null) {
        throw new ValidationError([
          { path: "response_text", message: 'a response "no response yet" has no text: remove the text or choose how they responded' },
        ]);
      }
      const columns = {
        ...(patch.date === undefined ? {} : { date: patch.date }),
        ...(patch.kind === undefined ? {} : { kind: patch.kind }),
        ...(patch.counterpart === undefined
          ? {}
          : { office: patch.counterpart.office, level: patch.counterpart.level, office_type: patch.counterpart.office_type }),
        ...(patch.initiated_by === undefined ? {} : { initiated_by: patch.initiated_by }),
        ...(patch.message === undefined ? {} : { message: patch.message }),
        ...(patch.response === undefined ? {} : { response: patch.response }),
        ...(patch.response_text === undefined ? {} : { response_text: patch.response_text }),
        ...(patch.handling === undefined ? {} : { handling: patch.handling }),
      };
      await change(
        user,
        row,
        patch.version,
        async (trx, before) => {
          if (patch.topics !== undefined) await repo.replaceTopics(trx, id, patch.topics);
          return (after) => ({ action: "engagement.update", entityType: "engagement", entityId: id, before: recorded(before), after: recorded(after) });
        },
        columns,
      );
      return present(actor, id);
    },

    /** A review step: submit (the post), clear or return (the post's approver), accept or return (the bureau). */
    async transition(actor: Actor | null, id: string, input: EngagementTransition): Promise<EngagementOutput> {
      const user = requireUser(actor);
      const row = await visibleRow(actor, id);
      const to = authorizeTransition(actor, scopeOf(row), input.action, "engagement", NOUN);
      const dates = stepColumns(input.action, clock.now(), input.comment);
      await change(
        user,
        row,
        input.version,
        async () => ({
          action: `engagement.${input.action}`,
          entityType: "engagement",
          entityId: id,
          before: { state: row.state, version: row.version },
          after: { state: to, version: row.version + 1, ...(input.comment === undefined ? {} : { note: input.comment }) },
        }),
        { state: to, ...dates },
      );
      return present(actor, id);
    },

    /** A new follow-up action (its post's staff, in any state: follow-ups come after the meeting). */
    async addFollowUp(actor: Actor | null, id: string, version: number, followUp: FollowUpInput): Promise<EngagementOutput> {
      const row = await visibleRow(actor, id);
      authorize(actor, "engagement.follow_up", scopeOf(row), "Engagement");
      const user = requireUser(actor);
      await check(row.post_code, { follow_ups: [followUp] }, () => "follow_up");
      await change(user, row, version, async (trx, before) => {
        const number = before.follow_ups.length + 1;
        if (number > 50) throw new ValidationError([{ path: "follow_up", message: "an engagement has at most 50 follow-up actions" }]);
        await repo.insertFollowUp(trx, followUpRow(id, number, followUp));
        return (after) => ({ action: "engagement.follow_up_add", entityType: "engagement", entityId: id, after: after.follow_ups.at(-1) });
      });
      return present(actor, id);
    },

    /** Mark a follow-up action done (its post's staff); 409 when it is done already. */
    async completeFollowUp(actor: Actor | null, id: string, number: number, version: number): Promise<EngagementOutput> {
      const row = await visibleRow(actor, id);
      authorize(actor, "engagement.follow_up", scopeOf(row), "Engagement");
      const user = requireUser(actor);
      const followUps = (await repo.followUpsOf(db, [id])).get(id) ?? [];
      const target = followUps.find((f) => f.number === number);
      if (!target) throw new NotFoundError("Follow-up action");
      if (target.completed_at !== null) throw new AppError(409, "already_done", `Follow-up action ${number} is done already.`);
      await change(user, row, version, async (trx, before) => {
        if (!(await repo.completeFollowUp(trx, id, number, user.id, clock.now())))
          throw new AppError(409, "already_done", `Follow-up action ${number} is done already.`);
        return (after) => ({
          action: "engagement.follow_up_complete",
          entityType: "engagement",
          entityId: id,
          before: before.follow_ups.find((f) => f.number === number),
          after: after.follow_ups.find((f) => f.number === number),
        });
      });
      return present(actor, id);
    },

    /** The bureau names an accepted engagement among the notable ones of the country report (or takes it out). */
    async markNotable(actor: Actor | null, id: string, version: number, notable: boolean): Promise<EngagementOutput> {
      const row = await visibleRow(actor, id);
      authorize(actor, "engagement.mark_notable", scopeOf(row), "Engagement");
      const user = requireUser(actor);
      if (row.state !== "accepted") {
        throw new AppError(409, "not_accepted", `This engagement is ${row.state}: only an accepted engagement can be marked notable.`, [], {
          state: row.state,
        });
      }
      await change(
        user,
        row,
        version,
        async () => ({ action: "engagement.notable", entityType: "engagement", entityId: id, before: { notable: row.notable }, after: { notable } }),
        { notable },
      );
      return present(actor, id);
    },

    /** The files attached to an engagement (whoever may see it). */
    async attachments(actor: Actor | null, id: string): Promise<{ items: StoredFile[] }> {
      await visibleRow(actor, id);
      return { items: await attachmentList(db, id) };
    },

    /**
     * Attach a file to an engagement its post may edit now: the bytes are read only once that is
     * settled, their kind told from them (400 for a kind not kept), kept by the files module.
     */
    async addAttachment(actor: Actor | null, id: string, upload: { open(): Readable; filename: string | null }): Promise<StoredFile> {
      const { user } = await editableRow(actor, id);
      if ((await repo.attachmentsOf(db, id)).length >= MAX_ATTACHMENTS) {
        throw new ValidationError([{ path: "file", message: `an engagement has at most ${MAX_ATTACHMENTS} attachments: remove one first` }]);
      }
      const bytes = await readUpload(upload.open());
      return db.transaction().execute(async (trx) => {
        // Submitted (or taken out of reach) while the file arrived: refused as the edit would be.
        notEditable(actor, (await repo.findEngagementRow(trx, id))!);
        const now = clock.now();
        const stored = await storeFile(trx, { bytes, filename: upload.filename, now });
        await repo.insertAttachment(trx, { file_id: stored.id, engagement_id: id, added_at: now });
        await recordAudit(trx, user, { action: "engagement.attachment_add", entityType: "engagement", entityId: id, after: stored });
        return stored;
      });
    },

    /** An attachment's bytes, its name and type, for whoever may see the engagement (404 for anyone else, as for the engagement). */
    async attachmentFile(actor: Actor | null, id: string, fileId: string): Promise<{ file: Buffer; filename: string; mediaType: string }> {
      await visibleRow(actor, id);
      const content = (await repo.findAttachment(db, id, fileId)) ? await fileContent(db, fileId) : undefined;
      if (!content) throw new NotFoundError("Attachment");
      return content;
    },

    /** Remove an attachment while the engagement may be edited: its bytes go, the audit log keeps what it was. The attachments left. */
    async removeAttachment(actor: Actor | null, id: string, fileId: string): Promise<{ items: StoredFile[] }> {
      const { user } = await editableRow(actor, id);
      await db.transaction().execute(async (trx) => {
        notEditable(actor, (await repo.findEngagementRow(trx, id))!);
        const [before] = await fileSummaries(trx, [fileId]);
        if (!before || !(await repo.deleteAttachment(trx, id, fileId))) throw new NotFoundError("Attachment");
        await removeFile(trx, fileId);
        await recordAudit(trx, user, { action: "engagement.attachment_remove", entityType: "engagement", entityId: id, before });
      });
      return { items: await attachmentList(db, id) };
    },

    /** Who may own a follow-up action of this engagement: the active users of its post, by name (for its post's staff). */
    async followUpOwners(actor: Actor | null, id: string): Promise<{ items: { id: string; name: string }[] }> {
      const row = await visibleRow(actor, id);
      authorize(actor, "engagement.follow_up", scopeOf(row), "Engagement");
      const users = await listUserRows(db, { posts: [row.post_code], disabled: false });
      return { items: users.map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name)) };
    },
  };
}
