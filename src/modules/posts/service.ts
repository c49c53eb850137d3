// Posts administration (admins): open an embassy in a host country, rename a post or move it to
// another city. Posts are never deleted: records and users refer to them.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { recordAudit } from "../audit/audit.js";
import { countryExists, findPost as findPostRow, insertPost, updatePost as updatePostRow } from "../reference/index.js";
import type { PostBatchInput, PostInput, PostOutput, PostPatch } from "./schema.js";

export function postService(db: Kysely<Database>) {
  async function findPost(code: string): Promise<PostOutput | undefined> {
    return findPostRow(db, code);
  }

  async function createPost(actor: Actor | null, input: PostInput): Promise<PostOutput> {
    authorize(actor, "post.manage");
    if (!(await countryExists(db, input.country_code))) {
      throw new ValidationError([{ path: "country_code", message: `no country has the code ${input.country_code}` }]);
    }
    if (await findPost(input.country_code)) {
      throw new AppError(409, "post_exists", `There is already a post ${input.country_code}; rename it instead.`);
    }
    const post = { code: input.country_code, name: input.name, kind: "embassy" as const, country_code: input.country_code, city: input.city };
    await db.transaction().execute(async (trx) => {
      await insertPost(trx, { ...post, created_at: nowIso() });
      await recordAudit(trx, actor, { action: "post.create", entityType: "post", entityId: post.code, after: post });
    });
    return post;
  }

  /** Open many embassies in one go: every country checked first, then all of them in one transaction (or none). */
  async function createPosts(actor: Actor | null, input: PostBatchInput): Promise<{ items: PostOutput[] }> {
    authorize(actor, "post.manage");
    const issues = [];
    for (const [i, p] of input.posts.entries()) {
      if (!(await countryExists(db, p.country_code))) issues.push({ path: `posts.${i}.country_code`, message: `no country has the code ${p.country_code}` });
      else if (await findPost(p.country_code)) issues.push({ path: `posts.${i}.country_code`, message: `there is already a post ${p.country_code}` });
    }
    if (issues.length > 0) throw new ValidationError(issues, "No post was opened.");
    const posts = input.posts.map((p) => ({ code: p.country_code, name: p.name, kind: "embassy" as const, country_code: p.country_code, city: p.city }));
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      for (const post of posts) await insertPost(trx, { ...post, created_at: now });
      await recordAudit(
        trx,
        actor,
        posts.map((post) => ({ action: "post.create" as const, entityType: "post" as const, entityId: post.code, after: post })),
      );
    });
    return { items: posts };
  }

  async function updatePost(actor: Actor | null, code: string, patch: PostPatch): Promise<PostOutput> {
    authorize(actor, "post.manage");
    const before = await findPost(code);
    if (!before) throw new NotFoundError("Post");
    const after = { ...before, ...patch };
    await db.transaction().execute(async (trx) => {
      await updatePostRow(trx, code, patch);
      await recordAudit(trx, actor, { action: "post.update", entityType: "post", entityId: code, before, after });
    });
    return after;
  }

  return { createPost, createPosts, updatePost };
}

export type PostService = ReturnType<typeof postService>;
