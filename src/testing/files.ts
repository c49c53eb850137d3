// Small real files of every kind the files module keeps (and a few it refuses), made here rather
// than checked in: a PDF, PNG and JPEG by their first bytes and a little more, UTF-8 text, and
// DOCX, XLSX, ODT packages zipped by JSZip as office programs lay them out.
import JSZip from "jszip";

const zipOf = async (entries: [string, string, "STORE"?][]): Promise<Buffer> => {
  const zip = new JSZip();
  for (const [name, content, store] of entries) zip.file(name, content, store ? { compression: "STORE" } : {});
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
};

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const SAMPLE_FILES = {
  pdf: async () => Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"),
  png: async () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("\x00\x00\x00\x0dIHDR", "latin1")]),
  jpeg: async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]),
  text: async () => Buffer.from("Notes of the meeting: the ministry promised figures by May.\r\nÜbersetzung folgt.\n", "utf8"),
  docx: async () =>
    zipOf([
      ["[Content_Types].xml", CONTENT_TYPES],
      ["word/document.xml", "<w:document/>"],
    ]),
  xlsx: async () =>
    zipOf([
      ["[Content_Types].xml", CONTENT_TYPES],
      ["xl/workbook.xml", "<workbook/>"],
    ]),
  odt: async () =>
    zipOf([
      ["mimetype", "application/vnd.oasis.opendocument.text", "STORE"],
      ["content.xml", "<office:document-content/>"],
      ["META-INF/manifest.xml", "<manifest:manifest/>"],
    ]),
};

/** Files of kinds the product does not keep, with what they are in words. */
export const REFUSED_FILES: Record<string, () => Promise<Buffer>> = {
  "a GIF image": async () => Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
  "a Windows program": async () => Buffer.concat([Buffer.from("MZ", "latin1"), Buffer.alloc(62)]),
  "binary data that is not text": async () => Buffer.from([0x00, 0x01, 0x02, 0x03, 0x41, 0x42]),
  "text that is not UTF-8": async () => Buffer.from("Caf\xe9 cr\xe8me", "latin1"),
  "a macro-enabled Word document": async () =>
    zipOf([
      ["[Content_Types].xml", CONTENT_TYPES],
      ["word/document.xml", "<w:document/>"],
      ["word/vbaProject.bin", "macro"],
    ]),
  "a zip of other files": async () => zipOf([["readme.txt", "hello"]]),
  "an OpenDocument spreadsheet": async () =>
    zipOf([
      ["mimetype", "application/vnd.oasis.opendocument.spreadsheet", "STORE"],
      ["content.xml", "<office:document-content/>"],
    ]),
};
