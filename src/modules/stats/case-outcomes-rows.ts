// One row of a case-outcome file read through its mapping into a case outcome's fields, pure: the
// cells found by header, the file's words for our vocabularies looked up, numbers and dates read
// as the mapping writes them, the offence resolved to a taxonomy category, and the result checked
// by the very schema a new outcome is (caseOutcomeInput), each problem named by its column.
import { COURT_LEVELS, MIGRATION_STATUS_BASES, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import { isStorableDate } from "../common/schema.js";
import { caseOutcomeInput, type CaseOutcomeInput } from "./case-outcomes-schema.js";
import type { CaseOutcomeColumn, CaseOutcomeMapping } from "./case-outcomes-mapping.js";
import { codeListOf, normaliseLabel } from "./codelists.js";
import { parseLocalisedNumber } from "./importers/mapping.js";

export interface Problem {
  column: CaseOutcomeColumn | null;
  reason: string;
}

export interface ReadRow {
  externalId: string;
  incidentNumber: number | null;
  input: CaseOutcomeInput;
}

/** A category of the current taxonomy with its ICCS codes ("01, 0201" is two; "02043–02044" two). */
export interface TaxonomyCategory {
  code: string;
  iccs: string | null;
}

/** Which taxonomy category an ICCS code falls under: the one whose code is its longest prefix (the parent on a tie). */
export function offenceResolver(categories: readonly TaxonomyCategory[]) {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const prefixes = categories.flatMap((c) => (c.iccs?.match(/\d+/g) ?? []).map((iccs) => ({ iccs, code: c.code })));
  return {
    category: (code: string) => byCode.get(code),
    ofIccs(iccs: string): string | undefined {
      const covering = prefixes.filter((p) => iccs.startsWith(p.iccs));
      covering.sort((a, b) => b.iccs.length - a.iccs.length || a.code.length - b.code.length);
      return covering[0]?.code;
    },
  };
}
export type OffenceResolver = ReturnType<typeof offenceResolver>;

const key = (text: string) => normaliseLabel(text).toLowerCase();
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, "1": true, "0": false };

/** Where each field of caseOutcomeInput comes from in the file. */
const FIELD_COLUMN: Record<string, CaseOutcomeColumn> = {
  country: "country",
  offence: "offence",
  court_level: "court_level",
  decision_date: "decision_date",
  "defendant.migration_status": "migration_status",
  "defendant.basis": "status_basis",
  convicted: "convicted",
  sentence: "convicted",
  "sentence.custodial_months": "custodial_months",
  "sentence.suspended": "suspended",
  "sentence.fine.amount": "fine",
  "sentence.fine.currency": "fine_currency",
  "sentence.other": "sentence_other",
};

function columnOfPath(path: readonly PropertyKey[]): CaseOutcomeColumn | null {
  for (let n = path.length; n > 0; n--) {
    const column = FIELD_COLUMN[path.slice(0, n).join(".")];
    if (column) return column;
  }
  return null;
}

function readDate(text: string, format: CaseOutcomeMapping["date_format"]): string | null {
  const parts: Record<string, RegExp> = {
    "YYYY-MM-DD": /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
    "DD.MM.YYYY": /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
    "DD/MM/YYYY": /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
    "MM/DD/YYYY": /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  };
  const g = parts[format]!.exec(text)?.groups;
  if (!g) return null;
  const date = `${g["y"]}-${g["m"]!.padStart(2, "0")}-${g["d"]!.padStart(2, "0")}`;
  return isStorableDate(date) ? date : null;
}

/** The header's columns by the mapping's names, or the mapped columns the header lacks. */
export function columnIndex(header: readonly string[], mapping: CaseOutcomeMapping): { index: Map<CaseOutcomeColumn, number>; absent: CaseOutcomeColumn[] } {
  const positions = new Map(header.map((h, i) => [key(h), i] as const));
  const index = new Map<CaseOutcomeColumn, number>();
  const absent: CaseOutcomeColumn[] = [];
  for (const [name, heading] of Object.entries(mapping.columns) as [CaseOutcomeColumn, string | undefined][]) {
    if (heading === undefined) continue;
    const at = positions.get(key(heading));
    if (at === undefined) absent.push(name);
    else index.set(name, at);
  }
  return { index, absent };
}

