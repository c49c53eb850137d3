// A root-finder for monotone functions. Bisection is slow but cannot diverge, and every quantile in
// this folder is the inverse of a monotone distribution function, so it always has a bracket.

/**
 * Within [lo, hi], the point where `below(x)` switches from true (x left of the root) to false.
 * Halves until the bracket is as narrow as double precision allows at the root, so small roots
 * (0.025 and less) get full relative precision, not just absolute.
 */
export function invertMonotone(below: (x: number) => boolean, lo: number, hi: number): number {
  let low = lo;
  let high = hi;
  for (let i = 0; i < 2_000; i++) {
    const mid = low + (high - low) / 2;
    if (mid <= low || mid >= high) break;
    if (below(mid)) low = mid;
    else high = mid;
    if (high - low <= 2e-16 * Math.abs(high)) break;
  }
  return low + (high - low) / 2;
}
