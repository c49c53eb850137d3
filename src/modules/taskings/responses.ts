// Use cases of a post's response to a tasking: start and edit it (a narrative or "nothing to
// report" per requirement, linked records), take it through the review path incidents follow
// (the state machine of domain/workflow.ts, the roles of the policy's TRANSITION_ROLES), and
// render it as the post's reporting cable. A post sees its own responses; the bureau sees all.
import type { Kysely } from "kysely";
import type { Clock } from "../../domain/clock.js";
import { AppError, NotFoundError, ValidationError, VersionConflictError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { stepColumns } from "../../domain/workflow.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { allowedTransitions, authorize, authorizeTransition, canSee, mayEdit, visibilityOf, type ScopedRecord } from "../auth/policy.js";
import { engagementsByIds, visibleEngagementIds } from "../engagements/index.js";
import { incidentDetails, visibleIncidentIds } from "../incidents/index.js";
import { countryNames } from "../reference/index.js";
import { render, RENDERINGS } from "../reports/index.js";
import type { RenderFormat } from "../reports/schema.js";
import { findDatasetById } from "../stats/index.js";
import { postNames, visibleTasking } from "./access.js";
import { responseCable, type CitedDataset } from "./cable.js";
import * as repo from "./repo.js";
import type { ResponseInput, ResponseOutput, ResponseTransition, TaskingOutput } from "./schema.js";

const scopeOf = (row: { post_code: string; state: string }): ScopedRecord & { state: repo.ResponseRow["state"] } => ({
  post_code: row.post_code,
  state: row.state as repo.ResponseRow["state"],
  author_post_code: row.post_code,
});

async function presentResponses(db: Kysely<Database>, actor: Actor | null, rows: readonly repo.ResponseRow[]): Promise<ResponseOutput[]> {
  const ids = rows.map((r) => r.id);
  const [answers, links, names] = await Promise.all([repo.answersOf(db, ids), repo.linksOf(db, ids), postNames(db)]);
  return rows.map((row) => {
    const scoped = scopeOf(row);
    const linked = links.filter((l) => l.response_id === row.id);
    const answered = answers.filter((a) => a.response_id === row.id);
    const numbers = [...new Set([...answered.map((a) => a.requirement), ...linked.map((l) => l.requirement)])].sort((a, b) => a - b);
    return {
      id: row.id,
      tasking_id: row.tasking_id,
      post: row.post_code,
      post_name: names.get(row.post_code) ?? row.post_code,
      state: row.state,
      version: row.version,
      return_comment: row.state === "returned" ? row.return_comment : null,
      answers: numbers.map((requirement) => {
        const answer = answered.find((a) => a.requirement === requirement);
        return {
          requirement,
          nothing_to_report: answer?.nothing_to_report ?? false,
          narrative: answer?.narrative ?? null,
          links: linked.filter((l) => l.requirement === requirement).map((l) => ({ kind: l.record_kind, id: l.record_id })),
        };
      }),
      allowed_actions: allowedTransitions(actor, scoped, "tasking_response"),
      editable: mayEdit(actor, scoped, "tasking_response"),
      created_at: row.created_at,
      updated_at: row.updated_at,
      submitted_at: row.submitted_at,
      cleared_at: row.cleared_at,
      accepted_at: row.accepted_at,
    };
  });
}

export function responseService(db: Kysely<Database>, clock: Clock) {
  /** The tasking (visible to the actor) and the post's response to it, when the actor may see that post's. */
  async function read(actor: Actor | null, taskingId: string, post: string) {
    const tasking = await visibleTasking(db, actor, taskingId);
    authorize(actor, "tasking_response.read");
    if (!tasking.targets.some((t) => t.post === post) || !canSee(actor, { post_code: post, author_post_code: post }, "tasking_response.read")) {
      throw new NotFoundError("Response");
    }
    return { tasking, row: await repo.findResponseRow(db, taskingId, post) };
  }

  async function present(actor: Actor | null, taskingId: string, post: string): Promise<ResponseOutput> {
    const row = (await repo.findResponseRow(db, taskingId, post))!;
    return (await presentResponses(db, actor, [row]))[0]!;
  }

  /** Requirement numbers within the tasking; linked incidents and engagements the actor can see; datasets that exist. */
  async function check(actor: Actor | null, tasking: TaskingOutput, input: ResponseInput): Promise<void> {
    const count = tasking.requirements.length;
    const issues: IssueDetail[] = [];
    const outOfRange = (n: number) => `the tasking has ${count} requirement${count === 1 ? "" : "s"}: there is no requirement ${n}`;
    input.answers.forEach((a, i) => a.requirement > count && issues.push({ path: `answers.${i}.requirement`, message: outOfRange(a.requirement) }));
    input.links.forEach((l, i) => l.requirement > count && issues.push({ path: `links.${i}.requirement`, message: outOfRange(l.requirement) }));
    const incidentIds = input.links.filter((l) => l.kind === "incident").map((l) => l.id);
    const visible = await visibleIncidentIds(db, incidentIds, visibilityOf(actor, "incident.read"));
    const engagementIds = input.links.filter((l) => l.kind === "engagement").map((l) => l.id);
    const visibleEngagements = await visibleEngagementIds(db, engagementIds, visibilityOf(actor, "engagement.read"));
    for (const [i, link] of input.links.entries()) {
      if (link.kind === "incident" && !visible.has(link.id)) issues.push({ path: `links.${i}.id`, message: "no such incident" });
      if (link.kind === "engagement" && !visibleEngagements.has(link.id)) issues.push({ path: `links.${i}.id`, message: "no such engagement" });
      if (link.kind === "dataset" && !(await findDatasetById(db, link.id))) issues.push({ path: `links.${i}.id`, message: "no such dataset" });
    }
    const seen = new Set<string>();
    input.links.forEach((l, i) => {
      const key = `${l.requirement}|${l.kind}|${l.id}`;
      if (seen.has(key)) issues.push({ path: `links.${i}`, message: "is linked twice" });
      seen.add(key);
    });
    if (issues.length > 0) throw new ValidationError(issues);
  }

  return {
    /** The responses to a tasking the actor may see: every target post's for the bureau, its own for a post. */
    async list(actor: Actor | null, taskingId: string): Promise<{ items: ResponseOutput[] }> {
      await visibleTasking(db, actor, taskingId);
      authorize(actor, "tasking_response.read");
      const visibility = visibilityOf(actor, "tasking_response.read");
      const rows = await repo.responseRows(db, [taskingId], visibility.kind === "post" ? visibility.post : undefined);
      return { items: await presentResponses(db, actor, rows) };
    },

    async get(actor: Actor | null, taskingId: string, post: string): Promise<ResponseOutput> {
      const { row } = await read(actor, taskingId, post);
      if (!row) throw new NotFoundError("Response");
      return (await presentResponses(db, actor, [row]))[0]!;
    },

    /** Start the post's response (no version) or save its draft (the version read); 409 once submitted. */
    async save(actor: Actor | null, taskingId: string, post: string, input: ResponseInput): Promise<ResponseOutput> {
      const { tasking, row } = await read(actor, taskingId, post);
      authorize(actor, "tasking_response.update", { post_code: post, author_post_code: post }, "Response");
      const user = requireUser(actor);
      if (tasking.state !== "issued") {
        throw new AppError(409, "not_editable", `This tasking is ${tasking.state}: responses to it cannot be changed.`, [], { state: tasking.state });
      }
      if (row && !mayEdit(actor, scopeOf(row), "tasking_response")) {
        throw new AppError(409, "not_editable", `This response is ${row.state} and cannot be edited by you now.`, [], { state: row.state });
      }
      if (row ? input.version !== row.version : input.version !== undefined) throw new VersionConflictError("This response", row?.version ?? 0);
      await check(actor, tasking, input);
      const answers = input.answers.map((a) => ({ requirement: a.requirement, nothing_to_report: a.nothing_to_report, narrative: a.narrative ?? null }));
      const links = input.links.map((l) => ({ requirement: l.requirement, record_kind: l.kind, record_id: l.id }));
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        let id = row?.id;
        const before = row ? (await presentResponses(trx, null, [row]))[0]! : null;
        if (row) {
          if (!(await repo.updateResponseRow(trx, row.id, row.version, { updated_by: user.id, updated_at: now }))) {
            throw new VersionConflictError("This response", (await repo.findResponseRow(trx, taskingId, post))?.version ?? row.version);
          }
        } else {
          id = newId();
          await repo.insertResponse(trx, {
            id,
            tasking_id: taskingId,
            post_code: post,
            state: "draft",
            version: 1,
            return_comment: null,
            created_by: user.id,
            created_at: now,
            updated_by: user.id,
            updated_at: now,
            first_submitted_at: null,
            submitted_at: null,
            cleared_at: null,
            accepted_at: null,
          });
        }
        await repo.replaceAnswers(trx, id!, answers, links);
        const after = (await presentResponses(trx, null, [(await repo.findResponseRow(trx, taskingId, post))!]))[0]!;
        const shown = (r: ResponseOutput) => ({ state: r.state, version: r.version, answers: r.answers });
        await recordAudit(
          trx,
          user,
          before
            ? { action: "tasking_response.update", entityType: "tasking_response", entityId: id!, before: shown(before), after: shown(after) }
            : {
                action: "tasking_response.create",
                entityType: "tasking_response",
                entityId: id!,
                after: { tasking: tasking.reference, post, ...shown(after) },
              },
        );
      });
      return present(actor, taskingId, post);
    },

    /** A review step: submit (the post), clear or return (the post's approver), accept or return (the bureau). */
    async transition(actor: Actor | null, taskingId: string, post: string, input: ResponseTransition): Promise<ResponseOutput> {
      const user = requireUser(actor);
      const { row } = await read(actor, taskingId, post);
      if (!row) throw new NotFoundError("Response");
      const scoped = scopeOf(row);
      const to = authorizeTransition(actor, scoped, input.action, "tasking_response", { one: "response", many: "responses", what: "Response" });
      if (input.version !== row.version) throw new VersionConflictError("This response", row.version);
      const now = clock.now();
      const dates = {
        ...stepColumns(input.action, now, input.comment),
        ...(input.action === "submit" ? { first_submitted_at: row.first_submitted_at ?? now } : {}),
      };
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateResponseRow(trx, row.id, row.version, { state: to, ...dates, updated_by: user.id, updated_at: now }))) {
          throw new VersionConflictError("This response", (await repo.findResponseRow(trx, taskingId, post))?.version ?? row.version);
        }
        await recordAudit(trx, user, {
          action: `tasking_response.${input.action}`,
          entityType: "tasking_response",
          entityId: row.id,
          before: { state: row.state, version: row.version },
          after: { state: to, version: row.version + 1, ...(input.comment === undefined ? {} : { note: input.comment }) },
        });
      });
      return present(actor, taskingId, post);
    },

    /** The response as the post's reporting cable, in one of the report renderings. */
    async cable(actor: Actor | null, taskingId: string, post: string, format: RenderFormat) {
      const { tasking, row } = await read(actor, taskingId, post);
      if (!row) throw new NotFoundError("Response");
      const response = (await presentResponses(db, actor, [row]))[0]!;
      const links = response.answers.flatMap((a) => a.links);
      const incidentIds = links.filter((l) => l.kind === "incident").map((l) => l.id);
      // The cable shows what the reader may see of the linked records.
      const visible = await visibleIncidentIds(db, incidentIds, visibilityOf(actor, "incident.read"));
      const incidents = await incidentDetails(
        db,
        incidentIds.filter((id) => visible.has(id)),
      );
      const engagementIds = links.filter((l) => l.kind === "engagement").map((l) => l.id);
      const seen = await visibleEngagementIds(db, engagementIds, visibilityOf(actor, "engagement.read"));
      const engagements = await engagementsByIds(
        db,
        engagementIds.filter((id) => seen.has(id)),
      );
      const datasets = new Map<string, CitedDataset>();
      for (const link of links) {
        if (link.kind !== "dataset") continue;
        const dataset = await findDatasetById(db, link.id);
        if (dataset) datasets.set(link.id, { publisher: dataset.publisher, title: dataset.title, url: dataset.url, retrieved_at: dataset.retrieved_at });
      }
      const names = new Map((await countryNames(db)).map((c) => [c.code, c.name]));
      const document = responseCable(tasking, response, {
        country: post,
        countryName: (code) => names.get(code) ?? code,
        incidents,
        engagements,
        datasets,
        asOf: clock.now(),
      });
      const file = await render(document, format);
      const slug = `${tasking.reference}-${post}`.replace(/[^A-Za-z0-9._-]+/g, "_");
      return { file, filename: `rapporteur-response-${slug}.${RENDERINGS[format].extension}`, mediaType: RENDERINGS[format].mediaType };
    },
  };
}
