// What every importer yields, whatever the file format: the dataset it belongs to (once, before
// any observation), observations with their dimensions as codes, rows without a value (never
// stored, never zero) and rejected rows with where and why. The service does the writing.
import type { GeoRef, GeoResolver } from "../geo.js";
import type { CsvMapping } from "./mapping.js";
import type { ProgressReport } from "./lines.js";

export const IMPORT_FORMATS = ["sdmx-csv", "eurostat-tsv", "jsonstat", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface DatasetInfo {
  publisher: string;
  code: string;
  title: string;
  licence: string | null;
  url: string | null;
  /** When the publisher last updated the data, as given (ISO 8601 when it could be read). */
  lastUpdate: string | null;
}

export interface ParsedObservation {
  /** Where in the file: a line number, or a position such as `value[17]` for JSON-stat. */
  at: string;
  dimensions: Record<string, string>;
  labels: Record<string, string>;
  unit: string | null;
  geo: GeoRef;
  period: string;
  value: number;
  flag: string | null;
}

export type ImportEvent =
  | { type: "dataset"; dataset: DatasetInfo }
  | { type: "observation"; observation: ParsedObservation }
  | { type: "missing"; at: string }
  | { type: "reject"; at: string; reason: string };

export interface ImporterContext {
  path: string;
  /** The file's name as its owner knows it (the path when not given; null: an upload without one). */
  name?: string | null;
  geo: GeoResolver;
  /** --dataset: the dataset's code when the file does not name it, or to override it. */
  datasetCode?: string;
  mapping?: CsvMapping;
  onProgress?: (progress: ProgressReport) => void;
}

export type Importer = (context: ImporterContext) => AsyncGenerator<ImportEvent>;

/** Thrown for a file that cannot be read as its format at all (a bad header, not a bad row). */
export class ImportFileError extends Error {}
