// An upload's temporary file: it holds exactly what arrived, only its owner may read it, and it is
// gone afterwards whether the import succeeded, failed, or the upload broke off; what a killed
// server left behind is removed when a server starts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { removeStaleSpools, spoolRoot, withSpooledUpload } from "./upload.js";

const chunks = (...parts: (string | Error)[]) =>
  Readable.from(
    (async function* () {
      for (const part of parts) {
        if (part instanceof Error) throw part;
        yield Buffer.from(part);
      }
    })(),
  );

describe("an upload's temporary file", () => {
  it("when the import reads it, then it holds the body byte for byte, is private, and is removed afterwards", async () => {
    let seen = "";
    const result = await withSpooledUpload(chunks("DATAFLOW,geo\n", "ESTAT:X(1.0),", "DE\n"), async (path) => {
      seen = path;
      expect(readFileSync(path, "utf8")).toBe("DATAFLOW,geo\nESTAT:X(1.0),DE\n");
      expect(statSync(path).mode & 0o777).toBe(0o600);
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).not.toBe("");
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it("when the import fails, then the failure comes through and the file is removed", async () => {
    let seen = "";
    await expect(
      withSpooledUpload(chunks("a,b\n"), async (path) => {
        seen = path;
        throw new Error("the import failed");
      }),
    ).rejects.toThrow("the import failed");
    expect(existsSync(dirname(seen))).toBe(false);
  });

  it("when the upload breaks off, then the import never starts and nothing is left behind", async () => {
    const parent = mkdtempSync(join(tmpdir(), "rapporteur-upload-test-"));
    try {
      let started = false;
      await expect(
        withSpooledUpload(
          chunks("a,b\n", new Error("the client went away")),
          async () => {
            started = true;
          },
          parent,
        ),
      ).rejects.toThrow("the client went away");
      expect(started).toBe(false);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("when an upload is spooled, then its file is in our own folder under the temp dir, in a folder named after this process", async () => {
    let seen = "";
    await withSpooledUpload(chunks("a,b\n"), async (path) => {
      seen = path;
    });
    expect(dirname(dirname(seen))).toBe(spoolRoot());
    expect(dirname(spoolRoot())).toBe(tmpdir());
    expect(basename(dirname(seen))).toMatch(new RegExp(`^${process.pid}-`));
  });

  it("when a server starts, then it removes the spooled files of its own ended jobs only: another installation's jobs sharing the temporary folder are kept", async () => {
    const parent = mkdtempSync(join(tmpdir(), "rapporteur-spool-test-"));
    try {
      const root = spoolRoot(parent);
      const [done, running, elsewhere] = [
        "0193a1a2-0000-7000-8000-00000000000a",
        "0193a1a2-0000-7000-8000-00000000000b",
        "0193a1a2-0000-7000-8000-00000000000c",
      ];
      for (const id of [done, running, elsewhere]) {
        mkdirSync(join(root, `job-${id}`), { recursive: true });
        writeFileSync(join(root, `job-${id}`, "upload"), "an upload");
      }
      // This database knows `done` (ended) and `running`; `elsewhere` is another database's job.
      const ended = async (ids: string[]) => new Set(ids.filter((id) => id === done));
      expect(await removeStaleSpools(root, ended)).toEqual([`job-${done}`]);
      expect(readdirSync(root).sort()).toEqual([`job-${elsewhere}`, `job-${running}`].sort());
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("when a server was killed during an upload, then its spool folder is removed at the next start, and live processes' uploads are kept", async () => {
    const parent = mkdtempSync(join(tmpdir(), "rapporteur-spool-test-"));
    try {
      const root = spoolRoot(parent);
      // A process that has certainly ended: it ran to completion before we look.
      const ended = spawnSync(process.execPath, ["-e", ""]).pid!;
      const leftOver = (name: string) => {
        mkdirSync(join(root, name), { recursive: true });
        writeFileSync(join(root, name, "upload"), "half an upload");
      };
      leftOver(`${ended}-AbCdEf`);
      leftOver(`${process.pid}-GhIjKl`);
      leftOver(`${process.ppid}-MnOpQr`);
      leftOver("not-ours");
      expect(await removeStaleSpools(root)).toEqual([`${ended}-AbCdEf`]);
      expect(readdirSync(root).sort()).toEqual([`${process.pid}-GhIjKl`, `${process.ppid}-MnOpQr`, "not-ours"].sort());
      expect(await removeStaleSpools(join(parent, "never-made"))).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
