// Stored files, kept in the database so that every app server on one PostgreSQL serves them (an
// engagement's attachments now; an incident's evidence and a feed's archived pages later). A module
// that keeps files owns the link from its records to them and decides who may see them; this one
// checks what a file is (from its content: content.ts), sanitises its name, hashes it, stores it,
// and gives it back. It names no person: the audit log of the module that stores a file says who.
// The SQL stays in repo.ts.
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { ValidationError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { detectMediaType, FILE_KINDS, KINDS_IN_WORDS, sanitiseFilename, servedMediaType, type FileMediaType } from "./content.js";
import { deleteFileRow, fileSummaryRows, findFileRow, insertFile, type FileSummaryRow } from "./repo.js";
import type { StoredFile } from "./schema.js";

export { DEFAULT_ATTACHMENT_LIMIT_BYTES, FILE_KINDS, FILE_UPLOAD_MEDIA_TYPES } from "./content.js";
export { storedFile, storedFileList, type StoredFile } from "./schema.js";

const present = (row: FileSummaryRow): StoredFile => ({
  id: row.id,
  filename: row.filename,
  media_type: row.media_type,
  kind: FILE_KINDS[row.media_type as FileMediaType]?.words ?? row.media_type,
  size_bytes: row.size_bytes,
  sha256: row.sha256,
  created_at: row.created_at,
});

/** An upload's bytes, whole (its route bounds their number: a 413 past the limit). */
export async function readUpload(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * Keep a file: 400 (an issue at "file") when it is empty or of a kind the product does not keep.
 * Its media type comes from its content, its name is sanitised; written with `db` (the caller's
 * transaction, beside its own link to the file).
 */
export async function storeFile(db: Kysely<Database>, input: { bytes: Buffer; filename: string | null; now: string }): Promise<StoredFile> {
  if (input.bytes.length === 0) throw new ValidationError([{ path: "file", message: "the file is empty" }]);
  const mediaType = await detectMediaType(input.bytes);
  if (mediaType === null) {
    throw new ValidationError([
      { path: "file", message: `this kind of file is not kept: send a ${KINDS_IN_WORDS} (the kind is told from the content, not the name)` },
    ]);
  }
  const row = {
    id: newId(),
    sha256: createHash("sha256").update(input.bytes).digest("hex"),
    size_bytes: input.bytes.length,
    media_type: mediaType,
    filename: sanitiseFilename(input.filename, mediaType),
    created_at: input.now,
  };
  await insertFile(db, { ...row, content: input.bytes });
  return present(row);
}

/** What is known of these files (not their bytes), in no particular order. */
export async function fileSummaries(db: Kysely<Database>, ids: readonly string[]): Promise<StoredFile[]> {
  return (await fileSummaryRows(db, ids)).map(present);
}

/** A file to send: its bytes, its name and the Content-Type it is served with; undefined when there is none. */
export async function fileContent(db: Kysely<Database>, id: string): Promise<{ file: Buffer; filename: string; mediaType: string } | undefined> {
  const row = await findFileRow(db, id);
  return row && { file: Buffer.from(row.content), filename: row.filename, mediaType: servedMediaType(row.media_type) };
}

/** Remove a file's bytes and what is known of it (the caller's record of it stays in its audit log). */
export async function removeFile(db: Kysely<Database>, id: string): Promise<boolean> {
  return deleteFileRow(db, id);
}
