// An uploaded statistics file is written to a temporary file as it arrives and imported from
// there. So memory stays flat whatever the size; the importers work as they do for the command
// line (the format is told from the first line, JSON-stat is read whole); and the import's
// transaction lasts as long as reading a local file takes, not as long as a slow client takes to
// send it (on SQLite every other writer waits for that transaction). The file, readable by this
// process's user only, is removed whatever happens.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Write `body` to a temporary file (in a directory of its own under `parent`), give its path to `use`, remove it. */
export async function withSpooledUpload<T>(body: Readable, use: (path: string) => Promise<T>, parent = tmpdir()): Promise<T> {
  const dir = await mkdtemp(join(parent, "rapporteur-upload-"));
  try {
    const path = join(dir, "upload");
    await pipeline(body, createWriteStream(path, { flags: "wx", mode: 0o600 }));
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
