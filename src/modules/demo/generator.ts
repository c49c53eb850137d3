// Synthetic incidents for the demo, the benchmark and tests. Deterministic for a given seed.
// Every record and every source it makes is flagged `synthetic`, carries "[SYNTHETIC]" in its
// title, and cites only example.org addresses, so none of it can pass for a real event.
import { addDays } from "../../domain/dates.js";
import { TAXONOMY_V1, isHateCrimeCategory } from "../../domain/taxonomy.js";
import { isEuEfta } from "../../domain/regions.js";
import {
  BIAS_MOTIVATIONS,
  LEGAL_STATUSES,
  MIGRATION_STATUS_BASES,
  MIGRATION_STATUSES,
  SOURCE_KINDS,
  SOURCE_RELIABILITY,
  VERIFICATION_STATUSES,
  type WorkflowState,
} from "../../domain/vocabulary.js";
import type { IncidentInput } from "../incidents/schema.js";
import type { SourceInput } from "../sources/schema.js";
import { EMBASSIES } from "../../db/seed/posts.js";

/** mulberry32: a small, fast, seedable PRNG; good enough for plausible fake data. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}
export type Random = ReturnType<typeof random>;

const LEAF_CATEGORIES = TAXONOMY_V1.categories.map((c) => c.code).filter((code) => code.includes(".") || ["VP", "JS", "GR"].includes(code));

const PLACES = [
  "central station",
  "a city park",
  "a residential street",
  "a reception centre",
  "a school",
  "a shopping centre",
  "a regional train",
  "a housing estate",
];
const WHAT: Record<string, string> = {
  SV: "sexual assault reported",
  SE: "exploitation case under investigation",
  TIP: "trafficking case referred to prosecutors",
  HC: "hate-motivated incident reported",
  VE: "extremist incident investigated",
  VP: "violent assault reported",
  HD: "housing dispute reported",
  JS: "court decision reported",
  GR: "government statement issued",
};

const SYNTHETIC_MARK = "[SYNTHETIC]";

export interface GeneratorOptions {
  seed?: number;
  /** Occurrence dates fall in the two years ending on this date. */
  until?: string;
  /** Host countries to spread over (default: every embassy). */
  countries?: readonly string[];
  /** Sources per incident: new ones are generated, each flagged synthetic. */
  sourcesPerIncident?: [number, number];
}

function syntheticSource(rng: Random, date: string): SourceInput {
  const kind = rng.pick(SOURCE_KINDS);
  const n = rng.int(1000, 999_999);
  return {
    kind,
    publisher: `${SYNTHETIC_MARK} ${rng.pick(["Example Daily", "Example Broadcaster", "Example Police", "Example Court", "Example NGO"])}`,
    title: `${SYNTHETIC_MARK} ${rng.pick(["Report", "Statement", "Bulletin", "Judgment summary", "Briefing"])} ${n}`,
    url: `https://example.org/synthetic/${kind}/${n}`,
    language: rng.pick(["en", "de", "fr", "it", "es", "nl", "sv", "pl"]),
    published_date: date,
    archived_sha256: null,
    reliability: rng.pick(SOURCE_RELIABILITY.slice(0, 5)),
    credibility: rng.int(1, 5),
    synthetic: true,
  };
}

/** `count` synthetic incidents with new synthetic sources; pure, so tests can check its output. */
export function generateIncidents(count: number, options: GeneratorOptions = {}): (IncidentInput & { country: string })[] {
  const rng = random(options.seed ?? 1);
  const until = options.until ?? new Date().toISOString().slice(0, 10);
  const countries = options.countries ?? EMBASSIES.map((e) => e.code);
  const [minSources, maxSources] = options.sourcesPerIncident ?? [1, 2];
  const incidents: (IncidentInput & { country: string })[] = [];
  for (let i = 0; i < count; i++) {
    const country = rng.pick(countries);
    const category = rng.pick(LEAF_CATEGORIES);
    const family = category.split(".")[0]!;
    const from = addDays(until, -rng.int(1, 729));
    const victims = rng.int(0, 4);
    const minors = victims === 0 ? 0 : rng.int(0, victims);
    const female = rng.int(0, victims);
    const perpetrators = rng.int(0, 3);
    const status = rng.next() < 0.45 ? "unknown" : rng.pick(MIGRATION_STATUSES.filter((s) => s !== "eu_efta_national" || isEuEfta(country)));
    const legal = rng.pick(LEGAL_STATUSES);
    const reported = addDays(from, rng.int(0, 7));
    incidents.push({
      country,
      location: { admin_region: null, city: null, latitude: null, longitude: null, precision: "country" },
      occurred: { from, to: from, precision: "day" },
      reported_date: reported > until ? from : reported,
      categories: [category],
      title: `${SYNTHETIC_MARK} ${WHAT[family]} near ${rng.pick(PLACES)} (${country}-${i + 1})`,
      summary: `${SYNTHETIC_MARK} Generated for demonstration and testing; this event did not happen. Case ${rng.int(10_000, 99_999)}.`,
      victims: { count: victims, minors, female, male: victims - female, sex_unknown: 0 },
      perpetrators: {
        count: perpetrators,
        groups:
          perpetrators === 0
            ? []
            : [{ count: perpetrators, migration_status: status, basis: status === "unknown" ? null : rng.pick(MIGRATION_STATUS_BASES), nationality: null }],
      },
      bias_motivations: isHateCrimeCategory(category) ? [rng.pick(BIAS_MOTIVATIONS)] : [],
      legal_status: legal,
      sentence:
        legal === "convicted"
          ? { custodial_months: rng.next() < 0.3 ? null : rng.int(3, 96), suspended: rng.next() < 0.35, fine: null, other: null, court: null, date: null }
          : null,
      verification_status: rng.pick(VERIFICATION_STATUSES.filter((v) => v !== "retracted")),
      handling_marking: rng.next() < 0.5 ? "SBU" : "UNCLASSIFIED",
      synthetic: true,
      sources: Array.from({ length: rng.int(minSources, maxSources) }, () => syntheticSource(rng, from)),
    });
  }
  return incidents;
}

/** A plausible spread of workflow states for demo data: mostly drafts and accepted records. */
export function demoState(rng: Random): WorkflowState {
  const r = rng.next();
  if (r < 0.25) return "draft";
  if (r < 0.35) return "submitted";
  if (r < 0.45) return "cleared";
  if (r < 0.8) return "accepted";
  if (r < 0.9) return "published";
  if (r < 0.95) return "returned";
  return "retracted";
}
