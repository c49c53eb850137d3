// The mapping editor's choices and the column mapping they make: the same JSON document the CLI's
// --mapping file holds (the server checks it with the same schema, modules/stats/importers/mapping.ts).
// Kept apart from the page so it can be read, and tested, on its own.

/** What a column of the file is. */
export type ColumnRole = "ignore" | "geo" | "geo_label" | "period" | "value" | "dimension" | "label";

export interface ColumnChoice {
  role: ColumnRole;
  /** For a dimension: its name (letters, digits, underscores). */
  dimension: string;
  /** For a label column: the header of the dimension column whose codes it names. */
  labelOf: string;
}

export type GeoCodes = "iso2" | "iso3" | "eurostat" | "eurostat-label";
export type PeriodKind = "as-is" | "year" | "quarter" | "month";

export interface EditorChoices {
  publisher: string;
  code: string;
  title: string;
  licence: string;
  url: string;
  delimiter: string | null;
  sheet: string | null;
  headerRow: number;
  columns: ColumnChoice[];
  geoCodes: GeoCodes;
  /** The geo every row shares, when no column holds it. */
  constantGeo: string;
  /** The period every row shares, when no column holds it. */
  constantPeriod: string;
  periodKind: PeriodKind;
  decimal: "." | ",";
  thousands: "" | "," | "." | " " | "'";
  /** Cell texts that mean "no value" besides an empty cell, comma-separated. */
  missing: string;
  unit: string;
  /**
   * What a loaded mapping says of a value column that the editor has no control for (its own
   * dimensions, unit and flag column), by the column's header: written back as it was.
   */
  valueDetails: Record<string, ValueDetails>;
  /** A loaded mapping's keys the editor does not show (dimensions every row shares, aggregates, encoding): written back as they were. */
  kept: Record<string, unknown>;
}

interface ValueDetails {
  dimensions: Record<string, { code: string; label?: string }>;
  unit?: string;
  flag?: string;
}

/** The keys of a mapping the editor keeps as they were, having no control for them. */
const KEPT_KEYS = ["dimensions", "aggregates", "encoding"] as const;

/** A dimension's name from a column's header: "Offence type" → "offence_type". */
export function dimensionName(header: string): string {
  const slug = header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z_]/.test(slug) ? slug : `d_${slug || "column"}`;
}

/** A first guess at each column from its header, as a person would read it. */
export function guessColumn(header: string): ColumnChoice {
  const h = header.trim().toLowerCase();
  const choice = (role: ColumnRole): ColumnChoice => ({ role, dimension: role === "dimension" ? dimensionName(header) : "", labelOf: "" });
  if (/^(year|period|date|time|time_period|jahr|année|annee|quarter|month)$/.test(h)) return choice("period");
  if (/^(geo|country|country code|iso|iso2|iso3|land|pays)$/.test(h)) return choice("geo");
  if (/^(value|obs_value|count|cases|number|total|population)$/.test(h)) return choice("value");
  return choice("dimension");
}

/** The dataset code a file suggests: its name without extensions. */
export function codeFromFileName(name: string): string {
  return (
    name
      .replace(/(\.(csv|tsv|txt|xlsx|gz|zip))+$/i, "")
      .replace(/[^A-Za-z0-9_.-]+/g, "_")
      .slice(0, 100) || "dataset"
  );
}

/** The column mapping the choices make (the CLI's --mapping document). */
export function buildMapping(header: readonly string[], c: EditorChoices): Record<string, unknown> {
  const role = (r: ColumnRole) => header.flatMap((name, i) => (c.columns[i]?.role === r ? [name] : []));
  const [geo] = role("geo");
  const [geoLabel] = role("geo_label");
  const [period] = role("period");
  const values = role("value");
  const dimensionColumns: Record<string, string | { column: string; label_column: string }> = {};
  header.forEach((name, i) => {
    const choice = c.columns[i];
    if (choice?.role !== "dimension") return;
    const labelColumn = header.find((_, j) => c.columns[j]?.role === "label" && c.columns[j]?.labelOf === name);
    dimensionColumns[choice.dimension.trim() || dimensionName(name)] = labelColumn === undefined ? name : { column: name, label_column: labelColumn };
  });
  const optional = (value: string) => (value.trim() === "" ? undefined : value.trim());
  const columns: Record<string, string> = {};
  if (geo !== undefined) columns["geo"] = geo;
  if (geoLabel !== undefined) columns["geo_label"] = geoLabel;
  if (period !== undefined) columns["period"] = period;
  // One value column without dimensions or a unit of its own is `columns.value` (with its flag column).
  const details = (column: string): ValueDetails | undefined => c.valueDetails[column];
  const single = values.length === 1 ? details(values[0]!) : undefined;
  const plainSingle = values.length === 1 && (single === undefined || (Object.keys(single.dimensions).length === 0 && single.unit === undefined));
  if (plainSingle) {
    columns["value"] = values[0]!;
    if (single?.flag !== undefined) columns["flag"] = single.flag;
  }
  const constants: Record<string, string> = {};
  if (geo === undefined && c.constantGeo.trim() !== "") constants["geo"] = c.constantGeo.trim();
  if (period === undefined && c.constantPeriod.trim() !== "") constants["period"] = c.constantPeriod.trim();
  return {
    dataset: { publisher: c.publisher.trim(), code: c.code.trim(), title: c.title.trim(), licence: optional(c.licence), url: optional(c.url) },
    ...(c.sheet === null ? { delimiter: c.delimiter ?? "," } : { sheet: c.sheet }),
    decimal: c.decimal,
    thousands: c.thousands,
    header_row: c.headerRow,
    columns,
    constants,
    ...(values.length > 0 && !plainSingle
      ? { values: values.map((v) => ({ column: v, ...(details(v) ?? { dimensions: { measure: { code: v, label: v } } }) })) }
      : {}),
    geo_codes: c.geoCodes,
    period: c.periodKind,
    dimension_columns: dimensionColumns,
    unit: optional(c.unit),
    ...c.kept,
    missing: [
      "",
      ...c.missing
        .split(",")
        .map((m) => m.trim())
        .filter((m) => m !== ""),
    ],
  };
}

