// `rapporteur taskings` as a person uses it, over a database filled by `rapporteur demo` (which
// issues the briefing's two taskings and answers them from several posts), on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds } from "../testing/databases.js";

for (const kind of databaseKinds()) {
  describe(`rapporteur taskings [${kind}]`, () => {
    const database = cliDatabase(kind, "taskings");
    const { env } = database;

    beforeAll(async () => {
      await database.setUp();
      const demo = await rapporteur(["demo", "--count", "60"], env);
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain("Issued two synthetic taskings (STATE 900001, STATE 900002) and answered them from 9 posts, with 36 synthetic engagements");
    }, 120_000);
    afterAll(() => database.tearDown());

    it("when the taskings are listed, then the demo's two are there, issued, with their posts", async () => {
      const listed = await rapporteur(["taskings", "list"], env);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(/^REFERENCE\s+STATE\s+VERSION\s+DUE\s+POSTS\s+TITLE$/m);
      expect(listed.stdout).toMatch(/^STATE 900001\s+issued\s+1\s+\S+\s+35\s+\[SYNTHETIC\] Reporting on crimes/m);
      expect(listed.stdout).toMatch(/^STATE 900002\s+issued\s+1\s+/m);
      const json = await rapporteur(["taskings", "list", "--format", "json"], env);
      expect((JSON.parse(json.stdout) as { reference: string; synthetic: boolean }[]).map((t) => [t.reference, t.synthetic]).sort()).toEqual([
        ["STATE 900001", true],
        ["STATE 900002", true],
      ]);
    });

    it("when the overdue tasking is shown, then each post's standing is given: answered, or overdue", async () => {
      const shown = await rapporteur(["taskings", "show", "STATE", "900002"], env);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/^STATE 900002: \[SYNTHETIC\] Annual human-rights country reports/);
      expect(shown.stdout).toMatch(/^1\. Human-rights concerns linked to migration/m);
      expect(shown.stdout).toMatch(/^DE {2}accepted, submitted /m);
      expect(shown.stdout).toMatch(/^GB {2}submitted, submitted /m);
      expect(shown.stdout).toMatch(/^IE {2}overdue$/m);
      expect(shown.stdout).toMatch(/^FR {2}overdue$/m);
    });

    it("when a tasking is named that does not exist, or a state nobody defined, then it says so and fails", async () => {
      const missing = await rapporteur(["taskings", "show", "STATE 1"], env);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain("no tasking has the reference STATE 1");
      const state = await rapporteur(["taskings", "list", "--state", "open"], env);
      expect(state.code).toBe(1);
      expect(state.stderr).toContain("--state");
    });
  });
}
