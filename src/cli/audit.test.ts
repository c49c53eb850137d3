// `rapporteur audit verify | checkpoint | key` as an operator runs them: a real process against a SQLite file and (when
// TEST_DATABASE_URL is set) a PostgreSQL schema that the test tampers with in SQL behind its back.
// Also several `incidents add` processes writing at once, each with its own connection, leaving a
// chain that verifies.
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext, type AppContext } from "../context.js";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds, TEST_CONFIG } from "../testing/databases.js";
import { CLI_ACTOR, type UserActor } from "../modules/auth/actor.js";
import { incidentExample, incidentInput } from "../modules/incidents/schema.js";
import { alterEvent, cutTail, deleteEvent, eventIds, restoreLog, snapshotLog, swapEvents } from "../testing/audit-tampering.js";
import { formatPublicKey } from "../modules/audit/signing.js";

for (const kind of databaseKinds()) {
  describe(`rapporteur audit verify [${kind}]`, () => {
    const database = cliDatabase(kind, "audit");
    const { env, dir, schema, baseUrl: base } = database;
    let context: AppContext;
    const EMAIL = "reporter.audit@example.org";

    /** Tamper in SQL, run the command, put the log back. */
    async function verifyTampered(tamper: () => Promise<unknown>) {
      const snapshot = await snapshotLog(context.db);
      try {
        await tamper();
        return await rapporteur(["audit", "verify"], env);
      } finally {
        await restoreLog(context.db, snapshot);
      }
    }

    beforeAll(async () => {
      // The test's own connection to the same database the command opens: it writes the history
      // through the services, then tampers with it directly.
      context = await openContext({ ...TEST_CONFIG, DATABASE_URL: kind === "sqlite" ? env.DATABASE_URL : base }, kind === "postgres" ? { schema } : {});
      const user = await context.services.users.createUser(CLI_ACTOR, {
        email: EMAIL,
        name: "Reporter Ireland",
        role: "reporter",
        post: "IE",
        password: "a password long enough",
      });
      const actor: UserActor = { kind: "user", id: user.id, email: user.email, name: user.name, role: "reporter", postCode: user.post };
      for (let i = 0; i < 4; i++) {
        await context.services.incidents.createIncidents(actor, [incidentInput.parse({ ...incidentExample, country: "IE", title: `Audited incident ${i}` })]);
      }
    });
    afterAll(async () => {
      await context?.close();
      await database.tearDown();
    });

    it("when the log is intact, then it exits 0 saying how many events it checked", async () => {
      const count = (await eventIds(context.db)).length;
      const result = await rapporteur(["audit", "verify"], env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`The audit log is intact: ${count} events checked, against no signed checkpoint yet.\n`);
    });

    it("when an event is rewritten in SQL, then it exits 1 naming that event as altered", async () => {
      const result = await verifyTampered(() => alterEvent(context.db, 4));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^rapporteur: audit event 4: altered: its stored hash does not match its content/);
      expect(result.stderr).toContain("3 events intact before event 4");
    });

    it("when an event is deleted in SQL, then it exits 1 naming the missing event", async () => {
      const result = await verifyTampered(() => deleteEvent(context.db, 5));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("audit event 5: missing: the log goes from event 4 to event 6");
    });

    it("when two events are swapped in SQL, then it exits 1 naming the first of them", async () => {
      const result = await verifyTampered(() => swapEvents(context.db, 3, 6));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/audit event 3: altered/);
    });

    it("when the newest event is deleted in SQL, then it exits 1 naming it, as the head still does", async () => {
      const newest = (await eventIds(context.db)).at(-1)!;
      const result = await verifyTampered(() => deleteEvent(context.db, newest));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`audit event ${newest}: missing: the chain head names event ${newest} as the newest`);
    });

    it("when several processes add incidents at once, then every event is chained and the log verifies", async () => {
      const before = (await eventIds(context.db)).length;
      const file = join(dir, "batch.json");
      writeFileSync(file, JSON.stringify([0, 1, 2].map((i) => ({ ...incidentExample, country: "IE", title: `Batch incident ${i}` }))));
      const runs = await Promise.all(Array.from({ length: 4 }, () => rapporteur(["incidents", "add", "--file", file, "--as", EMAIL], env)));
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const ids = await eventIds(context.db);
      expect(ids.length - before).toBe(4 * 3 * 2); // each incident and its source
      expect(ids).toEqual(ids.map((_, i) => i + 1));
      const result = await rapporteur(["audit", "verify"], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`${ids.length} events checked`);
    });

    it("when a checkpoint is made and the tail after it cut, the head reset to the survivor, then verify exits 1 naming the checkpoint", async () => {
      const made = await rapporteur(["audit", "checkpoint"], env);
      expect(made.stderr).toBe("");
      expect(made.code).toBe(0);
      const newest = (await eventIds(context.db)).at(-1)!;
      expect(made.stdout).toBe(`Checkpoint 1 signed: the audit log up to event ${newest}.\n`);
      const intact = await rapporteur(["audit", "verify"], env);
      expect(intact.stdout).toBe(`The audit log is intact: ${newest} events checked, against 1 signed checkpoint (the newest, 1, up to event ${newest}).\n`);

      const result = await verifyTampered(() => cutTail(context.db, newest - 2));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `rapporteur: audit event ${newest - 1}: contradicts checkpoint 1: it signed the log up to event ${newest}, but the log ends at event ${newest - 2}`,
      );
    });

    it("when `audit key` prints the public key, then a verifier pinned to it accepts the checkpoints and one pinned to another key names the checkpoint", async () => {
      const key = await rapporteur(["audit", "key"], env);
      expect(key.code, key.stderr).toBe(0);
      expect(key.stdout).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
      const pinned = await rapporteur(["audit", "verify"], { ...env, AUDIT_PUBLIC_KEY: key.stdout.trim() });
      expect(pinned.code, pinned.stderr).toBe(0);
      const other = formatPublicKey(generateKeyPairSync("ed25519").publicKey);
      const wrong = await rapporteur(["audit", "verify"], { ...env, AUDIT_PUBLIC_KEY: other });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain("rapporteur: audit checkpoint 1 does not carry a valid signature");
    });

    it("when the subcommand is missing or unknown, then it is a usage error (exit 2)", async () => {
      for (const args of [["audit"], ["audit", "check"], ["audit", "verify", "now"]]) {
        const result = await rapporteur(args, env);
        expect(result.code, args.join(" ")).toBe(2);
        expect(result.stderr).toMatch(/usage: rapporteur audit verify/);
      }
    });
  });
}
