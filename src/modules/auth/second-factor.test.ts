// The second factor with the product's default (SECOND_FACTOR_ROLES unset: admin, editor and
// auditor must have one): enrolment, the code step of a sign-in, recovery codes, the lockout,
// turning it off, and an administrator's reset.
import { expect, it } from "vitest";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../http/cookies.js";
import { CLI_ACTOR } from "./actor.js";
import { forEachDatabase, type TestEnv, type TestUser } from "../../testing/harness.js";
import { enrolSecondFactor, totpCode, totpCodeOfStep } from "../../testing/second-factor.js";

/** Sign in by password again: the new session's cookies in place of the old ones. */
async function signInAgain(env: TestEnv, user: TestUser): Promise<{ user: TestUser; step: string | null }> {
  const login = await env.request(null, { method: "POST", url: "/api/v1/auth/login", json: { email: user.email, password: user.password } });
  expect(login.statusCode).toBe(200);
  const session = login.cookies.find((c) => c.name === SESSION_COOKIE)!;
  const csrf = login.cookies.find((c) => c.name === CSRF_COOKIE)!;
  return {
    user: { ...user, cookie: `${SESSION_COOKIE}=${session.value}`, csrf: csrf.value },
    step: (login.json() as { sign_in_step: string | null }).sign_in_step,
  };
}

/** The user with the session a sign-in step's answer set (a passed code makes a new one). */
function withSessionOf(user: TestUser, answer: { cookies: { name: string; value: string }[] }): TestUser {
  const session = answer.cookies.find((c) => c.name === SESSION_COOKIE);
  const csrf = answer.cookies.find((c) => c.name === CSRF_COOKIE);
  if (!session || !csrf) throw new Error("the answer set no session");
  return { ...user, cookie: `${SESSION_COOKIE}=${session.value}`, csrf: csrf.value };
}

