// The one reader of every CSV (and tab-separated or line-oriented text file) the product takes in,
// built on csv-parse. A file is told by its content, not its name: gzip (1f 8b) is unpacked as it
// is read, a zip (PK\x03\x04) must hold one text file, which is read from the archive; a
// spreadsheet or other binary file is refused by name. Text is UTF-8 (with or without a BOM) unless
// its first block is not valid UTF-8, in which case it is Windows-1252 (which covers ISO-8859-1);
// the caller may force either. Only the block being parsed is held in memory, whatever the size,
// and progress is reported by the bytes read from the file as it stands on disk.
//
// Reference data shipped with the product (the ISO country list) is small and read whole with the
// same parser and options (`parseCsvRecords`).
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { CsvError, parse, type Options } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import yauzl from "yauzl";

export const TEXT_ENCODINGS = ["utf-8", "iso-8859-1", "windows-1252"] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

export interface ProgressReport {
  bytes: number;
  totalBytes: number;
  lines: number;
}

export interface ReadOptions {
  /** Forced; else detected (UTF-8 when the first block is valid UTF-8, else Windows-1252). */
  encoding?: TextEncodingName;
  onProgress?: (progress: ProgressReport) => void;
}

export interface CsvOptions extends ReadOptions {
  delimiter?: string;
  /** False for files that never quote (Eurostat's TSV): a `"` is then an ordinary character. */
  quoted?: boolean;
}

export interface CsvRecord {
  /** The 1-based line the record starts on. */
  line: number;
  fields: string[];
  /** The line was empty (or only white space). */
  blank: boolean;
}

/** A file that cannot be read as text at all; `line` when the problem is at one. */
export class TextFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

type Compression = "none" | "gzip" | "zip";

const BLOCK = 256 * 1024;

async function compressionOf(path: string): Promise<Compression> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
    if (bytesRead === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return "zip";
    return "none";
  } finally {
    await file.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((done, fail) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? fail(error) : done(zip))));
}

/** The one text file in a zip, as a stream of its unpacked bytes. */
async function zipEntryStream(path: string, counted: (bytes: number) => void): Promise<ByteSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new TextFileError(`the file starts as a zip archive but cannot be read as one (${(error as Error).message})`);
  }
  const entries: yauzl.Entry[] = await new Promise((done, fail) => {
    const found: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      found.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => done(found));
    zip.on("error", fail);
    zip.readEntry();
  });
  const names = entries.map((e) => e.fileName);
  if (names.includes("[Content_Types].xml"))
    throw new TextFileError(
      "the file is a spreadsheet or office document (a zip of XML parts), not a text file: an XLSX is read as a table with a column mapping (lib/xlsx.ts); save anything else as CSV",
    );
  const files = entries.filter((e) => !e.fileName.endsWith("/") && !e.fileName.startsWith("__MACOSX/") && !/(^|\/)\./.test(e.fileName));
  if (files.length !== 1) {
    zip.close();
    throw new TextFileError(
      files.length === 0
        ? "the zip archive holds no file"
        : `the zip archive holds ${files.length} files (${files.map((f) => f.fileName).join(", ")}); import one at a time`,
    );
  }
  const stream: Readable = await new Promise((done, fail) => zip.openReadStream(files[0]!, (error, s) => (error ? fail(error) : done(s))));
  // Progress through an archive: the unpacked bytes against the unpacked size.
  stream.on("data", (chunk) => counted((chunk as Buffer).length));
  return { stream, close: () => zip.close(), totalBytes: files[0]!.uncompressedSize };
}

interface ByteSource {
  stream: Readable;
  close: () => void;
  totalBytes: number;
}

