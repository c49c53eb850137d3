// Verifying the audit chain: an untouched log verifies, and each way of tampering with it in SQL
// (altering, deleting, reordering, deleting the newest event, writing behind the head) is reported
// at the first bad event, on both databases. Every story puts the log back before it ends.
import { beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { incidentExample, incidentInput } from "../incidents/schema.js";
import { chainHash, GENESIS_HASH } from "./chain.js";
import {
  alterEvent,
  alterEventAndRehash,
  appendBehindTheHead,
  deleteEvent,
  eventIds,
  moveHeadBack,
  restoreLog,
  snapshotLog,
  swapEvents,
} from "../../testing/audit-tampering.js";
import { advance, CHAIN_START, checkEvent, checkHead, verifyAuditChain, type StoredEvent } from "./verify.js";

/** A chain of `n` events as recordAudit writes them. */
function chain(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let previous = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const event = {
      id,
      at: `2025-06-14T10:00:0${id % 10}.000Z`,
      actor_user_id: null,
      actor_system: "cli",
      action: "incident.create",
      entity_type: "incident",
      entity_id: `i${id}`,
      before_json: null,
      after_json: `{"n":${id}}`,
    };
    const hash = chainHash(previous, event);
    events.push({ ...event, prev_hash: previous, hash });
    previous = hash;
  }
  return events;
}

/** The pure checks over rows in memory: the first problem, or null. */
function walk(events: StoredEvent[], head: { last_event_id: number; last_hash: string }) {
  let state = CHAIN_START;
  for (const event of events) {
    const bad = checkEvent(state, event);
    if (bad) return bad;
    state = advance(state, event);
  }
  return checkHead(state, head);
}

describe("checking events in memory", () => {
  const events = chain(5);
  const head = { last_event_id: 5, last_hash: events[4]!.hash! };

  it("when the log is empty and the head is at the genesis, then it is intact", () => {
    expect(walk([], { last_event_id: 0, last_hash: GENESIS_HASH })).toBeNull();
  });

  it("when the log is empty but the head names an event, then that event is missing", () => {
    expect(walk([], head)).toMatchObject({ id: 1, kind: "missing" });
  });

  it("when every event is chained and the head names the last, then it is intact", () => {
    expect(walk(events, head)).toBeNull();
  });

  it("when an event lost its hash, then it is reported altered", () => {
    expect(
      walk(
        events.map((e) => (e.id === 3 ? { ...e, hash: null } : e)),
        head,
      ),
    ).toMatchObject({ id: 3, kind: "altered" });
  });

  it("when the first event is missing, then event 1 is reported", () => {
    expect(walk(events.slice(1), head)).toMatchObject({ id: 1, kind: "missing", reason: expect.stringContaining("starts at event 2") });
  });

  it("when events are renumbered to close the gap a deletion left, then the event moved into the gap is reported altered", () => {
    const renumbered = [events[0]!, ...events.slice(2).map((e) => ({ ...e, id: Number(e.id) - 1 }))];
    expect(walk(renumbered, head)).toMatchObject({ id: 2, kind: "altered" });
  });
});

