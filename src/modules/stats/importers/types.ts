// What every importer yields, whatever the file format: the dataset it belongs to (once, before
// any observation), observations with their dimensions as codes, rows without a value (never
// stored, never zero) and rejected rows with where and why. The service does the writing.
import type { GeoRef, GeoResolver } from "../geo.js";
import type { CsvMapping } from "./mapping.js";
import type { ProgressReport, TextEncodingName } from "../../../lib/csv.js";

export const IMPORT_FORMATS = ["sdmx-csv", "eurostat-tsv", "jsonstat", "genesis-csv", "csv"] as const;
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

/** Which observation: its series' dimensions, its geo and period. */
export interface ObservationKey {
  dimensions: Record<string, string>;
  geo: GeoRef;
  period: string;
}

export type ImportEvent =
  | { type: "dataset"; dataset: DatasetInfo }
  | { type: "observation"; observation: ParsedObservation }
  /** A row without a value; `key` says which observation it is, so a newer revision can withdraw it. */
  | { type: "missing"; at: string; key?: ObservationKey }
  | { type: "reject"; at: string; reason: string };

export interface ImporterContext {
  path: string;
  /** The file's name as its owner knows it (the path when not given; null: an upload without one). */
  name?: string | null;
  geo: GeoResolver;
  /**
   * How the caller names its parameters in messages: the command line's flags, or an upload's
   * query parameters (an upload's error must not tell its client to pass a flag).
   */
  parameters?: ParameterNames;
  /** --dataset: the dataset's code when the file does not name it, or to override it. */
  datasetCode?: string;
  mapping?: CsvMapping;
  /** --encoding: the file's text encoding when detection is not wanted (a mapping may give it too). */
  encoding?: TextEncodingName;
  onProgress?: (progress: ProgressReport) => void;
}

export interface ParameterNames {
  dataset: string;
  mapping: string;
}

export const CLI_PARAMETERS: ParameterNames = { dataset: "--dataset CODE", mapping: "--mapping FILE" };
export const UPLOAD_PARAMETERS: ParameterNames = { dataset: "the upload's dataset parameter (?dataset=CODE)", mapping: "the upload's mapping parameter" };

export type Importer = (context: ImporterContext) => AsyncGenerator<ImportEvent>;

/** Thrown for a file that cannot be read as its format at all (a bad header, not a bad row). */
export class ImportFileError extends Error {}
