import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { auditCheckpointSettings, ConfigError, loadConfig, mailSettings } from "./config.js";

describe("configuration", () => {
  it("when nothing is set, then it serves SQLite on 127.0.0.1:8080", () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe("sqlite:./data/rapporteur.db");
    expect(config.HOST).toBe("127.0.0.1");
    expect(config.PORT).toBe(8080);
    expect(config.COOKIE_SECURE).toBe(false);
  });

  it("when a value is invalid, then the error names the variable and the value", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "99999", DATABASE_URL: "mysql://x" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("PORT");
      expect(message).toContain('"99999"');
      expect(message).toContain("DATABASE_URL");
    }
  });

  it('when a flag is the string "false", then it is false (and "yes" is refused)', () => {
    expect(loadConfig({ COOKIE_SECURE: "false" }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: "true" }).COOKIE_SECURE).toBe(true);
    expect(() => loadConfig({ COOKIE_SECURE: "yes" })).toThrow(/COOKIE_SECURE/);
  });

  it("when nothing is said about sign-in limits, then 10 wrong passwords lock an account for 15 minutes and one address may try 20 times a minute", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ LOCKOUT_THRESHOLD: 10, LOCKOUT_MINUTES: 15, LOGIN_RATE_LIMIT: 20 });
    expect(loadConfig({ LOCKOUT_THRESHOLD: "5", LOCKOUT_MINUTES: "60", LOGIN_RATE_LIMIT: "100" })).toMatchObject({
      LOCKOUT_THRESHOLD: 5,
      LOCKOUT_MINUTES: 60,
      LOGIN_RATE_LIMIT: 100,
    });
    expect(() => loadConfig({ LOCKOUT_MINUTES: "0" })).toThrow(/LOCKOUT_MINUTES/);
    expect(() => loadConfig({ LOGIN_RATE_LIMIT: "many" })).toThrow(/LOGIN_RATE_LIMIT/);
  });

  it("when nothing is said about shutting down, then requests in flight get 10 seconds; a negative or fractional grace is refused", () => {
    expect(loadConfig({}).SHUTDOWN_GRACE_SECONDS).toBe(10);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: "30" }).SHUTDOWN_GRACE_SECONDS).toBe(30);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: "-1" })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: "2.5" })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: "soon" })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
  });

  it("when nothing is said about second factors, then admins, editors and auditors must have one; a list of roles or none may be given, nothing else", () => {
    expect(loadConfig({}).SECOND_FACTOR_ROLES).toEqual(["admin", "editor", "auditor"]);
    expect(loadConfig({ SECOND_FACTOR_ROLES: "admin, reporter" }).SECOND_FACTOR_ROLES).toEqual(["admin", "reporter"]);
    expect(loadConfig({ SECOND_FACTOR_ROLES: "none" }).SECOND_FACTOR_ROLES).toEqual([]);
    expect(() => loadConfig({ SECOND_FACTOR_ROLES: "admin,boss" })).toThrow(/SECOND_FACTOR_ROLES/);
  });

  it("when single sign-on is half configured or its role map is malformed, then the configuration names what is missing or wrong", () => {
    expect(loadConfig({}).OIDC_ISSUER_URL).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER_URL: "https://id.example.org" })).toThrow(/OIDC_CLIENT_ID/);
    const full = {
      OIDC_ISSUER_URL: "https://id.example.org",
      OIDC_CLIENT_ID: "rapporteur",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_REDIRECT_URL: "https://rapporteur.example.org/api/v1/auth/oidc/callback",
    };
    expect(loadConfig({ ...full, OIDC_ROLE_MAP: "desk-editor=editor, embassy=reporter" }).OIDC_ROLE_MAP).toEqual({
      "desk-editor": "editor",
      embassy: "reporter",
    });
    expect(() => loadConfig({ ...full, OIDC_ROLE_MAP: "desk-editor=chief" })).toThrow(/OIDC_ROLE_MAP/);
    expect(() => loadConfig({ ...full, OIDC_ISSUER_URL: "ftp://id.example.org" })).toThrow(/OIDC_ISSUER_URL/);
  });

  it("when SMTP is configured, then it needs a sender and the public address, takes only smtp(s) URLs, and checks certificates unless told not to", () => {
    expect(mailSettings(loadConfig({}))).toBeNull();
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.org" })).toThrow(/SMTP_FROM: is needed[\s\S]*PUBLIC_URL: is needed/);
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    // The URL may hold a password: the error does not repeat it.
    expect(() => loadConfig({ SMTP_URL: "imap://user:hunter2@mail.example.org" })).toThrow(/^(?![\s\S]*hunter2)/);
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.org", SMTP_FROM: "Rapporteur", PUBLIC_URL: "https://r.example.org" })).toThrow(/SMTP_FROM/);
    expect(() => loadConfig({ SMTP_TLS_REJECT_UNAUTHORIZED: "no" })).toThrow(/SMTP_TLS_REJECT_UNAUTHORIZED/);
    expect(() => loadConfig({ NOTIFICATION_DIGEST_HOUR: "24" })).toThrow(/NOTIFICATION_DIGEST_HOUR/);
    const config = loadConfig({
      SMTP_URL: "smtps://rapporteur:s3cret@mail.example.org:465",
      SMTP_FROM: "Rapporteur <rapporteur@example.org>",
      PUBLIC_URL: "https://rapporteur.example.org/",
    });
    expect(mailSettings(config)).toEqual({
      smtpUrl: "smtps://rapporteur:s3cret@mail.example.org:465",
      from: "Rapporteur <rapporteur@example.org>",
      rejectUnauthorized: true,
      publicUrl: "https://rapporteur.example.org",
      digestHour: 7,
    });
  });

  it("when a PostgreSQL URL is given, then it is accepted", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h:5432/db" }).DATABASE_URL).toBe("postgres://u@h:5432/db");
  });

  it("when the audit checkpoint files are not set, then they sit beside a SQLite database file, else in ./data", () => {
    expect(auditCheckpointSettings(loadConfig({ DATABASE_URL: "sqlite:/srv/rapporteur/app.db" }))).toEqual({
      signingKeyFile: "/srv/rapporteur/audit-signing-key.pem",
      checkpointFile: "/srv/rapporteur/audit-checkpoints.jsonl",
      publicKey: undefined,
    });
    expect(auditCheckpointSettings(loadConfig({ DATABASE_URL: "postgres://db/rapporteur" })).checkpointFile).toBe(resolve("data/audit-checkpoints.jsonl"));
    expect(auditCheckpointSettings(loadConfig({ DATABASE_URL: "sqlite:/x/a.db", AUDIT_CHECKPOINT_FILE: "/elsewhere/c.jsonl" })).checkpointFile).toBe(
      "/elsewhere/c.jsonl",
    );
  });

  it("when AUDIT_PUBLIC_KEY is not a key as `rapporteur audit key` prints it, then it is refused", () => {
    expect(() => loadConfig({ AUDIT_PUBLIC_KEY: "not a key" })).toThrow(/AUDIT_PUBLIC_KEY/);
    expect(loadConfig({ AUDIT_PUBLIC_KEY: `${"A".repeat(43)}=` }).AUDIT_PUBLIC_KEY).toBe(`${"A".repeat(43)}=`);
  });
});
