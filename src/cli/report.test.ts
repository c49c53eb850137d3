// `rapporteur report` as a person uses it: a real process over a database filled by `rapporteur
// demo` (synthetic records, so every output must carry the watermark) and `import stats` (the
// population denominators), on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../testing/stats-fixtures.js";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds } from "../testing/databases.js";

const WATERMARK = "SYNTHETIC DATA — NOT REAL EVENTS";
const LAST_YEAR = String(new Date().getUTCFullYear() - 1);
/** The demo spreads its records over the two years ending today: this window holds them all. */
const TODAY = new Date().toISOString().slice(0, 10);
const DEMO_WINDOW = `${new Date(Date.now() - 729 * 86_400_000).toISOString().slice(0, 10)}..${TODAY}`;

for (const kind of databaseKinds()) {
  describe(`rapporteur report [${kind}]`, () => {
    const database = cliDatabase(kind, "report");
    const { env, dir } = database;

    beforeAll(async () => {
      await database.setUp();
      const demo = await rapporteur(["demo"], env);
      expect(demo.code, demo.stderr).toBe(0);
      const imported = await rapporteur(["import", "stats", join(FIXTURES, "tps00001.tsv")], env);
      expect(imported.code, imported.stderr).toBe(0);
    }, 120_000);
    afterAll(() => database.tearDown());

    it("when a cable is written as text, then it follows cable conventions and carries the watermark (the demo data are synthetic)", async () => {
      const out = join(dir, "cable.txt");
      const result = await rapporteur(["report", "cable", "--country", "DE", "--period", DEMO_WINDOW, "--format", "txt", "--out", out], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Wrote ${out}`);
      const text = readFileSync(out, "utf8");
      const lines = text.trimEnd().split("\n");
      expect(
        lines.every((line) => [...line].length <= 80),
        lines.find((l) => [...l].length > 80),
      ).toBe(true);
      expect(text).toContain(WATERMARK);
      expect(text).toMatch(/^SUBJECT: [^a-z]+$/m);
      expect(text).toMatch(/^TAGS: PHUM, SMIG, KCRM, DE$/m);
      expect(text).toMatch(/^1\. \(\w+\) Summary:/m);
    });

    it("when a brief is written as PDF and DOCX, then each file is what it says it is", async () => {
      for (const [format, magic] of [
        ["pdf", "%PDF-"],
        ["docx", "PK"],
        ["md", WATERMARK],
      ] as const) {
        const out = join(dir, `brief.${format}`);
        const result = await rapporteur(["report", "brief", "--countries", "DE,FR,AT", "--period", DEMO_WINDOW, "--format", format, "--out", out], env);
        expect(result.code, result.stderr).toBe(0);
        const bytes = readFileSync(out);
        expect(bytes.subarray(0, Buffer.byteLength(magic)).toString(format === "md" ? "utf8" : "latin1"), format).toBe(magic);
        if (format === "md") expect(bytes.toString("utf8")).toMatch(/^# Comparative brief/m);
      }
    }, 60_000);

    it("when a report is frozen as a user, then its hash is printed; freezing needs --as", async () => {
      const add = await rapporteur(
        ["user", "add", "--email", "editor.report@example.org", "--name", "Report Editor", "--role", "editor", "--password-stdin"],
        env,
        "a long enough passphrase 42\n",
      );
      expect(add.code, add.stderr).toBe(0);
      const out = join(dir, "country.md");
      const frozen = await rapporteur(
        ["report", "country", "--country", "DE", "--period", LAST_YEAR, "--format", "md", "--out", out, "--freeze", "--as", "editor.report@example.org"],
        env,
      );
      expect(frozen.code, frozen.stderr).toBe(0);
      expect(frozen.stdout).toMatch(/^Froze report [0-9a-f-]{36} version 1, sha256 [0-9a-f]{64}, data as of /m);
      const missing = await rapporteur(["report", "country", "--country", "DE", "--period", LAST_YEAR, "--format", "md", "--out", out, "--freeze"], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("--as EMAIL");
    });

    it("when the request is wrong, then the command says which part and exits non-zero", async () => {
      const out = join(dir, "bad.txt");
      const noCountry = await rapporteur(["report", "cable", "--period", LAST_YEAR, "--format", "txt", "--out", out], env);
      expect(noCountry.code).toBe(2);
      expect(noCountry.stderr).toContain("--country");
      const badKind = await rapporteur(["report", "memo", "--country", "DE", "--period", LAST_YEAR, "--out", out], env);
      expect(badKind.code).toBe(2);
      const badPeriod = await rapporteur(["report", "cable", "--country", "DE", "--period", "soon", "--format", "txt", "--out", out], env);
      expect(badPeriod.code).toBe(1);
      expect(badPeriod.stderr).toMatch(/period: must be a year/);
      const badFormat = await rapporteur(["report", "cable", "--country", "DE", "--period", LAST_YEAR, "--format", "html", "--out", out], env);
      expect(badFormat.code).toBe(2);
      expect(badFormat.stderr).toContain("--format must be one of md, txt, pdf, docx");
    });
  });
}
