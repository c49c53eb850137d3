// Signed checkpoints of the audit chain. A checkpoint says "the chain's hash at event N is H",
// signed with an Ed25519 key kept outside the database (signing.ts), and is written twice: as a
// line of an append-only JSON-lines file outside the database, and as a row of audit_checkpoints.
// A hash chain alone cannot show that its newest events were cut off (reset the head to a
// survivor and it is intact again); a checkpoint can, for every event up to the one it names.
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { KeyObject } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { nowIso } from "../../domain/clock.js";
import { AppError } from "../../domain/errors.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { recordAudit } from "./audit.js";
import { formatPublicKey, loadOrCreateSigningKey, parsePublicKey, readSigningKey, signText, verifyText } from "./signing.js";
import { verifyAuditChain, type BadEvent, type ChainVerification, type CheckpointClaim } from "./verify.js";

/** The log no longer extends the last checkpoint: signing it now would vouch for a rewrite. */
class CheckpointRefusedError extends AppError {
  constructor(message: string) {
    super(409, "audit_log_tampered", message);
  }
}

export interface CheckpointSettings {
  /** The append-only JSON-lines file checkpoints are written to. */
  checkpointFile: string;
  /** The Ed25519 private key (PEM), created on first use. */
  signingKeyFile: string;
  /** A pinned public key (base64): verify with it rather than the key file's public half. */
  publicKey?: string | undefined;
}

