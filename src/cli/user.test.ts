// `rapporteur user ...` as a person uses it: real processes, on SQLite and (when TEST_DATABASE_URL
// is set) on PostgreSQL in a fresh schema named through the URL's `options`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext } from "../context.js";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds, TEST_CONFIG } from "../testing/databases.js";
import { totpCode } from "../testing/second-factor.js";
import { actorOf } from "../modules/auth/actor.js";

for (const kind of databaseKinds()) {
  describe(`rapporteur user [${kind}]`, () => {
    const database = cliDatabase(kind, "user");
    const { env, schema, baseUrl: base } = database;

    beforeAll(() => database.setUp());
    afterAll(() => database.tearDown());

    it("when a user is added with one of the most common passwords, then it is refused by name", async () => {
      const common = await rapporteur(
        ["user", "add", "--email", "weak@example.org", "--name", "Weak", "--role", "analyst", "--password-stdin"],
        env,
        "Password1234!\n",
      );
      expect(common.code).toBe(1);
      expect(common.stderr).toMatch(/password: is one of the most commonly used passwords/);
    });

    it("when an administrator's password is reset, then a one-time password is printed once, signs in, and must be changed", async () => {
      const added = await rapporteur(
        ["user", "add", "--email", "Boss@Example.org", "--name", "Boss", "--role", "admin", "--password-stdin"],
        env,
        "lantern quarry oboe 1938\n",
      );
      expect(added.code, added.stderr).toBe(0);
      const reset = await rapporteur(["user", "reset-password", "--email", "boss@example.org"], env);
      expect(reset.code, reset.stderr).toBe(0);
      const password = /One-time password[^\n]*\n\n {4}(\S+)\n/.exec(reset.stdout)?.[1];
      expect(password).toBeDefined();

      const context = await openContext({ ...TEST_CONFIG, DATABASE_URL: kind === "sqlite" ? env.DATABASE_URL : base }, kind === "postgres" ? { schema } : {});
      try {
        const signedIn = await context.services.auth.login("boss@example.org", password!, { ip: "127.0.0.1" });
        expect(signedIn.user.must_change_password).toBe(true);
        await expect(context.services.auth.login("boss@example.org", "lantern quarry oboe 1938", { ip: "127.0.0.1" })).rejects.toMatchObject({ status: 401 });
      } finally {
        await context.close();
      }

      const unknown = await rapporteur(["user", "reset-password", "--email", "nobody@example.org"], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/was not found/);
      expect((await rapporteur(["user", "reset-password"], env)).code).toBe(2);
    });

    it("when an administrator's second factor is reset, then it is gone and their next sign-in asks for a new one", async () => {
      const added = await rapporteur(
        ["user", "add", "--email", "phone.lost@example.org", "--name", "Lost Phone", "--role", "admin", "--password-stdin"],
        env,
        "lantern quarry oboe 1939\n",
      );
      expect(added.code, added.stderr).toBe(0);
      const open = () => openContext({ ...TEST_CONFIG, DATABASE_URL: kind === "sqlite" ? env.DATABASE_URL : base }, kind === "postgres" ? { schema } : {});
      let context = await open();
      try {
        const user = (await context.services.users.findByEmail("phone.lost@example.org"))!;
        const actor = actorOf(user);
        const { secret } = await context.services.secondFactor.startEnrolment(actor);
        await context.services.secondFactor.confirmEnrolment(actor, totpCode(secret));
        expect((await context.services.secondFactor.status(actor)).enabled).toBe(true);
      } finally {
        await context.close();
      }
      const reset = await rapporteur(["user", "reset-second-factor", "--email", "phone.lost@example.org"], env);
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toMatch(/Removed the second factor of phone.lost@example.org/);
      context = await open();
      try {
        const user = (await context.services.users.findByEmail("phone.lost@example.org"))!;
        const actor = actorOf(user);
        expect((await context.services.secondFactor.status(actor)).enabled).toBe(false);
      } finally {
        await context.close();
      }
      expect((await rapporteur(["user", "reset-second-factor", "--email", "phone.lost@example.org"], env)).code).toBe(1);
    });
  });
}
