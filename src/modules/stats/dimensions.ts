// Dimension values as codes. SDMX-CSV 2.0, the bulk TSV and JSON-stat carry Eurostat's codes; the
// SDMX-CSV 1.0 "labels" files carry only English labels, which are mapped back to codes through
// the code lists shipped in codelists/ (codelists.ts). A label that is in
// no list is kept as it is, with a slug of it as its code ("Per 1000 persons" → PER_1000_PERSONS),
// so it still identifies its series; the label is stored beside the code in every case.
import { codeListOf, normaliseLabel } from "./codelists.js";

/** The label of a dimension's code from the shipped code lists (codelists.ts), for files that carry codes only. */
export function labelForCode(dimension: string, code: string): string | undefined {
  return codeListOf(dimension)?.labelOf(code);
}

/** Eurostat's names of its dimensions, for people (the dimension codes themselves are identifiers). */
const DIMENSION_NAMES: Record<string, string> = {
  freq: "Time frequency",
  geo: "Geopolitical entity",
  unit: "Unit of measure",
  indic_de: "Demographic indicator",
  citizen: "Country of citizenship",
  sex: "Sex",
  age: "Age class",
  leg_stat: "Legal status",
  asyl_app: "Applicant type",
  iccs: "International Classification of Crime for Statistical Purposes",
};

/** A dimension by its name: Eurostat's where it is known, else its code in words ("some_dim" → "Some dim"). */
export function dimensionName(id: string): string {
  const known = DIMENSION_NAMES[id];
  if (known) return known;
  const words = id.replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function slug(label: string): string {
  return (
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "_"
  );
}

/** The code for a dimension's label: from the code list when we ship one that has it, else a slug of the label. */
export function codeForLabel(dimension: string, label: string): string {
  return codeListOf(dimension)?.codeOf(label) ?? slug(normaliseLabel(label));
}

/** The canonical key of a series: `dim=CODE` pairs in dimension order, joined by commas. */
export function seriesKey(dimensions: Record<string, string>): string {
  return Object.keys(dimensions)
    .sort()
    .map((d) => `${d}=${dimensions[d]}`)
    .join(",");
}

/** SDMX periods as stored: 2011, 2011-Q1, 2011-01, 2011-S1, 2011-W05, 2011-01-31. */
export function normalisePeriod(text: string): string | null {
  const p = text.trim();
  let m: RegExpExecArray | null;
  if (/^\d{4}$/.test(p) || /^\d{4}-(Q[1-4]|S[12]|W\d{2}|\d{2}|\d{2}-\d{2})$/.test(p)) return p;
  if ((m = /^(\d{4})([QS])(\d)$/.exec(p))) return `${m[1]}-${m[2]}${m[3]}`;
  if ((m = /^(\d{4})M(\d{2})$/.exec(p))) return `${m[1]}-${m[2]}`;
  if ((m = /^(\d{4})-?A1?$/.exec(p))) return m[1]!;
  return null;
}

/** A number written the plain way (`12750`, `-3.5`, `1.2e3`), or null. */
export function parsePlainNumber(text: string): number | null {
  const t = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}
