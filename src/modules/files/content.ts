// What a stored file is, told from its bytes and never from what the client says: the allow-list
// of kinds (PDF, PNG, JPEG, plain text in UTF-8, Word DOCX, Excel XLSX, OpenDocument text), each
// with its media type, its name in words and its file-name extensions; and the file name a client
// gives, sanitised (no folders, no control or reserved characters, an extension that matches the
// content).
import { zipEntryNames } from "../../lib/zip.js";

/** The largest attachment by default (ATTACHMENT_LIMIT_BYTES): 20 MiB. */
export const DEFAULT_ATTACHMENT_LIMIT_BYTES = 20 * 1024 * 1024;

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODT = "application/vnd.oasis.opendocument.text";

/** The kinds of file the product keeps: media type → its name in words and its extensions (the first is added when a name lacks one). */
export const FILE_KINDS = {
  "application/pdf": { words: "PDF document", extensions: ["pdf"] },
  "image/png": { words: "PNG image", extensions: ["png"] },
  "image/jpeg": { words: "JPEG image", extensions: ["jpg", "jpeg"] },
  "text/plain": { words: "plain text", extensions: ["txt", "text"] },
  [DOCX]: { words: "Word document", extensions: ["docx"] },
  [XLSX]: { words: "Excel spreadsheet", extensions: ["xlsx"] },
  [ODT]: { words: "OpenDocument text", extensions: ["odt"] },
} as const satisfies Record<string, { words: string; extensions: readonly string[] }>;
export type FileMediaType = keyof typeof FILE_KINDS;

/** The media types a client may declare when sending a file: the kinds kept, or "some bytes" (the content decides either way). */
export const FILE_UPLOAD_MEDIA_TYPES = [...(Object.keys(FILE_KINDS) as FileMediaType[]), "application/octet-stream"] as const;

/** The kinds kept, in words ("a PDF document, PNG image, …"), for the message refusing another. */
export const KINDS_IN_WORDS = Object.values(FILE_KINDS)
  .map((k) => k.words)
  .join(", ");

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
/** Text holds no control characters but tab, line feed, form feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what tells binary from text
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** An ODF package names its kind in a first, uncompressed entry "mimetype" (ODF 1.2 part 3, 3.3). */
function odfMimetype(bytes: Buffer): string | null {
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  const method = bytes.readUInt16LE(8);
  const size = bytes.readUInt32LE(18);
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  if (method !== 0 || bytes.toString("latin1", 30, 30 + nameLength) !== "mimetype") return null;
  const start = 30 + nameLength + extraLength;
  return start + size <= bytes.length ? bytes.toString("latin1", start, start + size) : null;
}

function isUtf8Text(bytes: Buffer): boolean {
  try {
    return !BINARY_CONTROL.test(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
}

/** The kind of file these bytes are, from their content alone; null when it is none the product keeps. */
export async function detectMediaType(bytes: Buffer): Promise<FileMediaType | null> {
  if (bytes.length === 0) return null;
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (bytes.subarray(0, 3).equals(JPEG_SIGNATURE)) return "image/jpeg";
  const names = await zipEntryNames(bytes);
  if (names) {
    const has = (name: string) => names.includes(name);
    // Macro-enabled documents (a VBA project inside) are not kept, whatever they are called.
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return null;
    if (has("[Content_Types].xml") && has("word/document.xml")) return DOCX;
    if (has("[Content_Types].xml") && has("xl/workbook.xml")) return XLSX;
    if (odfMimetype(bytes) === ODT && has("content.xml")) return ODT;
    return null;
  }
  return isUtf8Text(bytes) ? "text/plain" : null;
}

/** The Content-Type a stored file is served with (text says its encoding). */
export function servedMediaType(mediaType: string): string {
  return mediaType === "text/plain" ? "text/plain; charset=utf-8" : mediaType;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among those a file name may not hold
const RESERVED_CHARACTERS = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
const MAX_NAME = 120;

/**
 * The name a file is stored and served under: the last part of what the client sent (no folders),
 * without control or reserved characters, spaces collapsed, at most 120 characters, never a
 * device name of Windows, and ending with an extension of its kind ("notes" → "notes.txt",
 * "scan.exe" holding a PDF → "scan.exe.pdf"); "attachment" with it when nothing is left.
 */
export function sanitiseFilename(name: string | null | undefined, mediaType: FileMediaType): string {
  const { extensions } = FILE_KINDS[mediaType];
  const last = (name ?? "").normalize("NFC").split(/[/\\]/).at(-1) ?? "";
  let base = last
    .replace(RESERVED_CHARACTERS, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (WINDOWS_DEVICE.test(base)) base = `file ${base}`;
  const found = /\.([^.]+)$/.exec(base);
  const kept = found !== null && (extensions as readonly string[]).includes(found[1]!.toLowerCase());
  const stem = kept ? base.slice(0, -found[0].length) : base;
  const extension = kept ? found[0] : `.${extensions[0]}`;
  // Cut by code points, so a name is never left with half of a character.
  const cut = [...stem]
    .slice(0, MAX_NAME - extension.length)
    .join("")
    .replace(/[\s.]+$/, "");
  return `${cut.length === 0 ? "attachment" : cut}${extension}`;
}
