// The column mapping of a case-outcome file (`rapporteur import case-outcomes FILE --mapping M`,
// the upload's `mapping` parameter): how the file is written (delimiter, encoding, separators,
// header line, date format, worksheet) and which column holds which field of a case outcome, or
// the value every row shares; how the file writes the offence (ICCS codes, ICCS labels or our
// categories) and, for the closed vocabularies, which of its texts means which of ours. Published as
// a JSON Schema (GET /api/v1/case-outcomes/mapping-schema); the README has a worked example, and
// test/fixtures/case-outcomes/ a file with its mapping.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { TEXT_ENCODINGS } from "../../lib/csv.js";
import { ValidationError } from "../../domain/errors.js";
import { COURT_LEVELS, MIGRATION_STATUS_BASES, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import { formatIssues } from "../common/issues.js";
import { countryCode, currencyCode, text as commonText } from "../common/schema.js";

const text = commonText(1, 200);
const column = text.meta({ description: "The header of the column, as the file writes it." });

/** The columns a mapping may name, each a field of a case outcome. */
const columns = z
  .strictObject({
    external_id: column.meta({ description: "The file's own id of the outcome (a case number): a re-import updates the outcome it imported before." }),
    offence: column.meta({ description: "The offence, written as offence_codes says." }),
    decision_date: column.meta({ description: "The date of the decision, written as date_format says." }),
    country: column.optional().meta({ description: "ISO 3166-1 alpha-2 code (or constants.country)." }),
    court_level: column
      .optional()
      .meta({ description: `One of ${COURT_LEVELS.join(", ")}, or a text labels.court_level maps to one (or constants.court_level).` }),
    migration_status: column.optional().meta({
      description: "The defendant's migration status as reported: one of ours, or a text labels.migration_status maps to one; empty: unknown.",
    }),
    status_basis: column.optional().meta({ description: "What the status rests on: one of ours, or a text labels.status_basis maps to one." }),
    convicted: column
      .optional()
      .meta({ description: "Convicted or acquitted: true/false, yes/no, 1/0, or a text labels.convicted maps (or constants.convicted)." }),
    custodial_months: column.optional().meta({ description: "Months of custody (decimal and thousands as the mapping says); empty: none." }),
    suspended: column.optional().meta({ description: "Whether the custodial sentence is suspended: true/false, yes/no, 1/0, or as labels.suspended maps." }),
    fine: column.optional().meta({ description: "The fine's amount; its currency from fine_currency (a column or constants.fine_currency)." }),
    fine_currency: column.optional(),
    sentence_other: column.optional().meta({ description: "Any other sentence, in words (probation, community service)." }),
    incident_number: column.optional().meta({ description: "The number of the incident the case arose from, when there is one." }),
  })
  .meta({ description: "Headers of the columns holding each field; external_id, offence and decision_date are required." });

const labelsOf = <T extends z.ZodType>(value: T) => z.record(text, value).optional();

export const caseOutcomeMapping = z
  .strictObject({
    delimiter: z.string().length(1).default(",").meta({ description: 'The character between cells: "," (default), ";", a tab.' }),
    encoding: z.enum(TEXT_ENCODINGS).optional().meta({ description: "The file's text encoding; detected when absent." }),
    decimal: z.enum([".", ","]).default(".").meta({ description: 'The decimal separator: "." (default) or ",".' }),
    thousands: z.enum(["", ",", ".", " ", "'", "\u00a0", "\u202f"]).default("").meta({ description: "The thousands separator; none by default." }),
    header_row: z.number().int().min(1).max(1000).default(1).meta({ description: "The 1-based line of the header row; lines above it are skipped." }),
    sheet: text.optional().meta({ description: "For a spreadsheet: the worksheet to read (the first when absent)." }),
    columns,
    constants: z
      .strictObject({
        country: countryCode.optional(),
        court_level: z.enum(COURT_LEVELS).optional(),
        migration_status: z.enum(MIGRATION_STATUSES).optional(),
        status_basis: z.enum(MIGRATION_STATUS_BASES).optional(),
        convicted: z.boolean().optional(),
        fine_currency: currencyCode.optional(),
      })
      .default({})
      .meta({
        description: 'What every row shares when the file has no column for it: {"country": "DE", "court_level": "first_instance", "convicted": true}.',
      }),
    offence_codes: z.enum(["iccs", "iccs-label", "category"]).default("iccs").meta({
      description:
        "How the offence is written: ICCS codes (03011 or ICCS03011), ICCS labels in English as Eurostat writes them (Rape, Sexual assault), or our taxonomy's categories (SV.RAPE). An ICCS offence takes the taxonomy category whose ICCS code covers it.",
    }),
    date_format: z.enum(["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY"]).default("YYYY-MM-DD"),
    labels: z
      .strictObject({
        court_level: labelsOf(z.enum(COURT_LEVELS)),
        migration_status: labelsOf(z.enum(MIGRATION_STATUSES)),
        status_basis: labelsOf(z.enum(MIGRATION_STATUS_BASES)),
        convicted: labelsOf(z.boolean()),
        suspended: labelsOf(z.boolean()),
      })
      .default({})
      .meta({
        description:
          'The file\'s own words for the closed vocabularies: {"court_level": {"Amtsgericht": "first_instance"}, "migration_status": {"Deutsche": "citizen_by_birth", "Asylbewerber": "asylum_seeker"}, "suspended": {"zur Bewährung": true}}; compared without regard to case, dashes, quotes and spaces.',
      }),
    missing: z.array(z.string()).default(["", "-", "NA", "n/a"]).meta({ description: 'Cell texts that mean "not given".' }),
    synthetic: z.boolean().default(false).meta({ description: "The file is demo data, not real cases." }),
  })
  .refine((m) => m.decimal !== m.thousands, { message: "decimal and thousands separators must differ", path: ["thousands"] })
  .refine((m) => (m.columns.country === undefined) !== (m.constants.country === undefined), {
    message: "give the country once: a column (columns.country) or a constant (constants.country)",
    path: ["columns", "country"],
  })
  .refine((m) => (m.columns.court_level === undefined) !== (m.constants.court_level === undefined), {
    message: "give the court level once: a column (columns.court_level) or a constant (constants.court_level)",
    path: ["columns", "court_level"],
  })
  .refine((m) => (m.columns.convicted === undefined) !== (m.constants.convicted === undefined), {
    message: "give the conviction once: a column (columns.convicted) or a constant (constants.convicted)",
    path: ["columns", "convicted"],
  })
  .refine((m) => m.columns.migration_status === undefined || m.constants.migration_status === undefined, {
    message: "give the migration status once: a column or a constant",
    path: ["constants", "migration_status"],
  })
  .refine((m) => m.columns.fine === undefined || m.columns.fine_currency !== undefined || m.constants.fine_currency !== undefined, {
    message: "a fine needs its currency: a column (columns.fine_currency) or a constant (constants.fine_currency)",
    path: ["columns", "fine_currency"],
  });
export type CaseOutcomeMapping = z.output<typeof caseOutcomeMapping>;
export type CaseOutcomeColumn = keyof CaseOutcomeMapping["columns"];

/** The mapping's JSON Schema (GET /api/v1/case-outcomes/mapping-schema, `import case-outcomes --mapping-schema`, the README). */
export function caseOutcomeMappingJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://rapporteur.invalid/schemas/case-outcome-mapping.json",
    title: "Rapporteur column mapping for a file of case outcomes",
    ...z.toJSONSchema(caseOutcomeMapping, { io: "input", unrepresentable: "any" }),
  };
}

/** A mapping read from JSON, or its issues, each path placed by `where` (the upload's parameter, the CLI's file). */
function parseCaseOutcomeMapping(document: unknown, where: (path: string) => string): CaseOutcomeMapping {
  const parsed = caseOutcomeMapping.safeParse(document);
  if (!parsed.success)
    throw new ValidationError(
      formatIssues("", parsed.error.issues).map((i) => ({ path: where(i.path), message: i.message })),
      "The mapping is not valid.",
    );
  return parsed.data;
}

/** A mapping file (the CLI's --mapping); its problems name the file. */
export function loadCaseOutcomeMapping(file: string): CaseOutcomeMapping {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ValidationError([{ path: file, message: `cannot read the mapping: ${(error as Error).message}` }]);
  }
  return parseCaseOutcomeMapping(document, (path) => `${file}: ${path || "(mapping)"}`);
}
