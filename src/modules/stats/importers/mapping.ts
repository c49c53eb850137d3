// The column mapping for a generic CSV (`--mapping FILE`, JSON): which dataset the file is, how it
// is written (delimiter, encoding, decimal and thousands separators, header line) and which column
// holds what. Examples: test/fixtures/stats/*.mapping.json (World Bank population, BIS house prices).
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ValidationError } from "../../../domain/errors.js";
import { formatIssues } from "../../common/issues.js";
import { CONTROL_CHARACTERS, LONE_SURROGATE } from "../../common/schema.js";

// Names and labels end up stored (the dataset's title, dimension codes): no control characters.
const text = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((v) => !CONTROL_CHARACTERS.test(v), "must not contain control characters")
  .refine((v) => !LONE_SURROGATE.test(v), "must be valid Unicode text (it has an unpaired surrogate)");

export const csvMapping = z
  .strictObject({
    dataset: z.strictObject({
      publisher: text,
      code: text,
      title: text,
      licence: text.optional(),
      url: z.url().optional(),
      last_update: text.optional(),
    }),
    delimiter: z.string().length(1).default(","),
    encoding: z.enum(["utf-8", "iso-8859-1"]).default("utf-8"),
    decimal: z.enum([".", ","]).default("."),
    thousands: z.enum(["", ",", ".", " ", "'", "\u00a0"]).default(""),
    /** The 1-based line of the header row (lines above it are skipped). */
    header_row: z.number().int().min(1).max(1000).default(1),
    columns: z.strictObject({ geo: text, geo_label: text.optional(), period: text, value: text, flag: text.optional() }),
    /** How the geo column codes places; codes that are no country are aggregates (or rejected). */
    geo_codes: z.enum(["iso2", "iso3", "eurostat", "eurostat-label"]),
    aggregates: z.enum(["keep", "reject"]).default("keep"),
    /** `as-is` takes the period as written (2011, 2011-Q1, 2011-01); the others read a YYYY-MM-DD date. */
    period: z.enum(["as-is", "year", "quarter", "month"]).default("as-is"),
    /** Dimensions every row shares ({"indicator": {"code": "SP.POP.TOTL", "label": "Population, total"}}). */
    dimensions: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.strictObject({ code: text, label: text.optional() })).default({}),
    /** Dimensions read from columns ({"sex": "Sex"}). */
    dimension_columns: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), text).default({}),
    unit: text.optional(),
    /** Cell texts that mean "no value" (never stored, never zero). */
    missing: z.array(z.string()).default(["", ":", "..", "NA", "n/a"]),
  })
  .refine((m) => m.decimal !== m.thousands, { message: "decimal and thousands separators must differ", path: ["thousands"] });

export type CsvMapping = z.infer<typeof csvMapping>;

export function loadCsvMapping(path: string): CsvMapping {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ValidationError([{ path, message: `cannot read the mapping: ${(error as Error).message}` }]);
  }
  const parsed = csvMapping.safeParse(document);
  if (!parsed.success)
    throw new ValidationError(
      formatIssues("", parsed.error.issues).map((i) => ({ path: `${path}: ${i.path}`, message: i.message })),
      "The mapping is not valid.",
    );
  return parsed.data;
}

/** A number written with the mapping's separators (`1.234,5` with decimal "," and thousands "."). */
export function parseLocalisedNumber(text: string, decimal: string, thousands: string): number | null {
  let t = text.trim();
  if (thousands !== "") {
    // Thousands separators only between groups of three digits.
    const group = thousands === "." ? "\\." : thousands;
    if (new RegExp(`^[-+]?\\d{1,3}(${group}\\d{3})+(${decimal === "." ? "\\." : decimal}\\d*)?$`).test(t)) t = t.split(thousands).join("");
  }
  if (decimal === ",") {
    if (t.includes(".")) return null;
    t = t.replace(",", ".");
  } else if (t.includes(",")) return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}
