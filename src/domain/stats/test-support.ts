// Helpers for the statistics tests only: a relative-tolerance comparison (the brief's 1e-6), and a
// seeded generator so property checks are repeatable and never flaky.
import { expect } from "vitest";

/** |actual - expected| <= tolerance · |expected|; an expected 0 or ±Infinity must match exactly. */
export function expectClose(actual: number, expected: number, tolerance = 1e-6): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  const relativeError = Math.abs(actual - expected) / Math.abs(expected);
  expect(relativeError, `${actual} vs reference ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** Park–Miller minimal standard generator: uniform on (0, 1), the same sequence on every run. */
export function seededUniform(seed: number): () => number {
  let state = seed % 2147483647;
  if (state <= 0) state += 2147483646;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}
