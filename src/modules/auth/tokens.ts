// API tokens for machine clients: a user makes one for themself, sees it once, and the client
// sends it as `Authorization: Bearer rpt_...`. The client then acts as that user, with the user's
// role and post as they are at each request. Only the token's SHA-256 is stored; revoked tokens are
// kept (and listed), never deleted. The `rpt_` prefix lets secret scanners recognise a leaked one.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, NotFoundError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { findUserById } from "../users/index.js";
import { actorOf } from "./actor.js";
import type { UserActor } from "./actor.js";
import { randomSecret, sha256 } from "./credentials.js";
import { authorize } from "./policy.js";
import { findApiTokenByHash, findUserApiToken, insertApiToken, listApiTokens, updateApiToken } from "./repo.js";
import type { ApiTokenInput, ApiTokenOutput } from "./schema.js";

const API_TOKEN_PREFIX = "rpt_";
const TOKEN_SHAPE = /^rpt_[A-Za-z0-9_-]{43}$/;

/** The token of an `Authorization: Bearer <token>` header; null for any other header (or none). */
export function bearerToken(authorization: string | undefined): string | null {
  return (authorization && /^Bearer +(\S+) *$/i.exec(authorization)?.[1]) || null;
}

/** Don't write last_used_at on every request: once a minute says enough about use. */
const TOUCH_INTERVAL_MS = 60_000;

type TokenRow = { id: string; name: string; created_at: string; expires_at: string | null; last_used_at: string | null; revoked_at: string | null };

function presentToken(row: TokenRow, now = Date.now()): ApiTokenOutput {
  const status = row.revoked_at !== null ? "revoked" : row.expires_at !== null && Date.parse(row.expires_at) <= now ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    status,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

export function apiTokenService(db: Kysely<Database>) {
  /** A new token for the actor; the secret is in the answer and nowhere else. */
  async function create(actor: UserActor, input: ApiTokenInput, credential: "session" | "token"): Promise<ApiTokenOutput & { token: string }> {
    authorize(actor, "account.self");
    // A leaked token must not be able to mint its own successors and outlive its revocation.
    if (credential !== "session") throw new AppError(403, "session_required", "Create API tokens while signed in with a password, not with another token.");
    const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
    const now = new Date();
    const row = {
      id: newId(),
      user_id: actor.id,
      name: input.name,
      token_hash: sha256(token),
      created_at: now.toISOString(),
      last_used_at: null,
      expires_at: new Date(now.getTime() + input.expires_in_days * 86_400_000).toISOString(),
      revoked_at: null,
    };
    const presented = presentToken(row);
    await db.transaction().execute(async (trx) => {
      await insertApiToken(trx, row);
      await recordAudit(trx, actor, { action: "api_token.create", entityType: "api_token", entityId: row.id, after: { ...presented, user_id: actor.id } });
    });
    return { ...presented, token };
  }

  async function list(actor: UserActor): Promise<{ items: ApiTokenOutput[] }> {
    authorize(actor, "account.self");
    const rows = await listApiTokens(db, actor.id);
    const now = Date.now();
    return { items: rows.map((r) => presentToken(r, now)) };
  }

  /** Revoke one of the actor's own tokens (another user's is "not found"). Revoking twice changes nothing. */
  async function revoke(actor: UserActor, id: string): Promise<ApiTokenOutput> {
    authorize(actor, "account.self");
    return db.transaction().execute(async (trx) => {
      const row = await findUserApiToken(trx, actor.id, id);
      if (!row) throw new NotFoundError("API token");
      if (row.revoked_at !== null) return presentToken(row);
      const revoked = { ...row, revoked_at: nowIso() };
      await updateApiToken(trx, id, { revoked_at: revoked.revoked_at });
      await recordAudit(trx, actor, {
        action: "api_token.revoke",
        entityType: "api_token",
        entityId: id,
        before: presentToken(row),
        after: presentToken(revoked),
      });
      return presentToken(revoked);
    });
  }

  /**
   * Sign out a client that authenticated with this token: the token is revoked (a bearer token has
   * no session to end, and one that kept working after "signed out" would be a trap).
   */
  async function revokeSecret(actor: UserActor, token: string): Promise<ApiTokenOutput> {
    authorize(actor, "account.self");
    const row = await findApiTokenByHash(db, sha256(token));
    if (!row || row.user_id !== actor.id) throw new NotFoundError("API token");
    return revoke(actor, row.id);
  }

  /** The user a bearer token acts for, or null when it is malformed, unknown, revoked, expired, or the user is disabled. */
  async function authenticate(token: string): Promise<UserActor | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const hash = sha256(token);
    const found = await findApiTokenByHash(db, hash);
    if (!found || found.revoked_at !== null) return null;
    const user = await findUserById(db, found.user_id);
    if (!user || user.disabled_at !== null) return null;
    const now = Date.now();
    if (found.expires_at !== null && Date.parse(found.expires_at) <= now) return null;
    if (found.last_used_at === null || now - Date.parse(found.last_used_at) > TOUCH_INTERVAL_MS) {
      await updateApiToken(db, found.id, { last_used_at: new Date(now).toISOString() });
    }
    return actorOf(user);
  }

  return { create, list, revoke, revokeSecret, authenticate };
}

export type ApiTokenService = ReturnType<typeof apiTokenService>;
