// Files as publishers ship them, imported from the command line as a person would, on SQLite and
// (when TEST_DATABASE_URL is set) PostgreSQL: Eurostat's SDMX-CSV with a `$DEFAULTVIEW` dataflow,
// downloaded with labels and with codes; a national police table gzipped in ISO-8859-1 with a
// mapping (no geo column, several measures); a UN agency export with ISO alpha-3 codes. Every spot
// value below is read off the fixture files themselves (test/fixtures/stats, see CREDITS.md).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, rapporteur } from "../testing/cli.js";
import { databaseKinds } from "../testing/databases.js";
import { FIXTURES } from "../testing/stats-fixtures.js";

interface Row {
  series: string;
  dimensions: Record<string, string>;
  labels: Record<string, string>;
  unit: string | null;
  geo: string;
  period: string;
  value: number;
  flag: string | null;
}

for (const kind of databaseKinds()) {
  describe(`rapporteur import stats: publishers' files [${kind}]`, () => {
    const database = cliDatabase(kind, "publishers");
    const { env, dir } = database;
    beforeAll(async () => {
      await database.setUp();
      expect((await rapporteur(["migrate"], env)).code).toBe(0);
    });
    afterAll(() => database.tearDown());

    const query = async (dataset: string, geo: string): Promise<Row[]> => {
      const result = await rapporteur(["stats", "query", "--dataset", dataset, "--geo", geo, "--format", "json"], env);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Row[];
    };

    it("when Eurostat's labels download and then its codes download of crim_off_cat are imported, then both land in the same series with the file's values", async () => {
      const labels = await rapporteur(["import", "stats", join(FIXTURES, "estat_crim_off_cat_labels.csv")], env);
      expect(labels.code, labels.stderr).toBe(0);
      expect(labels.stdout).toMatch(/Imported Eurostat crim_off_cat .* revision 1 \(new dataset\)/);
      expect(labels.stdout).toMatch(/added +9\n/);
      expect(labels.stdout).toMatch(/no value +1 /);
      expect(labels.stdout).toMatch(/rejected +0\n/);

      const codes = await rapporteur(["import", "stats", join(FIXTURES, "estat_crim_off_cat_codes.csv")], env);
      expect(codes.code, codes.stderr).toBe(0);
      expect(codes.stdout).toMatch(/added +0\n/);
      expect(codes.stdout).toMatch(/unchanged +9\n/);
      expect(codes.stdout).toMatch(/revision 1 \(unchanged\)/);

      const list = JSON.parse((await rapporteur(["stats", "list", "--format", "json"], env)).stdout) as {
        code: string;
        publisher: string;
        licence: string;
        series: number;
      }[];
      expect(list.find((d) => d.code === "crim_off_cat")).toMatchObject({ publisher: "Eurostat", licence: expect.stringContaining("CC BY 4.0"), series: 6 });

      const at = await query("crim_off_cat", "AT");
      expect(at.find((r) => r.period === "2022" && r.dimensions["unit"] === "NR")).toMatchObject({
        dimensions: { freq: "A", iccs: "ICCS0101", unit: "NR" },
        labels: { iccs: "Intentional homicide" },
        value: 58,
        flag: "p",
      });
      expect(at.find((r) => r.period === "2022" && r.dimensions["unit"] === "P_HTHAB")?.value).toBe(0.64);
      expect(at.find((r) => r.period === "2021")).toMatchObject({ value: 69, flag: null });
      expect((await query("crim_off_cat", "IE")).map((r) => [r.period, r.value])).toEqual([["2021", 2843]]); // 2022 is confidential: absent
      expect((await query("crim_off_cat", "EA20"))[0]).toMatchObject({ dimensions: { iccs: "ICCS0401" }, value: 192007, flag: "e" });
      expect((await query("crim_off_cat", "EU27_2020"))[0]).toMatchObject({ value: 236912, flag: "e" });
      expect((await query("crim_off_cat", "XK"))[0]).toMatchObject({ value: 412, flag: "e" });
    });

    it("when a newer edition is tried with --dry-run, then each change and rejection is listed by line and nothing is written", async () => {
      const lines = readFileSync(join(FIXTURES, "estat_crim_off_cat_codes.csv"), "utf8").split("\n");
      lines[2] = lines[2]!.replace(",2022,58,p,", ",2022,60,,"); // AT 2022: updated
      lines[5] = lines[5]!.replace(",2022,11896,,", ",2022,,,"); // DE 2022: withdrawn
      lines[3] = lines[3]!.replace(",0.64,", ",0.6x,"); // rejected
      lines.splice(-1, 0, lines[1]!.replace(",AT,2021,69,", ",AT,2023,71,")); // added
      const path = join(dir, "crim_off_cat_newer.csv");
      writeFileSync(path, lines.join("\n"));
      const dry = await rapporteur(["import", "stats", path, "--dry-run"], env);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain(`${path}:3: update freq=A,iccs=ICCS0101,unit=NR AT 2022: 58 (p) → 60\n`);
      expect(dry.stdout).toContain(`${path}:6: withdraw freq=A,iccs=ICCS03011,unit=NR DE 2022 (was 11896)\n`);
      expect(dry.stdout).toContain(`${path}:12: add freq=A,iccs=ICCS0101,unit=NR AT 2023 = 71\n`);
      expect(dry.stderr).toContain(`${path}:4: value "0.6x" is not a number\n`);
      expect(dry.stdout).toMatch(/Dry run: .* would give revision 1 → 2\. Nothing was written\./);
      expect(dry.stdout).toMatch(/withdrawn +1 /);
      // Nothing was written: the values and the revision are as they were.
      expect((await query("crim_off_cat", "DE")).map((r) => [r.period, r.value])).toEqual([
        ["2021", 9903],
        ["2022", 11896],
      ]);
      const list = JSON.parse((await rapporteur(["stats", "list", "--format", "json"], env)).stdout) as { code: string; revision: number }[];
      expect(list.find((d) => d.code === "crim_off_cat")?.revision).toBe(1);
      // The same file in a zip reads as the file does.
      const zipped = await rapporteur(["import", "stats", join(FIXTURES, "estat_crim_off_cat_codes.zip"), "--dry-run"], env);
      expect(zipped.code, zipped.stderr).toBe(0);
      expect(zipped.stdout).toMatch(/unchanged +9\n/);
    });

    it("when a file is damaged, binary or not in the encoding forced, then the error names the file and line and prints no binary", async () => {
      const gz = readFileSync(join(FIXTURES, "pks_2023_grundtabelle.csv.gz"));
      const cut = join(dir, "cut.csv.gz");
      writeFileSync(cut, gz.subarray(0, 40));
      const truncated = await rapporteur(["import", "stats", cut, "--mapping", join(FIXTURES, "pks-2023.mapping.json")], env);
      expect(truncated.code).toBe(1);
      expect(truncated.stderr).toMatch(/cut\.csv\.gz: the compressed file is damaged or cut short/);

      const binary = join(dir, "picture.csv");
      writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
      const refused = await rapporteur(["import", "stats", binary, "--dataset", "x"], env);
      expect(refused.code).toBe(1);
      // PNG's signature holds two line feeds before its first NUL byte.
      expect(refused.stderr).toMatch(/picture\.csv: line 3: the file holds binary data \(a NUL byte\), so it is not a text file/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal
      expect(refused.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f]/);

      const forced = await rapporteur(
        ["import", "stats", join(FIXTURES, "pks_2023_grundtabelle.csv.gz"), "--mapping", join(FIXTURES, "pks-2023.mapping.json"), "--encoding", "utf-8"],
        env,
      );
      expect(forced.code).toBe(1);
      expect(forced.stderr).toMatch(/pks_2023_grundtabelle\.csv\.gz: line 2: the text is not valid UTF-8 here; give its encoding/);

      const help = await rapporteur(["import", "stats", "--help"], env);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/--dry-run +read and compare the whole file/);
      const schema = await rapporteur(["import", "stats", "--mapping-schema"], env);
      expect(JSON.parse(schema.stdout)).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", properties: { values: expect.any(Object) } });
    });

    it("when a gzipped ISO-8859-1 police table is imported with its mapping, then each measure is a series of Germany's 2023 values as the file writes them", async () => {
      const result = await rapporteur(
        ["import", "stats", join(FIXTURES, "pks_2023_grundtabelle.csv.gz"), "--mapping", join(FIXTURES, "pks-2023.mapping.json")],
        env,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe(`${join(FIXTURES, "pks_2023_grundtabelle.csv.gz")}:8: Aufklärungsquote in %: value "x" is not a number\n`);
      expect(result.stdout).toMatch(/Imported Bundeskriminalamt pks_grundtabelle/);
      expect(result.stdout).toMatch(/added +15\n/);
      expect(result.stdout).toMatch(/no value +4 /);

      const de = await query("pks_grundtabelle", "DE");
      const value = (offence: string, measure: string) => de.find((r) => r.dimensions["offence"] === offence && r.dimensions["measure"] === measure);
      expect(value("111000", "CASES")).toMatchObject({ period: "2023", value: 12186, unit: "cases" });
      expect(value("111000", "CLEARANCE")).toMatchObject({ value: 83.4, unit: "percent" });
      expect(value("222000", "SUSPECTS_FOREIGN")).toMatchObject({ value: 71672, unit: "persons" });
      expect(value("222000", "CASES")!.labels["offence"]).toBe(
        "Gefährliche und schwere Körperverletzung, Verstümmelung weiblicher Genitalien §§ 224, 226, 226a, 231 StGB",
      );
      expect(value("232300", "CASES")).toBeUndefined(); // "-": no value
      expect(value("892500", "CLEARANCE")).toBeUndefined(); // rejected
      expect(value("892500", "CASES")?.value).toBe(1004);
      expect(de).toHaveLength(15);
    });

    it("when a UN agency's export with ISO alpha-3 codes is imported with its mapping, then each population type is a series by country of asylum and origin", async () => {
      const result = await rapporteur(
        ["import", "stats", join(FIXTURES, "unhcr_population.csv"), "--mapping", join(FIXTURES, "unhcr-population.mapping.json")],
        env,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/added +12\n/);
      expect(result.stdout).toMatch(/no value +3 /);
      const de = await query("refugee_data_finder_population", "DE");
      const ref2023 = de.find((r) => r.period === "2023" && r.dimensions["population_type"] === "REF");
      expect(ref2023).toMatchObject({ dimensions: { origin: "SYR", population_type: "REF" }, labels: { origin: "Syrian Arab Rep." }, value: 705779 });
      expect(de.find((r) => r.period === "2022" && r.dimensions["population_type"] === "STA")?.value).toBe(0); // a written 0 is a value
      expect((await query("refugee_data_finder_population", "IE")).map((r) => [r.dimensions["population_type"], r.value])).toEqual([
        ["ASY", 1532],
        ["REF", 2110],
      ]);
      expect((await query("refugee_data_finder_population", "SE")).find((r) => r.dimensions["population_type"] === "STA")?.value).toBe(4901);
      expect((await query("refugee_data_finder_population", "CZ")).map((r) => r.value)).toEqual([373035]);
    });
  });
}
