// An upload's temporary file: it holds exactly what arrived, only its owner may read it, and it is
// gone afterwards whether the import succeeded, failed, or the upload broke off.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { withSpooledUpload } from "./upload.js";

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
});