/** Read one row; its problems when it cannot be a case outcome (all of them, each with its column). */
export function readCaseOutcomeRow(
  fields: readonly string[],
  index: Map<CaseOutcomeColumn, number>,
  mapping: CaseOutcomeMapping,
  offences: OffenceResolver,
): { row: ReadRow } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const missing = new Set(mapping.missing.map((m) => m.trim()));
  const cell = (column: CaseOutcomeColumn): string | undefined => {
    const at = index.get(column);
    const value = at === undefined ? undefined : fields[at]?.trim();
    return value === undefined || missing.has(value) ? undefined : value;
  };
  const problem = (column: CaseOutcomeColumn, reason: string) => {
    problems.push({ column, reason });
    return undefined;
  };
  function word<T extends string | boolean>(column: CaseOutcomeColumn, labels: Record<string, T> | undefined, own: readonly T[], what: string): T | undefined {
    const text = cell(column);
    if (text === undefined) return undefined;
    const mapped = Object.entries(labels ?? {}).find(([label]) => key(label) === key(text))?.[1];
    if (mapped !== undefined) return mapped;
    const direct = own.find((v) => String(v) === text || (typeof v === "boolean" && BOOLEAN_WORDS[key(text)] === v));
    return direct ?? problem(column, `"${text}" is not ${what}; say which it is in the mapping's labels.${column}`);
  }
  const number = (column: CaseOutcomeColumn) => {
    const text = cell(column);
    if (text === undefined) return undefined;
    return parseLocalisedNumber(text, mapping.decimal, mapping.thousands) ?? problem(column, `"${text}" is not a number`);
  };

  const externalId = cell("external_id") ?? problem("external_id", "has no external id, which a re-import finds the outcome by");
  const offenceText = cell("offence");
  let offence: CaseOutcomeInput["offence"] | undefined;
  if (offenceText === undefined) problem("offence", "has no offence");
  else if (mapping.offence_codes === "category") {
    const code = offenceText.toUpperCase();
    offence = offences.category(code) ? { category: code } : problem("offence", `${offenceText} is not a category of the current taxonomy`);
  } else {
    const coded = mapping.offence_codes === "iccs" ? offenceText : codeListOf("iccs")?.codeOf(offenceText);
    const iccs = coded?.replace(/^ICCS/i, "");
    if (iccs === undefined || !/^\d{2,6}$/.test(iccs)) {
      problem(
        "offence",
        mapping.offence_codes === "iccs"
          ? `"${offenceText}" is not an ICCS code such as 03011`
          : `"${offenceText}" is not an ICCS offence label Rapporteur knows`,
      );
    } else {
      const category = offences.ofIccs(iccs);
      const label = codeListOf("iccs")?.labelOf(`ICCS${iccs}`);
      offence = category ? { category, iccs } : problem("offence", `ICCS ${iccs}${label ? ` (${label})` : ""} falls under no category of the current taxonomy`);
    }
  }
  const dateText = cell("decision_date");
  const decisionDate =
    dateText === undefined
      ? problem("decision_date", "has no date")
      : (readDate(dateText, mapping.date_format) ?? problem("decision_date", `"${dateText}" is not a date written ${mapping.date_format}`));
  const country = cell("country")?.toUpperCase() ?? mapping.constants.country;
  const courtLevel = mapping.constants.court_level ?? word("court_level", mapping.labels.court_level, COURT_LEVELS, "a court level");
  const status = word("migration_status", mapping.labels.migration_status, MIGRATION_STATUSES, "a migration status") ?? mapping.constants.migration_status;
  const basis = word("status_basis", mapping.labels.status_basis, MIGRATION_STATUS_BASES, "a basis for a migration status") ?? mapping.constants.status_basis;
  const convicted = mapping.constants.convicted ?? word("convicted", mapping.labels.convicted, [true, false], "convicted or acquitted");
  const custodial = number("custodial_months");
  const suspended = word("suspended", mapping.labels.suspended, [true, false], "yes or no");
  const fine = number("fine");
  const currency = cell("fine_currency")?.toUpperCase() ?? mapping.constants.fine_currency;
  const other = cell("sentence_other");
  const numberText = cell("incident_number");
  const incidentNumber =
    numberText === undefined
      ? null
      : /^\d{1,12}$/.test(numberText)
        ? Number(numberText)
        : (problem("incident_number", `"${numberText}" is not an incident number`) ?? null);
  if (cell("court_level") === undefined && mapping.constants.court_level === undefined && !problems.some((p) => p.column === "court_level"))
    problem("court_level", "has no court level");
  if (convicted === undefined && !problems.some((p) => p.column === "convicted")) problem("convicted", "does not say whether the defendant was convicted");
  if (problems.length > 0) return { problems };

  const sentenced = custodial !== undefined || suspended !== undefined || fine !== undefined || other !== undefined;
  const candidate = {
    country,
    offence,
    court_level: courtLevel,
    decision_date: decisionDate,
    defendant: { migration_status: status ?? "unknown", basis: basis ?? null },
    convicted,
    sentence: sentenced
      ? {
          custodial_months: custodial ?? null,
          suspended: suspended ?? null,
          fine: fine === undefined ? null : { amount: fine, currency },
          other: other ?? null,
        }
      : null,
    incident_id: null,
    synthetic: mapping.synthetic,
  };
  const parsed = caseOutcomeInput.safeParse(candidate);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => ({ column: columnOfPath(i.path), reason: i.message })) };
  return { row: { externalId: externalId!, incidentNumber, input: parsed.data } };
}