/** The file's bytes, unpacked when it is compressed, counting the bytes read from disk. */
async function byteSource(path: string, counted: (bytes: number) => void): Promise<ByteSource> {
  const compression = await compressionOf(path);
  if (compression === "zip") return zipEntryStream(path, counted);
  const totalBytes = (await stat(path)).size;
  const raw = createReadStream(path, { highWaterMark: BLOCK });
  raw.on("data", (chunk) => counted((chunk as Buffer).length));
  if (compression === "none") return { stream: raw, close: () => raw.destroy(), totalBytes };
  const gunzip = createGunzip();
  raw.on("error", (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  return { stream: gunzip, close: () => raw.destroy(), totalBytes };
}

function isUtf8(block: Buffer): boolean {
  try {
    // `stream` so a character cut at the end of the block does not count against it.
    new TextDecoder("utf-8", { fatal: true }).decode(block, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's text, block by block: unpacked, decoded, without its BOM. A NUL character means the
 * file is binary (it is refused, and its bytes are never quoted back); an invalid UTF-8 sequence
 * after a valid first block is refused with its line.
 */
export async function* readText(path: string, options: ReadOptions = {}): AsyncGenerator<string> {
  let bytes = 0;
  const source = await byteSource(path, (n) => (bytes += n));
  const totalBytes = source.totalBytes;
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let encoding: TextEncodingName | null = options.encoding ?? null;
  let line = 1;
  let first = true;
  try {
    for await (const chunk of unpacked(source.stream)) {
      const block = chunk;
      encoding ??= isUtf8(block) ? "utf-8" : "windows-1252";
      decoder ??= new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
      let text: string;
      try {
        text = decoder.decode(block, { stream: true });
      } catch {
        throw new TextFileError(
          "the text is not valid UTF-8 here; give its encoding (iso-8859-1 or windows-1252)",
          line + countLines(block.subarray(0, firstInvalidUtf8(block))),
        );
      }
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      const nul = text.indexOf("\u0000");
      if (nul !== -1) throw new TextFileError("the file holds binary data (a NUL byte), so it is not a text file", line + countLines(text.slice(0, nul)));
      line += countLines(text);
      if (text !== "") yield text;
      options.onProgress?.({ bytes, totalBytes, lines: line - 1 });
    }
    const rest = decoder?.decode() ?? "";
    if (rest !== "") yield rest;
    options.onProgress?.({ bytes: totalBytes, totalBytes, lines: line - 1 });
  } finally {
    source.close();
  }
}

/** The stream's blocks, a damaged archive said in words (zlib's and yauzl's errors name no file). */
async function* unpacked(stream: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code.startsWith("Z_") || /invalid|corrupt|unexpected end/i.test((error as Error).message))
      throw new TextFileError(`the compressed file is damaged or cut short (${(error as Error).message})`);
    throw error;
  }
}

/** Where the first byte that cannot be UTF-8 is (the block's length when none is). */
function firstInvalidUtf8(block: Buffer): number {
  for (let i = 0; i < block.length; ) {
    const b = block[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (size === 0) return i;
    for (let k = 1; k < size; k++) if (i + k < block.length && (block[i + k]! & 0xc0) !== 0x80) return i;
    i += size;
  }
  return block.length;
}

/** Lines in a block of text, or the newlines before an invalid byte (a rough line for the error). */
function countLines(text: string | Buffer): number {
  const body = typeof text === "string" ? text : text.toString("latin1");
  let n = 0;
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) n++;
  return n;
}

/** The file's first line (unpacked and decoded): for telling its format. */
export async function firstLine(path: string, options: ReadOptions = {}): Promise<string> {
  let text = "";
  for await (const block of readText(path, options)) {
    text += block;
    const end = text.search(/\r?\n/);
    if (end !== -1) return text.slice(0, end);
    if (text.length > BLOCK) break;
  }
  return text;
}

function parserOptions(options: CsvOptions): Options {
  return {
    delimiter: options.delimiter ?? ",",
    quote: options.quoted === false ? false : '"',
    record_delimiter: ["\r\n", "\n"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  };
}

/** The file's CSV records, one at a time, each with the line it starts on. */
export async function* readCsvRecords(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const parser = parse(parserOptions(options));
  const done = pipeline(Readable.from(readText(path, options), { objectMode: false }), parser);
  done.catch(() => {}); // the error surfaces in the loop below
  let nextLine = 1;
  try {
    for await (const item of parser) {
      const { record, info } = item as { record: string[]; info: { lines: number } };
      const line = nextLine;
      nextLine = info.lines + 1;
      yield { line, fields: record, blank: record.length === 1 && record[0]!.trim() === "" };
    }
    await done;
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED")
      throw new TextFileError("a quoted field is not closed (its quote runs to the end of the file)", nextLine);
    if (error instanceof CsvError) throw new TextFileError(error.message.replace(/\s+at line \d+.*$/, ""), nextLine);
    throw error;
  } finally {
    parser.destroy();
  }
}

/** A small CSV text read whole (reference data, tests' expectations): its rows of fields. */
export function parseCsv(text: string, delimiter = ","): string[][] {
  return parseSync(text, { ...parserOptions({ delimiter }), info: false, bom: true, skip_empty_lines: true }) as string[][];
}

/** Rows as objects keyed by the header row. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}
