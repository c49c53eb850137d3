// The chain's hash is written twice (chain.ts): in Node, which verifies, and in PostgreSQL's SQL,
// which appends. Any event text, however odd (quotes, backslashes, new lines, accents, emoji,
// JSON inside JSON), must hash alike in both, or a verify would call an honest log altered.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../testing/databases.js";
import { recordAudit } from "./audit.js";
import { chainHash, chainHashSql, chainTail, GENESIS_HASH, type ChainedEvent } from "./chain.js";
import { verifyAuditChain } from "./verify.js";

// PostgreSQL's text holds no NUL character; nothing else is left out.
const text = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\u0000"));
const event: fc.Arbitrary<ChainedEvent> = fc.record({
  id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  at: text,
  actor_user_id: fc.option(text),
  actor_system: fc.option(text),
  action: text,
  entity_type: text,
  entity_id: text,
  before_json: fc.option(fc.jsonValue().map((v) => JSON.stringify(v))),
  after_json: fc.option(fc.jsonValue().map((v) => JSON.stringify(v))),
});
const previous = fc.oneof(fc.constant(GENESIS_HASH), fc.stringMatching(/^[0-9a-f]{64}$/));

describe("the audit chain's hash", () => {
  it("when the hashed text is put together from the previous hash, the id and the tail, then it is chainHash's", () => {
    fc.assert(
      fc.property(previous, event, (prev, e) => {
        const joined = createHash("sha256")
          .update(`${prev}\n[${Number(e.id)},${chainTail(e)}`)
          .digest("hex");
        expect(joined).toBe(chainHash(prev, e));
      }),
      { numRuns: 500 },
    );
  });
});

if (databaseKinds().includes("postgres")) {
  describe("the audit chain's hash [postgres]", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase("postgres");
    });
    afterAll(async () => {
      await database.close();
    });

    it("when PostgreSQL hashes an event, then it gets what Node gets, for any text", async () => {
      await fc.assert(
        fc.asyncProperty(previous, event, async (prev, e) => {
          const { rows } = await sql<{
            hash: string;
          }>`SELECT ${chainHashSql(sql`${prev}::text`, sql`${e.id}::bigint`, sql`${chainTail(e)}::text`)} AS hash`.execute(database.context.db);
          expect(rows[0]!.hash).toBe(chainHash(prev, e));
        }),
        { numRuns: 300 },
      );
    });

    it("when events with any text are appended in one statement, then they are stored as given and the chain verifies", async () => {
      const { db } = database.context;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(text, fc.jsonValue(), fc.jsonValue()), { minLength: 1, maxLength: 5 }), async (entries) => {
          const first = Number((await db.selectFrom("audit_chain_head").select("last_event_id").executeTakeFirstOrThrow()).last_event_id) + 1;
          await db.transaction().execute((trx) =>
            recordAudit(
              trx,
              { kind: "system", name: "test" },
              entries.map(([entityId, before, after]) => ({ action: "post.update", entityType: "post", entityId, before, after })),
            ),
          );
          const stored = await db
            .selectFrom("audit_events")
            .select(["entity_id", "before_json", "after_json"])
            .where("id", ">=", first)
            .orderBy("id")
            .execute();
          expect(stored).toEqual(
            entries.map(([entityId, before, after]) => ({ entity_id: entityId, before_json: JSON.stringify(before), after_json: JSON.stringify(after) })),
          );
        }),
        { numRuns: 60 },
      );
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });
  });
}

describe("a long append", () => {
  for (const kind of databaseKinds()) {
    it(`when thousands of events are appended at once [${kind}], then each follows the one before and the chain verifies`, async () => {
      const database = await openTestDatabase(kind);
      try {
        const { db } = database.context;
        const head = async () => Number((await db.selectFrom("audit_chain_head").select("last_event_id").executeTakeFirstOrThrow()).last_event_id);
        const start = await head();
        // Around the length where PostgreSQL stops appending in one statement, and past a chunk of inserts.
        for (const n of [1, 50, 51, 2_345]) {
          await db.transaction().execute((trx) =>
            recordAudit(
              trx,
              { kind: "system", name: "test" },
              Array.from({ length: n }, (_, i) => ({
                action: "post.update",
                entityType: "post",
                entityId: `P${n}-${i}`,
                before: { i },
                after: { i: i + 1, text: "x".repeat(500) },
              })),
            ),
          );
        }
        expect(await head()).toBe(start + 1 + 50 + 51 + 2_345);
        const ids = await db.selectFrom("audit_events").select(["id", "entity_id"]).where("id", ">", start).orderBy("id").execute();
        expect(ids.map((r) => Number(r.id))).toEqual(Array.from({ length: 2_447 }, (_, i) => start + 1 + i));
        expect(ids.at(-1)?.entity_id).toBe("P2345-2344");
        expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
      } finally {
        await database.close();
      }
    });
  }
});