forEachDatabase("the audit chain", (env) => {
  let reporter: TestUser;
  let ids: number[];
  const db = () => env().context.db;

  /** Tamper, verify, then put the log back and check it verifies again. */
  async function tampered(tamper: () => Promise<unknown>) {
    const snapshot = await snapshotLog(db());
    try {
      await tamper();
      return await verifyAuditChain(db());
    } finally {
      await restoreLog(db(), snapshot);
      expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: snapshot.events.length });
    }
  }

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    await env().user("analyst");
    for (let i = 0; i < 5; i++) {
      await env().context.services.incidents.createIncidents(reporter.actor, [incidentInput.parse({ ...incidentExample, title: `Chained incident ${i}` })]);
    }
    ids = await eventIds(db());
  });

  it("when nothing was touched, then every event from the genesis to the head verifies", async () => {
    expect(ids.length).toBeGreaterThan(10);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    const head = await db().selectFrom("audit_chain_head").selectAll().executeTakeFirstOrThrow();
    expect(head.last_event_id).toBe(ids.length);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: ids.length });
  });

  it("when the log is read a page of 1 or 3 events at a time, then the answer is the same", async () => {
    expect(await verifyAuditChain(db(), { pageSize: 1 })).toEqual({ ok: true, checked: ids.length });
    expect(await verifyAuditChain(db(), { pageSize: 3 })).toEqual({ ok: true, checked: ids.length });
    const bad = await tampered(() => alterEvent(db(), 7));
    expect(bad).toMatchObject({ ok: false, checked: 6, firstBad: { id: 7, kind: "altered" } });
  });

  it("when an event's content is rewritten in SQL, then it is the first bad event, reported altered", async () => {
    const result = await tampered(() => alterEvent(db(), 5));
    expect(result).toEqual({
      ok: false,
      checked: 4,
      firstBad: { id: 5, kind: "altered", reason: expect.stringMatching(/^altered: its stored hash does not match/) },
    });
  });

  it("when an event is rewritten and its own hash recomputed, then the event after it no longer links to it", async () => {
    const result = await tampered(() => alterEventAndRehash(db(), 5));
    expect(result).toMatchObject({ ok: false, checked: 5, firstBad: { id: 6, kind: "unlinked", reason: expect.stringContaining("event 5's hash") } });
  });

  it("when an event in the middle is deleted, then its id is reported missing", async () => {
    const result = await tampered(() => deleteEvent(db(), 6));
    expect(result).toEqual({ ok: false, checked: 5, firstBad: { id: 6, kind: "missing", reason: "missing: the log goes from event 5 to event 7 (deleted)" } });
  });

  it("when the first event is deleted, then event 1 is reported missing", async () => {
    expect(await tampered(() => deleteEvent(db(), 1))).toMatchObject({ ok: false, checked: 0, firstBad: { id: 1, kind: "missing" } });
  });

  it("when two events swap places (their whole content, hashes included), then the first of them is reported", async () => {
    const result = await tampered(() => swapEvents(db(), 4, 8));
    expect(result).toMatchObject({ ok: false, checked: 3, firstBad: { id: 4, kind: "altered" } });
  });

  it("when two neighbouring events swap places, then the first of them is reported", async () => {
    expect(await tampered(() => swapEvents(db(), 9, 10))).toMatchObject({ ok: false, checked: 8, firstBad: { id: 9, kind: "altered" } });
  });

  it("when the newest event is deleted, then the head still names it and it is reported missing", async () => {
    const newest = ids[ids.length - 1]!;
    const result = await tampered(() => deleteEvent(db(), newest));
    expect(result).toMatchObject({
      ok: false,
      checked: newest - 1,
      firstBad: { id: newest, kind: "missing", reason: expect.stringContaining(`names event ${newest}`) },
    });
  });

  it("when an event is added in SQL without moving the head, then it is reported after the head", async () => {
    const newest = ids[ids.length - 1]!;
    const result = await tampered(() => appendBehindTheHead(db()));
    expect(result).toMatchObject({ ok: false, checked: newest, firstBad: { id: newest + 1, kind: "after_head" } });
  });

  it("when the head is moved back one event, then the newest event is reported after the head", async () => {
    const newest = ids[ids.length - 1]!;
    expect(await tampered(() => moveHeadBack(db()))).toMatchObject({ ok: false, checked: newest - 1, firstBad: { id: newest, kind: "after_head" } });
  });

  it("when the newest event is rewritten with its hash recomputed, then the head's hash gives it away", async () => {
    const newest = ids[ids.length - 1]!;
    const result = await tampered(() => alterEventAndRehash(db(), newest));
    expect(result).toMatchObject({ ok: false, checked: newest - 1, firstBad: { id: newest, kind: "altered", reason: expect.stringContaining("chain head") } });
  });
});
