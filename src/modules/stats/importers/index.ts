// Choosing the importer: by --format, or from the file's first line (auto).
import { open } from "node:fs/promises";
import { importEurostatTsv, isEurostatTsvHeader } from "./eurostat-tsv.js";
import { importGenericCsv } from "./generic-csv.js";
import { importJsonStat, isJsonStatStart } from "./jsonstat.js";
import { importSdmxCsv, isSdmxCsvHeader } from "./sdmx-csv.js";
import { ImportFileError, type ImportFormat, type Importer } from "./types.js";

export const IMPORTERS: Record<ImportFormat, Importer> = {
  "sdmx-csv": importSdmxCsv,
  "eurostat-tsv": importEurostatTsv,
  jsonstat: importJsonStat,
  csv: importGenericCsv,
};

/** The format of a file from its first line: SDMX-CSV, Eurostat TSV, JSON(-stat), else a generic CSV. */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    const first = buffer.subarray(bom, bytesRead).toString("latin1").split(/\r?\n/)[0] ?? "";
    if (first.trim() === "" && bytesRead === 0) throw new ImportFileError("the file is empty");
    if (isSdmxCsvHeader(first)) return "sdmx-csv";
    if (isEurostatTsvHeader(first)) return "eurostat-tsv";
    if (isJsonStatStart(first)) return "jsonstat";
    return "csv";
  } finally {
    await file.close();
  }
}
