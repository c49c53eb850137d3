import { describe, expect, it } from "vitest";
import { fixedWindowLimiter } from "./rate-limit.js";

describe("the sign-in rate limiter", () => {
  it("when an address uses up its attempts, then it is refused until the window ends, with the seconds to wait; other addresses are not", () => {
    let now = 1_000_000;
    const limiter = fixedWindowLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) expect(limiter.take("10.0.0.1")).toEqual({ allowed: true });
    expect(limiter.take("10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take("10.0.0.2")).toEqual({ allowed: true });
    now += 45_500;
    expect(limiter.take("10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect(limiter.take("10.0.0.1")).toEqual({ allowed: true });
  });

  it("when a flood of addresses arrives, then memory stays bounded and live windows still count", () => {
    let now = 0;
    const limiter = fixedWindowLimiter({ limit: 1, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 25_000; i++) limiter.take(`addr-${i}`);
    now += 1000;
    // The newest addresses are still remembered.
    expect(limiter.take("addr-24999").allowed).toBe(false);
  });
});
