// The importers on their own (no database): the real files' labels and codes map, cells parse as
// Eurostat writes them, and broken rows are rejected by line while the rest come through.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCountries } from "../../../db/seed/seed.js";
import { parseCsv } from "../../../lib/csv.js";
import { codeForLabel, normalisePeriod, seriesKey } from "../dimensions.js";
import { GeoResolver } from "../geo.js";
import { FIXTURES } from "../../../testing/stats-fixtures.js";
import { datasetFromStructureId, eurostatTimestamp } from "./eurostat.js";
import { normaliseLabel } from "../codelists.js";
import { readCsvRecords } from "../../../lib/csv.js";
import { detectFormat, IMPORTERS } from "./index.js";
import { parseLocalisedNumber } from "./mapping.js";
import type { ImportEvent, ImportFormat, ImporterContext } from "./types.js";

const geo = new GeoResolver(readCountries());
const dir = mkdtempSync(join(tmpdir(), "rapporteur-importers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(format: ImportFormat, context: Omit<ImporterContext, "geo">): Promise<ImportEvent[]> {
  const events: ImportEvent[] = [];
  for await (const e of IMPORTERS[format]({ geo, ...context })) events.push(e);
  return events;
}

describe("geo labels and codes", () => {
  it("when every distinct geo label of the real crim_just_ctz file is looked up, then each maps to a geo", () => {
    const [header, ...rows] = parseCsv(readFileSync(join(FIXTURES, "estat_crim_just_ctz_en.csv"), "utf8"));
    const column = header!.indexOf("geo");
    const labels = [...new Set(rows.map((r) => r[column]!))];
    expect(labels.length).toBeGreaterThan(40);
    const unmapped = labels.filter((l) => geo.eurostatLabel(l) === null);
    expect(unmapped).toEqual([]);
    expect(geo.eurostatLabel("Türkiye")?.code).toBe("TR");
    expect(geo.eurostatLabel("Kosovo*")).toMatchObject({ code: "XK", kind: "country" });
    expect(geo.eurostatLabel("England and Wales")).toMatchObject({ code: "UKC-L", kind: "region", countryCode: "GB" });
  });

  it("when Eurostat's spellings of aggregates and Germany are looked up, then aggregates stay aggregates", () => {
    expect(geo.eurostatLabel("Germany (until 1990 former territory of the FRG)")).toMatchObject({ code: "DE", kind: "country" });
    expect(geo.eurostatLabel("European Union - 27 countries (from 2020)")).toMatchObject({ code: "EU27_2020", kind: "aggregate" });
    expect(geo.eurostatLabel("Euro area - 19 countries  (2015-2022)")).toMatchObject({ code: "EA19", kind: "aggregate" });
    expect(geo.eurostatCode("EU28")).toMatchObject({ kind: "aggregate" });
    expect(geo.eurostatCode("EL")?.code).toBe("GR");
    expect(geo.eurostatCode("UK")?.code).toBe("GB");
    expect(geo.iso3("DEU")?.code).toBe("DE");
    expect(geo.iso3("XKX")?.code).toBe("XK");
    expect(geo.iso3("WLD", "World")).toMatchObject({ code: "WLD", kind: "aggregate", label: "World" });
    expect(geo.iso3("WLD")).toBeNull();
    expect(geo.eurostatLabel("Atlantis")).toBeNull();
  });
});

describe("cells, periods and codes", () => {
  it("when dimension labels are known, then they map to Eurostat codes; unknown ones become slugs", () => {
    expect(codeForLabel("leg_stat", "Convicted person")).toBe("PER_CNV");
    expect(codeForLabel("citizen", "Foreign country")).toBe("FOR");
    expect(codeForLabel("unit", "Per hundred thousand inhabitants")).toBe("P_HTHAB");
    expect(codeForLabel("icd10", "Assault by bodily force")).toBe("ASSAULT_BY_BODILY_FORCE");
    expect(seriesKey({ unit: "NR", citizen: "FOR" })).toBe("citizen=FOR,unit=NR");
  });

  it("when periods and time stamps come in Eurostat's spellings, then they are normalised", () => {
    expect(normalisePeriod("2011 ")).toBe("2011");
    expect(normalisePeriod("2011Q3")).toBe("2011-Q3");
    expect(normalisePeriod("2011M07")).toBe("2011-07");
    expect(normalisePeriod("20x1")).toBeNull();
    expect(eurostatTimestamp("16/07/24 23:00:00")).toBe("2024-07-16T23:00:00");
  });

  it("when numbers carry localised separators, then only well-formed ones parse", () => {
    expect(parseLocalisedNumber("1.234.567,5", ",", ".")).toBe(1234567.5);
    expect(parseLocalisedNumber("1,234", ".", ",")).toBe(1234);
    expect(parseLocalisedNumber("12,5", ",", "")).toBe(12.5);
    expect(parseLocalisedNumber("12.5", ",", "")).toBeNull();
    expect(parseLocalisedNumber("abc", ".", "")).toBeNull();
  });
});

describe("format detection", () => {
  it("when the first line is read, then each real file gets its format", async () => {
    expect(await detectFormat(join(FIXTURES, "estat_crim_just_ctz_en.csv"))).toBe("sdmx-csv");
    expect(await detectFormat(join(FIXTURES, "asylum_applicants_total.csv"))).toBe("sdmx-csv");
    expect(await detectFormat(join(FIXTURES, "tps00001.tsv"))).toBe("eurostat-tsv");
    expect(await detectFormat(join(FIXTURES, "migr_pop1ctz_sample.jsonstat.json"))).toBe("jsonstat");
    expect(await detectFormat(join(FIXTURES, "population.csv"))).toBe("csv");
  });
});

describe("rows", () => {
  it("when the TSV has flags and ':' cells, then flags stay with values and ':' yields no observation", async () => {
    const events = await collect("eurostat-tsv", { path: join(FIXTURES, "tps00001.tsv") });
    const ad = events.flatMap((e) => (e.type === "observation" && e.observation.geo.code === "AD" ? [e.observation] : []));
    expect(ad.find((o) => o.period === "2011")).toMatchObject({ value: 78115, flag: "b" });
    expect(ad.find((o) => o.period === "2018")).toMatchObject({ value: 74794, flag: "e" });
    expect(ad.find((o) => o.period === "2014")).toBeUndefined();
    expect(events.filter((e) => e.type === "missing")).toHaveLength(28);
  });

  it("when an SDMX-CSV 2.0 file has code and label columns, then codes are kept with their labels", async () => {
    const events = await collect("sdmx-csv", { path: join(FIXTURES, "asylum_applicants_total.csv") });
    const first = events.find((e) => e.type === "observation");
    expect(first?.type === "observation" && first.observation).toMatchObject({
      dimensions: { freq: "A", citizen: "TOTAL", sex: "T", unit: "PER", age: "TOTAL", asyl_app: "ASY_APP" },
      labels: { citizen: "Total", asyl_app: "Asylum applicant" },
      geo: { code: "AT" },
      period: "2008",
      value: 12750,
    });
    expect(events[0]).toMatchObject({ type: "dataset", dataset: { publisher: "Eurostat", code: "migr_asyappctza" } });
  });

  it("when a Latin-1 file with semicolons and decimal commas is mapped, then it reads as written", async () => {
    const path = join(dir, "latin1.csv");
    const text = "Statistik Österreich\nLand;Jahr;Wert;Status\nAT;2020;1.234,5;p\nDE;2020;:;\nXY;2020;3;\nFR;2020;12,x;\n";
    writeFileSync(path, Buffer.from(text, "latin1"));
    const events = await collect("csv", {
      path,
      mapping: {
        dataset: { publisher: "Statistik Austria", code: "test", title: "Test" },
        periods_across: false,
        delimiter: ";",
        encoding: "iso-8859-1",
        decimal: ",",
        thousands: ".",
        header_row: 2,
        columns: { geo: "Land", period: "Jahr", value: "Wert", flag: "Status" },
        geo_codes: "iso2",
        aggregates: "reject",
        period: "as-is",
        constants: {},
        dimensions: {},
        dimension_columns: {},
        missing: ["", ":"],
      },
    });
    expect(events.filter((e) => e.type !== "dataset")).toEqual([
      { type: "observation", observation: expect.objectContaining({ geo: expect.objectContaining({ code: "AT" }), value: 1234.5, flag: "p" }) },
      { type: "missing", at: "4", key: expect.objectContaining({ period: "2020" }) },
      { type: "reject", at: "5", reason: 'unknown geo "XY"' },
      { type: "reject", at: "6", reason: 'value "12,x" is not a number' },
    ]);
  });
});

describe("publishers' spellings and encodings", () => {
  it("when SDMX dataflow ids carry a view, a version or a dotted agency, then agency, code and publisher come out", () => {
    expect(datasetFromStructureId("ESTAT:CRIM_OFF_CAT$DEFAULTVIEW(1.0)")).toMatchObject({
      publisher: "Eurostat",
      code: "crim_off_cat",
      licence: expect.any(String),
    });
    expect(datasetFromStructureId("ESTAT:TPS00001(1.0)")).toMatchObject({ publisher: "Eurostat", code: "tps00001" });
    expect(datasetFromStructureId("ESTAT:migr_asyappctza")).toMatchObject({ publisher: "Eurostat", code: "migr_asyappctza" });
    expect(datasetFromStructureId("OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA(1.0)")).toMatchObject({ publisher: "OECD", code: "dsd_namain1@df_qna", licence: null });
    expect(datasetFromStructureId("something else")).toBeNull();
  });

  it("when labels come with typographic dashes, quotes and spaces, then they match the code lists", () => {
    expect(normaliseLabel("Euro area \u2013 20 countries\u00a0 (from 2023)")).toBe("Euro area - 20 countries (from 2023)");
    expect(geo.eurostatLabel("Euro area \u2013 20 countries (from 2023)")).toMatchObject({ code: "EA20", kind: "aggregate" });
    expect(geo.eurostatLabel("European Union \u2014 27 countries (from 2020)")?.code).toBe("EU27_2020");
    expect(codeForLabel("citizen", "Foreign country\u2002(non-EU)")).toBe("NEU27_2020_FOR");
    expect(codeForLabel("iccs", "Intentional homicide")).toBe("ICCS0101");
    expect(codeForLabel("unit", "Index, 2015\uff1d100")).toBe("I15"); // a full-width equals sign, NFKC
  });

  it("when text comes with a BOM, in Windows-1252, or turns out not to be UTF-8 after its first block, then it reads as written or fails at its line", async () => {
    const read = async (bytes: Buffer, encoding?: "utf-8") => {
      const path = join(dir, "text.csv");
      writeFileSync(path, bytes);
      const records: string[][] = [];
      for await (const r of readCsvRecords(path, { delimiter: ";", encoding })) records.push(r.fields);
      return records;
    };
    expect(await read(Buffer.from("\uFEFFa;b\n\u00e9;\u20ac\n", "utf8"))).toEqual([
      ["a", "b"],
      ["\u00e9", "\u20ac"],
    ]);
    // Windows-1252: 0x80 is the euro sign, 0x96 an en dash, 0xE9 é.
    expect(await read(Buffer.from([0x61, 0x3b, 0x80, 0x0a, 0x96, 0x3b, 0xe9, 0x0a]))).toEqual([
      ["a", "\u20ac"],
      ["\u2013", "\u00e9"],
    ]);
    const late = Buffer.concat([Buffer.from("x;y\n".repeat(100_000)), Buffer.from([0xe9, 0x0a])]);
    await expect(read(late)).rejects.toThrow("line 100001: the text is not valid UTF-8 here");
    await expect(read(Buffer.from([0x61, 0xe9, 0x0a]), "utf-8")).rejects.toThrow("line 1: the text is not valid UTF-8 here");
  });
});

describe("a GENESIS table", () => {
  const genesis = join(FIXTURES, "genesis_22221-01-01-4_excerpt.csv");
  const variant = (name: string, change: (text: string) => string) => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(change(readFileSync(genesis, "latin1")), "latin1"));
    return path;
  };

  it("when its first line is read, then it is a GENESIS table, and the dataset is told before any value", async () => {
    expect(await detectFormat(genesis)).toBe("genesis-csv");
    const events = await collect("genesis-csv", { path: genesis });
    // The publisher, licence and "Stand" come from the notes below the table.
    expect(events[0]).toMatchObject({
      type: "dataset",
      dataset: {
        code: "22221-01-01-4",
        publisher: "Statistische Ämter des Bundes und der Länder",
        licence: "Datenlizenz Deutschland - Namensnennung - Version 2.0",
        lastUpdate: "2017-10-10T18:22:35",
      },
    });
    expect(events.filter((e) => e.type === "dataset")).toHaveLength(1);
    const germany = events.find((e) => e.type === "observation" && e.observation.geo.code === "DE" && e.observation.period === "2015");
    expect(germany).toMatchObject({
      observation: { at: "9", value: 974551, unit: "Anzahl", dimensions: { variable: "REGELLEISTUNGSEMPFANGER", breakdown: "TOTAL" } },
    });
  });

  it("when a cell is not a number or a region code is not one, then that cell or row is rejected with its line and the rest come through", async () => {
    const path = variant("genesis-broken.csv", (t) =>
      t.replace("DG;Deutschland;974551", "DG;Deutschland;97x551").replace("31.12.2014;01051;", "31.12.2014;ZZ;"),
    );
    const events = await collect("genesis-csv", { path });
    expect(events.filter((e) => e.type === "reject")).toEqual([
      { type: "reject", at: "9", reason: 'Insgesamt: value "97x551" is not a number' },
      { type: "reject", at: "15", reason: '"ZZ" is not a region code (DG, or a regional key of digits)' },
    ]);
    expect(events.filter((e) => e.type === "observation" && e.observation.at === "9")).toHaveLength(9);
  });

  it("when the heading rows are missing, then the file is refused as a whole", async () => {
    const path = variant("genesis-headless.csv", (t) =>
      t
        .split("\n")
        .filter((l) => !l.startsWith(";;;"))
        .join("\n"),
    );
    await expect(collect("genesis-csv", { path })).rejects.toThrow(/heading rows/);
  });
});
