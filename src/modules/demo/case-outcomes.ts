// Synthetic case outcomes for the demo, so the sentencing page and the justice section have
// something to show: per embassy country, convictions and acquittals for a few offences at two
// court levels, defendants of every reported status (unknown among them). Every group's sentences
// come from the same distribution: the demo must not fabricate a disparity, real or apparent.
import { EMBASSIES } from "../../db/seed/posts.js";
import { MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import type { CaseOutcomeInput } from "../stats/case-outcomes-schema.js";
import { random } from "./generator.js";

const OFFENCES = ["SV.RAPE", "SV.ASSAULT", "TIP.SEX", "VP"] as const;
const COURTS = ["first_instance", "appeal"] as const;
/** Sentences bunch at round numbers of months, as real ones do. */
const MONTHS = [0, 3, 6, 6, 8, 12, 12, 18, 24, 24, 30, 36, 48, 60];

export function generateCaseOutcomes(count: number, { seed = 1, today = new Date().toISOString().slice(0, 10) } = {}): CaseOutcomeInput[] {
  const rng = random(seed);
  const thisYear = Number(today.slice(0, 4));
  return Array.from({ length: count }, (): CaseOutcomeInput => {
    const convicted = rng.next() < 0.85;
    const months = rng.pick(MONTHS);
    const fined = rng.next() < 0.15;
    return {
      country: rng.pick(EMBASSIES).code,
      offence: { category: rng.pick(OFFENCES) },
      court_level: rng.pick(COURTS),
      decision_date: `${thisYear - rng.int(1, 2)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
      defendant: { migration_status: rng.pick(MIGRATION_STATUSES), basis: null },
      convicted,
      sentence: convicted
        ? {
            custodial_months: months,
            suspended: months > 0 && months <= 24 && rng.next() < 0.5,
            fine: fined ? { amount: 100 * rng.int(5, 50), currency: "EUR" } : null,
            other: null,
          }
        : null,
      incident_id: null,
      synthetic: true,
    };
  });
}
