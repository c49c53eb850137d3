// A fixed-window counter per key (the client address, for sign-in attempts), held in this
// process's memory: it slows down guessing from one address and keeps argon2 from being used to
// burn the server's CPU. Several app servers each count on their own; the per-account lockout in
// the database (service.ts) is what holds across all of them.

export interface RateLimiter {
  /** Count one attempt for `key`: allowed, or refused with the seconds until the window resets. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

/** Beyond this many keys the expired windows are swept, so a flood of addresses cannot grow memory unbounded. */
const SWEEP_AT = 10_000;

export function fixedWindowLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; resetAt: number }>();

  function sweep(at: number) {
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
    // Still too many live windows: forget the oldest tenth rather than grow (a Map keeps insertion
    // order), so that sweeping stays rare.
    for (const key of windows.keys()) {
      if (windows.size < SWEEP_AT * 0.9) break;
      windows.delete(key);
    }
  }

  return {
    take(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        if (windows.size >= SWEEP_AT) sweep(at);
        window = { count: 0, resetAt: at + options.windowMs };
        windows.delete(key);
        windows.set(key, window);
      }
      window.count++;
      if (window.count <= options.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - at) / 1000)) };
    },
  };
}
