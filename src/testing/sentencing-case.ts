// The constructed sentencing case the API test and the browser test share: at one court level in
// Germany, 10 citizens and 11 foreign nationals sentenced for sexual assault (ICCS 03012), two
// defendants of unknown status, an acquittal and a conviction with no sentence recorded. Its
// statistics, worked out independently, are in src/modules/analysis/sentencing.test.ts.
import { expect } from "vitest";
import { caseOutcomeExample } from "../modules/stats/case-outcomes-schema.js";
import type { TestEnv, TestUser } from "./harness.js";

const CITIZEN_MONTHS = [null, 8, 10, 12, 12, 14, 18, 24, 30, 36]; // null: a fine only, 0 custodial months
const FOREIGN_MONTHS = [3, 4, 6, 6, 8, 9, 10, 12, 15, 18, 20];
const CITIZEN_STATUSES = ["citizen_by_birth", "citizen_naturalised"] as const;
const FOREIGN_STATUSES = ["asylum_seeker", "third_country_resident", "eu_efta_national"] as const;

export async function recordCaseOutcome(env: TestEnv, user: TestUser, fields: Record<string, unknown>) {
  const response = await env.request(user, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, ...fields } });
  expect(response.statusCode, response.body).toBe(201);
}

/** The constructed case at one court level: citizens (all but `dropCitizens`), foreign nationals, two of unknown status, an acquittal, a conviction with no sentence. */
export async function recordCase(env: TestEnv, user: TestUser, court_level: string, dropCitizens = 0) {
  const base = { country: "DE", offence: { category: "SV.ASSAULT" }, court_level, decision_date: "2024-06-01" };
  for (const [i, months] of CITIZEN_MONTHS.slice(dropCitizens).entries()) {
    await recordCaseOutcome(env, user, {
      ...base,
      defendant: { migration_status: CITIZEN_STATUSES[i % 2], basis: "court_record" },
      sentence:
        months === null
          ? { custodial_months: null, suspended: null, fine: { amount: 900, currency: "EUR" } }
          : { custodial_months: months, suspended: months <= 12, fine: months === 30 ? { amount: 2000, currency: "EUR" } : null },
    });
  }
  for (const [i, months] of FOREIGN_MONTHS.entries()) {
    await recordCaseOutcome(env, user, {
      ...base,
      defendant: { migration_status: FOREIGN_STATUSES[i % 3], basis: "official_statement" },
      sentence: { custodial_months: months, suspended: months <= 9, fine: months === 15 ? { amount: 500, currency: "EUR" } : null },
    });
  }
  for (const months of [7, 40])
    await recordCaseOutcome(env, user, { ...base, defendant: { migration_status: "unknown" }, sentence: { custodial_months: months } });
  await recordCaseOutcome(env, user, { ...base, convicted: false, sentence: null, defendant: { migration_status: "asylum_seeker" } });
  await recordCaseOutcome(env, user, { ...base, sentence: null, defendant: { migration_status: "citizen_by_birth" } });
}
