// Appends at the same moment: the chain head row is the lock that orders them, so however many
// audited writes race (on PostgreSQL the pool has several connections), every event gets the next
// id and links to the one before. Rolled-back appends leave no trace in the chain.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
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
