// The sign-in rate limiter over the database: the same fixed windows as before, now counted in
// login_attempts so that every app server on one database shares them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../../testing/databases.js";
import { fixedWindowLimiter } from "./rate-limit.js";

for (const kind of databaseKinds()) {
  describe(`the sign-in rate limiter [${kind}]`, () => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await database?.close();
    });
    const db = () => database!.context.db;

    it("when an address uses up its attempts, then it is refused until the window ends, with the seconds to wait; other addresses are not", async () => {
      let now = 1_000_000;
      const limiter = fixedWindowLimiter(db(), { limit: 3, windowMs: 60_000, now: () => now });
      for (let i = 0; i < 3; i++) expect(await limiter.take("10.0.0.1")).toEqual({ allowed: true });
      expect(await limiter.take("10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect(await limiter.take("10.0.0.2")).toEqual({ allowed: true });
      now += 45_500;
      expect(await limiter.take("10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 15 });
      now += 15_000;
      expect(await limiter.take("10.0.0.1")).toEqual({ allowed: true });
    });

    it("when two limiters (two app servers) count one address, then they share its window", async () => {
      const now = 5_000_000;
      const first = fixedWindowLimiter(db(), { limit: 2, windowMs: 60_000, now: () => now });
      const second = fixedWindowLimiter(db(), { limit: 2, windowMs: 60_000, now: () => now });
      expect(await first.take("10.0.1.1")).toEqual({ allowed: true });
      expect(await second.take("10.0.1.1")).toEqual({ allowed: true });
      expect(await first.take("10.0.1.1")).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect(await second.take("10.0.1.1")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    });

    it("when many attempts from one address arrive at once, then exactly the limit is let through", async () => {
      const limiter = fixedWindowLimiter(db(), { limit: 20, windowMs: 60_000, now: () => 9_000_000 });
      const verdicts = await Promise.all(Array.from({ length: 60 }, () => limiter.take("10.0.2.1")));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);
    });

    it("when a new window begins, then the windows that have ended are deleted and live ones still count", async () => {
      let now = 20_000_000;
      const limiter = fixedWindowLimiter(db(), { limit: 1, windowMs: 60_000, now: () => now });
      for (let i = 0; i < 50; i++) await limiter.take(`flood-${i}`);
      now += 30_000;
      await limiter.take("late-address");
      expect((await limiter.take("late-address")).allowed).toBe(false);
      now += 31_000; // the flood's windows have ended; late-address's has not
      await limiter.take("newcomer");
      const left = await db().selectFrom("login_attempts").select("address").where("address", "like", "flood-%").execute();
      expect(left).toEqual([]);
      expect((await limiter.take("late-address")).allowed).toBe(false);
    });
  });
}
