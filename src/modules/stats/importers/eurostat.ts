// What we know about Eurostat as a publisher: its SDMX agency id, its licence, where a dataset
// lives, its time-stamp format, its observation values and flags.
import { parsePlainNumber } from "../dimensions.js";
import type { DatasetInfo } from "./types.js";

const EUROSTAT = "Eurostat";
const EUROSTAT_LICENCE = "CC BY 4.0 (Eurostat: reuse with acknowledgement of the source)";

/** Titles of datasets we import often; the SDMX-CSV 1.0 and TSV files do not carry one. */
const TITLES: Record<string, string> = {
  crim_just_ctz: "Persons suspected, prosecuted and convicted by citizenship",
  tps00001: "Population on 1 January",
  demo_pjan: "Population on 1 January by age and sex",
  migr_pop1ctz: "Population on 1 January by age group, sex and citizenship",
  migr_asyappctza: "Asylum applicants by type, citizenship, age and sex - annual aggregated data",
};

/** SDMX agencies by their id (the part before the first dot: OECD.SDD.NAD is the OECD). */
const PUBLISHERS: Record<string, string> = {
  ESTAT: EUROSTAT,
  OECD: "OECD",
  IMF: "IMF",
  ECB: "ECB",
  BIS: "BIS",
  UNSD: "UN Statistics Division",
  UNODC: "UNODC",
  UNHCR: "UNHCR",
  ILO: "ILO",
  WB: "World Bank",
};

/**
 * An SDMX dataflow or structure id: `AGENCY:ID(VERSION)`, where Eurostat's downloads add a view
 * (`ESTAT:CRIM_JUST_CTZ$DEFAULTVIEW(1.0)`) and the version may be absent. The agency gives the
 * publisher; the id, lower-cased, the dataset's code.
 */
const STRUCTURE_ID = /^([A-Za-z][A-Za-z0-9_-]*)(?:\.[A-Za-z0-9_.-]+)?:([A-Za-z0-9_@-]+(?:\.[A-Za-z0-9_@-]+)*)(\$[A-Za-z0-9_]+)?(\(([0-9A-Za-z_.+-]*)\))?$/;

/** `ESTAT:CRIM_JUST_CTZ$DEFAULTVIEW(1.0)` → Eurostat, crim_just_ctz; null when the text is no such id. */
export function datasetFromStructureId(structureId: string, title?: string): DatasetInfo | null {
  const m = STRUCTURE_ID.exec(structureId.trim());
  if (!m) return null;
  const agency = m[1]!.toUpperCase();
  const publisher = PUBLISHERS[agency] ?? m[1]!;
  return eurostatDataset(m[2]!.toLowerCase(), title, publisher);
}

export function eurostatDataset(code: string, title?: string, publisher = EUROSTAT): DatasetInfo {
  const eurostat = publisher === EUROSTAT;
  return {
    publisher,
    code,
    title: title?.trim() || TITLES[code] || code,
    licence: eurostat ? EUROSTAT_LICENCE : null,
    url: eurostat ? `https://ec.europa.eu/eurostat/databrowser/view/${code}/default/table` : null,
    lastUpdate: null,
  };
}

/** Eurostat's `16/07/24 23:00:00` (dd/mm/yy) → `2024-07-16T23:00:00`; ISO text is kept; else as given. */
export function eurostatTimestamp(text: string): string | null {
  const t = text.trim();
  if (t === "") return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{2}|\d{4})(?: (\d{2}:\d{2}(?::\d{2})?))?$/.exec(t);
  if (!m) return t;
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  const time = m[4] ? (m[4].length === 5 ? `${m[4]}:00` : m[4]) : "00:00:00";
  return `${year}-${m[2]}-${m[1]}T${time}`;
}

export type ValueReading = { kind: "value"; value: number } | { kind: "missing" } | { kind: "bad"; reason: string };

/** An observation value: empty or `:` is missing (not zero); anything else must be a number. */
export function readValue(text: string | undefined): ValueReading {
  const t = (text ?? "").trim();
  if (t === "" || t === ":") return { kind: "missing" };
  const value = parsePlainNumber(t);
  return value === null ? { kind: "bad", reason: `value "${t}" is not a number` } : { kind: "value", value };
}

/** A flag as kept: Eurostat's letters (b, e, p, u, c, d, n, s, z and combinations), or null. */
export function readFlag(text: string | undefined): string | null | { bad: string } {
  const t = (text ?? "").trim();
  if (t === "") return null;
  return /^[A-Za-z]{1,8}$/.test(t) ? t : { bad: `flag "${t}" is not a flag (letters expected)` };
}
