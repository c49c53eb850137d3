// Eurostat's legacy bulk TSV: a header `indic_de,geo\time<TAB>2008 <TAB>2009 ...`, then one line
// per series: its dimension codes comma-separated (geo last), then one cell per period. A cell is
// a number, optionally followed by a space and flags (`78115 b`), or `:` (no data, possibly with
// a flag: `: c`), which is not stored. Cells carry trailing spaces.
import { labelForCode, normalisePeriod } from "../dimensions.js";
import { basename } from "node:path";
import { eurostatDataset, readFlag, readValue } from "./eurostat.js";
import { readCsvRecords } from "../../../lib/csv.js";
import { ImportFileError, type ImportEvent, type ImporterContext } from "./types.js";

export function isEurostatTsvHeader(line: string): boolean {
  return /^[^\t]*\\time\t/.test(line.replace(/^\uFEFF/, ""));
}

export async function* importEurostatTsv(context: ImporterContext): AsyncGenerator<ImportEvent> {
  let dimensionIds: string[] | null = null;
  let periods: (string | null)[] = [];
  // Eurostat's bulk files carry no dataset code but their name (tps00001.tsv).
  const name = context.name === undefined ? context.path : context.name;
  if (context.datasetCode === undefined && name === null)
    throw new ImportFileError("a Eurostat TSV names its dataset only by its file name: give the dataset code (or the file's name)");
  const code =
    context.datasetCode ??
    basename(name!)
      .replace(/\.(tsv|txt)(\.gz)?$/i, "")
      .toLowerCase();
  // Tab-separated, never quoted: each record's one field before the first tab holds the codes.
  for await (const record of readCsvRecords(context.path, { delimiter: "\t", quoted: false, encoding: context.encoding, onProgress: context.onProgress })) {
    const at = String(record.line);
    const text = record.fields.join("\t");
    if (dimensionIds === null) {
      if (text.trim() === "") continue;
      const [head, ...cells] = text.split("\t");
      const m = /^(.*)\\time$/.exec(head!.trim());
      if (!m) throw new ImportFileError(`the header must start with "dims,geo\\time" and a tab; found "${head}"`);
      dimensionIds = m[1]!.split(",").map((d) => d.trim());
      if (dimensionIds.at(-1) !== "geo") throw new ImportFileError(`the last dimension of the header must be geo; found ${m[1]}`);
      periods = cells.map((c) => normalisePeriod(c));
      const bad = cells.findIndex((_, i) => periods[i] === null);
      if (bad !== -1) throw new ImportFileError(`header column ${bad + 2}: "${cells[bad]!.trim()}" is not a period`);
      yield { type: "dataset", dataset: eurostatDataset(code) };
      continue;
    }
    if (text.trim() === "") {
      yield { type: "reject", at, reason: "empty line" };
      continue;
    }
    const [head, ...cells] = text.split("\t");
    if (cells.length !== periods.length) {
      yield { type: "reject", at, reason: `expected ${periods.length + 1} columns, found ${cells.length + 1}` };
      continue;
    }
    const codes = head!.split(",").map((c) => c.trim());
    if (codes.length !== dimensionIds.length || codes.some((c) => c === "")) {
      yield { type: "reject", at, reason: `expected ${dimensionIds.length} dimension codes (${dimensionIds.join(",")}), found "${head}"` };
      continue;
    }
    const geo = context.geo.eurostatCode(codes.at(-1)!);
    if (geo === null) {
      yield { type: "reject", at, reason: `unknown geo code "${codes.at(-1)}"` };
      continue;
    }
    const dimensions: Record<string, string> = {};
    const labels: Record<string, string> = {};
    dimensionIds.slice(0, -1).forEach((id, i) => {
      dimensions[id] = codes[i]!;
      const label = labelForCode(id, codes[i]!);
      if (label) labels[id] = label;
    });
    // One line holds many observations: each bad cell is its own rejection, named by its period.
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!.trim();
      const [valueText, ...flagParts] = cell.split(/\s+/);
      const value = readValue(valueText);
      if (value.kind === "missing") {
        yield { type: "missing", at, key: { dimensions, geo, period: periods[i]! } };
        continue;
      }
      if (value.kind === "bad") {
        yield { type: "reject", at, reason: `${periods[i]}: ${value.reason}` };
        continue;
      }
      const flag = readFlag(flagParts.join(""));
      if (flag !== null && typeof flag === "object") {
        yield { type: "reject", at, reason: `${periods[i]}: ${flag.bad}` };
        continue;
      }
      yield {
        type: "observation",
        observation: { at, dimensions, labels, unit: dimensions["unit"] ?? null, geo, period: periods[i]!, value: value.value, flag },
      };
    }
  }
  if (dimensionIds === null) throw new ImportFileError("the file is empty");
}
