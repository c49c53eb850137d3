// Any CSV with a column mapping (mapping.ts): the World Bank's population.csv (ISO alpha-3 codes,
// aggregates such as WLD and EUU kept as aggregates), the BIS house-price index (quarter-end
// dates), a national police table (semicolon-separated Latin-1, no geo column: the country is a
// constant; several measures, one series each), a UN agency's export (ISO alpha-3 codes).
import { normalisePeriod } from "../dimensions.js";
import type { GeoRef } from "../geo.js";
import { readFlag } from "./eurostat.js";
import { readTableRows } from "./table.js";
import { normaliseLabel } from "../codelists.js";
import { dimensionColumnsOf, parseLocalisedNumber, valueColumnsOf, type CsvMapping } from "./mapping.js";
import { CLI_PARAMETERS, ImportFileError, type ImportEvent, type ImporterContext } from "./types.js";

function periodFromDate(text: string, kind: CsvMapping["period"]): string | null {
  if (kind === "as-is") return normalisePeriod(text);
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  if (kind === "year") return m[1]!;
  if (kind === "month") return `${m[1]}-${m[2]}`;
  return `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
}

export async function* importGenericCsv(context: ImporterContext): AsyncGenerator<ImportEvent> {
  const mapping = context.mapping;
  if (!mapping) throw new ImportFileError(`a generic CSV needs a column mapping (${(context.parameters ?? CLI_PARAMETERS).mapping})`);
  let valueColumns: (ReturnType<typeof valueColumnsOf>[number] & { period?: string })[] = valueColumnsOf(mapping);
  const dimensionColumns = dimensionColumnsOf(mapping);
  let header: string[] | null = null;
  const index = new Map<string, number>();
  const at = (column: string | undefined) => (column === undefined ? undefined : index.get(column));
  const constantGeo = mapping.constants.geo === undefined ? null : resolveGeo(context, mapping, mapping.constants.geo, "");
  if (mapping.constants.geo !== undefined && constantGeo === null)
    throw new ImportFileError(`the mapping's constant geo "${mapping.constants.geo}" is not a known ${mapping.geo_codes} code`);
  const constantPeriod = mapping.constants.period === undefined ? null : normalisePeriod(mapping.constants.period);
  if (mapping.constants.period !== undefined && constantPeriod === null)
    throw new ImportFileError(`the mapping's constant period "${mapping.constants.period}" is not a period`);

  for await (const record of readTableRows(context.path, {
    delimiter: mapping.delimiter,
    encoding: context.encoding ?? mapping.encoding,
    sheet: mapping.sheet,
    headerRow: mapping.header_row,
    onProgress: context.onProgress,
  })) {
    const line = String(record.line);
    if (record.line < mapping.header_row) continue;
    if (header === null) {
      header = record.fields.map((f) => normaliseLabel(f));
      header.forEach((name, i) => (index.has(name) ? undefined : index.set(name, i)));
      const wanted: [string, string | undefined][] = [
        ["geo", mapping.columns.geo],
        ["geo_label", mapping.columns.geo_label],
        ["period", mapping.columns.period],
        ...valueColumns.flatMap((v): [string, string | undefined][] => [
          ["value", v.column],
          ["flag", v.flag],
        ]),
        ...dimensionColumns.flatMap((d): [string, string | undefined][] => [
          [d.id, d.column],
          [`${d.id} label`, d.labelColumn],
        ]),
      ];
      if (mapping.periods_across) {
        const named = new Set(wanted.map(([, column]) => (column === undefined ? "" : normaliseLabel(column))));
        valueColumns = header.flatMap((name) => {
          const period = named.has(name) ? null : normalisePeriod(name);
          return period === null ? [] : [{ column: name, dimensions: {}, unit: mapping.unit, period }];
        });
        if (valueColumns.length === 0)
          throw new ImportFileError(
            `line ${record.line}: no column's header is a period (such as 1960 or 2023), as periods_across says; the header has ${header.join(", ")}`,
          );
      }
      for (const [role, column] of wanted) {
        if (column !== undefined && !index.has(normaliseLabel(column)))
          throw new ImportFileError(`line ${record.line}: the header has no column "${column}" (mapped as ${role}); it has ${header.join(", ")}`);
      }
      yield {
        type: "dataset",
        dataset: {
          publisher: mapping.dataset.publisher,
          code: context.datasetCode ?? mapping.dataset.code,
          title: mapping.dataset.title,
          licence: mapping.dataset.licence ?? null,
          url: mapping.dataset.url ?? null,
          lastUpdate: mapping.dataset.last_update ?? null,
        },
      };
      continue;
    }
    if (record.blank) {
      yield { type: "reject", at: line, reason: "empty line" };
      continue;
    }
    const f = record.fields;
    if (f.length !== header.length) {
      yield { type: "reject", at: line, reason: `expected ${header.length} columns, found ${f.length}` };
      continue;
    }
    const cell = (column: string | undefined) => {
      const i = at(column === undefined ? undefined : normaliseLabel(column));
      return i === undefined ? "" : f[i]!.trim();
    };
    const geoText = cell(mapping.columns.geo);
    const geo = constantGeo ?? resolveGeo(context, mapping, geoText, cell(mapping.columns.geo_label));
    if (geo === null) {
      yield { type: "reject", at: line, reason: geoText === "" ? "geo is empty" : `unknown geo "${geoText}"` };
      continue;
    }
    const rowPeriod = mapping.periods_across ? "" : (constantPeriod ?? periodFromDate(cell(mapping.columns.period), mapping.period));
    if (rowPeriod === null) {
      yield { type: "reject", at: line, reason: `period "${cell(mapping.columns.period)}" is not a ${mapping.period === "as-is" ? "period" : "date"}` };
      continue;
    }
    const dimensions: Record<string, string> = {};
    const labels: Record<string, string> = {};
    for (const [id, d] of Object.entries(mapping.dimensions)) {
      dimensions[id] = d.code;
      if (d.label) labels[id] = d.label;
    }
    const empty = dimensionColumns.find((d) => cell(d.column) === "");
    if (empty !== undefined) {
      yield { type: "reject", at: line, reason: `${empty.id} is empty` };
      continue;
    }
    for (const d of dimensionColumns) {
      dimensions[d.id] = cell(d.column);
      const label = d.labelColumn === undefined ? "" : normaliseLabel(cell(d.labelColumn));
      if (label !== "") labels[d.id] = label;
    }
    // Each value column is its own series; a bad cell rejects that value, named by its column.
    const many = valueColumns.length > 1;
    for (const v of valueColumns) {
      const named = (reason: string) => (many ? `${v.column}: ${reason}` : reason);
      const period = v.period ?? rowPeriod;
      const series = { dimensions: { ...dimensions }, labels: { ...labels } };
      for (const [id, d] of Object.entries(v.dimensions)) {
        series.dimensions[id] = d.code;
        if (d.label) series.labels[id] = d.label;
      }
      const unit = v.unit ?? mapping.unit ?? null;
      const valueText = cell(v.column);
      if (mapping.missing.includes(valueText)) {
        yield { type: "missing", at: line, key: { dimensions: series.dimensions, geo, period } };
        continue;
      }
      // A spreadsheet's number cell is plain decimal text whatever the mapping's separators (they are for text).
      const value = record.numeric?.[at(normaliseLabel(v.column))!]
        ? parseLocalisedNumber(valueText, ".", "")
        : parseLocalisedNumber(valueText, mapping.decimal, mapping.thousands);
      if (value === null) {
        yield { type: "reject", at: line, reason: named(`value "${valueText}" is not a number`) };
        continue;
      }
      const flag = readFlag(cell(v.flag));
      if (flag !== null && typeof flag === "object") {
        yield { type: "reject", at: line, reason: named(flag.bad) };
        continue;
      }
      yield { type: "observation", observation: { at: line, dimensions: series.dimensions, labels: series.labels, unit, geo, period, value, flag } };
    }
  }
  if (header === null) throw new ImportFileError(`the file has no header at line ${mapping.header_row}`);
}

function resolveGeo(context: ImporterContext, mapping: CsvMapping, geoText: string, label: string): GeoRef | null {
  const aggregateLabel = mapping.aggregates === "keep" ? label || geoText : undefined;
  let geo: GeoRef | null;
  if (mapping.geo_codes === "iso2") geo = context.geo.iso2(geoText, aggregateLabel);
  else if (mapping.geo_codes === "iso3") geo = context.geo.iso3(geoText, aggregateLabel);
  else if (mapping.geo_codes === "eurostat") geo = context.geo.eurostatCode(geoText, label || undefined);
  else geo = context.geo.eurostatLabel(geoText);
  return geo === null || (mapping.aggregates === "reject" && geo.kind === "aggregate") ? null : geo;
}
