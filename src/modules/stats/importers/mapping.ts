// The column mapping for a generic CSV (`--mapping FILE`, JSON): which dataset the file is, how it
// is written (delimiter, encoding, decimal and thousands separators, header line) and which column
// holds what. Examples: test/fixtures/stats/*.mapping.json (World Bank population, BIS house prices).
import { readFileSync } from "node:fs";
import { z } from "zod";
import { TEXT_ENCODINGS } from "../../../lib/csv.js";
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

const dimensionId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);
const constantDimension = z.strictObject({ code: text, label: text.optional() });

/** One value column: its own series, told apart by its dimensions (a measure), with its unit and flags. */
const valueColumn = z.strictObject({
  column: text.meta({ description: "The header of the column holding the values." }),
  dimensions: z
    .record(dimensionId, constantDimension)
    .default({})
    .meta({ description: 'What sets this column\'s series apart: {"measure": {"code": "CASES", "label": "Recorded cases"}}.' }),
  unit: text.optional(),
  flag: text.optional().meta({ description: "The header of a column holding this column's flags." }),
});

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
    delimiter: z.string().length(1).default(",").meta({ description: 'The character between cells: "," (default), ";", a tab.' }),
    encoding: z
      .enum(TEXT_ENCODINGS)
      .optional()
      .meta({ description: "The file's text encoding; detected when absent (UTF-8 when it reads as UTF-8, else Windows-1252)." }),
    decimal: z.enum([".", ","]).default(".").meta({ description: 'The decimal separator: "." (default) or ",".' }),
    thousands: z
      .enum(["", ",", ".", " ", "'", "\u00a0", "\u202f"])
      .default("")
      .meta({ description: "The thousands separator, taken only between groups of three digits (1.234.567); none by default." }),
    sheet: text
      .optional()
      .meta({ description: "For an XLSX spreadsheet: the worksheet to read, by its name; the first when absent. (An XLSX is told by its content.)" }),
    /** The 1-based line of the header row (lines above it are skipped). */
    header_row: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .meta({ description: "The 1-based line of the header row; lines above it (titles, notes) are skipped." }),
    columns: z
      .strictObject({ geo: text.optional(), geo_label: text.optional(), period: text.optional(), value: text.optional(), flag: text.optional() })
      .default({})
      .meta({ description: "Headers of the columns holding the geo (and its label), the period, one value and its flag." }),
    /** Values every row shares when the file has no column for them: a national file's country, a yearly table's year. */
    constants: z
      .strictObject({ geo: text.optional(), period: text.optional() })
      .default({})
      .meta({ description: 'What every row shares when the file has no column for it: {"geo": "DE", "period": "2023"} (the geo written as geo_codes says).' }),
    /** A wide table (the World Bank's): every column whose header is a period holds that period's value. */
    periods_across: z.boolean().default(false).meta({
      description:
        "A wide table, as the World Bank ships its indicators: every column whose header is a period (1960, 1961, …) holds that period's value; then neither a period nor a value column is named.",
    }),
    /** Several value columns, one series each (in place of columns.value). */
    values: z.array(valueColumn).min(1).max(50).optional(),
    /** How the geo column codes places; codes that are no country are aggregates (or rejected). */
    geo_codes: z
      .enum(["iso2", "iso3", "eurostat", "eurostat-label"])
      .meta({ description: "How geos are written: ISO alpha-2 or alpha-3 codes, Eurostat's codes (EL, UK, EU27_2020) or Eurostat's English labels." }),
    aggregates: z
      .enum(["keep", "reject"])
      .default("keep")
      .meta({ description: "A code that is no country (WLD, EUU): kept as an aggregate (default) or its row rejected." }),
    /** `as-is` takes the period as written (2011, 2011-Q1, 2011-01); the others read a YYYY-MM-DD date. */
    period: z
      .enum(["as-is", "year", "quarter", "month"])
      .default("as-is")
      .meta({ description: "as-is: the period as written (2011, 2011-Q1, 2011M07); year, quarter, month: read from a YYYY-MM-DD date." }),
    /** Dimensions every row shares ({"indicator": {"code": "SP.POP.TOTL", "label": "Population, total"}}). */
    dimensions: z
      .record(dimensionId, constantDimension)
      .default({})
      .meta({ description: 'Dimensions every row shares: {"indicator": {"code": "SP.POP.TOTL", "label": "Population, total"}}.' }),
    /** Dimensions read from columns: {"sex": "Sex"}, or with a column of labels {"offence": {"column": "Key", "label_column": "Offence"}}. */
    dimension_columns: z
      .record(dimensionId, z.union([text, z.strictObject({ column: text, label_column: text.optional() })]))
      .default({})
      .meta({
        description: 'Dimensions read from columns: {"sex": "Sex"}, or with a column of labels: {"offence": {"column": "Key", "label_column": "Offence"}}.',
      }),
    unit: text.optional().meta({ description: "The unit of the value (of every value column that gives none)." }),
    /** Cell texts that mean "no value" (never stored, never zero). */
    missing: z
      .array(z.string())
      .default(["", ":", "..", "NA", "n/a"])
      .meta({ description: 'Cell texts that mean "no value": never stored, never zero; a value held before is withdrawn.' }),
  })
  .refine((m) => m.decimal !== m.thousands, { message: "decimal and thousands separators must differ", path: ["thousands"] })
  .refine((m) => (m.columns.geo === undefined) !== (m.constants.geo === undefined), {
    message: "give the geo once: a column (columns.geo) or a constant (constants.geo)",
    path: ["columns", "geo"],
  })
  .refine(
    (m) =>
      m.periods_across
        ? m.columns.period === undefined && m.constants.period === undefined
        : (m.columns.period === undefined) !== (m.constants.period === undefined),
    {
      message: "give the period once: a column (columns.period) or a constant (constants.period); none when the periods run across (periods_across)",
      path: ["columns", "period"],
    },
  )
  .refine((m) => (m.periods_across ? m.columns.value === undefined && m.values === undefined : (m.columns.value === undefined) !== (m.values === undefined)), {
    message: "give the values once: one column (columns.value) or a list of value columns (values); none when the periods run across (periods_across)",
    path: ["values"],
  });

export type CsvMapping = z.infer<typeof csvMapping>;

/** The mapping's JSON Schema (published at GET /api/v1/stats/mapping-schema and in the README). */
export function csvMappingJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://rapporteur.invalid/schemas/stats-csv-mapping.json",
    title: "Rapporteur column mapping for a statistics CSV",
    ...z.toJSONSchema(csvMapping, { io: "input", unrepresentable: "any" }),
  };
}

/** The value columns of a mapping, one series each: `values`, or the one `columns.value`. */
export function valueColumnsOf(
  mapping: CsvMapping,
): { column: string; dimensions: Record<string, { code: string; label?: string }>; unit?: string; flag?: string }[] {
  if (mapping.periods_across) return []; // known from the header (generic-csv.ts)
  if (mapping.values) return mapping.values;
  return [{ column: mapping.columns.value!, dimensions: {}, unit: mapping.unit, flag: mapping.columns.flag }];
}

/** The dimension columns of a mapping, each with its column and, when given, its label column. */
export function dimensionColumnsOf(mapping: CsvMapping): { id: string; column: string; labelColumn?: string }[] {
  return Object.entries(mapping.dimension_columns).map(([id, d]) =>
    typeof d === "string" ? { id, column: d } : { id, column: d.column, labelColumn: d.label_column },
  );
}

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
