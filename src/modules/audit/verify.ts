// Verifying the audit log's hash chain (chain.ts) from the first event to the chain head. The
// checks are pure functions over rows (`checkEvent`, `checkHead`); `verifyAuditChain` feeds them
// the log a page at a time, so memory stays flat however long the log is, and it takes no lock,
// so writers carry on while a long log is checked.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { chainHash, GENESIS_HASH, type ChainedEvent } from "./chain.js";

/**
 * What is wrong with the first bad event: `altered` — its content or hash was changed (or content
 * was moved to it from another event); `missing` — an event that should be there is not (deleted,
 * the newest included); `unlinked` — it is intact but does not follow its predecessor (an event
 * before it was deleted or rewritten with a recomputed hash); `after_head` — it lies beyond the
 * event the chain head names as the newest.
 */
export const CHAIN_PROBLEMS = ["altered", "missing", "unlinked", "after_head"] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export interface BadEvent {
  id: number;
  kind: ChainProblem;
  reason: string;
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

const EVENT_COLUMNS = ["id", "at", "actor_user_id", "actor_system", "action", "entity_type", "entity_id", "before_json", "after_json", "prev_hash", "hash"] as const;

async function readHead(db: Kysely<Database>): Promise<ChainHead | undefined> {
  return db.selectFrom("audit_chain_head").select(["last_event_id", "last_hash"]).where("id", "=", 1).executeTakeFirst();
}

/**
 * Walk the whole log in id order from the genesis hash and check the head names its last event.
 * Events and the head move together in one transaction, and events commit in id order (the head
 * row is locked until commit), so every read sees a prefix of the log: a head read before a walk
 * names no event the walk cannot see, and one read after it names no event before the walk's end
 * unless someone moved it back.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: { pageSize?: number } = {}): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 500;
  let state = CHAIN_START;
  // Ids run from 1 without gaps up to the first bad event, so what came before it is intact.
  const fail = (bad: BadEvent): ChainVerification => ({ ok: false, checked: Math.min(state.checked, bad.id - 1), firstBad: bad });
  let headBefore = await readHead(db);
  for (;;) {
    for (;;) {
      const rows = await db.selectFrom("audit_events").select(EVENT_COLUMNS).where("id", ">", state.lastId).orderBy("id").limit(pageSize).execute();
      for (const row of rows) {
        const bad = checkEvent(state, row);
        if (bad) return fail(bad);
        state = advance(state, row);
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
    const bad = checkHead(state, headAfter);
    return bad ? fail(bad) : { ok: true, checked: state.checked };
  }
}
