// An uploaded statistics file is written to a temporary file as it arrives and imported from
// there. So memory stays flat whatever the size; the importers work as they do for the command
// line (the format is told from the first line, JSON-stat is read whole); and the import's
// transaction lasts as long as reading a local file takes, not as long as a slow client takes to
// send it (on SQLite every other writer waits for that transaction). The file, readable by this
// process's user only, is removed whatever happens.
//
// "Whatever happens" cannot cover a process killed mid-upload, so the files live in a folder of
// our own under the temp dir (rapporteur-uploads/), one sub-folder per upload named after the
// process that made it (<pid>-<random>); `removeStaleSpools` runs when the server starts and removes
// those whose process is gone. Other servers' live uploads in the same temp dir are left alone.
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** The folder of our own that holds the uploads in progress. */
export function spoolRoot(parent = tmpdir()): string {
  return join(parent, "rapporteur-uploads");
}

/** Write `body` to a temporary file (in a folder of its own under `root`), give its path to `use`, remove it. */
export async function withSpooledUpload<T>(body: Readable, use: (path: string) => Promise<T>, root = spoolRoot()): Promise<T> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(root, `${process.pid}-`));
  try {
    const path = join(dir, "upload");
    await pipeline(body, createWriteStream(path, { flags: "wx", mode: 0o600 }));
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove the uploads left by processes that are gone (killed mid-upload). Returns the folders removed. */
export async function removeStaleSpools(root = spoolRoot()): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const stale = entries.filter((name) => {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(join(root, name), { recursive: true, force: true })));
  return stale;
}
