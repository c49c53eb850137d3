// Choosing the importer: by --format, or from the file's first line (auto), read as the importers
// read it (unpacked, decoded).
import { firstLine, type TextEncodingName } from "../../../lib/csv.js";
import { isXlsx } from "../../../lib/xlsx.js";
import { importEurostatTsv, isEurostatTsvHeader } from "./eurostat-tsv.js";
import { importGenesisCsv, isGenesisCsvHeader } from "./genesis-csv.js";
import { importGenericCsv } from "./generic-csv.js";
import { importJsonStat, isJsonStatStart } from "./jsonstat.js";
import { importSdmxCsv, isSdmxCsvHeader } from "./sdmx-csv.js";
import { ImportFileError, type ImportFormat, type Importer } from "./types.js";

export const IMPORTERS: Record<ImportFormat, Importer> = {
  "sdmx-csv": importSdmxCsv,
  "eurostat-tsv": importEurostatTsv,
  jsonstat: importJsonStat,
  "genesis-csv": importGenesisCsv,
  csv: importGenericCsv,
};

/**
 * The format of a file from its first line: SDMX-CSV, Eurostat TSV, JSON(-stat), a GENESIS table
 * ("GENESIS-Tabelle: …"), else a generic CSV; an XLSX spreadsheet (by its content) is a generic
 * table, read with its mapping as a CSV is.
 */
export async function detectFormat(path: string, encoding?: TextEncodingName): Promise<ImportFormat> {
  if (await isXlsx(path)) return "csv";
  const first = await firstLine(path, { encoding });
  if (first === "") throw new ImportFileError("the file is empty");
  if (isSdmxCsvHeader(first)) return "sdmx-csv";
  if (isEurostatTsvHeader(first)) return "eurostat-tsv";
  if (isJsonStatStart(first)) return "jsonstat";
  if (isGenesisCsvHeader(first)) return "genesis-csv";
  return "csv";
}