/** The choices a saved mapping holds, where the editor can show them (the rest is kept from before, or kept as written). */
export function choicesFromMapping(m: Record<string, unknown>, header: readonly string[], before: EditorChoices): EditorChoices {
  const dataset = (m["dataset"] ?? {}) as Record<string, string | undefined>;
  const columns = (m["columns"] ?? {}) as Record<string, string | undefined>;
  const constants = (m["constants"] ?? {}) as Record<string, string | undefined>;
  const written = Array.isArray(m["values"]) ? (m["values"] as ({ column: string } & Partial<ValueDetails>)[]) : [];
  const values = written.map((v) => v.column);
  const valueDetails: Record<string, ValueDetails> = {};
  for (const { column, dimensions, unit, flag } of written)
    valueDetails[column] = { dimensions: dimensions ?? {}, ...(unit === undefined ? {} : { unit }), ...(flag === undefined ? {} : { flag }) };
  if (columns["value"] !== undefined && columns["flag"] !== undefined) valueDetails[columns["value"]] = { dimensions: {}, flag: columns["flag"] };
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_KEYS) if (m[key] !== undefined) kept[key] = m[key];
  const dims = Object.entries((m["dimension_columns"] ?? {}) as Record<string, string | { column: string; label_column?: string }>);
  const choiceOf = (name: string): ColumnChoice => {
    const none = { dimension: "", labelOf: "" };
    if (columns["geo"] === name) return { role: "geo", ...none };
    if (columns["geo_label"] === name) return { role: "geo_label", ...none };
    if (columns["period"] === name) return { role: "period", ...none };
    if (columns["value"] === name || values.includes(name)) return { role: "value", ...none };
    for (const [id, d] of dims) {
      if ((typeof d === "string" ? d : d.column) === name) return { role: "dimension", dimension: id, labelOf: "" };
      if (typeof d !== "string" && d.label_column === name) return { role: "label", dimension: "", labelOf: d.column };
    }
    return { role: "ignore", ...none };
  };
  const text = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
  return {
    ...before,
    publisher: text(dataset["publisher"], before.publisher),
    code: text(dataset["code"], before.code),
    title: text(dataset["title"], before.title),
    licence: text(dataset["licence"], ""),
    url: text(dataset["url"], ""),
    headerRow: typeof m["header_row"] === "number" ? m["header_row"] : before.headerRow,
    delimiter: text(m["delimiter"], before.delimiter ?? ","),
    columns: header.map(choiceOf),
    geoCodes: (m["geo_codes"] as GeoCodes | undefined) ?? before.geoCodes,
    constantGeo: text(constants["geo"], ""),
    constantPeriod: text(constants["period"], ""),
    periodKind: (m["period"] as PeriodKind | undefined) ?? before.periodKind,
    decimal: (m["decimal"] as EditorChoices["decimal"] | undefined) ?? before.decimal,
    thousands: (m["thousands"] as EditorChoices["thousands"] | undefined) ?? before.thousands,
    missing: Array.isArray(m["missing"]) ? (m["missing"] as string[]).filter((x) => x !== "").join(", ") : before.missing,
    unit: text(m["unit"], ""),
    valueDetails,
    kept,
  };
}

/** What is still to be chosen before the mapping can be checked, in words; empty when nothing is. */
export function missingChoices(header: readonly string[], c: EditorChoices): string[] {
  const count = (r: ColumnRole) => c.columns.slice(0, header.length).filter((x) => x.role === r).length;
  const out: string[] = [];
  if (c.publisher.trim() === "") out.push("Give the publisher.");
  if (c.code.trim() === "") out.push("Give the dataset's code.");
  if (c.title.trim() === "") out.push("Give the dataset's title.");
  if (count("value") === 0) out.push("Mark at least one column as a value.");
  if (count("geo") > 1) out.push("Mark one column at most as the country.");
  if (count("period") > 1) out.push("Mark one column at most as the period.");
  if (count("geo") === 0 && c.constantGeo.trim() === "") out.push("Mark the country column, or give the country every row is for.");
  if (count("period") === 0 && c.constantPeriod.trim() === "") out.push("Mark the period column, or give the period every row is for.");
  return out;
}
