// The incident list's text search in number order takes a plan of its own on each engine
// (db/dialect.ts searchInNumberOrder): SQLite's full-text index drives the query, PostgreSQL reads
// a rare word's matches first and walks the numbers for a common one. Whatever the plan, every
// page holds what a reader would pick out by hand: the records whose text has every term as a word
// prefix, in number order, each exactly once across the pages.
import { beforeAll, expect, it } from "vitest";
import { listIncidentRows, type ListCursor } from "./repo.js";
import { incidentListQuery } from "./schema.js";
import { deskOf, incidentInputOf } from "../../testing/factories.js";
import { forEachDatabase } from "../../testing/harness.js";

/** Incident i's title: "quokka" in every second, "quince" in every fifth, a case-number-like token in a few. */
function titleOf(i: number): string {
  const words = [`Record ${i}`];
  if (i % 2 === 0) words.push("quokka");
  if (i % 5 === 0) words.push("quince");
  if (i % 9 === 0) words.push(`ref ${4242 + (i % 2)}`);
  return words.join(" ");
}
const RECORDS = 45;

const QUERIES = ["quokka", "quince", "quokka quince", "quo", "QUINCE", "4242", "424", "zebu", "quokka zebu"];

forEachDatabase("the incident list's search in number order", (env) => {
  const stored: { number: number; title: string }[] = [];
  beforeAll(async () => {
    const desk = await deskOf(env(), "DE");
    const ids = await env().context.services.incidents.createIncidents(
      desk.reporter.actor,
      Array.from({ length: RECORDS }, (_, i) => incidentInputOf({ title: titleOf(i), summary: "Nothing else." })),
    );
    for (const item of await env().context.services.incidents.present(ids)) stored.push({ number: item.number, title: item.title });
  });

  /** What a reader picks out by hand: every term a prefix of some word of the title (the summary holds none of them). */
  function expected(q: string, direction: "asc" | "desc"): number[] {
    const terms = q.toLowerCase().split(/\s+/);
    const words = (title: string) => title.toLowerCase().split(/\s+/);
    const numbers = stored.filter((s) => terms.every((t) => words(s.title).some((w) => w.startsWith(t)))).map((s) => s.number);
    return numbers.sort((a, b) => (direction === "asc" ? a - b : b - a));
  }

  for (const q of QUERIES) {
    for (const sort of ["-created", "created"] as const) {
      for (const selective of [0, Number.MAX_SAFE_INTEGER]) {
        const plan = selective === 0 ? "walking the numbers" : "reading the matches first";
        it(`when '${q}' is searched, sorted ${sort}, ${plan}, then the pages hold exactly the matching records in number order`, async () => {
          const query = incidentListQuery.parse({ q, sort, limit: "4" });
          const seen: number[] = [];
          let cursor: ListCursor | null = null;
          for (let page = 0; page < RECORDS; page++) {
            const rows = await listIncidentRows(env().context.db, env().dialect, { kind: "all" }, query, cursor, { selectiveSearchMatches: selective });
            const shown = rows.slice(0, query.limit);
            seen.push(...shown.map((r) => r.number));
            if (rows.length <= query.limit) break;
            const last = shown[shown.length - 1]!;
            cursor = { key: last.number, number: last.number };
          }
          // Other suites' records share nothing with these words, but the database is the suite's own.
          const ours = new Set(stored.map((s) => s.number));
          expect(seen.filter((n) => ours.has(n))).toEqual(expected(q, sort === "created" ? "asc" : "desc"));
          expect(seen.length, "records of no other test hold these words").toBe(seen.filter((n) => ours.has(n)).length);
        });
      }
    }
  }

  it("when the search text holds no word, then nothing matches", async () => {
    const query = incidentListQuery.parse({ q: "!!" });
    expect(await listIncidentRows(env().context.db, env().dialect, { kind: "all" }, query, null)).toEqual([]);
  });
});
