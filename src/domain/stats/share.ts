// A share (a proportion of records) with its Wilson score interval. Wilson, not the textbook
// p ± z·sqrt(p(1-p)/n): that interval collapses to a point at 0% and 100% and runs outside [0, 1]
// for the small counts an embassy often has, which would make rare findings look certain.
import { requireConfidence, requireCount, StatisticsInputError } from "./input.js";
import { normalQuantile } from "./normal.js";

export const WILSON_METHOD = "Wilson score interval (no continuity correction)";

export interface ShareEstimate {
  successes: number;
  total: number;
  share: number;
  lower: number;
  upper: number;
  confidence: number;
  method: typeof WILSON_METHOD;
}

/** A share of nothing: reported as undefined with its reason, never as 0%. */
export interface UndefinedShare {
  successes: 0;
  total: 0;
  share: null;
  reason: string;
}

export function shareWithInterval(successes: number, total: number, { confidence = 0.95 } = {}): ShareEstimate | UndefinedShare {
  requireCount(successes, "the number of records with the property");
  requireCount(total, "the number of records");
  requireConfidence(confidence);
  if (successes > total) {
    throw new StatisticsInputError(`a share cannot have more records with the property (${successes}) than records (${total}).`);
  }
  if (total === 0) return { successes: 0, total: 0, share: null, reason: "there are no records, so the share is undefined" };

  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / total;
  const z2n = (z * z) / total;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / total + z2n / (4 * total));
  // At 0 and n the formula gives exactly 0 and 1; rounding could leave -1e-17, which a report
  // would print as "-0.0%".
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === total ? 1 : Math.min(1, centre + halfWidth);
  return { successes, total, share: p, lower, upper, confidence, method: WILSON_METHOD };
}
