// Sample quantiles, by one stated definition: R's default (type 7, Hyndman & Fan 1996), which is
// also NumPy's default "linear". Different packages give different quartiles for the same data, so
// a report must say which one it used.
import { requireProbability, StatisticsInputError } from "./input.js";

export const QUANTILE_DEFINITION = "R type 7 (linear interpolation between order statistics; NumPy 'linear')";

/** The p-quantile of values already sorted ascending: x[h] with h = (n-1)p, interpolated. */
export function sortedQuantile(sorted: readonly number[], p: number): number {
  requireProbability(p, "the quantile level");
  if (sorted.length === 0) throw new StatisticsInputError("a quantile of no values is undefined.");
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below]!;
  const high = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return low + (h - below) * (high - low);
}

export function quantile(values: readonly number[], p: number): number {
  return sortedQuantile(
    [...values].sort((x, y) => x - y),
    p,
  );
}
