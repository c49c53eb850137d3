// Signed checkpoints of the audit chain, on both databases: the attacks a hash chain alone cannot
// see (the tail cut and the head reset to a survivor, the tail cut and written again under the
// same ids, the whole chain recomputed after a rewrite) contradict a checkpoint, and verification
// names it; a forged or missing checkpoint is caught; the append-only triggers refuse deletes and
// a head moved back. Every story that tampers puts the log and the checkpoint file back.
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { incidentExample, incidentInput } from "../incidents/schema.js";
import { reportRequest } from "../reports/schema.js";
import { checkpointText, type CheckpointSettings } from "./checkpoints.js";
import { auditService } from "./service.js";
import { formatPublicKey, parsePublicKey, readSigningKey, signText } from "./signing.js";
import { cutTail, eventIds, restoreLog, rewriteAndRechain, snapshotLog, withoutGuards } from "../../testing/audit-tampering.js";
import { verifyAuditChain } from "./verify.js";

forEachDatabase("audit checkpoints", (env) => {
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-checkpoints-"));
  const settings: CheckpointSettings = { checkpointFile: join(dir, "checkpoints.jsonl"), signingKeyFile: join(dir, "signing-key.pem") };
  let reporter: TestUser;
  const db = () => env().context.db;
  const audit = () => auditService(db(), settings);
  const record = (title: string) => env().context.services.incidents.createIncidents(reporter.actor, [incidentInput.parse({ ...incidentExample, title })]);

  /** Tamper, verify, then put the log, its checkpoints and the file back, and check it verifies again. */
  async function tampered(tamper: () => Promise<unknown>, service = audit) {
    const snapshot = await snapshotLog(db());
    const file = readFileSync(settings.checkpointFile, "utf8");
    try {
      await tamper();
      return await service().verify(CLI_ACTOR);
    } finally {
      await restoreLog(db(), snapshot);
      writeFileSync(settings.checkpointFile, file);
      expect(await audit().verify(CLI_ACTOR)).toMatchObject({ ok: true });
    }
  }

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    for (let i = 0; i < 4; i++) await record(`Checkpointed incident ${i}`);
    // What every story starts from: a checkpoint, then events it does not cover yet.
    await audit().checkpoint(CLI_ACTOR);
    await record("After the checkpoint");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("when the signing key is first needed, then it is made, readable by its owner only, and its public half is printable", () => {
    expect(statSync(settings.signingKeyFile).mode & 0o777).toBe(0o600);
    const printed = audit().publicKey(CLI_ACTOR);
    expect(printed).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(formatPublicKey(parsePublicKey(printed))).toBe(printed);
    expect(formatPublicKey(readSigningKey(settings.signingKeyFile))).toBe(printed);
  });

  it("when a checkpoint is made, then it is written to the file and the database alike, and recorded as an audit event it covers", async () => {
    const lines = readFileSync(settings.checkpointFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = await db().selectFrom("audit_checkpoints").selectAll().execute();
    expect(lines).toHaveLength(1);
    expect(rows.map((r) => ({ ...r, sequence: Number(r.sequence), last_event_id: Number(r.last_event_id) }))).toEqual(lines);
    const [checkpoint] = lines;
    const event = await db().selectFrom("audit_events").selectAll().where("id", "=", Number(checkpoint!["last_event_id"])).executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      action: "audit.checkpoint",
      entity_type: "audit_checkpoint",
      entity_id: "1",
      actor_system: "cli",
      hash: checkpoint!["chain_hash"],
    });
    expect(await audit().verify(CLI_ACTOR)).toMatchObject({
      ok: true,
      checkpoints: 1,
      latestCheckpoint: { sequence: 1, last_event_id: Number(checkpoint!["last_event_id"]) },
    });
  });

  it("when the newest events are deleted and the head set to the survivor's hash, then the chain alone says intact but the checkpoint is contradicted", async () => {
    const checkpointed = Number((await db().selectFrom("audit_checkpoints").select("last_event_id").executeTakeFirstOrThrow()).last_event_id);
    const survivor = checkpointed - 3;
    const result = await tampered(async () => {
      await cutTail(db(), survivor);
      // The attack of the issue: on the chain alone, nothing shows.
      expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: survivor });
    });
    expect(result).toMatchObject({
      ok: false,
      checked: survivor,
      firstBad: {
        id: survivor + 1,
        kind: "checkpoint",
        checkpoint: 1,
        reason: expect.stringContaining(`contradicts checkpoint 1: it signed the log up to event ${checkpointed}, but the log ends at event ${survivor}`),
      },
    });
  });

  it("when the tail is cut and forged events appended in its place under the same ids, then the checkpoint's hash gives them away", async () => {
    const checkpointed = Number((await db().selectFrom("audit_checkpoints").select("last_event_id").executeTakeFirstOrThrow()).last_event_id);
    const survivor = checkpointed - 3;
    const result = await tampered(async () => {
      await cutTail(db(), survivor);
      // The application appends after the reset head: the deleted ids come round again.
      for (let i = 0; i < 3; i++) await record(`Forged replacement ${i}`);
      expect((await eventIds(db())).slice(survivor)).toContain(checkpointed);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    });
    expect(result).toMatchObject({
      ok: false,
      firstBad: {
        id: checkpointed,
        kind: "checkpoint",
        checkpoint: 1,
        reason: expect.stringMatching(/^contradicts checkpoint 1: the chain's hash at this event/),
      },
    });
  });

  it("when an event before the checkpoint is rewritten and the whole chain recomputed, then the checkpoint is contradicted", async () => {
    const checkpointed = Number((await db().selectFrom("audit_checkpoints").select("last_event_id").executeTakeFirstOrThrow()).last_event_id);
    const result = await tampered(async () => {
      await rewriteAndRechain(db(), 2);
      expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    });
    expect(result).toMatchObject({ ok: false, checked: checkpointed - 1, firstBad: { id: checkpointed, kind: "checkpoint", checkpoint: 1 } });
  });

  it("when a checkpoint is forged (appended to the file signed with another key), then it is named as not validly signed", async () => {
    const head = await db().selectFrom("audit_chain_head").selectAll().executeTakeFirstOrThrow();
    const forged = { sequence: 2, last_event_id: Number(head.last_event_id), chain_hash: head.last_hash, at: "2026-01-01T00:00:00.000Z" };
    const { privateKey } = generateKeyPairSync("ed25519");
    const result = await tampered(async () =>
      appendFileSync(settings.checkpointFile, `${JSON.stringify({ ...forged, signature: signText(privateKey, checkpointText(forged)) })}\n`),
    );
    expect(result).toMatchObject({
      ok: false,
      firstBad: { kind: "checkpoint", checkpoint: 2, reason: "checkpoint 2 does not carry a valid signature (forged, or signed with another key)" },
    });
  });

  it("when the file says two different things for one checkpoint, then that checkpoint is named", async () => {
    const [first] = readFileSync(settings.checkpointFile, "utf8").trim().split("\n");
    const result = await tampered(async () =>
      appendFileSync(settings.checkpointFile, `${JSON.stringify({ ...(JSON.parse(first!) as object), at: "2020-01-01T00:00:00.000Z" })}\n`),
    );
    expect(result).toMatchObject({
      ok: false,
      firstBad: { kind: "checkpoint", checkpoint: 1, reason: expect.stringContaining("in the checkpoint file twice") },
    });
  });

  it("when the verifier pins another public key, then the genuine checkpoints do not verify", async () => {
    const other = formatPublicKey(generateKeyPairSync("ed25519").publicKey);
    const pinned = auditService(db(), { ...settings, publicKey: other });
    expect(await pinned.verify(CLI_ACTOR)).toMatchObject({
      ok: false,
      firstBad: { kind: "checkpoint", checkpoint: 1, reason: expect.stringContaining("does not carry a valid signature") },
    });
    const right = auditService(db(), { ...settings, publicKey: audit().publicKey(CLI_ACTOR) });
    expect(await right.verify(CLI_ACTOR)).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it("when the database's checkpoints are deleted too, then the file's still catch the cut tail", async () => {
    const checkpointed = Number((await db().selectFrom("audit_checkpoints").select("last_event_id").executeTakeFirstOrThrow()).last_event_id);
    const result = await tampered(async () => {
      await cutTail(db(), checkpointed - 2);
      await withoutGuards(db(), () => db().deleteFrom("audit_checkpoints").execute());
    });
    expect(result).toMatchObject({ ok: false, firstBad: { kind: "checkpoint", checkpoint: 1 } });
  });

  it("when the database's copy of a checkpoint differs from the file's, then that checkpoint is named", async () => {
    const result = await tampered(() => withoutGuards(db(), () => db().updateTable("audit_checkpoints").set({ at: "2020-01-01T00:00:00.000Z" }).execute()));
    expect(result).toMatchObject({
      ok: false,
      firstBad: { kind: "checkpoint", checkpoint: 1, reason: expect.stringContaining("is not the one in the checkpoint file") },
    });
  });

  it("when the log no longer extends the last checkpoint, then no new checkpoint is signed", async () => {
    const before = readFileSync(settings.checkpointFile, "utf8");
    const snapshot = await snapshotLog(db());
    try {
      await rewriteAndRechain(db(), 3);
      await expect(audit().checkpoint(CLI_ACTOR)).rejects.toThrow(/does not extend the last checkpoint/);
      expect(readFileSync(settings.checkpointFile, "utf8")).toBe(before);
      expect(await db().selectFrom("audit_checkpoints").select("sequence").execute()).toHaveLength(1);
    } finally {
      await restoreLog(db(), snapshot);
    }
  });

  it("when someone without the right to change the schema deletes events, rewrites them or moves the head back, then the database refuses", async () => {
    const snapshot = await snapshotLog(db());
    await expect(sql`DELETE FROM audit_events WHERE id = ${snapshot.head.last_event_id}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_events SET after_json = '{}' WHERE id = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom("audit_checkpoints").execute()).rejects.toThrow(/append-only/);
    await expect(db().updateTable("audit_chain_head").set({ last_event_id: 1 }).execute()).rejects.toThrow(/never moves back/);
    await expect(db().deleteFrom("audit_chain_head").execute()).rejects.toThrow(/never moves back/);
    expect(await snapshotLog(db())).toEqual(snapshot);
  });

  it("when a periodic checkpoint is due only after new events, then nothing is signed twice for the same head", async () => {
    const snapshot = await snapshotLog(db());
    const file = readFileSync(settings.checkpointFile, "utf8");
    try {
      const made = await audit().checkpointIfDue(CLI_ACTOR);
      expect(made).toMatchObject({ sequence: 2 });
      expect(await audit().checkpointIfDue(CLI_ACTOR)).toBeNull();
      await record("After the second checkpoint");
      expect(await audit().checkpointIfDue(CLI_ACTOR)).toMatchObject({ sequence: 3 });
      expect(await audit().verify(CLI_ACTOR)).toMatchObject({ ok: true, checkpoints: 3 });
    } finally {
      await restoreLog(db(), snapshot);
      writeFileSync(settings.checkpointFile, file);
    }
  });

  it("when a user of any role asks to checkpoint, then it is refused: checkpoints are the system's", async () => {
    const admin = await env().user("admin");
    expect(() => audit().publicKey(admin.actor)).toThrow(/may not/);
    await expect(audit().checkpoint(admin.actor)).rejects.toThrow(/may not/);
  });

  it("when there are checkpoints but no key to check them with, then verification says so", async () => {
    const elsewhere = auditService(db(), { ...settings, signingKeyFile: join(dir, "absent.pem") });
    expect(existsSync(join(dir, "absent.pem"))).toBe(false);
    expect(await elsewhere.verify(CLI_ACTOR)).toMatchObject({
      ok: false,
      firstBad: { kind: "checkpoint", reason: expect.stringContaining("there is no public key") },
    });
  });

  it("when a report version is frozen, then it records the latest checkpoint, whose log it was frozen under", async () => {
    const editor = await env().user("editor");
    const latest = await db().selectFrom("audit_checkpoints").select("sequence").orderBy("sequence", "desc").limit(1).executeTakeFirstOrThrow();
    const { report } = await env().context.services.reports.create(
      editor.actor,
      reportRequest.parse({ kind: "brief", countries: ["DE", "FR"], period: "2019" }),
    );
    const versions = await db().selectFrom("report_versions").select(["version", "audit_checkpoint"]).where("report_id", "=", report.id).execute();
    expect(versions).toEqual([{ version: 1, audit_checkpoint: Number(latest.sequence) }]);
  });
});
