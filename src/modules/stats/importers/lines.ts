// Reading a file a line (or a CSV record) at a time, whatever its size: bytes are decoded chunk by
// chunk with TextDecoder (UTF-8 or ISO-8859-1), a BOM is dropped, CRLF and LF both end a line,
// and only the current line is held in memory.
import { createReadStream, statSync } from "node:fs";

type TextEncodingName = "utf-8" | "iso-8859-1";

export interface Line {
  number: number; // 1-based
  text: string;
}

export interface ProgressReport {
  bytes: number;
  totalBytes: number;
  lines: number;
}

export interface ReadOptions {
  encoding?: TextEncodingName;
  onProgress?: (progress: ProgressReport) => void;
}

export async function* readLines(path: string, options: ReadOptions = {}): AsyncGenerator<Line> {
  const totalBytes = statSync(path).size;
  // `fatal` so a file that is not UTF-8 fails loudly instead of filling with U+FFFD.
  const decoder = new TextDecoder(options.encoding ?? "utf-8", { fatal: options.encoding !== "iso-8859-1" });
  let pending = "";
  let number = 0;
  let bytes = 0;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    bytes += (chunk as Buffer).length;
    let text = decoder.decode(chunk as Buffer, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    pending += text;
    let start = 0;
    for (let end = pending.indexOf("\n", start); end !== -1; end = pending.indexOf("\n", start)) {
      const line = pending.charCodeAt(end - 1) === 13 ? pending.slice(start, end - 1) : pending.slice(start, end);
      start = end + 1;
      yield { number: ++number, text: line };
    }
    pending = pending.slice(start);
    options.onProgress?.({ bytes, totalBytes, lines: number });
  }
  pending += decoder.decode();
  if (pending !== "") yield { number: ++number, text: pending.endsWith("\r") ? pending.slice(0, -1) : pending };
  options.onProgress?.({ bytes, totalBytes, lines: number });
}

export interface CsvRecord {
  /** The line the record starts on. */
  line: number;
  fields: string[];
  /** The record's raw text was empty (a blank line). */
  blank: boolean;
  /** A quote was still open at the end of the file. */
  unterminated?: boolean;
}

/**
 * RFC 4180 records over `readLines`: quoted fields with doubled quotes and the delimiter inside.
 * With `multiline` a quoted field may span lines (the record keeps the line it started on); without
 * it (the default: statistics files never need it) an unclosed quote ends at the end of its line
 * and the record is marked `unterminated`, so one broken line cannot swallow the rest of the file.
 */
export async function* readCsvRecords(lines: AsyncIterable<Line>, delimiter = ",", multiline = false): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let startLine = 0;
  for await (const { number, text } of lines) {
    if (!quoted) {
      startLine = number;
      if (text.trim() === "") {
        yield { line: number, fields: [], blank: true };
        continue;
      }
    } else {
      field += "\n";
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else field += ch;
      } else if (ch === '"' && field === "") {
        quoted = true;
      } else if (ch === delimiter) {
        fields.push(field);
        field = "";
      } else field += ch;
    }
    if (quoted && multiline) continue;
    if (quoted) {
      yield { line: startLine, fields: [...fields, field], blank: false, unterminated: true };
      fields = [];
      field = "";
      quoted = false;
      continue;
    }
    fields.push(field);
    yield { line: startLine, fields, blank: false };
    fields = [];
    field = "";
  }
  if (quoted) yield { line: startLine, fields: [...fields, field], blank: false, unterminated: true };
}
