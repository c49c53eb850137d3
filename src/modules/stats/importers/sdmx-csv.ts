// SDMX-CSV, both versions Eurostat publishes:
// - 1.0 (`DATAFLOW,LAST UPDATE,freq,...,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,...`), with codes or,
//   as in the "labels" download, with English labels, which are mapped to codes (geo.ts,
//   dimensions.ts);
// - 2.0 (`STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,[ACTION,]...`), with a code column per component
//   or a code column followed by a label column ("freq,Time frequency,...").
// Row by row: a bad row is rejected with its line number and the rest go on.
import { codeListOf, normaliseLabel } from "../codelists.js";
import { codeForLabel, labelForCode, normalisePeriod } from "../dimensions.js";
import type { GeoRef } from "../geo.js";
import { datasetFromStructureId, eurostatTimestamp, readFlag, readValue } from "./eurostat.js";
import { readCsvRecords } from "../../../lib/csv.js";
import { CLI_PARAMETERS, ImportFileError, type DatasetInfo, type ImportEvent, type ImporterContext } from "./types.js";

const GEO_COLUMNS = ["geo", "GEO", "REF_AREA"];
const TIME = "TIME_PERIOD";
const VALUE = "OBS_VALUE";
const FLAG = "OBS_FLAG";
/** Attributes that are not dimensions of a series. */
const ATTRIBUTES = new Set([VALUE, FLAG, "OBS_STATUS", "CONF_STATUS", "OBS_CONF", "UNIT_MULT", "DECIMALS", "COMMENT_OBS"]);
const META_V1 = new Set(["DATAFLOW", "LAST UPDATE"]);
const META_V2 = new Set(["STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"]);

interface Component {
  id: string;
  code: number; // column index of the code (or label, in 1.0 labels files)
  label: number | null; // column index of the label column (2.0 with labels)
}

interface Layout {
  version: 1 | 2;
  columns: number;
  meta: Map<string, number>;
  components: Component[];
}

export function isSdmxCsvHeader(line: string): boolean {
  return /^\uFEFF?"?(DATAFLOW|STRUCTURE)"?[,;]/.test(line);
}

function layoutOf(header: string[]): Layout {
  const version = header[0] === "STRUCTURE" ? 2 : 1;
  const metaNames = version === 2 ? META_V2 : META_V1;
  const meta = new Map<string, number>();
  let i = 0;
  while (i < header.length && metaNames.has(header[i]!)) meta.set(header[i]!, i++);
  const rest = header.slice(i);
  // 2.0 with labels: every code column is followed by its label column, so TIME_PERIOD is not
  // directly followed by OBS_VALUE.
  const timeAt = rest.indexOf(TIME);
  const paired = version === 2 && timeAt !== -1 && rest[timeAt + 1] !== undefined && rest[timeAt + 1] !== VALUE;
  const components: Component[] = [];
  for (let j = 0; j < rest.length; j += paired ? 2 : 1) {
    components.push({ id: rest[j]!, code: i + j, label: paired && j + 1 < rest.length ? i + j + 1 : null });
  }
  const ids = components.map((c) => c.id);
  if (!ids.includes(TIME) || !ids.includes(VALUE) || !GEO_COLUMNS.some((g) => ids.includes(g))) {
    throw new ImportFileError(`the SDMX-CSV header needs a geo (or REF_AREA), ${TIME} and ${VALUE} column; found ${header.join(",")}`);
  }
  return { version, columns: header.length, meta, components };
}

const CODE_LIKE = /^[A-Z0-9][A-Z0-9_.-]*$/;

/** A dimension value as code and label: codes are kept (with a label from the file or the code list). */
function dimensionValue(dimension: string, value: string, label: string | null): { code: string; label: string | null } {
  const v = value.trim();
  const known = codeListOf(dimension);
  if (label !== null) return { code: v, label: normaliseLabel(label) || null };
  // A code-like text is a code unless the list knows it only as a label ("PPS" could be either).
  if (CODE_LIKE.test(v) && (known === undefined || known.has(v) || known.codeOf(v) === undefined))
    return { code: v, label: labelForCode(dimension, v) ?? null };
  return { code: codeForLabel(dimension, v), label: normaliseLabel(v) };
}

