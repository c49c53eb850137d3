// Verifying the audit log's hash chain (chain.ts) from the first event to the chain head. The
// checks are pure functions over rows (`checkEvent`, `checkHead`); `verifyAuditChain` feeds them
// the log a page at a time, so memory stays flat however long the log is, and it takes no lock,
// so writers carry on while a long log is checked. Signed checkpoints (checkpoints.ts), when given,
// pin the chain's hash at the events they name: the walk must pass through each of them.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { chainHash, GENESIS_HASH, type ChainedEvent } from "./chain.js";

/**
 * What is wrong with the first bad event: `altered` — its content or hash was changed (or content
 * was moved to it from another event); `missing` — an event that should be there is not (deleted,
 * the newest included); `unlinked` — it is intact but does not follow its predecessor (an event
 * before it was deleted or rewritten with a recomputed hash); `after_head` — it lies beyond the
 * event the chain head names as the newest; `checkpoint` — the log contradicts a signed checkpoint
 * (or a checkpoint itself is forged or missing), whatever the chain and its head say.
 */
export const CHAIN_PROBLEMS = ["altered", "missing", "unlinked", "after_head", "checkpoint"] as const;
type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export interface BadEvent {
  id: number;
  kind: ChainProblem;
  reason: string;
  /** The sequence number of the checkpoint the log contradicts (kind `checkpoint`). */
  checkpoint?: number;
}

/** What a checkpoint says, once its signature has been checked: the chain's hash at an event. */
export interface CheckpointClaim {
  sequence: number;
  last_event_id: number;
  chain_hash: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Events found intact (before the first bad one, when there is one). */
  checked: number;
  firstBad?: BadEvent;
}

export type StoredEvent = ChainedEvent & { prev_hash: string | null; hash: string | null };

export interface ChainHead {
  last_event_id: number;
  last_hash: string;
}

/** Where the walk stands: the last intact event (0 and the genesis hash before the first). */
export interface ChainState {
  checked: number;
  lastId: number;
  lastHash: string;
}

export const CHAIN_START: ChainState = { checked: 0, lastId: 0, lastHash: GENESIS_HASH };

/** The problem with the next event in id order, or null when it extends the chain. */
export function checkEvent(state: ChainState, event: StoredEvent): BadEvent | null {
  const id = Number(event.id);
  const expected = state.lastId + 1;
  if (id > expected) {
    const where = state.lastId === 0 ? `the log starts at event ${id}` : `the log goes from event ${state.lastId} to event ${id}`;
    return { id: expected, kind: "missing", reason: `missing: ${where} (deleted)` };
  }
  if (id < expected) return { id, kind: "altered", reason: `altered: its id does not follow event ${state.lastId}` };
  if (event.hash === null || event.prev_hash === null) return { id, kind: "altered", reason: "altered: it has no stored hash" };
  if (event.prev_hash !== state.lastHash) {
    // An event that still matches its own stored prev_hash was left alone; what it followed was not.
    if (chainHash(event.prev_hash, event) === event.hash) {
      const before = state.lastId === 0 ? "the start of the chain" : `event ${state.lastId}'s hash`;
      return { id, kind: "unlinked", reason: `unlinked: its prev_hash is not ${before} (an event before it was deleted or rewritten)` };
    }
    return { id, kind: "altered", reason: "altered: neither its hash nor its prev_hash fit here (changed, or moved here from another event)" };
  }
  if (chainHash(state.lastHash, event) !== event.hash) {
    return { id, kind: "altered", reason: "altered: its stored hash does not match its content (changed, or moved here from another event)" };
  }
  return null;
}

export function advance(state: ChainState, event: StoredEvent): ChainState {
  return { checked: state.checked + 1, lastId: Number(event.id), lastHash: event.hash! };
}

/**
 * The head against the end of an intact walk. `head` must have been read after the walk: a head
 * behind the walk means events were added after it (or it was moved back).
 */
export function checkHead(state: ChainState, head: ChainHead | undefined): BadEvent | null {
  if (head === undefined) return { id: state.lastId, kind: "altered", reason: "altered: the chain head (audit_chain_head) is missing" };
  const headId = Number(head.last_event_id);
  if (headId > state.lastId) {
    return {
      id: state.lastId + 1,
      kind: "missing",
      reason: `missing: the chain head names event ${headId} as the newest, but the log ends ${state.lastId === 0 ? "before its first event" : `at event ${state.lastId}`} (deleted)`,
    };
  }
  if (headId < state.lastId) {
    return {
      id: headId + 1,
      kind: "after_head",
      reason: `after the head: the chain head names event ${headId} as the newest (added outside the chain, or the head was moved back)`,
    };
  }
  if (head.last_hash !== state.lastHash) {
    return { id: headId, kind: "altered", reason: "altered: the chain head's hash for this event is not the event's (the event or the head was rewritten)" };
  }
  return null;
}

