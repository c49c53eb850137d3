// CSV for exports (RFC 4180: CRLF lines, fields quoted when they must be). A cell that a
// spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}

/** Offer `text` as a file download. */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8", bom = true): void {
  // A byte-order mark, so spreadsheet programs read UTF-8 (place names with diacritics) correctly
  // (not for JSON, which may not start with one).
  const blob = new Blob(bom ? ["\uFEFF", text] : [text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
