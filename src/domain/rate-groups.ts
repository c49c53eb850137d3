// The groups of perpetrators' statuses that rates are taken over (PRODUCT.md §6), once: the
// figures' counting rules (modules/figures/rules.ts) and the incidents' tallies, which store the
// groups each incident is in (modules/incidents/tallies-repo.ts), both read them here.
import type { MigrationStatus } from "./vocabulary.js";

/** Groups of perpetrators' statuses as reported; `all` takes every incident. */
export const RATE_GROUPS = ["all", "citizens", "foreign_nationals", "unknown"] as const;
export type RateGroup = (typeof RATE_GROUPS)[number];

/** The groups an incident is in besides `all`. */
export type StatusGroup = Exclude<RateGroup, "all">;
export const STATUS_GROUPS = ["citizens", "foreign_nationals", "unknown"] as const satisfies readonly StatusGroup[];

/**
 * Perpetrators' statuses as reported that put an incident in each group. An incident is in a group
 * once when at least one of its perpetrator groups has a status of it; in `unknown` also when it
 * records no perpetrator group at all.
 */
export const RATE_GROUP_STATUSES: Record<StatusGroup, readonly MigrationStatus[]> = {
  citizens: ["citizen_by_birth", "citizen_naturalised"],
  foreign_nationals: ["eu_efta_national", "third_country_resident", "asylum_seeker", "refugee_or_protected", "tolerated_stay", "irregular"],
  unknown: ["unknown"],
};

/** Whether an incident with these statuses (each once; none when no group was recorded) is in a group. */
export function statusesInGroup(statuses: readonly MigrationStatus[], group: StatusGroup): boolean {
  if (group === "unknown" && statuses.length === 0) return true;
  return statuses.some((s) => RATE_GROUP_STATUSES[group].includes(s));
}
