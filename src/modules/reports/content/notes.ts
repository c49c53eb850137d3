// The report's notes and sources: footnotes numbered once and shared by every figure they serve
// (one note per table, not one per cell), and sources numbered in the order the counted records
// cite them. A note names what was counted, over which days, as of when, its records and their
// sources — the earlier period's too — in words for a desk officer: no identifier, no code with an
// underscore, no machine timestamp.
import { GARWOOD_METHOD, WILSON_METHOD } from "../../../domain/stats/index.js";
import type { PopulationFigure } from "../../figures/engine.js";
import { dayText } from "../../../domain/dates.js";
import { periodText, type FigurePeriod } from "../../figures/periods.js";
import type { CountedIncident } from "../../figures/rules.js";
import { SOURCE_KIND_LABELS } from "../../../domain/labels.js";
import { counted, formatCount, listText, POPULATION_LABELS } from "../../figures/words.js";
import type { Citation, Footnote } from "../document.js";
import type { IncidentDetail as ScopeIncident } from "../../incidents/index.js";

const MAX_CITATIONS = 500;
const MAX_NUMBERS = 12;

/** "24 November 2026, 10:32 UTC" from an ISO 8601 UTC timestamp. */
export function timeText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${dayText(match[1]!)}, ${match[2]} UTC` : iso;
}

/** [1]–[4], [7] */
function citationRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i + 1 ? `[${sorted[i]}]–[${sorted[j]}]` : j === i + 1 ? `[${sorted[i]}], [${sorted[j]}]` : `[${sorted[i]}]`);
    i = j + 1;
  }
  return parts.join(", ");
}

export class Notebook {
  readonly footnotes: Footnote[] = [];
  readonly citations: Citation[] = [];
  readonly publishers = new Set<string>();
  private readonly byText = new Map<string, number>();
  private readonly bySource = new Map<string, number>();
  private truncated = false;

  constructor(
    private readonly asOf: string,
    records: readonly ScopeIncident[],
    private readonly countryName: (code: string) => string,
  ) {
    for (const incident of records) {
      for (const source of incident.sources) {
        if (this.bySource.has(source.id)) continue;
        if (this.citations.length >= MAX_CITATIONS) {
          this.truncated = true;
          this.bySource.set(source.id, 0);
          continue;
        }
        const n = this.citations.length + 1;
        this.bySource.set(source.id, n);
        const published = source.published_date ? `, ${dayText(source.published_date)}` : "";
        this.citations.push({
          n,
          text: `${source.publisher}, “${source.title}” (${SOURCE_KIND_LABELS[source.kind]}${published}); source reliability ${source.reliability}, information credibility ${source.credibility}`,
          url: source.url,
        });
      }
    }
  }

  /** A footnote by its text: the same text is one note, however many figures it serves. */
  note(value: string): number {
    const known = this.byText.get(value);
    if (known !== undefined) return known;
    const n = this.footnotes.length + 1;
    this.footnotes.push({ n, text: value });
    this.byText.set(value, n);
    return n;
  }

  citationOf(sourceId: string): number {
    return this.bySource.get(sourceId) ?? 0;
  }

  /**
   * A source that is no incident's (a statistics dataset a response cites), numbered after those
   * cited so far; the same key is one source, however often it is cited. 0 past the limit.
   */
  cite(key: string, text: string, url: string | null): number {
    const known = this.bySource.get(key);
    if (known !== undefined) return known;
    if (this.citations.length >= MAX_CITATIONS) {
      this.truncated = true;
      this.bySource.set(key, 0);
      return 0;
    }
    const n = this.citations.length + 1;
    this.bySource.set(key, n);
    this.citations.push({ n, text, url });
    return n;
  }

  /** "3 records (No. 12, No. 15 and No. 40); sources [1]–[3]" */
  records(incidents: readonly CountedIncident[], details: Map<string, ScopeIncident>): string {
    if (incidents.length === 0) return "no record";
    const numbers = incidents.map((i) => `No. ${i.number}`);
    const listed =
      numbers.length <= MAX_NUMBERS ? listText(numbers) : `${numbers.slice(0, MAX_NUMBERS).join(", ")} and ${formatCount(numbers.length - MAX_NUMBERS)} more`;
    const cites = incidents.flatMap((i) => (details.get(i.id)?.sources ?? []).map((s) => this.citationOf(s.id))).filter((n) => n > 0);
    const sources = cites.length === 0 ? "no source listed" : `sources ${citationRanges(cites)}${this.truncated ? " (the list of sources is cut at 500)" : ""}`;
    return `${counted(incidents.length, "record")} (${listed}); ${sources}`;
  }

  /**
   * The note of figures counted over a period, and the earlier period they are set against:
   * "<what>: distinct incidents accepted or published by the bureau, not retracted, occurring
   * <days>, as of <time>: <records>. Against <earlier>: <records>. <denominators> <extra>"
   */
  counted(
    what: string,
    current: { period: FigurePeriod; incidents: readonly CountedIncident[] },
    details: Map<string, ScopeIncident>,
    options: { previous?: { period: FigurePeriod; incidents: readonly CountedIncident[] }; populations?: readonly PopulationFigure[]; extra?: string[] } = {},
  ): number {
    const parts = [
      `${what}: distinct incidents accepted or published by the bureau and not retracted, occurring ${daysText(current.period)}, as of ${timeText(this.asOf)}: ${this.records(current.incidents, details)}.`,
    ];
    if (options.previous) parts.push(`Set against ${periodText(options.previous.period)}: ${this.records(options.previous.incidents, details)}.`);
    const populations = [...new Map((options.populations ?? []).map((p) => [`${p.geo}|${p.year}|${p.citizen}`, p])).values()];
    if (populations.length > 0) parts.push(`${this.denominators(populations)} Rate intervals: ${GARWOOD_METHOD}; share intervals: ${WILSON_METHOD}.`);
    parts.push(...(options.extra ?? []));
    return this.note(parts.join(" "));
  }

  /** "Denominators: residents of Germany on 1 January 2019, 83,019,213 (Eurostat, Population on 1 January, revision 1, retrieved 24 November 2026)." */
  denominators(populations: readonly PopulationFigure[]): string {
    const items = populations.map((p) => {
      this.publishers.add(p.source.publisher);
      const flag = p.flag ? `, flagged ${flagText(p.flag)}` : "";
      return `${POPULATION_LABELS[p.citizen]} of ${this.countryName(p.geo)} ${p.reference === "1 January" ? `on 1 January ${p.year}` : `at mid-year ${p.year}`}, ${formatCount(p.value)} (${datasetText(p.source)}${flag})`;
    });
    return `Denominator${items.length === 1 ? "" : "s"}: ${items.join("; ")}.`;
  }
}

/** A dataset for people: publisher and title, revision and when it was retrieved. */
export function datasetText(source: { publisher: string; title: string; revision: number; retrieved_at: string }): string {
  return `${source.publisher}, ${source.title}, revision ${source.revision}, retrieved ${dayText(source.retrieved_at.slice(0, 10))}`;
}

const FLAGS: Record<string, string> = {
  b: "break in series",
  e: "estimated",
  p: "provisional",
  u: "low reliability",
  c: "confidential",
  d: "definition differs",
  s: "Eurostat estimate",
  f: "forecast",
  n: "not significant",
  r: "revised",
  z: "not applicable",
};

/** "provisional", "estimated and break in series". */
export function flagText(flag: string): string {
  const words = [...flag].map((c) => FLAGS[c] ?? `flag ${c}`);
  return listText(words);
}

/** The days a period covers, in words: "from 1 January to 31 December 2019". */
export function daysText(period: FigurePeriod): string {
  const text = periodText(period);
  return period.complete && period.kind !== "range" ? `in ${text}` : `from ${text}`;
}
