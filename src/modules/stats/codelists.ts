// Eurostat's code lists for the dimensions the product's datasets use (codelists/<dimension>.json:
// code → English label, and aliases, other spellings Eurostat has used for a code). They let a
// "labels" download land in the same series as a "codes" download of the same dataset, and give
// codes-only files their labels. Labels are compared after `normaliseLabel`, so typographic
// dashes, quotes and spaces in a publisher's label match the plain ones of the list.
import { readdirSync, readFileSync } from "node:fs";

const FOLDER = new URL("./codelists/", import.meta.url);

interface CodeListFile {
  dimension: string;
  source: string;
  codes: Record<string, string>;
  aliases?: Record<string, string>;
}

/** One label for comparison: NFKC, dashes as "-", quotes as ' and ", spaces collapsed, no zero-width characters; trimmed. */
export function normaliseLabel(label: string): string {
  return label
    .normalize("NFKC")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-")
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

const key = (label: string) => normaliseLabel(label).toLowerCase();

export interface CodeList {
  dimension: string;
  labelOf(code: string): string | undefined;
  codeOf(label: string): string | undefined;
  has(code: string): boolean;
}

function codeList(file: CodeListFile): CodeList {
  const byLabel = new Map<string, string>();
  for (const [code, label] of Object.entries(file.codes)) if (!byLabel.has(key(label))) byLabel.set(key(label), code);
  for (const [label, code] of Object.entries(file.aliases ?? {})) byLabel.set(key(label), code);
  return {
    dimension: file.dimension,
    labelOf: (code) => file.codes[code],
    codeOf: (label) => byLabel.get(key(label)),
    has: (code) => Object.hasOwn(file.codes, code),
  };
}

function load(): Map<string, CodeList> {
  const lists = new Map<string, CodeList>();
  for (const name of readdirSync(FOLDER).filter((n) => n.endsWith(".json"))) {
    const file = JSON.parse(readFileSync(new URL(name, FOLDER), "utf8")) as CodeListFile;
    lists.set(file.dimension, codeList(file));
  }
  return lists;
}

let LISTS: Map<string, CodeList> | null = null;

/** The code list of a dimension, when we ship one. */
export function codeListOf(dimension: string): CodeList | undefined {
  return (LISTS ??= load()).get(dimension);
}
