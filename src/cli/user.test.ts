// `rapporteur user ...` as a person uses it: real processes, on SQLite and (when TEST_DATABASE_URL
// is set) on PostgreSQL in a fresh schema named through the URL's `options`.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext } from "../context.js";
import { databaseKinds, TEST_CONFIG, testSchemaName } from "../testing/databases.js";

const BIN = resolve(import.meta.dirname, "../../bin/rapporteur.js");

function rapporteur(args: string[], env: Record<string, string>, stdin = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env["PATH"] ?? "", LOG_LEVEL: "warn", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

for (const kind of databaseKinds()) {
  describe(`rapporteur user [${kind}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-user-"));
    const schema = testSchemaName();
    const base = process.env["TEST_DATABASE_URL"] ?? "";
    const env = {
      DATABASE_URL: kind === "sqlite" ? `sqlite:${join(dir, "cli.db")}` : `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    };

    beforeAll(async () => {
      if (kind === "postgres") {
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.end();
      }
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      if (kind === "postgres") {
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    });

    it("when a user is added with one of the most common passwords, then it is refused by name", async () => {
      const common = await rapporteur(["user", "add", "--email", "weak@example.org", "--name", "Weak", "--role", "analyst", "--password-stdin"], env, "Password1234!\n");
      expect(common.code).toBe(1);
      expect(common.stderr).toMatch(/password: is one of the most commonly used passwords/);
    });

    it("when an administrator's password is reset, then a one-time password is printed once, signs in, and must be changed", async () => {
      const added = await rapporteur(["user", "add", "--email", "Boss@Example.org", "--name", "Boss", "--role", "admin", "--password-stdin"], env, "lantern quarry oboe 1938\n");
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
  });
}
