// What the PDF tests use to look at a rendered PDF as a reader would: Debian's poppler-utils
// (pdfinfo, pdftoppm, pdftotext, pdffonts). Without them the PDF tests cannot run: in CI (CI=true)
// that fails the run; elsewhere it is shouted, as test/global-setup.ts does for PostgreSQL.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export const popplerAvailable = (): boolean => spawnSync("pdftoppm", ["-v"]).error === undefined;
export const inCi = (): boolean => process.env["CI"] === "true" || process.env["CI"] === "1";

export function popplerMissingWarning(): string {
  const bar = "!".repeat(78);
  return (
    `\n${bar}\n!! pdftoppm (poppler-utils) is not installed: the PDF RENDERER TESTS ARE SKIPPED.\n` +
    `!! Install it: apt-get install -y poppler-utils. CI (CI=true) fails instead of skipping.\n${bar}\n\n`
  );
}

export function pageCount(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

export function pageText(pdf: string, page: number): string {
  return execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
}

export function fonts(pdf: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync("pdffonts", [pdf], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  // Columns: name type encoding emb sub uni object ID; "emb" is the fourth field from the right's end.
  return lines.map((line) => {
    const fields = line.trim().split(/\s+/);
    return { name: fields[0]!, embedded: fields[fields.length - 5] === "yes" };
  });
}

export interface Raster {
  width: number;
  height: number;
  /** RGB bytes, row by row. */
  pixels: Buffer;
}

/** A binary PPM (P6) as pdftoppm writes it without -png. */
export function readPpm(file: string): Raster {
  const data = readFileSync(file);
  let offset = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]!))) offset++;
    if (data[offset] === 0x23) {
      while (data[offset] !== 0x0a) offset++;
      continue;
    }
    let token = "";
    while (!/\s/.test(String.fromCharCode(data[offset]!))) token += String.fromCharCode(data[offset++]!);
    fields.push(token);
  }
  offset++; // the single white-space character after the maximum value
  if (fields[0] !== "P6" || fields[3] !== "255") throw new Error(`${file}: not an 8-bit P6 PPM`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, pixels: data.subarray(offset, offset + width * height * 3) };
}

/** How many pixels are within `tolerance` (per channel) of a colour such as "#1f5fa8". */
export function countColour(raster: Raster, hex: string, tolerance = 10): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let count = 0;
  for (let i = 0; i < raster.pixels.length; i += 3) {
    if (Math.abs(raster.pixels[i]! - r) <= tolerance && Math.abs(raster.pixels[i + 1]! - g) <= tolerance && Math.abs(raster.pixels[i + 2]! - b) <= tolerance)
      count++;
  }
  return count;
}
