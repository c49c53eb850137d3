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
//
// An upload imported as a job (stats/import-job.ts) outlives its request: once spooled, its folder
// is renamed job-<job id> (`keepForJob`) and removed when the job ends; the clean-up at start
// removes such a folder only when this database holds its job and the job has ended (a job it does
// not know may be another installation's, sharing the temp dir).
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
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

const JOB_SPOOL = /^job-([0-9a-f-]{36})$/;

/** Move a spooled upload (withSpooledUpload's `path`) to the folder of the job that will import it; its new path. */
export async function keepForJob(path: string, jobId: string, root = spoolRoot()): Promise<string> {
  const dir = join(root, `job-${jobId}`);
  await mkdir(dir, { mode: 0o700 });
  const kept = join(dir, "upload");
  await rename(path, kept);
  return kept;
}

/** Remove a job's spooled upload (when the job has ended). */
export async function removeJobSpool(path: string): Promise<void> {
  if (JOB_SPOOL.test(basename(dirname(path)))) await rm(dirname(path), { recursive: true, force: true });
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

/**
 * Remove the uploads left by processes that are gone (killed mid-upload), and the uploads of jobs
 * that have ended (`ended` says which of the jobs named by folders this database holds and has
 * seen end). A job this database does not know is left alone: the temporary folder may be shared
 * with another installation (or another test run) whose jobs are still reading their files.
 * Returns the folders removed.
 */
export async function removeStaleSpools(root = spoolRoot(), ended: (jobIds: string[]) => Promise<Set<string>> = async () => new Set()): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const jobIds = entries.flatMap((name) => JOB_SPOOL.exec(name)?.[1] ?? []);
  const over = await ended(jobIds);
  const stale = entries.filter((name) => {
    const job = JOB_SPOOL.exec(name)?.[1];
    if (job !== undefined) return over.has(job);
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(join(root, name), { recursive: true, force: true })));
  return stale;
}
