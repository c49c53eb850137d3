// Several app servers checkpointing one audit chain. Each server signs with the same key and
// appends the checkpoints it makes to its own AUDIT_CHECKPOINT_FILE (its own disk), or all to one
// shared file; the database holds every checkpoint. Checkpoints made at the same moment by two
// servers, while writes go on, must leave files that `audit verify` accepts on each server, and
// a cut tail must still be caught, also when the database's copies are deleted and only the
// servers' files are left (then the files are checked together).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../context.js";
import { cutTail, restoreLog, snapshotLog, withoutGuards } from "../../testing/audit-tampering.js";
import { databaseKinds, openTestInstances } from "../../testing/databases.js";
import { incidentFields } from "../../testing/factories.js";
import { CLI_ACTOR, type UserActor } from "../auth/actor.js";
import { incidentInput } from "../incidents/schema.js";
import type { CheckpointSettings } from "./checkpoints.js";
import { auditService } from "./service.js";

const ROUNDS = 5;

for (const kind of databaseKinds()) {
  describe(`audit checkpoints from two app servers [${kind}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-servers-"));
    const key = join(dir, "signing-key.pem");
    const own: CheckpointSettings[] = [0, 1].map((i) => ({ checkpointFile: join(dir, `server-${i}.jsonl`), signingKeyFile: key }));
    const shared: CheckpointSettings = { checkpointFile: join(dir, "shared.jsonl"), signingKeyFile: key };
    let instances: { contexts: AppContext[]; close(): Promise<void> };
    let reporter: UserActor;
    const server = (i: number) => instances.contexts[i]!;
    const audit = (i: number, settings: CheckpointSettings) => auditService(server(i).db, settings);
    const lines = (file: string) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as { sequence: number });

    /** Both servers checkpoint ROUNDS times each, at once, while both record incidents. */
    async function checkpointWhileWriting(settings: [CheckpointSettings, CheckpointSettings]) {
      const create = (i: number, n: number) =>
        server(i).services.incidents.createIncidents(reporter, [incidentInput.parse(incidentFields({ title: `Written by server ${i} (${n})` }))]);
      await Promise.all([0, 1].flatMap((i) => Array.from({ length: ROUNDS }, (_, n) => [create(i, n), audit(i, settings[i]!).checkpoint(CLI_ACTOR)]).flat()));
    }

    beforeAll(async () => {
      instances = await openTestInstances(kind, 2);
      const user = await server(0).services.users.createUser(CLI_ACTOR, {
        email: "servers.reporter@example.org",
        name: "Reporter on two servers",
        role: "reporter",
        post: "DE",
        password: "a long enough password for the test",
      });
      reporter = { kind: "user", id: user.id, email: user.email, name: user.name, role: "reporter", postCode: "DE" };
      await server(0).services.incidents.createIncidents(reporter, [incidentInput.parse(incidentFields({ title: "Before any checkpoint" }))]);
      // What every story starts from: rounds of checkpoints at once, first each server to its own
      // file (sequences 1 to 2 × ROUNDS), then both to the shared one (the next 2 × ROUNDS).
      await checkpointWhileWriting([own[0]!, own[1]!]);
      await checkpointWhileWriting([shared, shared]);
    });
    afterAll(async () => {
      await instances.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("when two servers checkpoint at once, each to its own file, while both write, then verify on each accepts the log", async () => {
      const sequences = [...lines(own[0]!.checkpointFile), ...lines(own[1]!.checkpointFile)].map((c) => c.sequence).sort((a, b) => a - b);
      // No sequence was given twice, none was skipped: the head's lock orders checkpoints too.
      expect(sequences).toEqual(Array.from({ length: 2 * ROUNDS }, (_, i) => i + 1));
      for (const i of [0, 1]) expect(await audit(i, own[i]!).verify(CLI_ACTOR)).toMatchObject({ ok: true, checkpoints: 4 * ROUNDS });
    });

    it("when two servers checkpoint at once to one shared file, then its lines are whole and verify on each accepts the log", async () => {
      const sequences = lines(shared.checkpointFile)
        .map((c) => c.sequence)
        .sort((a, b) => a - b);
      expect(sequences).toEqual(Array.from({ length: 2 * ROUNDS }, (_, i) => 2 * ROUNDS + i + 1));
      for (const i of [0, 1]) expect(await audit(i, shared).verify(CLI_ACTOR)).toMatchObject({ ok: true, checkpoints: 4 * ROUNDS });
    });

    it("when the tail is cut back behind the servers' checkpoints and the head reset, then verify on each server names a checkpoint", async () => {
      const snapshot = await snapshotLog(server(0).db);
      const newest = snapshot.checkpoints.at(-1)!;
      try {
        await cutTail(server(0).db, Number(newest.last_event_id) - 1);
        for (const i of [0, 1]) {
          expect(await audit(i, own[i]!).verify(CLI_ACTOR)).toMatchObject({ ok: false, firstBad: { kind: "checkpoint", checkpoint: newest.sequence } });
        }
      } finally {
        await restoreLog(server(0).db, snapshot);
      }
      expect(await audit(0, own[0]!).verify(CLI_ACTOR)).toMatchObject({ ok: true });
    });

    it("when the database's checkpoints are deleted too, then one server's file alone fails, and the servers' files together name the cut", async () => {
      const snapshot = await snapshotLog(server(0).db);
      const all = join(dir, "all-servers.jsonl");
      writeFileSync(all, "");
      for (const settings of [...own, shared]) appendFileSync(all, readFileSync(settings.checkpointFile));
      const together: CheckpointSettings = { checkpointFile: all, signingKeyFile: key };
      // The newest checkpoint server 0 itself signed: the cut goes back behind it.
      const byServer0 = lines(own[0]!.checkpointFile).at(-1)! as { sequence: number; last_event_id: number };
      try {
        await withoutGuards(server(0).db, () => server(0).db.deleteFrom("audit_checkpoints").execute());
        // With the database's copies gone, the files together still vouch for the whole log.
        expect(await audit(1, together).verify(CLI_ACTOR)).toMatchObject({ ok: true, checkpoints: 4 * ROUNDS });
        await cutTail(server(0).db, byServer0.last_event_id - 1);
        // One server's file holds only its own checkpoints: the others' read as deleted, never as a pass.
        expect(await audit(1, own[1]!).verify(CLI_ACTOR)).toMatchObject({ ok: false, firstBad: { kind: "checkpoint" } });
        expect(await audit(0, own[0]!).verify(CLI_ACTOR)).toMatchObject({ ok: false, firstBad: { kind: "checkpoint" } });
        expect(await audit(1, together).verify(CLI_ACTOR)).toMatchObject({
          ok: false,
          firstBad: { kind: "checkpoint", checkpoint: byServer0.sequence, reason: expect.stringContaining("its tail was cut") },
        });
      } finally {
        await restoreLog(server(0).db, snapshot);
      }
      expect(await audit(1, together).verify(CLI_ACTOR)).toMatchObject({ ok: true });
    });
  });
}
