// `rapporteur engagements list` as a person uses it, over a database filled by `rapporteur demo`
// (which records a few dozen engagements from nine posts in every state), on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds } from "../testing/databases.js";

for (const kind of databaseKinds()) {
  describe(`rapporteur engagements [${kind}]`, () => {
    const database = cliDatabase(kind, "engagements");
    const { env } = database;

    beforeAll(async () => {
      await database.setUp();
      const demo = await rapporteur(["demo", "--count", "20"], env);
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain("with 36 synthetic engagements with host governments.");
    }, 120_000);
    afterAll(() => database.tearDown());

    it("when the engagements are listed, then the demo's are there as a table, latest first, and as JSON", async () => {
      const listed = await rapporteur(["engagements", "list", "--limit", "500"], env);
      expect(listed.code, listed.stderr).toBe(0);
      const lines = listed.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^DATE\s+POST\s+KIND\s+LEVEL\s+OFFICE TYPE\s+RESPONSE\s+STATE\s+OPEN\s+OFFICE$/);
      expect(lines).toHaveLength(37);
      const dates = lines.slice(1).map((l) => l.slice(0, 10));
      expect(dates).toEqual([...dates].sort().reverse());
      expect(listed.stdout).toMatch(/\[SYNTHETIC\] Ministry of the Interior/);
      const json = await rapporteur(["engagements", "list", "--format", "json", "--post", "DE", "--state", "accepted"], env);
      expect(json.code, json.stderr).toBe(0);
      const answer = JSON.parse(json.stdout) as { items: { post: string; state: string; synthetic: boolean }[]; total: number };
      expect(answer.total).toBeGreaterThan(0);
      expect(answer.items.every((e) => e.post === "DE" && e.state === "accepted" && e.synthetic)).toBe(true);
    });

    it("when the list is filtered, then only the matching rows are shown, and a short list says how many there are in all", async () => {
      const ministers = await rapporteur(["engagements", "list", "--level", "minister", "--office-type", "interior"], env);
      expect(ministers.code, ministers.stderr).toBe(0);
      const rows = ministers.stdout.trim().split("\n").slice(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/\sminister\s+interior\s/);
      const searched = await rapporteur(["engagements", "list", "--search", "trafficking", "--format", "json"], env);
      const found = JSON.parse(searched.stdout) as { items: { message: string }[] };
      expect(found.items.length).toBeGreaterThan(0);
      expect(found.items.every((e) => e.message.includes("trafficking"))).toBe(true);
      const few = await rapporteur(["engagements", "list", "--limit", "2"], env);
      expect(few.stdout).toContain("2 of 36 shown (--limit to see more).");
    });

    it("when a filter has a value nobody defined, then it names the option and fails", async () => {
      const bad = await rapporteur(["engagements", "list", "--level", "king"], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("--level");
      const unknown = await rapporteur(["engagements", "show"], env);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain("unknown engagements command");
    });
  });
}
