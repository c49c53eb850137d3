// Single sign-on against a real OpenID Connect provider (oidc-provider on loopback), with the
// product's default second-factor roles: who is matched (a linked subject, else a verified e-mail),
// who is created (only with a role the provider grants), who is refused, and the second factor after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../http/cookies.js";
import { databaseKinds } from "../../testing/databases.js";
import { createTestEnv, type TestEnv, type TestUser } from "../../testing/harness.js";
import { signInThroughProvider } from "../../testing/oidc-flow.js";
import { startOidcProvider, type TestOidcProvider } from "../../testing/oidc-provider.js";
import { enrolSecondFactor, totpCode } from "../../testing/second-factor.js";

const CALLBACK = "http://rapporteur.test/api/v1/auth/oidc/callback";

for (const kind of databaseKinds()) {
  describe(`single sign-on [${kind}]`, () => {
    let provider: TestOidcProvider;
    let env: TestEnv & { close(): Promise<void> };
    let accounts = 0;

    beforeAll(async () => {
      provider = await startOidcProvider([CALLBACK]);
      env = await createTestEnv(kind, {
        config: {
          SECOND_FACTOR_ROLES: undefined,
          OIDC_ISSUER_URL: provider.issuer,
          OIDC_CLIENT_ID: provider.clientId,
          OIDC_CLIENT_SECRET: provider.clientSecret,
          OIDC_REDIRECT_URL: CALLBACK,
          OIDC_PROVIDER_NAME: "the test provider",
          OIDC_ROLE_CLAIM: "rapporteur_role",
          OIDC_ROLE_MAP: { "desk-analyst": "analyst", "embassy-staff": "reporter" },
        },
      });
    });
    afterAll(async () => {
      await env?.close();
      await provider?.close();
    });

    /** An account at the provider (a fresh subject each time). */
    const providerAccount = (fields: { email: string; email_verified?: boolean; rapporteur_role?: string; rapporteur_post?: string }) => {
      const sub = `subject-${++accounts}`;
      provider.account({ sub, email_verified: true, name: `Provider person ${accounts}`, ...fields });
      return sub;
    };
    const as = (session: { cookie: string; csrf: string }, user?: TestUser): TestUser =>
      ({ ...(user ?? { actor: null, email: "", password: "" }), ...session }) as TestUser;
    const userByEmail = (email: string) => env.context.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
    const refusals = async () =>
      (await env.context.db.selectFrom("audit_events").select("after_json").where("action", "=", "auth.sso_refused").orderBy("id").execute()).map(
        (e) => JSON.parse(e.after_json!).reason as string,
      );

    it("when the sign-in page asks what it may offer, then it names the provider", async () => {
      const options = await env.request(null, { method: "GET", url: "/api/v1/auth/sign-in-options" });
      expect(options.json()).toEqual({ sso: { name: "the test provider" } });
    });

    it("when a reporter signs in through the provider with a verified e-mail, then they are in, their subject is linked, and next time the subject alone finds them", async () => {
      const reporter = await env.user("reporter", "DE");
      const sub = providerAccount({ email: reporter.email });
      const first = await signInThroughProvider(env, reporter.email);
      expect(first.location).toBe("/");
      const me = await env.request(as(first.session!, reporter), { method: "GET", url: "/api/v1/auth/me" });
      expect(me.json()).toMatchObject({ id: reporter.actor.id, sign_in_step: null });
      const linked = await env.context.db.selectFrom("oidc_identities").selectAll().where("user_id", "=", reporter.actor.id).execute();
      expect(linked).toMatchObject([{ issuer: provider.issuer, subject: sub }]);

      // The provider's address changes: the linked subject still finds the account.
      provider.account({ sub, email: `changed.${reporter.email}`, email_verified: true });
      const second = await signInThroughProvider(env, `changed.${reporter.email}`);
      expect((await env.request(as(second.session!, reporter), { method: "GET", url: "/api/v1/auth/me" })).json()).toMatchObject({ id: reporter.actor.id });
      const logins = await env.context.db.selectFrom("audit_events").select(["action", "after_json"]).where("entity_id", "=", reporter.actor.id).execute();
      expect(logins.map((e) => e.action)).toContain("auth.sso_link");
      expect(logins.filter((e) => e.action === "auth.login" && JSON.parse(e.after_json!).via === "sso")).toHaveLength(2);
    });

    it("when an editor with a second factor signs in through the provider, then they are asked for a TOTP code, and the code lets them in", async () => {
      const editor = await env.user("editor");
      const { secret } = await enrolSecondFactor(env, editor);
      providerAccount({ email: editor.email });
      const signedIn = await signInThroughProvider(env, editor.email);
      const session = as(signedIn.session!, editor);
      expect((await env.request(session, { method: "GET", url: "/api/v1/auth/me" })).json()).toMatchObject({ sign_in_step: "second_factor" });
      expect((await env.request(session, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(403);
      const verified = await env.request(session, { method: "POST", url: "/api/v1/auth/second-factor/verify", json: { code: totpCode(secret, 1) } });
      expect(verified.statusCode).toBe(200);
      // The code opened a new session in place of the waiting one.
      const cookie = (name: string) => verified.cookies.find((c) => c.name === name)!.value;
      const passed = as({ cookie: `${SESSION_COOKIE}=${cookie(SESSION_COOKIE)}`, csrf: cookie(CSRF_COOKIE) }, editor);
      expect((await env.request(passed, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(200);
      expect((await env.request(session, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(401);
    });

    it("when someone unknown signs in and the provider grants no role, then they are refused and no account is made", async () => {
      providerAccount({ email: "stranger@example.org" });
      const result = await signInThroughProvider(env, "stranger@example.org");
      expect(result.location).toBe("/sign-in?sso=no_account");
      expect(result.session).toBeNull();
      expect(await userByEmail("stranger@example.org")).toBeUndefined();
      expect(await refusals()).toContain("no_account");

      providerAccount({ email: "chief@example.org", rapporteur_role: "chief-of-everything" });
      expect((await signInThroughProvider(env, "chief@example.org")).location).toBe("/sign-in?sso=no_account");
      expect(await userByEmail("chief@example.org")).toBeUndefined();
    });

    it("when someone unknown signs in with a role the provider grants, then an account is made with exactly that role (and the post it names)", async () => {
      providerAccount({ email: "new.analyst@example.org", rapporteur_role: "desk-analyst" });
      const analyst = await signInThroughProvider(env, "new.analyst@example.org");
      expect(analyst.location).toBe("/");
      expect(await userByEmail("new.analyst@example.org")).toMatchObject({ role: "analyst", post_code: "BUREAU", must_change_password: false });

      providerAccount({ email: "new.reporter@example.org", rapporteur_role: "embassy-staff", rapporteur_post: "FR" });
      expect((await signInThroughProvider(env, "new.reporter@example.org")).location).toBe("/");
      expect(await userByEmail("new.reporter@example.org")).toMatchObject({ role: "reporter", post_code: "FR" });

      providerAccount({ email: "nowhere@example.org", rapporteur_role: "embassy-staff", rapporteur_post: "XX" });
      expect((await signInThroughProvider(env, "nowhere@example.org")).location).toBe("/sign-in?sso=unknown_post");
      expect(await userByEmail("nowhere@example.org")).toBeUndefined();
    });

    it("when the provider's answer comes back with another state, or to a browser that did not begin the sign-in, then it is refused", async () => {
      const reporter = await env.user("reporter", "DE");
      providerAccount({ email: reporter.email });
      const elsewhere = await signInThroughProvider(env, reporter.email, { stateCookie: false });
      expect(elsewhere.location).toBe("/sign-in?sso=failed");
      const result = await signInThroughProvider(env, reporter.email, { tamper: (query) => query.set("state", "a state this browser never began with") });
      expect(result.location).toBe("/sign-in?sso=failed");
      expect(result.session).toBeNull();
      const linked = await env.context.db.selectFrom("oidc_identities").selectAll().where("user_id", "=", reporter.actor.id).execute();
      expect(linked).toEqual([]);
    });

    it("when the provider does not say the e-mail address is verified, then the account with that address is not matched", async () => {
      const reporter = await env.user("reporter", "DE");
      providerAccount({ email: reporter.email, email_verified: false, rapporteur_role: "embassy-staff", rapporteur_post: "DE" });
      const result = await signInThroughProvider(env, reporter.email);
      expect(result.location).toBe("/sign-in?sso=email_unverified");
      expect(result.session).toBeNull();
      expect(await refusals()).toContain("email_unverified");
    });

    it("when a disabled user signs in through the provider, then they are refused", async () => {
      const reporter = await env.user("reporter", "DE");
      const admin = await env.user("admin");
      await env.context.services.users.disableUser({ ...admin.actor }, reporter.actor.id);
      providerAccount({ email: reporter.email });
      expect((await signInThroughProvider(env, reporter.email)).location).toBe("/sign-in?sso=disabled");
    });
  });
}
