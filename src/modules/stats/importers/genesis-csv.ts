// A table as GENESIS ships it: the German statistical offices' databases (Destatis's GENESIS-Online
// and the Regionaldatenbank of the Statistische Ämter des Bundes und der Länder) download a table
// as a semicolon-separated CSV in ISO-8859-1, laid out for reading, not for machines:
//
//   GENESIS-Tabelle: 22221-01-01-4                         the table's code
//   Empfänger von Asylbewerberregelleistungen,;;;…         title lines
//   ;;;Regelleistungsempfänger;Regelleistungsempfänger;…  column headings, one row per level
//   ;;;;weiblich;Grundleistungen;…                           (a blank cell: the level's total)
//   ;;;Anzahl;Anzahl;…                                     the last heading row: each column's unit
//   31.12.2015;DG;Deutschland;974551;318846;…              date (or year); region code; region name; values
//   31.12.2015;01;  Schleswig-Holstein;35944;…
//   __________                                             then notes, the licence and "Stand: date / time"
//
// Region codes: DG is Germany (stored as DE); every other code is the official regional key
// (Amtlicher Gemeindeschlüssel: 01 a Land, 01001 a district) of a region of Germany, kept as the
// region DE-AGS-<key>. The publisher's signs: "-" is nothing (exactly zero); ".", "x", "/", "..."
// are no value (unknown or secret, not sensible, not reliable, later). Each value column is a
// series of its own, told apart by its headings (`variable`, and `breakdown`, TOTAL for a total).
// A date of 31 December is that year's stock; another date is kept as the date.
import { codeForLabel, normalisePeriod } from "../dimensions.js";
import type { GeoRef } from "../geo.js";
import { readCsvRecords } from "../../../lib/csv.js";
import { normaliseLabel } from "../codelists.js";
import { ImportFileError, type ImportEvent, type ImporterContext } from "./types.js";

const FIRST_LINE = /^GENESIS-Tabelle:\s*(\S+)/;
/** The publisher's signs for "no value": unknown or secret, not sensible, not reliable enough, later. */
const NO_VALUE = new Set([".", "x", "/", "...", ""]);

export function isGenesisCsvHeader(line: string): boolean {
  return FIRST_LINE.test(line.replace(/^\uFEFF/, ""));
}

/** A GENESIS date or year as a period: 31.12.2015 and 2015 are 2015, 30.06.2015 is 2015-06-30. */
function genesisPeriod(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(t);
  if (!m) return /^\d{4}$/.test(t) ? t : null;
  if (m[1] === "31" && m[2] === "12") return m[3]!;
  return normalisePeriod(`${m[3]}-${m[2]}-${m[1]}`);
}