forEachDatabase(
  "a second factor",
  (env) => {
    const actions = async (userId: string) =>
      (await env().context.db.selectFrom("audit_events").select("action").where("entity_id", "=", userId).orderBy("id").execute()).map((e) => e.action);
    /** The step the server last accepted a code of. */
    const lastStep = async (user: TestUser) =>
      (await env().context.db.selectFrom("second_factors").select("last_step").where("user_id", "=", user.actor.id).executeTakeFirstOrThrow()).last_step!;
    const verify = (user: TestUser, code: string) => env().request(user, { method: "POST", url: "/api/v1/auth/second-factor/verify", json: { code } });

    it("when an admin without a second factor signs in, then only enrolment is open until a code from the new secret is typed back", async () => {
      const admin = await env().user("admin");
      const me = await env().request(admin, { method: "GET", url: "/api/v1/auth/me" });
      expect(me.json()).toMatchObject({ sign_in_step: "second_factor_enrolment", second_factor: { enabled: false, required: true } });
      const refused = await env().request(admin, { method: "GET", url: "/api/v1/users" });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe("second_factor_enrolment_required");

      const started = await env().request(admin, { method: "POST", url: "/api/v1/auth/second-factor/enrolment" });
      const { secret, otpauth_uri } = started.json() as { secret: string; otpauth_uri: string };
      expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\/Rapporteur:.*secret=[A-Z2-7]+.*algorithm=SHA1.*digits=6.*period=30/);
      expect((await env().request(admin, { method: "GET", url: "/api/v1/users" })).statusCode).toBe(403); // not yet confirmed

      const wrong = await env().request(admin, { method: "POST", url: "/api/v1/auth/second-factor/enrolment/confirm", json: { code: "000000" } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["body.code"]);

      const confirmed = await env().request(admin, { method: "POST", url: "/api/v1/auth/second-factor/enrolment/confirm", json: { code: totpCode(secret) } });
      expect(confirmed.statusCode).toBe(200);
      const codes = (confirmed.json() as { recovery_codes: string[] }).recovery_codes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      expect((await env().request(admin, { method: "GET", url: "/api/v1/users" })).statusCode).toBe(200);
      expect(await actions(admin.actor.id)).toContain("auth.second_factor_enable");
      // Only hashes are kept.
      const stored = await env().context.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", admin.actor.id).execute();
      expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
    });

    it("when a user with a second factor signs in, then the session waits for a code; a used code is refused, the next one lets them in", async () => {
      const editor = await env().user("editor");
      const { secret } = await enrolSecondFactor(env(), editor);
      const again = await signInAgain(env(), editor);
      expect(again.step).toBe("second_factor");
      const waiting = await env().request(again.user, { method: "GET", url: "/api/v1/incidents" });
      expect(waiting.statusCode).toBe(403);
      expect(waiting.json().error.code).toBe("second_factor_required");
      // The code of the step enrolment used cannot be replayed.
      const replayed = await verify(again.user, totpCodeOfStep(secret, await lastStep(editor)));
      expect(replayed.statusCode).toBe(400);
      const passed = await verify(again.user, totpCode(secret, 1));
      expect(passed.statusCode).toBe(200);
      expect(passed.json()).toMatchObject({ sign_in_step: null, second_factor: { enabled: true, required: true } });
      // The session is a new one: whoever held the token of the waiting sign-in holds nothing.
      const signedIn = withSessionOf(editor, passed);
      expect(signedIn.cookie).not.toBe(again.user.cookie);
      expect(signedIn.csrf).not.toBe(again.user.csrf);
      expect((await env().request(signedIn, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(200);
      expect((await env().request(again.user, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(401);
      expect((await verify(signedIn, totpCode(secret, 1))).statusCode).toBe(409); // nothing pending any more

      // Another sign-in in the same step: that code has been used.
      const third = await signInAgain(env(), editor);
      expect((await verify(third.user, totpCodeOfStep(secret, await lastStep(editor)))).statusCode).toBe(400);
      expect(await actions(editor.actor.id)).toContain("auth.second_factor");
    });

    it("when a recovery code is given instead, then it lets the user in once, and never again", async () => {
      const auditor = await env().user("auditor");
      const { recoveryCodes } = await enrolSecondFactor(env(), auditor);
      const first = await signInAgain(env(), auditor);
      const passed = await verify(first.user, recoveryCodes[3]!.toUpperCase());
      expect(passed.statusCode).toBe(200);
      const signedIn = withSessionOf(auditor, passed);
      const second = await signInAgain(env(), auditor);
      expect((await verify(second.user, recoveryCodes[3]!)).statusCode).toBe(400);
      const status = await env().request(signedIn, { method: "GET", url: "/api/v1/auth/second-factor" });
      expect(status.json()).toEqual({ enabled: true, required: true, recovery_codes_left: 9 });

      // New codes replace the old ones.
      const renewed = await env().request(signedIn, { method: "POST", url: "/api/v1/auth/second-factor/recovery-codes" });
      expect(renewed.statusCode).toBe(200);
      expect((await verify(second.user, recoveryCodes[4]!)).statusCode).toBe(400);
      expect((await verify(second.user, (renewed.json() as { recovery_codes: string[] }).recovery_codes[0]!)).statusCode).toBe(200);
    });

    it("when wrong codes are given, then they count towards the lockout: at the tenth the account is locked and even the password is refused", async () => {
      const admin = await env().user("admin");
      const { secret } = await enrolSecondFactor(env(), admin);
      const pending = await signInAgain(env(), admin);
      for (let i = 0; i < 10; i++) expect((await verify(pending.user, "999999")).statusCode).toBe(400);
      const row = await env().context.db.selectFrom("users").selectAll().where("id", "=", admin.actor.id).executeTakeFirstOrThrow();
      expect(row.failed_logins).toBe(10);
      expect(row.locked_until).not.toBeNull();
      expect((await verify(pending.user, totpCode(secret, 1))).statusCode).toBe(401);
      const login = await env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email: admin.email, password: admin.password } });
      expect(login.statusCode).toBe(401);
      expect(await actions(admin.actor.id)).toContain("auth.lockout");
    });

    it("when a reporter chooses a second factor, then they may turn it off again with a code; an editor may not", async () => {
      const reporter = await env().user("reporter", "DE");
      const me = await env().request(reporter, { method: "GET", url: "/api/v1/auth/me" });
      expect(me.json()).toMatchObject({ sign_in_step: null, second_factor: { enabled: false, required: false } });
      const { secret } = await enrolSecondFactor(env(), reporter);
      const off = await env().request(reporter, { method: "POST", url: "/api/v1/auth/second-factor/disable", json: { code: totpCode(secret, 1) } });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toEqual({ enabled: false, required: false, recovery_codes_left: 0 });
      expect((await signInAgain(env(), reporter)).step).toBeNull();
      expect(await actions(reporter.actor.id)).toContain("auth.second_factor_disable");

      const editor = await env().user("editor");
      const editorFactor = await enrolSecondFactor(env(), editor);
      const refused = await env().request(editor, {
        method: "POST",
        url: "/api/v1/auth/second-factor/disable",
        json: { code: totpCode(editorFactor.secret, 1) },
      });
      expect(refused.statusCode).toBe(409);
    });

    it("when an admin's password was reset, then the new password comes first and the second factor's setup after it", async () => {
      const admin = await env().user("admin");
      const { one_time_password } = await env().context.services.users.resetPassword(CLI_ACTOR, admin.actor.id);
      const signedIn = await signInAgain(env(), { ...admin, password: one_time_password! });
      expect(signedIn.step).toBe("second_factor_enrolment");
      const early = await env().request(signedIn.user, { method: "POST", url: "/api/v1/auth/second-factor/enrolment" });
      expect(early.json().error.code).toBe("password_change_required");
      const changed = await env().request(signedIn.user, {
        method: "POST",
        url: "/api/v1/auth/password",
        json: { current_password: one_time_password, new_password: "violet tractor harbour 47" },
      });
      expect(changed.statusCode).toBe(200);
      expect((await env().request(signedIn.user, { method: "GET", url: "/api/v1/users" })).json().error.code).toBe("second_factor_enrolment_required");
      expect((await env().request(signedIn.user, { method: "POST", url: "/api/v1/auth/second-factor/enrolment" })).statusCode).toBe(200);
    });

    it("when an admin resets a user's second factor, then the user's sessions end, it is audited, and the next sign-in asks for a new one", async () => {
      const admin = await env().user("admin");
      await enrolSecondFactor(env(), admin);
      const editor = await env().user("editor");
      await enrolSecondFactor(env(), editor);
      const reporter = await env().user("reporter", "DE");
      expect((await env().request(reporter, { method: "POST", url: `/api/v1/users/${editor.actor.id}/reset-second-factor` })).statusCode).toBe(403);

      const reset = await env().request(admin, { method: "POST", url: `/api/v1/users/${editor.actor.id}/reset-second-factor` });
      expect(reset.statusCode).toBe(200);
      expect((await env().request(editor, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
      expect((await signInAgain(env(), editor)).step).toBe("second_factor_enrolment");
      expect(await actions(editor.actor.id)).toContain("user.second_factor_reset");
      const twice = await env().request(admin, { method: "POST", url: `/api/v1/users/${editor.actor.id}/reset-second-factor` });
      expect(twice.statusCode).toBe(400);
    });
  },
  { config: { SECOND_FACTOR_ROLES: undefined } },
);

forEachDatabase("the test harness's second factor", (env) => {
  it("when the suites build their context, then no role needs a second factor there (and the default suite above proves the product's)", async () => {
    const admin = await env().user("admin");
    const me = await env().request(admin, { method: "GET", url: "/api/v1/auth/me" });
    expect(me.json()).toMatchObject({ sign_in_step: null, second_factor: { required: false } });
  });
});
