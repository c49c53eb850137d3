// The bulk import of case outcomes: its upload's parameters and its report (what was, or in a dry
// run would be, added, updated, left unchanged and rejected, by line and column).
import { z } from "zod";
import { jsonParameter, queryBoolean, text } from "../common/schema.js";
import { caseOutcomeMapping } from "./case-outcomes-mapping.js";
import { XLSX_MEDIA_TYPE } from "./schema.js";

export const MAX_LISTED = 1000;

export const CASE_OUTCOME_MEDIA_TYPES = ["text/csv", XLSX_MEDIA_TYPE, "application/octet-stream"] as const;

/** A court's decisions as a national justice statistics office might export them (illustrative values; the mapping in the README and test/fixtures/case-outcomes/). */
export const caseOutcomeFileExample = [
  "Aktenzeichen;Datum;Delikt;Gericht;Status;Verurteilt;Freiheitsstrafe (Monate);Bewährung",
  "12 Ls 45/24;12.03.2025;03012;Amtsgericht;Deutsche;ja;8;ja",
  "",
].join("\n");

/** The mapping of `caseOutcomeFileExample`. */
export const caseOutcomeFileExampleMapping = {
  delimiter: ";",
  date_format: "DD.MM.YYYY",
  columns: {
    external_id: "Aktenzeichen",
    decision_date: "Datum",
    offence: "Delikt",
    court_level: "Gericht",
    migration_status: "Status",
    convicted: "Verurteilt",
    custodial_months: "Freiheitsstrafe (Monate)",
    suspended: "Bewährung",
  },
  constants: { country: "DE" },
  labels: {
    court_level: { Amtsgericht: "first_instance" },
    migration_status: { Deutsche: "citizen_by_birth" },
    convicted: { ja: true, nein: false },
    suspended: { ja: true, nein: false },
  },
};

export const caseOutcomeImportQuery = z.strictObject({
  mapping: jsonParameter(caseOutcomeMapping, "the mapping").meta({ description: "The column mapping as JSON (GET /api/v1/case-outcomes/mapping-schema)." }),
  filename: text(1, 255)
    .refine((v) => !/[/\\]/.test(v), "must be a file name, not a path")
    .optional()
    .meta({ description: "The file's name, for the report and the audit log." }),
  dry_run: queryBoolean.default(false).meta({ description: "`true`: read and check the whole file, report what would change, write nothing." }),
  all_or_nothing: queryBoolean.default(false).meta({ description: "`true`: write nothing when any row is rejected." }),
});

const rejection = z.object({
  line: z.number().int(),
  column: z.string().nullable().meta({ description: "The header of the column at fault, when one is." }),
  reason: z.string(),
});

const change = z.object({
  line: z.number().int(),
  external_id: z.string(),
  kind: z.enum(["add", "update", "unchanged"]),
  id: z.string().nullable().meta({ description: "The case outcome's id (null for one a dry run would add)." }),
});
export type CaseOutcomeChange = z.infer<typeof change>;

export const caseOutcomeImportReport = z.object({
  file: z.string(),
  dry_run: z.boolean(),
  all_or_nothing: z.boolean(),
  written: z.boolean().meta({ description: "Whether anything was written (never in a dry run, nor with all_or_nothing when a row was rejected)." }),
  rows: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(rejection).meta({ description: `Every rejected row (the first ${MAX_LISTED}), by line and column.` }),
  changes: z.array(change).meta({ description: `What each accepted row did or would do (the first ${MAX_LISTED}).` }),
});
export type CaseOutcomeImportReport = z.infer<typeof caseOutcomeImportReport>;
export type CaseOutcomeRejection = z.infer<typeof rejection>;
