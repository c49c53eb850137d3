// `rapporteur import case-outcomes` as a person uses it: a real process on the fixture file and its
// mapping, on SQLite and (when TEST_DATABASE_URL is set) on PostgreSQL in a fresh schema: a dry run
// lists what it would do and writes nothing, the import reports the bad rows as FILE:LINE: column,
// and a second import changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds } from "../testing/databases.js";

const FIXTURES = resolve(import.meta.dirname, "../../test/fixtures/case-outcomes");
const FILE = join(FIXTURES, "urteile-2025.csv");
const MAPPING = join(FIXTURES, "urteile.mapping.json");

for (const kind of databaseKinds()) {
  describe(`rapporteur import case-outcomes [${kind}]`, () => {
    const db = cliDatabase(kind, "cli-case-outcomes");
    beforeAll(async () => {
      await db.setUp();
      const added = await rapporteur(
        ["user", "add", "--email", "desk@example.org", "--name", "Desk Officer", "--role", "analyst", "--password-stdin"],
        db.env,
        "a password long enough\n",
      );
      expect(added.code, added.stderr).toBe(0);
    });
    afterAll(() => db.tearDown());

    it("when a file is imported after a dry run, then the dry run writes nothing, bad rows are named by line and column, and a re-import changes nothing", async () => {
      const args = ["import", "case-outcomes", FILE, "--mapping", MAPPING, "--as", "desk@example.org"];
      const dry = await rapporteur([...args, "--dry-run"], db.env);
      expect(dry.stdout).toContain(`${FILE}:4: would add 12 Ls 45/24`);
      expect(dry.stdout).toContain("Dry run: nothing was written.");
      expect(dry.stderr).toContain(`${FILE}:8: column "Freiheitsstrafe (Monate)": "acht" is not a number`);
      expect(dry.code).toBe(1);
      const real = await rapporteur(args, db.env);
      expect(real.stdout).toMatch(/added +4/);
      expect(real.stderr).toContain(`${FILE}:9: column "Delikt (ICCS)": ICCS 0401 (Robbery) falls under no category of the current taxonomy`);
      const again = await rapporteur(args, db.env);
      expect(again.stdout).toMatch(/added +0\n {2}updated +0\n {2}unchanged +4/);
      // Three processes, each opening the database: over the default 30 seconds on a busy machine.
    }, 180_000);

    it("when the mapping names a column the file lacks, or --as is missing, then it says so and exits non-zero", async () => {
      const noUser = await rapporteur(["import", "case-outcomes", FILE, "--mapping", MAPPING], db.env);
      expect(noUser.code).toBe(2);
      expect(noUser.stderr).toContain("--as EMAIL is required");
      const help = await rapporteur(["import", "case-outcomes", "--help"], db.env);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("--all-or-nothing");
      const wrong = join(db.dir, "wrong.mapping.json");
      writeFileSync(wrong, readFileSync(MAPPING, "utf8").replace('"offence": "Delikt (ICCS)"', '"offence": "Straftat"'));
      const bad = await rapporteur(["import", "case-outcomes", FILE, "--mapping", wrong, "--as", "desk@example.org"], db.env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`${wrong}: columns.offence: the file has no column "Straftat"`);
    }, 180_000);
  });
}