const EVENT_COLUMNS = [
  "id",
  "at",
  "actor_user_id",
  "actor_system",
  "action",
  "entity_type",
  "entity_id",
  "before_json",
  "after_json",
  "prev_hash",
  "hash",
] as const;

async function readHead(db: Kysely<Database>): Promise<ChainHead | undefined> {
  return db.selectFrom("audit_chain_head").select(["last_event_id", "last_hash"]).where("id", "=", 1).executeTakeFirst();
}

/** The problem when the walk has reached `claim.last_event_id` with `state`, or null. */
function checkClaim(state: ChainState, claim: CheckpointClaim): BadEvent | null {
  if (state.lastHash === claim.chain_hash) return null;
  return {
    id: claim.last_event_id,
    kind: "checkpoint",
    checkpoint: claim.sequence,
    reason: `contradicts checkpoint ${claim.sequence}: the chain's hash at this event is not the one the checkpoint signed (the log was rewritten, or cut and written again, after it)`,
  };
}

/** The problem with a checkpoint naming an event beyond the end of an intact walk. */
function claimBeyondEnd(state: ChainState, claim: CheckpointClaim): BadEvent {
  return {
    id: state.lastId + 1,
    kind: "checkpoint",
    checkpoint: claim.sequence,
    reason: `contradicts checkpoint ${claim.sequence}: it signed the log up to event ${claim.last_event_id}, but the log ends ${state.lastId === 0 ? "before its first event" : `at event ${state.lastId}`} (its tail was cut)`,
  };
}

export interface VerifyOptions {
  pageSize?: number;
  /** Signed claims the chain must pass through (their signatures already checked). */
  checkpoints?: readonly CheckpointClaim[];
  /** Start after this event, whose stored hash must be `hash` (a checkpoint), instead of the genesis. */
  from?: { id: number; hash: string };
}

/**
 * Walk the whole log in id order from the genesis hash (or from a checkpoint: `from`), through
 * every signed claim (`checkpoints`), and check the head names its last event; a claim beyond the
 * log's end is a cut tail. Events and the head move together in one transaction, and events commit in id order (the head
 * row is locked until commit), so every read sees a prefix of the log: a head read before a walk
 * names no event the walk cannot see, and one read after it names no event before the walk's end
 * unless someone moved it back.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: VerifyOptions = {}): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 500;
  const claims = [...(options.checkpoints ?? [])].sort((a, b) => a.last_event_id - b.last_event_id);
  let next = 0; // the first claim not yet reached
  let state = CHAIN_START;
  // Ids run from 1 without gaps up to the first bad event, so what came before it is intact.
  const fail = (bad: BadEvent): ChainVerification => ({ ok: false, checked: Math.min(state.checked, bad.id - 1), firstBad: bad });
  const passClaims = (): BadEvent | null => {
    for (; next < claims.length && claims[next]!.last_event_id <= state.lastId; next++) {
      const claim = claims[next]!;
      if (claim.last_event_id < state.lastId) continue; // before `from`: the caller checked it
      const bad = checkClaim(state, claim);
      if (bad) return bad;
    }
    return null;
  };
  if (options.from !== undefined && options.from.id > 0) {
    const { id, hash } = options.from;
    const start = await db.selectFrom("audit_events").select("hash").where("id", "=", id).executeTakeFirst();
    if (start === undefined) return fail({ id, kind: "missing", reason: `missing: event ${id}, where the last checkpoint ends, is gone (deleted)` });
    if (start.hash !== hash) return fail({ id, kind: "altered", reason: "altered: its stored hash is not the one the last checkpoint signed" });
    state = { checked: 0, lastId: id, lastHash: hash };
  }
  const atStart = passClaims();
  if (atStart) return fail(atStart);
  let headBefore = await readHead(db);
  for (;;) {
    for (;;) {
      const rows = await db.selectFrom("audit_events").select(EVENT_COLUMNS).where("id", ">", state.lastId).orderBy("id").limit(pageSize).execute();
      for (const row of rows) {
        const bad = checkEvent(state, row);
        if (bad) return fail(bad);
        state = advance(state, row);
        const contradicted = passClaims();
        if (contradicted) return fail(contradicted);
      }
      if (rows.length < pageSize) break;
    }
    if (headBefore !== undefined && Number(headBefore.last_event_id) > state.lastId) return fail(checkHead(state, headBefore)!);
    const headAfter = await readHead(db);
    // Appended while we walked: walk on to the new head.
    if (headAfter !== undefined && Number(headAfter.last_event_id) > state.lastId) {
      headBefore = headAfter;
      continue;
    }
    // A claim beyond the end is checked before the head: a cut tail with the head reset to the
    // survivor leaves a chain and a head that agree, and only the checkpoint knows better.
    if (next < claims.length) return fail(claimBeyondEnd(state, claims[next]!));
    const bad = checkHead(state, headAfter);
    return bad ? fail(bad) : { ok: true, checked: state.checked };
  }
}
