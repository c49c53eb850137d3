import { describe, expect, it } from "vitest";
import { REFUSED_FILES, SAMPLE_FILES } from "../../testing/files.js";
import { detectMediaType, sanitiseFilename } from "./content.js";

describe("what a file is, told from its content", () => {
  it("when each kind kept is given, then its media type is told from its bytes alone", async () => {
    const kinds = Object.fromEntries(await Promise.all(Object.entries(SAMPLE_FILES).map(async ([name, make]) => [name, await detectMediaType(await make())])));
    expect(kinds).toEqual({
      pdf: "application/pdf",
      png: "image/png",
      jpeg: "image/jpeg",
      text: "text/plain",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      odt: "application/vnd.oasis.opendocument.text",
    });
  });

  it("when a file of another kind is given (or nothing), then it is none the product keeps", async () => {
    for (const [what, make] of Object.entries(REFUSED_FILES)) expect(await detectMediaType(await make()), what).toBeNull();
    expect(await detectMediaType(Buffer.alloc(0))).toBeNull();
    // A zip's signature alone is no document (nor text).
    expect(await detectMediaType(Buffer.from("PK\x03\x04", "latin1"))).toBeNull();
  });
});

describe("a file's name, sanitised", () => {
  it.each([
    ["../../etc/passwd", "text/plain", "passwd.txt"],
    ["C:\\Users\\someone\\Desktop\\notes.TXT", "text/plain", "notes.TXT"],
    ["scan.exe", "application/pdf", "scan.exe.pdf"],
    ["Bericht über das Gespräch.pdf", "application/pdf", "Bericht über das Gespräch.pdf"],
    ['a<b>:c|d?"e*.png', "image/png", "a b c d e.png"],
    ["line\nbreak\u0000.jpg", "image/jpeg", "line break.jpg"],
    ["photo.jpeg", "image/jpeg", "photo.jpeg"],
    ["CON", "text/plain", "file CON.txt"],
    ["...", "application/pdf", "attachment.pdf"],
    [null, "application/vnd.oasis.opendocument.text", "attachment.odt"],
  ] as const)("when %j holds a %s, then it is kept as %j", (name, type, kept) => {
    expect(sanitiseFilename(name, type)).toBe(kept);
  });

  it("when a name is very long, then it is cut to 120 characters, whole characters, keeping its extension", () => {
    const kept = sanitiseFilename(`${"ü".repeat(200)}.docx`, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect([...kept].length).toBe(120);
    expect(kept.endsWith("ü.docx")).toBe(true);
  });
});
