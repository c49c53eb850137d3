// How the web client writes a query string, in a file of its own (no DOM) so the benchmark sends
// exactly what the pages send.
export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** A query string from a record, leaving out empty values; arrays become comma-separated lists. */
export function queryString(query: { [key: string]: QueryValue }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
