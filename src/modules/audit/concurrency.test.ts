// Appends at the same moment: the chain head row is the lock that orders them, so however many
// audited writes race (on PostgreSQL the pool has several connections), every event gets the next
// id and links to the one before. Rolled-back appends leave no trace in the chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../testing/databases.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { sourceExample, sourceInput } from "../sources/schema.js";
import { incidentExample, incidentInput } from "../incidents/schema.js";
import { recordAudit } from "./audit.js";
import { eventIds } from "../../testing/audit-tampering.js";
import { verifyAuditChain } from "./verify.js";

forEachDatabase("audit chain under concurrent writes", (env) => {
  let reporter: TestUser;
  const db = () => env().context.db;
  const count = async () => (await eventIds(db())).length;

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
  });

  it("when 20 incidents are created at once, then each audit event has its own id and the chain is intact", async () => {
    const before = await count();
    const { incidents } = env().context.services;
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        incidents.createIncidents(reporter.actor, [incidentInput.parse({ ...incidentExample, title: `Concurrent incident ${i}` })]),
      ),
    );
    expect(new Set(created.flat()).size).toBe(20);
    const ids = await eventIds(db());
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(ids.length - before).toBe(40); // the incident and its new source, each
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: ids.length });
  });

  // Incident creation also takes the incident-number counter's lock first, which serialises those
  // transactions on its own; these appends have nothing but the chain head to order them.
  it("when 30 transactions that only read and append race each other, then the head orders them", async () => {
    const before = await count();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db()
          .transaction()
          .execute(async (trx) => {
            await trx.selectFrom("audit_chain_head").selectAll().execute();
            await recordAudit(trx, { kind: "system", name: "test" }, [
              { action: "post.update", entityType: "post", entityId: `t${i}`, before: {}, after: { i } },
              { action: "post.update", entityType: "post", entityId: `t${i}`, before: {}, after: { i, second: true } },
            ]);
          }),
      ),
    );
    expect((await count()) - before).toBe(60);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it("when incidents, sources and bare appends race together with a verification, then nothing is lost and the chain holds", async () => {
    const before = await count();
    const { incidents, sources } = env().context.services;
    const writes = [
      ...Array.from({ length: 8 }, (_, i) =>
        incidents.createIncidents(reporter.actor, [incidentInput.parse({ ...incidentExample, title: `Mixed incident ${i}` })]),
      ),
      ...Array.from({ length: 8 }, (_, i) => sources.createSource(reporter.actor, sourceInput.parse({ ...sourceExample, title: `Mixed source ${i}` }))),
      ...Array.from({ length: 8 }, (_, i) =>
        db()
          .transaction()
          .execute((trx) => recordAudit(trx, { kind: "system", name: "test" }, { action: "auth.logout", entityType: "user", entityId: `m${i}` })),
      ),
    ];
    const verifications = Array.from({ length: 3 }, () => verifyAuditChain(db()));
    await Promise.all([...writes, ...verifications]);
    // A verification that runs while others append sees a consistent prefix, never a false alarm.
    for (const v of await Promise.all(verifications)) expect(v.ok).toBe(true);
    expect((await count()) - before).toBe(8 * 2 + 8 + 8);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: await count() });
  });

  it("when a transaction that appended rolls back, then its ids are given to the next append and the chain holds", async () => {
    const before = await count();
    const failed = db()
      .transaction()
      .execute(async (trx) => {
        await recordAudit(trx, { kind: "system", name: "test" }, { action: "auth.logout", entityType: "user", entityId: "rolled-back" });
        throw new Error("the change fails after its event was recorded");
      });
    await expect(failed).rejects.toThrow("the change fails");
    await db()
      .transaction()
      .execute((trx) => recordAudit(trx, { kind: "system", name: "test" }, { action: "auth.logout", entityType: "user", entityId: "kept" }));
    const ids = await eventIds(db());
    expect(ids.length).toBe(before + 1);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(await db().selectFrom("audit_events").select("id").where("entity_id", "=", "rolled-back").execute()).toEqual([]);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: before + 1 });
  });
});

// What a write holds while it waits. A create reserves its incident number in a statement of its
// own and appends its events last, so while another transaction holds the chain head the create
// has already taken (and committed) its number, and waits only to append.
if (databaseKinds().includes("postgres")) {
  describe("what a create holds [postgres]", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase("postgres");
    });
    afterAll(async () => {
      await database.close();
    });

    it("when another transaction holds the chain head, then a create still reserves its number and waits only to append", async () => {
      const { db, services } = database.context;
      const reporter = await services.users.createUser(CLI_ACTOR, {
        email: "holder.test@example.org",
        name: "Lock test reporter",
        role: "reporter",
        post: "DE",
        password: "a long enough password for the test",
      });
      const actor = { kind: "user", id: reporter.id, email: reporter.email, name: reporter.name, role: "reporter", postCode: "DE" } as const;
      const counter = async () => (await db.selectFrom("sequences").select("value").where("name", "=", "incident").executeTakeFirstOrThrow()).value;
      const before = await counter();
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding!: () => void;
      const held = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const holder = db.transaction().execute(async (trx) => {
        await recordAudit(trx, { kind: "system", name: "test" }, { action: "auth.logout", entityType: "user", entityId: "holder" });
        holding();
        await released;
      });
      await held;
      let finished = false;
      const create = services.incidents
        .createIncidents(actor, [incidentInput.parse({ ...incidentExample, title: "Created while the head is held" })])
        .then((ids) => {
          finished = true;
          return ids;
        });
      try {
        // Bounded: the number is reserved (committed) at once, not after the holder lets go.
        for (let look = 0; look < 200 && (await counter()) === before; look++) await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
        expect(await counter()).toBe(before + 1);
        expect(finished).toBe(false);
      } finally {
        release();
      }
      await holder;
      const [id] = await create;
      const events = await db.selectFrom("audit_events").select(["id", "entity_id"]).where("entity_id", "in", ["holder", id!]).orderBy("id").execute();
      // The create's event follows the holder's: the chain is in commit order.
      expect(events.map((e) => e.entity_id)).toEqual(["holder", id]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });
  });
}
