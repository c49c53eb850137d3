// JSON-stat 2.0 datasets (the format of Eurostat's statistics API, and of many national offices).
// The document is parsed whole: a JSON-stat response is one object whose values are addressed by
// strides over the dimension sizes, which a streaming tokenizer would have to buffer anyway. The
// file is therefore bounded (MAX_JSONSTAT_BYTES, 64 MiB: about 4 million values); larger
// extractions should be downloaded as SDMX-CSV, which streams. Rejections name the value's
// position (`value[17]`) instead of a line.
import { stat } from "node:fs/promises";
import { readText } from "../../../lib/csv.js";
import { labelForCode, normalisePeriod } from "../dimensions.js";
import { datasetFromStructureId, eurostatDataset, readFlag } from "./eurostat.js";
import { CLI_PARAMETERS, ImportFileError, type ImportEvent, type ImporterContext } from "./types.js";

const MAX_JSONSTAT_BYTES = 64 * 1024 * 1024;

interface JsonStatDimension {
  label?: string;
  category?: { index?: string[] | Record<string, number>; label?: Record<string, string> };
}

interface JsonStatDataset {
  version?: string;
  class?: string;
  label?: string;
  source?: string;
  updated?: string;
  id?: string[];
  size?: number[];
  role?: { time?: string[]; geo?: string[] };
  dimension?: Record<string, JsonStatDimension>;
  value?: (number | null)[] | Record<string, number | null>;
  status?: string | (string | null)[] | Record<string, string>;
  extension?: { datasetId?: string; id?: string };
}

export function isJsonStatStart(line: string): boolean {
  return /^\uFEFF?\s*\{/.test(line);
}

/** Category codes in index order. */
function categoryCodes(id: string, dimension: JsonStatDimension | undefined, size: number): string[] {
  const index = dimension?.category?.index;
  let codes: string[];
  if (Array.isArray(index)) codes = index;
  else if (index && typeof index === "object") {
    codes = [];
    for (const [code, position] of Object.entries(index)) codes[position] = code;
  } else if (dimension?.category?.label && size === 1) codes = Object.keys(dimension.category.label);
  else throw new ImportFileError(`dimension ${id} has no category index`);
  if (codes.length !== size) throw new ImportFileError(`dimension ${id} has ${codes.length} categories but size ${size}`);
  return codes;
}

export async function* importJsonStat(context: ImporterContext): AsyncGenerator<ImportEvent> {
  const { size: bytes } = await stat(context.path);
  if (bytes > MAX_JSONSTAT_BYTES) {
    throw new ImportFileError(
      `a JSON-stat file is read whole and may be at most ${MAX_JSONSTAT_BYTES / 1024 / 1024} MiB (this one is ${(bytes / 1024 / 1024).toFixed(1)} MiB); download the extraction as SDMX-CSV instead`,
    );
  }
  let document: JsonStatDataset;
  try {
    let text = "";
    // Through the one text reader, so a gzip or zip download reads as the plain file does.
    for await (const block of readText(context.path, { encoding: context.encoding })) {
      text += block;
      if (text.length > MAX_JSONSTAT_BYTES)
        throw new ImportFileError(
          `a JSON-stat file is read whole and may be at most ${MAX_JSONSTAT_BYTES / 1024 / 1024} MiB unpacked; download the extraction as SDMX-CSV instead`,
        );
    }
    document = JSON.parse(text) as JsonStatDataset;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ImportFileError(`not valid JSON: ${(error as Error).message}`);
  }
  context.onProgress?.({ bytes, totalBytes: bytes, lines: 0 });
  if (document.class !== "dataset" || !Array.isArray(document.id) || !Array.isArray(document.size) || document.id.length !== document.size.length) {
    throw new ImportFileError('not a JSON-stat 2.0 dataset (expected "class": "dataset" with "id" and "size" of equal length)');
  }
  const ids = document.id;
  const sizes = document.size;
  const geoId = document.role?.geo?.[0] ?? ids.find((d) => d === "geo" || d === "GEO" || d === "REF_AREA");
  const timeId = document.role?.time?.[0] ?? ids.find((d) => d === "time" || d === "TIME_PERIOD");
  if (geoId === undefined || timeId === undefined) throw new ImportFileError("the dataset needs a geo and a time dimension (role.geo, role.time)");
  const codes = ids.map((id, i) => categoryCodes(id, document.dimension?.[id], sizes[i]!));

  const datasetId = document.extension?.datasetId ?? document.extension?.id;
  const named = datasetId
    ? (datasetFromStructureId(`${document.source === "ESTAT" || document.source === undefined ? "ESTAT" : document.source}:${datasetId}`, document.label) ??
      null)
    : null;
  const code = context.datasetCode ?? named?.code;
  if (code === undefined)
    throw new ImportFileError(
      `the document does not name its dataset (extension.datasetId); give its code with ${(context.parameters ?? CLI_PARAMETERS).dataset}`,
    );
  yield { type: "dataset", dataset: { ...(named ?? eurostatDataset(code, document.label)), code, lastUpdate: document.updated ?? null } };

  const strides = sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a * b, 1));
  const total = sizes.reduce((a, b) => a * b, 1);
  const statusOf = (i: number): string | null | undefined => {
    const s = document.status;
    if (s === undefined || s === null) return null;
    if (typeof s === "string") return s;
    return Array.isArray(s) ? s[i] : s[String(i)];
  };
  const values = document.value ?? [];
  const positions: Iterable<number> = Array.isArray(values) ? values.keys() : Object.keys(values).map(Number);
  for (const i of positions) {
    const at = `value[${i}]`;
    if (!Number.isInteger(i) || i < 0 || i >= total) {
      yield { type: "reject", at, reason: `position is outside the cube of ${total} cells` };
      continue;
    }
    const raw = Array.isArray(values) ? values[i] : values[String(i)];
    if (raw !== null && raw !== undefined && (typeof raw !== "number" || !Number.isFinite(raw))) {
      yield { type: "reject", at, reason: `value ${JSON.stringify(raw)} is not a number` };
      continue;
    }
    const dimensions: Record<string, string> = {};
    const labels: Record<string, string> = {};
    let geoCode = "";
    let periodText = "";
    ids.forEach((id, d) => {
      const category = codes[d]![Math.floor(i / strides[d]!) % sizes[d]!]!;
      if (id === geoId) geoCode = category;
      else if (id === timeId) periodText = category;
      else {
        dimensions[id] = category;
        const label = document.dimension?.[id]?.category?.label?.[category] ?? labelForCode(id, category);
        if (label) labels[id] = label;
      }
    });
    const geo = context.geo.eurostatCode(geoCode, document.dimension?.[geoId]?.category?.label?.[geoCode]);
    if (raw === null || raw === undefined) {
      const period = normalisePeriod(periodText);
      yield geo !== null && period !== null ? { type: "missing", at, key: { dimensions, geo, period } } : { type: "missing", at };
      continue;
    }
    if (geo === null) {
      yield { type: "reject", at, reason: `unknown geo code "${geoCode}"` };
      continue;
    }
    const period = normalisePeriod(periodText);
    if (period === null) {
      yield { type: "reject", at, reason: `period "${periodText}" is not a period` };
      continue;
    }
    const flag = readFlag(statusOf(i) ?? "");
    if (flag !== null && typeof flag === "object") {
      yield { type: "reject", at, reason: flag.bad };
      continue;
    }
    yield { type: "observation", observation: { at, dimensions, labels, unit: dimensions["unit"] ?? null, geo, period, value: raw, flag } };
  }
}
