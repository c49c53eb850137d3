// Figures in words for people: numbers, intervals, shares, verdicts and the labels of groups and
// populations, once, for the API's texts and every report (the vocabulary's labels — statuses,
// verification, legal status, source kinds — are domain/labels.ts, shared with the web app). No identifier, code with an
// underscore or machine timestamp leaves here.
import { readCountries } from "../../db/seed/seed.js";
import type { Verdict } from "./compare.js";
import type { Citizenship } from "./rules.js";

/** The population a citizenship code stands for. */
export const POPULATION_LABELS: Record<Citizenship, string> = { TOTAL: "residents", NAT: "citizens", FOR: "foreign citizens" };

export const formatCount = (n: number) => n.toLocaleString("en-GB");

/** "1 incident", "2 incidents", "1,204 records". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}

/** 1,234 · 56.7 · 8.90 · 0.00241: whole numbers from 100, else two or three significant figures. */
export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return "no upper bound";
  if (x === 0) return "0";
  if (x < 1) return Number(x.toPrecision(3)).toLocaleString("en-GB", { maximumSignificantDigits: 3, minimumSignificantDigits: 3 });
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : 2;
  return x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const formatInterval = (low: number, high: number | null) =>
  high === null || !Number.isFinite(high) ? `${formatRate(low)} or more` : `${formatRate(low)}–${formatRate(high)}`;
export const formatPercent = (x: number) => `${Math.round(x * 100)}%`;

/** p = 0.034, p < 0.001. */
export function formatP(p: number): string {
  if (p < 0.001) return "p < 0.001";
  return `p = ${p >= 0.1 ? p.toFixed(2) : p.toPrecision(2)}`;
}

/** "Germany", "Germany and France", "Austria, Germany and France": any list in a sentence. */
export function listText(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function verdictText(verdict: Verdict): string {
  return verdict === "no significant change" ? "no significant change" : `a significant ${verdict}`;
}

let countryNames: Map<string, string> | null = null;

/** The ISO 3166 English name of an alpha-2 code ("TR" → "Türkiye"), as the database holds it; the code when unknown. */
export function countryName(code: string): string {
  // XK has no ISO code: it is the user-assigned code publishers use for Kosovo.
  countryNames ??= new Map([...readCountries().map((c) => [c.code, c.name] as const), ["XK", "Kosovo"]]);
  return countryNames.get(code) ?? code;
}