const checkpointShape = z.strictObject({
  sequence: z.number().int().min(1),
  last_event_id: z.number().int().min(0),
  chain_hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof checkpointShape>;

/** The exact text a checkpoint's signature covers. A stored contract: never change it. */
export function checkpointText(c: Omit<Checkpoint, "signature">): string {
  return JSON.stringify(["rapporteur audit checkpoint", c.sequence, c.last_event_id, c.chain_hash, c.at]);
}

/** A problem with the checkpoints themselves, before the log is compared with them. */
function checkpointProblem(sequence: number, lastEventId: number, reason: string): BadEvent {
  return { id: lastEventId, kind: "checkpoint", checkpoint: sequence, reason };
}

/** The checkpoint file's lines, parsed; a line that is not a checkpoint is a problem. */
function readCheckpointFile(path: string): { checkpoints: Checkpoint[]; problem?: BadEvent } {
  if (!existsSync(path)) return { checkpoints: [] };
  const checkpoints: Checkpoint[] = [];
  const lines = readFileSync(path, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const checkpoint = checkpointShape.safeParse(parsed);
    if (!checkpoint.success) return { checkpoints, problem: checkpointProblem(0, 0, `checkpoint file ${path}: line ${i + 1} is not a checkpoint`) };
    checkpoints.push(checkpoint.data);
  }
  return { checkpoints };
}

function appendLine(path: string, line: string): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, line, { mode: 0o600 });
  // On disk before we say it is made.
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The public key checkpoints are checked with: the pinned one, else the key file's; null if neither. */
function verifyingKey(settings: CheckpointSettings): KeyObject | null {
  if (settings.publicKey !== undefined) return parsePublicKey(settings.publicKey);
  if (!existsSync(settings.signingKeyFile)) return null;
  return readSigningKey(settings.signingKeyFile);
}

/** The public half of the signing key, as AUDIT_PUBLIC_KEY takes it (the key is made if absent). */
export function signingPublicKey(settings: CheckpointSettings): string {
  return formatPublicKey(loadOrCreateSigningKey(settings.signingKeyFile));
}

/**
 * Every checkpoint from the file and the database, merged by sequence, signatures checked: the
 * claims the log must agree with, or the first problem with the checkpoints themselves.
 */
export async function loadCheckpoints(db: Kysely<Database>, settings: CheckpointSettings): Promise<{ claims: CheckpointClaim[]; problem?: BadEvent }> {
  const file = readCheckpointFile(settings.checkpointFile);
  if (file.problem) return { claims: [], problem: file.problem };
  const stored = await db.selectFrom("audit_checkpoints").selectAll().orderBy("sequence").execute();
  const bySequence = new Map<number, Checkpoint>();
  const same = (a: Checkpoint, b: Checkpoint) => checkpointText(a) + a.signature === checkpointText(b) + b.signature;
  for (const c of file.checkpoints) {
    const other = bySequence.get(c.sequence);
    if (other && !same(other, c)) {
      return {
        claims: [],
        problem: checkpointProblem(
          c.sequence,
          c.last_event_id,
          `checkpoint ${c.sequence} is in the checkpoint file twice, saying different things (one of them was forged)`,
        ),
      };
    }
    bySequence.set(c.sequence, c);
  }
  for (const row of stored) {
    const c = { ...row, sequence: Number(row.sequence), last_event_id: Number(row.last_event_id) };
    const other = bySequence.get(c.sequence);
    if (other && !same(other, c)) {
      return {
        claims: [],
        problem: checkpointProblem(
          c.sequence,
          c.last_event_id,
          `checkpoint ${c.sequence} in the database is not the one in the checkpoint file (one of them was rewritten)`,
        ),
      };
    }
    bySequence.set(c.sequence, c);
  }
  const checkpoints = [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
  if (checkpoints.length === 0) return { claims: [] };
  const key = verifyingKey(settings);
  if (key === null) {
    return {
      claims: [],
      problem: checkpointProblem(
        checkpoints[0]!.sequence,
        0,
        "checkpoints cannot be checked: there is no public key (set AUDIT_PUBLIC_KEY, or AUDIT_SIGNING_KEY_FILE to the key that signed it)",
      ),
    };
  }
  let previous: Checkpoint | undefined;
  for (const c of checkpoints) {
    if (!verifyText(key, checkpointText(c), c.signature)) {
      return {
        claims: [],
        problem: checkpointProblem(
          c.sequence,
          c.last_event_id,
          `checkpoint ${c.sequence} does not carry a valid signature (forged, or signed with another key)`,
        ),
      };
    }
    const expected = (previous?.sequence ?? 0) + 1;
    if (c.sequence !== expected) {
      return {
        claims: [],
        problem: checkpointProblem(
          expected,
          previous?.last_event_id ?? 0,
          `checkpoint ${expected} is missing from both the database and the checkpoint file (deleted)`,
        ),
      };
    }
    // Each checkpoint records its own event, so the events they name only ever go up.
    if (previous && c.last_event_id <= previous.last_event_id) {
      return {
        claims: [],
        problem: checkpointProblem(
          c.sequence,
          c.last_event_id,
          `checkpoint ${c.sequence} names an event before checkpoint ${previous.sequence}'s (out of order)`,
        ),
      };
    }
    previous = c;
  }
  return { claims: checkpoints.map(({ sequence, last_event_id, chain_hash }) => ({ sequence, last_event_id, chain_hash })) };
}

/**
 * Sign the chain head as the next checkpoint. The head is locked while the sequence is picked and
 * the head signed, so the checkpoint names the newest committed event and no two writers pick the
 * same sequence. The events since the previous checkpoint are checked first: a chain that no
 * longer extends the last signed one is refused, not blessed. That walk is done before the lock
 * (every write in the system waits while the head is locked, and a server's interval can hold
 * many events), up to the head seen before it; under the lock only the events appended since are
 * walked. The checkpoint is itself an audit event, and covers it; so it goes to the file only once
 * the database has committed that event (a checkpoint in the file for an event that was rolled
 * back would later read as a rewrite).
 */
export async function createCheckpoint(db: Kysely<Database>, actor: Actor, settings: CheckpointSettings): Promise<Checkpoint> {
  const key = loadOrCreateSigningKey(settings.signingKeyFile);
  const latestInFile = newest(readCheckpointFile(settings.checkpointFile).checkpoints);
  const latestOf = async (trx: Kysely<Database>) => {
    const stored = await trx.selectFrom("audit_checkpoints").selectAll().orderBy("sequence", "desc").limit(1).executeTakeFirst();
    return newest(
      [stored, latestInFile].flatMap((c) => (c === undefined ? [] : [{ ...c, sequence: Number(c.sequence), last_event_id: Number(c.last_event_id) }])),
    );
  };
  const refuse = (check: ChainVerification) => {
    const bad = check.firstBad!;
    return new CheckpointRefusedError(`The audit log does not extend the last checkpoint, so it is not signed: audit event ${bad.id}: ${bad.reason}`);
  };
  // Without the lock: from the last checkpoint to (at least) the head read before the walk.
  const seen = await db.selectFrom("audit_chain_head").select(["last_event_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
  const before = await latestOf(db);
  const early = await verifyAuditChain(db, before ? { from: { id: before.last_event_id, hash: before.chain_hash } } : {});
  if (!early.ok) throw refuse(early);
  const checkpoint = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("audit_chain_head")
      .set((eb) => ({ last_event_id: eb.ref("last_event_id") }))
      .where("id", "=", 1)
      .execute();
    const latest = await latestOf(trx);
    // On from whichever is newer: the head the early walk passed, or a checkpoint signed since.
    const from =
      latest && latest.last_event_id > Number(seen.last_event_id)
        ? { id: latest.last_event_id, hash: latest.chain_hash }
        : { id: Number(seen.last_event_id), hash: seen.last_hash };
    const check = await verifyAuditChain(trx, { from });
    if (!check.ok) throw refuse(check);
    const sequence = (latest?.sequence ?? 0) + 1;
    await recordAudit(trx, actor, { action: "audit.checkpoint", entityType: "audit_checkpoint", entityId: String(sequence), after: { sequence } });
    const head = await trx.selectFrom("audit_chain_head").select(["last_event_id", "last_hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
    const unsigned = { sequence, last_event_id: Number(head.last_event_id), chain_hash: head.last_hash, at: nowIso() };
    const signed: Checkpoint = { ...unsigned, signature: signText(key, checkpointText(unsigned)) };
    await trx.insertInto("audit_checkpoints").values(signed).execute();
    return signed;
  });
  // Lines of concurrent writers may land out of order; readers order them by sequence.
  appendLine(settings.checkpointFile, `${JSON.stringify(checkpoint)}\n`);
  return checkpoint;
}

function newest<T extends { sequence: number }>(checkpoints: T[]): T | undefined {
  return checkpoints.reduce<T | undefined>((a, c) => (a === undefined || c.sequence > a.sequence ? c : a), undefined);
}

/** Whether events were recorded since the latest checkpoint (the periodic checkpoint's test). */
export async function checkpointDue(db: Kysely<Database>): Promise<boolean> {
  const head = await db.selectFrom("audit_chain_head").select("last_event_id").where("id", "=", 1).executeTakeFirst();
  const latest = await db.selectFrom("audit_checkpoints").select("last_event_id").orderBy("sequence", "desc").limit(1).executeTakeFirst();
  return head !== undefined && Number(head.last_event_id) > Number(latest?.last_event_id ?? 0);
}

/** The latest checkpoint's sequence, recorded with a frozen report version (null before the first). */
export async function latestCheckpointSequence(db: Kysely<Database>): Promise<number | null> {
  const latest = await db.selectFrom("audit_checkpoints").select("sequence").orderBy("sequence", "desc").limit(1).executeTakeFirst();
  return latest === undefined ? null : Number(latest.sequence);
}
