// The names in a zip's central directory (what an XLSX, DOCX or ODT holds), read with yauzl from a
// file or from bytes in memory; null when it is not a zip. Nothing is unpacked.
import { open } from "node:fs/promises";
import yauzl from "yauzl";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Whether these bytes begin as a zip does (a local file header). */
function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC);
}

/** The names in the zip at `source` (a path, or the bytes themselves), or null when it is not a zip. */
export async function zipEntryNames(source: string | Buffer): Promise<string[] | null> {
  if (typeof source === "string") {
    const file = await open(source, "r");
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await file.read(head, 0, 4, 0);
      if (!looksLikeZip(head.subarray(0, bytesRead))) return null;
    } finally {
      await file.close();
    }
  } else if (!looksLikeZip(source)) return null;
  return new Promise((done) => {
    const opened = (error: Error | null, zip: yauzl.ZipFile | undefined) => {
      if (error || !zip) return done(null);
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on("end", () => done(names));
      zip.on("error", () => done(null));
      zip.readEntry();
    };
    if (typeof source === "string") yauzl.open(source, { lazyEntries: true, autoClose: true }, opened);
    else yauzl.fromBuffer(source, { lazyEntries: true }, opened);
  });
}