/** "Stand: 10.10.2017 / 18:22:35" as ISO 8601. */
function genesisTimestamp(text: string): string | null {
  const m = /^Stand:\s*(\d{2})\.(\d{2})\.(\d{4})(?:\s*\/\s*(\d{2}:\d{2}:\d{2}))?/.exec(text.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}${m[4] ? `T${m[4]}` : ""}` : null;
}

interface ValueColumn {
  index: number;
  dimensions: Record<string, string>;
  labels: Record<string, string>;
  unit: string | null;
}

/** Each value column's series from the heading rows above the data: all but the last name it, the last gives its unit. */
function valueColumns(headings: string[][], width: number): ValueColumn[] {
  const levels = headings.slice(0, -1);
  const units = headings.at(-1) ?? [];
  const columns: ValueColumn[] = [];
  for (let index = 3; index < width; index++) {
    const [variable = "", ...rest] = levels.map((row) => normaliseLabel(row[index] ?? ""));
    const breakdown = rest.filter((t) => t !== "").join(" / ");
    const dimensions: Record<string, string> = { variable: codeForLabel("variable", variable || `column ${index + 1}`) };
    const labels: Record<string, string> = { variable: variable || `Column ${index + 1}` };
    dimensions["breakdown"] = breakdown === "" ? "TOTAL" : codeForLabel("breakdown", breakdown);
    labels["breakdown"] = breakdown === "" ? "Insgesamt" : breakdown;
    const unit = normaliseLabel(units[index] ?? "");
    columns.push({ index, dimensions, labels, unit: unit === "" ? null : unit });
  }
  return columns;
}

export async function* importGenesisCsv(context: ImporterContext): AsyncGenerator<ImportEvent> {
  let code: string | null = null;
  const title: string[] = [];
  const headings: string[][] = [];
  let columns: ValueColumn[] | null = null;
  let inNotes = false;
  let lastUpdate: string | null = null;
  let licence: string | null = null;
  let publisher: string | null = null;
  let dataset: { code: string; title: string } | null = null;
  // The publisher, licence and date are below the table, and the dataset is told before its
  // values: the events wait until the file is read (GENESIS caps a download at a few hundred
  // thousand values).
  const pending: ImportEvent[] = [];

  for await (const record of readCsvRecords(context.path, { delimiter: ";", encoding: context.encoding, onProgress: context.onProgress })) {
    const at = String(record.line);
    const f = record.fields;
    const first = (f[0] ?? "").trim();
    if (code === null) {
      const m = FIRST_LINE.exec(first.replace(/^\uFEFF/, ""));
      if (!m) throw new ImportFileError(`a GENESIS table starts with "GENESIS-Tabelle: <code>"; found "${first.slice(0, 80)}"`);
      code = context.datasetCode ?? m[1]!;
      continue;
    }
    if (inNotes) {
      // The notes below the table: the publisher (its copyright), the licence and the table's
      // "Stand" (when it was produced).
      for (const cell of f) {
        const text = cell.replace(/\s+/g, " ").trim();
        lastUpdate = genesisTimestamp(text) ?? lastUpdate;
        const licenceText = /Datenlizenz Deutschland.*/.exec(text);
        if (licenceText) licence = licenceText[0].replace(/\.$/, "").trim();
        const owner = /^©\s*(.+?)(?:, Deutschland)?, \d{4}\b/.exec(text);
        if (owner) publisher = owner[1]!;
      }
      continue;
    }
    if (/^_{3,}$/.test(first)) {
      inNotes = true;
      continue;
    }
    const period = genesisPeriod(first);
    if (columns === null) {
      if (period === null) {
        if (record.blank) continue;
        if (first === "") headings.push(f);
        else if (headings.length === 0) title.push(normaliseLabel(first));
        continue;
      }
      const width = Math.max(...headings.map((h) => h.length), f.length);
      if (headings.length < 2 || width < 4)
        throw new ImportFileError(`line ${record.line}: a GENESIS table needs its heading rows (names, then units) above the data; found ${headings.length}`);
      columns = valueColumns(headings, width);
      // The title's lines say what the table is; the last of several names the statistic's variable again.
      dataset = { code, title: (title.length > 1 ? title.slice(0, -1) : title).join(" ") || code };
    }
    if (record.blank) {
      pending.push({ type: "reject", at, reason: "empty line" });
      continue;
    }
    if (period === null) {
      pending.push({ type: "reject", at, reason: `"${first}" is not a date or year` });
      continue;
    }
    const regionCode = (f[1] ?? "").trim();
    const regionName = normaliseLabel(f[2] ?? "");
    const geo = genesisGeo(context, regionCode, regionName);
    if (geo === null) {
      pending.push({ type: "reject", at, reason: `"${regionCode}" is not a region code (DG, or a regional key of digits)` });
      continue;
    }
    for (const column of columns) {
      const text = (f[column.index] ?? "").trim();
      const key = { dimensions: column.dimensions, geo, period };
      if (NO_VALUE.has(text)) {
        pending.push({ type: "missing", at, key });
        continue;
      }
      const value = text === "-" ? 0 : /^-?\d+(,\d+)?$/.test(text) ? Number(text.replace(",", ".")) : null;
      if (value === null) {
        pending.push({ type: "reject", at, reason: `${column.labels["breakdown"]}: value "${text}" is not a number` });
        continue;
      }
      pending.push({
        type: "observation",
        observation: { at, dimensions: column.dimensions, labels: column.labels, unit: column.unit, geo, period, value, flag: null },
      });
    }
  }
  if (code === null) throw new ImportFileError("the file is empty");
  if (dataset === null) throw new ImportFileError("the GENESIS table has no data rows");
  // The licence and date are below the table: the dataset is told once the file is read.
  yield {
    type: "dataset",
    dataset: {
      publisher: publisher ?? publisherOf(dataset.code),
      ...dataset,
      licence: licence ?? "Datenlizenz Deutschland – Namensnennung – 2.0",
      url: null,
      lastUpdate,
    },
  };
  yield* pending;
}

/** Without a copyright line: the Regionaldatenbank's codes have four parts (22221-01-01-4), GENESIS-Online's two (22221-0001). */
function publisherOf(code: string): string {
  return /^\d{5}-\d{2}-\d{2}-\d/.test(code) ? "Statistische Ämter des Bundes und der Länder" : "Statistisches Bundesamt (Destatis)";
}

function genesisGeo(context: ImporterContext, code: string, name: string): GeoRef | null {
  if (code === "DG") return context.geo.iso2("DE");
  if (!/^\d{2,12}$/.test(code)) return null;
  return { code: `DE-AGS-${code}`, kind: "region", label: name || code, countryCode: "DE" };
}
