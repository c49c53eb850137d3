// `rapporteur import stats` and `rapporteur stats` as a person uses them: real processes on the
// real files, on SQLite and (when TEST_DATABASE_URL is set) on PostgreSQL in a fresh schema.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../testing/stats-fixtures.js";
import { databaseKinds, testSchemaName } from "../testing/databases.js";

const BIN = resolve(import.meta.dirname, "../../bin/rapporteur.js");

function rapporteur(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env["PATH"] ?? "", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

const CRIM = join(FIXTURES, "estat_crim_just_ctz_en.csv");
const CRIM_ROWS = readFileSync(CRIM, "utf8").trim().split("\n").length - 1; // every row has a value

for (const kind of databaseKinds()) {
  describe(`rapporteur import stats / stats [${kind}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-cli-stats-"));
    const schema = testSchemaName();
    const base = process.env["TEST_DATABASE_URL"] ?? "";
    const env = {
      DATABASE_URL:
        kind === "sqlite"
          ? `sqlite:${join(dir, "cli.db")}`
          : `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
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

    it("when a real file is imported twice, then the first adds every value and the second adds nothing", async () => {
      const first = await rapporteur(["import", "stats", CRIM], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toBe(""); // no progress line when stderr is not a terminal
      expect(first.stdout).toMatch(/Imported Eurostat crim_just_ctz .* revision 1 \(new dataset\)/);
      expect(first.stdout).toMatch(new RegExp(`added +${CRIM_ROWS}\\n`));
      const second = await rapporteur(["import", "stats", CRIM, "--format", "sdmx-csv"], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/added +0\n/);
      expect(second.stdout).toMatch(new RegExp(`unchanged +${CRIM_ROWS}\\n`));
      expect(second.stdout).toMatch(/revision 1 \(unchanged\)/);
    });

    it("when a file has bad lines, then each is printed as FILE:LINE: reason, capped, and the rest imports with exit 0", async () => {
      const lines = readFileSync(CRIM, "utf8").split("\n");
      lines[2] = lines[2]!.replace(",11309,", ",11x09,");
      lines[4] = "";
      for (let i = 10; i < 70; i++)
        lines[i] = lines[i]!.split(",")
          .map((f, c) => (c === 6 ? "Atlantis" : f))
          .join(",");
      const path = join(dir, "bad.csv");
      writeFileSync(path, lines.join("\n"));
      const result = await rapporteur(["import", "stats", path, "--dataset", "crim_bad"], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`${path}:3: value "11x09" is not a number\n`);
      expect(result.stderr).toContain(`${path}:5: empty line\n`);
      expect(result.stderr).toContain(`${path}:11: unknown geo label "Atlantis"\n`);
      expect(result.stderr).toContain("... and 12 more rejected\n");
      expect(result.stdout).toMatch(/rejected +62\n/);
    });

    it("when nothing in a file can be imported, then it exits 1 and says so", async () => {
      const path = join(dir, "nothing.tsv");
      writeFileSync(path, "indic_de,geo\\time\t2020 \nJAN,ZZ\t5 \n");
      const result = await rapporteur(["import", "stats", path], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${path}:2: unknown geo code "ZZ"`);
      expect(result.stderr).toMatch(/nothing was imported/);
      const usage = await rapporteur(["import", "stats", path, "--format", "xlsx"], env);
      expect(usage.code).toBe(2);
      const csv = await rapporteur(["import", "stats", join(FIXTURES, "population.csv")], env);
      expect(csv.code).toBe(1);
      expect(csv.stderr).toMatch(/needs a column mapping \(--mapping FILE\)/);
    });

    it("when datasets are listed and queried, then counts, values and flags come back as table and JSON", async () => {
      expect((await rapporteur(["import", "stats", join(FIXTURES, "tps00001.tsv")], env)).code).toBe(0);
      const mapped = await rapporteur(
        ["import", "stats", join(FIXTURES, "population.csv"), "--mapping", join(FIXTURES, "worldbank-population.mapping.json")],
        env,
      );
      expect(mapped.code, mapped.stderr).toBe(0);
      const list = await rapporteur(["stats", "list"], env);
      expect(list.stdout.split("\n")[0]).toMatch(/^PUBLISHER\s+CODE\s+TITLE\s+SERIES\s+OBSERVATIONS\s+REV\s+RETRIEVED/);
      expect(list.stdout).toMatch(new RegExp(`Eurostat\\s+crim_just_ctz\\s+.*\\s18\\s+${CRIM_ROWS}\\s+1\\s`));
      const json = JSON.parse((await rapporteur(["stats", "list", "--format", "json"], env)).stdout) as { code: string; observations: number }[];
      expect(json.find((d) => d.code === "tps00001")?.observations).toBe(632);
      const query = await rapporteur(["stats", "query", "--dataset", "tps00001", "--geo", "AD", "--period", "2011", "--format", "json"], env);
      expect(JSON.parse(query.stdout)).toEqual([expect.objectContaining({ geo: "AD", period: "2011", value: 78115, flag: "b" })]);
      const table = await rapporteur(["stats", "query", "--dataset", "tps00001", "--geo", "AD"], env);
      expect(table.stdout).toMatch(/indic_de=JAN\s+AD\s+2011\s+78115\s+b/);
      expect(table.stdout).not.toMatch(/AD\s+2014/);
      const bad = await rapporteur(["stats", "query", "--dataset", "tps00001", "--period", "last year"], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/--period: must be a period/);
    });
  });
}
