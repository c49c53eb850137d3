// Any CSV with a column mapping (mapping.ts): the World Bank's population.csv (ISO alpha-3 codes,
// aggregates such as WLD and EUU kept as aggregates), the BIS house-price index (quarter-end
// dates), a national office's semicolon-separated Latin-1 file with decimal commas.
import { normalisePeriod } from "../dimensions.js";
import type { GeoRef } from "../geo.js";
import { readFlag } from "./eurostat.js";
import { readCsvRecords, readLines } from "./lines.js";
import { parseLocalisedNumber, type CsvMapping } from "./mapping.js";
import { ImportFileError, type ImportEvent, type ImporterContext } from "./types.js";

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
  if (!mapping) throw new ImportFileError("a generic CSV needs a column mapping (--mapping FILE)");
  const lines = readLines(context.path, { encoding: mapping.encoding, onProgress: context.onProgress });
  let header: string[] | null = null;
  const index: Record<string, number> = {};
  for await (const record of readCsvRecords(lines, mapping.delimiter)) {
    const at = String(record.line);
    if (record.line < mapping.header_row) continue;
    if (header === null) {
      header = record.fields.map((f) => f.trim());
      const wanted = { ...Object.fromEntries(Object.entries(mapping.columns).filter(([, v]) => v !== undefined)), ...mapping.dimension_columns } as Record<
        string,
        string
      >;
      for (const [role, column] of Object.entries(wanted)) {
        const i = header.indexOf(column);
        if (i === -1) throw new ImportFileError(`line ${record.line}: the header has no column "${column}" (mapped as ${role}); it has ${header.join(", ")}`);
        index[role] = i;
      }
      const code = context.datasetCode ?? mapping.dataset.code;
      yield {
        type: "dataset",
        dataset: {
          publisher: mapping.dataset.publisher,
          code,
          title: mapping.dataset.title,
          licence: mapping.dataset.licence ?? null,
          url: mapping.dataset.url ?? null,
          lastUpdate: mapping.dataset.last_update ?? null,
        },
      };
      continue;
    }
    if (record.blank) {
      yield { type: "reject", at, reason: "empty line" };
      continue;
    }
    if (record.unterminated) {
      yield { type: "reject", at, reason: "a quoted field is not closed" };
      continue;
    }
    const f = record.fields;
    if (f.length !== header.length) {
      yield { type: "reject", at, reason: `expected ${header.length} columns, found ${f.length}` };
      continue;
    }
    const cell = (role: string) => (index[role] === undefined ? "" : f[index[role]!]!.trim());
    const geoText = cell("geo");
    const aggregateLabel = mapping.aggregates === "keep" ? cell("geo_label") || geoText : undefined;
    let geo: GeoRef | null;
    if (mapping.geo_codes === "iso2") geo = context.geo.iso2(geoText, aggregateLabel);
    else if (mapping.geo_codes === "iso3") geo = context.geo.iso3(geoText, aggregateLabel);
    else if (mapping.geo_codes === "eurostat") geo = context.geo.eurostatCode(geoText, cell("geo_label") || undefined);
    else geo = context.geo.eurostatLabel(geoText);
    if (geo === null || (mapping.aggregates === "reject" && geo.kind === "aggregate")) {
      yield { type: "reject", at, reason: geoText === "" ? "geo is empty" : `unknown geo "${geoText}"` };
      continue;
    }
    const period = periodFromDate(cell("period"), mapping.period);
    if (period === null) {
      yield { type: "reject", at, reason: `period "${cell("period")}" is not a ${mapping.period === "as-is" ? "period" : "date"}` };
      continue;
    }
    const valueText = cell("value");
    if (mapping.missing.includes(valueText)) {
      yield { type: "missing", at };
      continue;
    }
    const value = parseLocalisedNumber(valueText, mapping.decimal, mapping.thousands);
    if (value === null) {
      yield { type: "reject", at, reason: `value "${valueText}" is not a number` };
      continue;
    }
    const flag = readFlag(cell("flag"));
    if (flag !== null && typeof flag === "object") {
      yield { type: "reject", at, reason: flag.bad };
      continue;
    }
    const dimensions: Record<string, string> = {};
    const labels: Record<string, string> = {};
    for (const [id, d] of Object.entries(mapping.dimensions)) {
      dimensions[id] = d.code;
      if (d.label) labels[id] = d.label;
    }
    let emptyDimension: string | null = null;
    for (const id of Object.keys(mapping.dimension_columns)) {
      dimensions[id] = cell(id);
      if (dimensions[id] === "") emptyDimension ??= id;
    }
    if (emptyDimension !== null) {
      yield { type: "reject", at, reason: `${emptyDimension} is empty` };
      continue;
    }
    yield { type: "observation", observation: { at, dimensions, labels, unit: mapping.unit ?? null, geo, period, value, flag } };
  }
  if (header === null) throw new ImportFileError(`the file has no header at line ${mapping.header_row}`);
}
