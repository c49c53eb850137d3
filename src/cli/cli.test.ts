// The CLI as a person uses it: real processes, real files, on SQLite and (when TEST_DATABASE_URL
// is set) on PostgreSQL in a fresh schema named through the URL's `options`.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, rapporteur, RAPPORTEUR_BIN } from "../testing/cli.js";
import { databaseKinds } from "../testing/databases.js";
import { incidentExample } from "../modules/incidents/schema.js";
import { formatPublicKey, readSigningKey } from "../modules/audit/signing.js";

for (const kind of databaseKinds()) {
  describe(`rapporteur CLI [${kind}]`, () => {
    const database = cliDatabase(kind, "cli");
    const { env, dir } = database;
    const file = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };

    beforeAll(() => database.setUp());
    afterAll(() => database.tearDown());

    it("when migrate runs twice, then the first applies the migrations and the second has nothing to do", async () => {
      const first = await rapporteur(["migrate"], env);
      expect(first.stderr).toBe("");
      expect(first.stdout).toMatch(/Applied 001_init/);
      const second = await rapporteur(["migrate"], env);
      expect(second.stdout).toMatch(/up to date/);
    });

    it("when a user is added with the password on stdin, then it is created; a short password is refused by name", async () => {
      const ok = await rapporteur(
        ["user", "add", "--email", "Rep@Example.org", "--name", "Reporter Ireland", "--role", "reporter", "--post", "IE", "--password-stdin"],
        env,
        "a password long enough\n",
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/Created reporter rep@example.org \(post IE/);
      const short = await rapporteur(["user", "add", "--email", "x@example.org", "--name", "X", "--role", "analyst", "--password-stdin"], env, "short\n");
      expect(short.code).toBe(1);
      expect(short.stderr).toMatch(/password: must be at least 12 characters/);
      const usage = await rapporteur(["user", "add", "--email", "y@example.org"], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/usage:/);
    });

    it("when incidents are added from a file, then they are listed as JSON and as a table", async () => {
      const path = file("good.json", JSON.stringify([incidentExample, { ...incidentExample, country: "IE", title: "Second incident from the file" }], null, 2));
      const added = await rapporteur(["incidents", "add", "--file", path, "--as", "rep@example.org"], env);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toMatch(/Added 2 incidents as drafts of post IE/);

      const json = await rapporteur(["incidents", "list", "--format", "json"], env);
      expect(json.code, json.stderr).toBe(0);
      const items = JSON.parse(json.stdout) as { title: string; post: string; sources: unknown[] }[];
      expect(items.map((i) => i.title)).toEqual(["Second incident from the file", incidentExample.title]);
      expect(items.every((i) => i.post === "IE" && i.sources.length === 1)).toBe(true);

      const table = await rapporteur(["incidents", "list", "--country", "IE"], env);
      expect(table.stdout.split("\n")[0]).toMatch(/^NO\s+POST\s+CTRY\s+OCCURRED\s+STATE\s+CATEGORIES\s+TITLE/);
      expect(table.stdout).toContain("Second incident from the file");
      expect(table.stdout).not.toContain(incidentExample.title.slice(0, 30)); // that one is in DE
    });

    it("when a file has bad records, then each is reported with file, line and field, and nothing is added", async () => {
      const text = `[\n  ${JSON.stringify(incidentExample)},\n  ${JSON.stringify({ ...incidentExample, country: "XX" })},\n  ${JSON.stringify({ ...incidentExample, victims: { count: 1, minors: 3 } })}\n]\n`;
      const path = file("bad.json", text);
      const result = await rapporteur(["incidents", "add", "--file", path, "--as", "rep@example.org"], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("Nothing was added");
      expect(result.stderr).toContain(`${path}:4: record 3: victims.minors: must not exceed victims.count`);
      // Unknown codes are caught by the service once the shapes are right.
      const codes = file("codes.json", `[\n${JSON.stringify({ ...incidentExample, country: "XX" })}\n]`);
      const coded = await rapporteur(["incidents", "add", "--file", codes, "--as", "rep@example.org"], env);
      expect(coded.stderr).toContain(`${codes}:2: record 1: country: no country has the code XX`);

      const broken = file("broken.json", '[\n  {"country": "DE",\n   "title": }\n]');
      const syntax = await rapporteur(["incidents", "add", "--file", broken, "--as", "rep@example.org"], env);
      expect(syntax.code).toBe(1);
      expect(syntax.stderr).toMatch(/broken\.json:line 3, column \d+: not valid JSON/);

      const list = JSON.parse((await rapporteur(["incidents", "list", "--format", "json"], env)).stdout) as unknown[];
      expect(list).toHaveLength(2);
    });

    it("when the demo runs, then a few hundred synthetic incidents appear, all flagged", async () => {
      const demo = await rapporteur(["demo", "--count", "120"], env);
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toMatch(/Added 120 synthetic incidents/);
      const items = JSON.parse((await rapporteur(["incidents", "list", "--format", "json", "--limit", "200"], env)).stdout) as {
        synthetic: boolean;
        title: string;
        state: string;
        sources: { synthetic: boolean }[];
      }[];
      const synthetic = items.filter((i) => i.synthetic);
      expect(synthetic).toHaveLength(120);
      expect(synthetic.every((i) => i.title.startsWith("[SYNTHETIC]") && i.sources.every((s) => s.synthetic))).toBe(true);
      expect(new Set(synthetic.map((i) => i.state)).size).toBeGreaterThanOrEqual(4);
    });

    it("when the configuration is invalid, then the process stops with a message naming the variable", async () => {
      const result = await rapporteur(["migrate"], { ...env, PORT: "eighty" });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/PORT: must be a number/);
    });
  });
}

describe("rapporteur serve on a fresh SQLite database", () => {
  it("when it starts on an empty database, then it prints a one-time admin password that signs in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-serve-"));
    const child = spawn(process.execPath, [RAPPORTEUR_BIN, "serve"], {
      env: { PATH: process.env["PATH"] ?? "", DATABASE_URL: `sqlite:${join(dir, "serve.db")}`, PORT: "0", LOG_LEVEL: "warn" },
    });
    try {
      let stdout = "";
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`serve did not start: ${stdout}`)), 20_000);
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          const match = /serving (http:\/\/\S+)/.exec(stdout);
          if (match && stdout.includes("password:")) {
            clearTimeout(timer);
            done(match[1]!);
          }
        });
      });
      const password = /password: (\S+)/.exec(stdout)![1]!;
      const health = await fetch(`${url}/api/health`);
      expect(await health.json()).toEqual({ status: "ok", database: "sqlite", version: expect.any(String) });
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@rapporteur.local", password }),
      });
      expect(login.status).toBe(200);
      // The audit signing key is made on first start, beside the database, readable by its owner only.
      expect(statSync(join(dir, "audit-signing-key.pem")).mode & 0o777).toBe(0o600);
      const publicKey = /signed with the public key (\S+)/.exec(stdout)?.[1];
      expect(publicKey).toBe(formatPublicKey(readSigningKey(join(dir, "audit-signing-key.pem"))));
    } finally {
      child.kill("SIGTERM");
      await new Promise((done) => child.on("close", done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