export async function* importSdmxCsv(context: ImporterContext): AsyncGenerator<ImportEvent> {
  let layout: Layout | null = null;
  let dataset: DatasetInfo | null = null;
  let structureId = "";
  for await (const record of readCsvRecords(context.path, { encoding: context.encoding, onProgress: context.onProgress })) {
    const at = String(record.line);
    if (layout === null) {
      if (record.blank) continue;
      layout = layoutOf(record.fields.map((f) => f.trim()));
      continue;
    }
    if (record.blank) {
      yield { type: "reject", at, reason: "empty line" };
      continue;
    }
    const f = record.fields;
    if (f.length !== layout.columns) {
      yield { type: "reject", at, reason: `expected ${layout.columns} columns, found ${f.length}` };
      continue;
    }
    const metaValue = (name: string) => {
      const i = layout!.meta.get(name);
      return i === undefined ? "" : f[i]!.trim();
    };
    const rowStructure = layout.version === 2 ? metaValue("STRUCTURE_ID") : metaValue("DATAFLOW");
    if (dataset === null) {
      const found = datasetFromStructureId(rowStructure, layout.version === 2 ? metaValue("STRUCTURE_NAME") : undefined);
      if (found === null && context.datasetCode === undefined) {
        yield {
          type: "reject",
          at,
          reason: `cannot read the dataset from "${rowStructure}" (expected AGENCY:CODE(VERSION), such as ESTAT:CRIM_JUST_CTZ(1.0)); give its code with ${(context.parameters ?? CLI_PARAMETERS).dataset}`,
        };
        continue;
      }
      structureId = rowStructure;
      dataset = {
        ...(found ?? { publisher: "unknown", code: context.datasetCode!, title: context.datasetCode!, licence: null, url: null, lastUpdate: null }),
        ...(context.datasetCode ? { code: context.datasetCode } : {}),
        lastUpdate: eurostatTimestamp(metaValue("LAST UPDATE")),
      };
      yield { type: "dataset", dataset };
    } else if (rowStructure !== structureId) {
      yield { type: "reject", at, reason: `row belongs to ${rowStructure}, not ${structureId}` };
      continue;
    }
    if (layout.version === 2 && metaValue("ACTION") !== "" && !["I", "A", "R"].includes(metaValue("ACTION"))) {
      yield { type: "reject", at, reason: `action "${metaValue("ACTION")}" is not supported (only information, append and replace)` };
      continue;
    }

    const dimensions: Record<string, string> = {};
    const labels: Record<string, string> = {};
    let geo: GeoRef | null = null;
    let period: string | null = null;
    let valueText = "";
    let flagText = "";
    let confText = "";
    let problem: string | null = null;
    for (const c of layout.components) {
      const raw = f[c.code]!;
      const label = c.label === null ? null : f[c.label]!;
      if (GEO_COLUMNS.includes(c.id)) {
        const text = raw.trim();
        geo =
          label !== null || (CODE_LIKE.test(text) && text.length <= 12) ? context.geo.eurostatCode(text, label ?? undefined) : context.geo.eurostatLabel(text);
        if (geo === null) geo = context.geo.eurostatLabel(text);
        if (geo === null) problem ??= text === "" ? "geo is empty" : `unknown geo ${label === null && !CODE_LIKE.test(text) ? "label" : "code"} "${text}"`;
      } else if (c.id === TIME) {
        period = normalisePeriod(raw);
        if (period === null) problem ??= `period "${raw.trim()}" is not a period`;
      } else if (c.id === VALUE) valueText = raw;
      else if (c.id === FLAG || c.id === "OBS_STATUS") flagText = raw;
      else if (c.id === "CONF_STATUS") confText = raw;
      else if (!ATTRIBUTES.has(c.id)) {
        if (raw.trim() === "") {
          problem ??= `${c.id} is empty`;
          continue;
        }
        const value = dimensionValue(c.id, raw, label);
        dimensions[c.id] = value.code;
        if (value.label !== null) labels[c.id] = value.label;
      }
    }
    if (problem !== null) {
      yield { type: "reject", at, reason: problem };
      continue;
    }
    const value = readValue(valueText);
    if (value.kind === "bad") {
      yield { type: "reject", at, reason: value.reason };
      continue;
    }
    if (value.kind === "missing") {
      yield { type: "missing", at, key: { dimensions, geo: geo!, period: period! } };
      continue;
    }
    // Confidentiality travels as flag `c` when the publisher sent no flag of its own.
    const flag = readFlag(flagText.trim() === "" && confText.trim().toUpperCase() === "C" ? "c" : flagText);
    if (flag !== null && typeof flag === "object") {
      yield { type: "reject", at, reason: flag.bad };
      continue;
    }
    yield {
      type: "observation",
      observation: { at, dimensions, labels, unit: dimensions["unit"] ?? null, geo: geo!, period: period!, value: value.value, flag },
    };
  }
  if (layout === null) throw new ImportFileError("the file is empty");
}
